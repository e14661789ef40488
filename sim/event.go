package sim

import "golang.org/x/exp/constraints"

// Time is the engine's clock: an integer tick. Models choose the unit
// (licsim's model uses one tick per day).
type Time int32

// Kind says what an event is; its meaning belongs to the model.
type Kind uint16

// Event is one scheduled occurrence. It is a small value (24 bytes with a
// 32-bit time) so that queues can store events inline, without pointers.
type Event[T constraints.Integer] struct {
	// Seq is the scheduling order, set by a heap on Push so that events at
	// equal times pop first-in first-out. (The calendar queue needs no
	// sequence numbers: each of its buckets is a FIFO.)
	Seq uint64
	// At is when the event happens.
	At T
	// Entity is who the event concerns, in the model's numbering.
	Entity int32
	// Gen is the entity's generation when the event was scheduled; 0 means
	// the event cannot be cancelled. See [Sim.Cancel].
	Gen uint32
	// Kind is what happens.
	Kind Kind
	// Arg is a small argument for the model (a product index, say).
	Arg uint16
}

// before reports whether a pops before b: earlier time, then earlier Seq.
func before[T constraints.Integer](a, b *Event[T]) bool {
	return a.At < b.At || (a.At == b.At && a.Seq < b.Seq)
}

// Queue is a priority queue of events ordered by time, FIFO at equal
// times. Implementations may require that no event is pushed earlier than
// the last one popped (a simulation clock never runs backwards).
type Queue[T constraints.Integer] interface {
	// Push adds an event.
	Push(ev Event[T])
	// Pop moves the earliest event into dst and removes it; it returns
	// false when the queue is empty. (An out-parameter rather than a
	// returned struct: returning a six-field struct costs a register
	// shuffle through the stack that tripled the queue's cost.)
	Pop(dst *Event[T]) bool
	// PopBefore is Pop for an event due before until; otherwise it leaves
	// the queue as it is and returns false.
	PopBefore(until T, dst *Event[T]) bool
	// Ahead returns events the queue can tell at no cost, starting k
	// places after the next one to pop, in pop order: a run of them that
	// lies together in memory, or none. The slice is valid until the next
	// Push or Pop, and only for reading. Models use it to prefetch memory
	// (see PrefetchAll).
	Ahead(k int) []Event[T]
	// Len is the number of pending events.
	Len() int
	// Reset empties the queue and keeps its memory for reuse.
	Reset()
}
