package sim

import "golang.org/x/exp/constraints"

// heapArity is the fan-out of [Heap]. Four children share a cache line or
// two, halve the depth of a binary heap, and cost one extra compare per
// level on the way down; the runtime's timer heap makes the same choice.
const heapArity = 4

// Heap is an implicit 4-ary min-heap of events in a slice, ordered by
// (At, Seq). It accepts any time distribution and pushes in any order.
// The zero value is an empty heap ready to use.
type Heap[T constraints.Integer] struct {
	ev  []Event[T]
	seq uint64
}

var _ Queue[Time] = (*Heap[Time])(nil)

// NewHeap returns a heap with room for capacity events.
func NewHeap[T constraints.Integer](capacity int) *Heap[T] {
	return &Heap[T]{ev: make([]Event[T], 0, capacity)}
}

// Len returns the number of pending events. The complexity is O(1).
func (h *Heap[T]) Len() int { return len(h.ev) }

// Ahead knows only the next event (k = 0): a heap keeps no order beyond
// its root. O(1).
func (h *Heap[T]) Ahead(k int) []Event[T] {
	if k != 0 || len(h.ev) == 0 {
		return nil
	}
	return h.ev[:1:1]
}

// Reset empties the heap, keeping its memory. The complexity is O(1).
func (h *Heap[T]) Reset() { h.ev = h.ev[:0]; h.seq = 0 }

// Push adds ev. The complexity is O(log n); it allocates only when the
// slice grows.
func (h *Heap[T]) Push(ev Event[T]) {
	ev.Seq = h.seq
	h.seq++
	h.ev = append(h.ev, ev)
	h.up(len(h.ev) - 1)
}

// PopBefore is Pop for an event due before until; otherwise it leaves the
// heap unchanged and returns false. The complexity is O(log n).
func (h *Heap[T]) PopBefore(until T, dst *Event[T]) bool {
	if len(h.ev) == 0 || h.ev[0].At >= until {
		return false
	}
	return h.Pop(dst)
}

// Pop moves the earliest event into dst and removes it; it returns false
// when the heap is empty. The complexity is O(log n).
func (h *Heap[T]) Pop(dst *Event[T]) bool {
	n := len(h.ev) - 1
	if n < 0 {
		return false
	}
	*dst = h.ev[0]
	last := h.ev[n]
	h.ev = h.ev[:n]
	if n > 0 {
		h.down(last)
	}
	return true
}

// up moves the event at i towards the root, shifting parents down into
// the hole instead of swapping (one write per level).
func (h *Heap[T]) up(i int) {
	ev := h.ev[i]
	for i > 0 {
		p := (i - 1) / heapArity
		if !before(&ev, &h.ev[p]) {
			break
		}
		h.ev[i] = h.ev[p]
		i = p
	}
	h.ev[i] = ev
}

// down places ev, which replaced the root, by moving the hole at the root
// down past smaller children.
func (h *Heap[T]) down(ev Event[T]) {
	es := h.ev
	n := len(es)
	i := 0
	for {
		c := i*heapArity + 1
		if c >= n {
			break
		}
		// Smallest of up to four children.
		m := c
		end := min(c+heapArity, n)
		for j := c + 1; j < end; j++ {
			if before(&es[j], &es[m]) {
				m = j
			}
		}
		if !before(&es[m], &ev) {
			break
		}
		es[i] = es[m]
		i = m
	}
	es[i] = ev
}
