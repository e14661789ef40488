// Package sim is a small, fast discrete-event engine with integer time.
//
// It knows nothing of licences. A model schedules [Event] values (time, kind,
// entity, argument) on a [Sim], pulls them back in time order with
// [Sim.Next], [Sim.NextRun] (a tick's events a chunk at a time, for models
// that do not cancel) or [Sim.Run], and decides what each kind means.
// Events are plain value structs: scheduling and dispatching allocate
// nothing.
//
// Ordering is total and deterministic: earlier times first, and events at
// the same time in the order they were scheduled (FIFO). Cancellation is
// lazy: [Sim.Cancel] bumps an entity's generation, and events scheduled for
// an older generation are dropped when they reach the front of the queue.
//
// Two queues implement [Queue]: [Heap], an implicit d-ary heap for any time
// distribution, and [Buckets], a calendar queue for dense integer time (one
// bucket per tick) whose events live in pooled fixed-size chunks.
//
// Large models are bound by cache misses more than by instructions:
// [Sim.Ahead] shows the coming events, and [PrefetchEntities] and
// [PrefetchAll] ask the CPU for the memory they will touch.
//
// Random numbers come from [Stream], math/rand/v2's PCG generator written
// out so that its draws inline, seeded through [Mix], so that every
// (replication, entity, purpose) has a stream of its own. [Replicate] runs
// independent replications on several workers and returns their results
// in replication order; [ReplicateEach] hands each result to a callback,
// in replication order, as soon as those before it are done, with a
// bounded number running ahead, so that a million replications need not
// all be held at once.
//
// # What it owns and may import
//
// The engine: time, events, queues, random streams and parallel
// replications. It imports only the standard library; every other
// package of licsim may import it, and it imports none of them.
//
//	doc.go          this overview
//	event.go        Time, Kind, the value-type Event and the Queue interface
//	sim.go          Sim: schedule, cancel, Next, NextRun, Ahead, Run
//	heap.go         Heap, the implicit d-ary heap queue
//	buckets.go      Buckets, the calendar queue over pooled chunks
//	prefetch_*.go   PrefetchEntities, PrefetchAll (assembly on amd64)
//	rand.go         Stream (PCG) and Mix, the seeding of streams
//	ziggurat.go     the exponential variate, portable across machines
//	replicate.go    Replicate, ReplicateEach: replications on several workers
package sim
