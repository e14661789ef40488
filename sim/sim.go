package sim

import "fmt"

// Handler receives the events of [Sim.Run]. One interface call per event
// is the only indirection on the engine's path; models that want none
// pull events with [Sim.Next] and switch on the kind.
type Handler interface {
	Handle(s *Sim, ev *Event[Time])
}

// Sim is the engine: a clock, a queue, and the generation counters that
// make cancellation lazy. It is not safe for concurrent use; run one Sim
// per goroutine (see [Replicate]).
type Sim struct {
	// Padding on both sides keeps the engines of parallel workers off
	// each other's cache lines: every event writes these fields, and two
	// engines allocated side by side (96-byte objects share lines) made
	// parallel replications run at half speed in some processes.
	_          [64]byte
	q          Queue[Time]
	cal        *Buckets[Time] // q itself when it is a calendar, called directly
	ev         Event[Time]    // the event being handled; Pop fills it in place
	run        []Event[Time]  // the run NextRun hands out
	now        Time
	gen        []uint32 // generation per tracked entity, starting at 1
	dispatched uint64
	dropped    uint64
	_          [64]byte
}

// New returns an engine at time 0 that schedules on q.
func New(q Queue[Time]) *Sim {
	cal, _ := q.(*Buckets[Time])
	return &Sim{q: q, cal: cal}
}

// Now is the time of the event being handled (or last handled).
func (s *Sim) Now() Time { return s.now }

// Pending is the number of scheduled events, cancelled ones included
// until they are dropped.
func (s *Sim) Pending() int { return s.q.Len() }

// Dispatched is the number of events returned by Next or handled by Run.
func (s *Sim) Dispatched() uint64 { return s.dispatched }

// Dropped is the number of cancelled events discarded so far.
func (s *Sim) Dropped() uint64 { return s.dropped }

// Reset empties the queue, rewinds the clock to 0 and forgets every
// entity's generation, keeping memory for the next run.
func (s *Sim) Reset() {
	s.q.Reset()
	s.now = 0
	s.gen = s.gen[:0]
	s.dispatched, s.dropped = 0, 0
}

// Reserve makes room for about events pending at once over ticks ticks
// (see [Buckets.Reserve]); it does nothing on other queues.
func (s *Sim) Reserve(events, ticks int) {
	if s.cal != nil {
		s.cal.Reserve(events, ticks)
	}
}

// Schedule adds an event that cannot be cancelled. Scheduling in the past
// (at < Now) is a bug in the model and panics. O(1) on [Buckets].
func (s *Sim) Schedule(at Time, kind Kind, entity int32, arg uint16) {
	if at < s.now {
		s.past(at, kind)
	}
	// The calendar's Push is written out here for its common case, an
	// event inside the window: a call to the interface's Push, then one
	// to the generic Push (with its dictionary), were a measurable share
	// of an event's cost.
	if q := s.cal; q != nil && uint64(at-q.cur) <= uint64(q.mask) {
		i := int(at) & q.mask
		b := &q.buckets[i]
		if b.head < 0 || b.wr == q.chunk {
			q.grow(b, i)
		}
		q.ev[int(b.tail)<<q.shift|int(b.wr)] = Event[Time]{At: at, Entity: entity, Kind: kind, Arg: arg}
		b.wr++
		q.n++
		return
	}
	s.q.Push(Event[Time]{At: at, Entity: entity, Kind: kind, Arg: arg})
}

// ScheduleTracked adds an event that [Sim.Cancel] of its entity removes.
// Tracked entities are numbered densely from 0 by the model; the engine
// keeps one counter per entity up to the largest used.
func (s *Sim) ScheduleTracked(at Time, kind Kind, entity int32, arg uint16) {
	if at < s.now {
		s.past(at, kind)
	}
	ev := Event[Time]{At: at, Entity: entity, Kind: kind, Arg: arg, Gen: s.generation(entity)}
	if s.cal != nil {
		s.cal.Push(ev)
		return
	}
	s.q.Push(ev)
}

// past panics on an event scheduled before now. It is out of line so that
// formatting the message weighs nothing on the Schedule calls that do not
// panic.
//
//go:noinline
func (s *Sim) past(at Time, kind Kind) {
	panic(fmt.Sprintf("sim: event kind %d scheduled at %d, before now %d", kind, at, s.now))
}

// generation returns entity's current generation, growing the table.
func (s *Sim) generation(entity int32) uint32 {
	if int(entity) >= len(s.gen) {
		for len(s.gen) <= int(entity) {
			s.gen = append(s.gen, 1)
		}
	}
	return s.gen[entity]
}

// Cancel drops every pending tracked event of entity. It is O(1): the
// events stay queued and are discarded when they reach the front.
func (s *Sim) Cancel(entity int32) {
	s.generation(entity)
	s.gen[entity]++
}

// live reports whether ev was not cancelled after it was scheduled.
func (s *Sim) live(ev *Event[Time]) bool {
	return ev.Gen == 0 || ev.Gen == s.gen[ev.Entity]
}

// Next removes the earliest live event due before until, advances the
// clock to it and returns it. It returns false when nothing is due before
// until; the clock then stays where it was. The event is the engine's
// own copy, valid until the next call of Next.
func (s *Sim) Next(until Time) (*Event[Time], bool) {
	ev := &s.ev
	for {
		var ok bool
		if s.cal != nil {
			ok = s.cal.PopBefore(until, ev)
		} else {
			ok = s.q.PopBefore(until, ev)
		}
		if !ok {
			return ev, false
		}
		if !s.live(ev) {
			s.dropped++
			continue
		}
		s.now = ev.At
		s.dispatched++
		return ev, true
	}
}

// NextRun removes the next events due before until that the queue holds
// together (the events of the earliest tick, a chunk at a time, on the
// calendar), advances the clock to their time and returns them, in
// order; none when nothing is due before until. The slice is the
// engine's own, valid until the next call of Next or NextRun. Events the
// handlers schedule meanwhile, even at the same time, come after the
// run, as they would one event at a time.
//
// Draining a run costs a few instructions per event where Next costs a
// call into the queue and its checks. It applies while no event is
// tracked (see ScheduleTracked): a run cannot skip cancelled events, so
// with tracked events NextRun returns one event at a time, like Next.
func (s *Sim) NextRun(until Time) []Event[Time] {
	if s.cal == nil || len(s.gen) > 0 {
		ev, ok := s.Next(until)
		if !ok {
			return nil
		}
		s.run = append(s.run[:0], *ev)
		return s.run
	}
	run := s.cal.PopRun(until)
	if len(run) == 0 {
		return nil
	}
	s.now = run[0].At
	s.dispatched += uint64(len(run))
	return run
}

// Ahead returns coming events, starting k places after the one Next
// returns next, that the queue can tell cheaply (see [Queue]): a run of
// them, or none. They may include cancelled events, and the slice is
// valid, for reading only, until the next Schedule or Next. Its use is to
// prefetch the memory those events will touch (see PrefetchAll).
func (s *Sim) Ahead(k int) []Event[Time] {
	if s.cal != nil {
		return s.cal.Ahead(k)
	}
	return s.q.Ahead(k)
}

// Run hands every live event due before until to h, in order, including
// events that h schedules meanwhile. It returns the number handled.
func (s *Sim) Run(until Time, h Handler) uint64 {
	start := s.dispatched
	for {
		ev, ok := s.Next(until)
		if !ok {
			return s.dispatched - start
		}
		h.Handle(s, ev)
	}
}
