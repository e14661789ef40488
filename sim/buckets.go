package sim

import (
	"math/bits"
	"slices"

	"golang.org/x/exp/constraints"
)

// DefaultChunk is the number of events per pooled chunk of a calendar
// from NewBuckets: 64 24-byte events, 1.5 KiB, so that a busy tick walks
// memory sequentially. A sparse calendar (a few events per tick) wastes
// cache on mostly empty chunks and does better with smaller ones; see
// NewBucketsChunked.
const DefaultChunk = 64

// bucket is the FIFO of events for one time slot of the ring.
type bucket struct {
	head, tail int32 // chunk indices; head < 0 when the bucket is empty
	rd, wr     int32 // read position in head, write position in tail
}

// Buckets is a calendar queue for dense integer time: a ring of one
// bucket per tick covering the window [cur, cur+span), where cur is the
// time of the earliest pending event. Events beyond the window wait in an
// overflow [Heap] and move into the ring as the window slides over them.
//
// Each bucket is a FIFO, so events at equal times pop in push order
// without comparing sequence numbers. A bitmap of non-empty buckets finds
// the next busy tick 64 buckets per machine word. Events are stored in
// fixed-size chunks taken from a free list and returned to it when
// drained, so once the pool has grown to the working set, Push and Pop
// allocate nothing.
//
// Events must not be pushed earlier than the last event popped (or than
// 0 on a new or reset queue); a simulation clock satisfies this.
type Buckets[T constraints.Integer] struct {
	_       [64]byte // see Sim: parallel workers' queues must not share cache lines
	buckets []bucket
	bits    []uint64 // bit i set: buckets[i] is non-empty
	mask    int
	cur     T   // time of the ring slot being drained
	n       int // events in the ring (not counting far)
	// Chunk c holds ev[c<<shift : (c+1)<<shift]; next[c] links it to the
	// following chunk of its bucket, or of the free list. Indices, not
	// pointers, so the garbage collector never scans the calendar.
	ev    []Event[T]
	next  []int32
	shift uint
	chunk int32 // events per chunk, 1<<shift
	free  int32 // head of the free-chunk list, -1 when empty
	spent int32 // a chunk the last PopRun drained, freed by the next; -1 when none
	far   Heap[T]
	seq   uint64
	_     [64]byte
}

var _ Queue[Time] = (*Buckets[Time])(nil)

// NewBuckets returns a calendar queue whose ring spans at least span
// ticks (rounded up to a power of two, at least 64). Choose span to cover
// the usual distance between now and a scheduled event: events further
// ahead go through the slower overflow heap.
func NewBuckets[T constraints.Integer](span int) *Buckets[T] {
	return NewBucketsChunked[T](span, DefaultChunk)
}

// NewBucketsChunked is NewBuckets with chunks of about the given number
// of events (a power of two from 4 to 1024): about what a busy tick holds.
func NewBucketsChunked[T constraints.Integer](span, chunk int) *Buckets[T] {
	size := 64
	for size < span {
		size <<= 1
	}
	shift := uint(2)
	for 1<<shift < chunk && shift < 10 {
		shift++
	}
	q := &Buckets[T]{
		buckets: make([]bucket, size),
		bits:    make([]uint64, size/64),
		mask:    size - 1,
		shift:   shift,
		chunk:   1 << shift,
		free:    -1,
		spent:   -1,
	}
	for i := range q.buckets {
		q.buckets[i] = bucket{head: -1, tail: -1}
	}
	return q
}

// Len returns the number of pending events. The complexity is O(1).
func (q *Buckets[T]) Len() int { return q.n + q.far.Len() }

// Ahead returns the events of the current tick from k places after the
// next one to the end of the chunk that holds that one; none when the
// tick has fewer. O(1 + k/chunk): it follows the tick's chunks, so that a
// model prefetching a few events ahead is not blind at every chunk's end,
// and a model calling it again from k+len(result) walks the whole tick.
func (q *Buckets[T]) Ahead(k int) []Event[T] {
	b := &q.buckets[int(q.cur)&q.mask]
	if b.head < 0 {
		return nil
	}
	c, i := b.head, b.rd+int32(k)
	for i >= q.chunk {
		if c == b.tail {
			return nil
		}
		c, i = q.next[c], i-q.chunk
	}
	end := q.chunk
	if c == b.tail {
		end = b.wr
	}
	if i >= end {
		return nil
	}
	base := int(c) << q.shift
	return q.ev[base+int(i) : base+int(end) : base+int(end)]
}

// Reset empties the queue, keeping the ring and the chunk memory. The
// complexity is O(span/64) plus O(1) per non-empty bucket and per chunk.
func (q *Buckets[T]) Reset() {
	for w, word := range q.bits {
		for word != 0 {
			i := w<<6 + bits.TrailingZeros64(word)
			q.buckets[i] = bucket{head: -1, tail: -1}
			word &= word - 1
		}
		q.bits[w] = 0
	}
	// Every chunk goes back to the pool, linked in order, so the next run
	// reuses them without zeroing or appending.
	q.free, q.spent = -1, -1
	for c := len(q.next) - 1; c >= 0; c-- {
		q.next[c] = q.free
		q.free = int32(c)
	}
	q.n = 0
	q.cur = 0
	q.seq = 0
	q.far.Reset()
}

// Push adds ev. The complexity is O(1) within the window and O(log n)
// in the overflow heap beyond it. The calendar does not need Seq (each
// bucket is a FIFO) and leaves it to the overflow heap.
func (q *Buckets[T]) Push(ev Event[T]) {
	if uint64(ev.At-q.cur) > uint64(q.mask) {
		q.pushFar(ev)
		return
	}
	i := int(ev.At) & q.mask
	b := &q.buckets[i]
	if b.head < 0 || b.wr == q.chunk {
		q.grow(b, i)
	}
	q.ev[int(b.tail)<<q.shift|int(b.wr)] = ev
	b.wr++
	q.n++
}

// pushFar handles the rare pushes outside the window: beyond it (to the
// overflow heap), or earlier than the last pop, which is not allowed but
// is kept as due now rather than lost.
//
//go:noinline
func (q *Buckets[T]) pushFar(ev Event[T]) {
	if ev.At >= q.cur {
		q.far.Push(ev)
		return
	}
	ev.At = q.cur
	q.place(ev)
}

// place appends ev, which lies inside the window, to its bucket. Push
// repeats its body rather than calling it, to stay within the inlining
// budget on the model's hot path.
func (q *Buckets[T]) place(ev Event[T]) {
	i := int(ev.At) & q.mask
	b := &q.buckets[i]
	if b.head < 0 || b.wr == q.chunk {
		q.grow(b, i)
	}
	q.ev[int(b.tail)<<q.shift|int(b.wr)] = ev
	b.wr++
	q.n++
}

// grow gives bucket i, which is empty or has a full tail, a new chunk.
//
//go:noinline
func (q *Buckets[T]) grow(b *bucket, i int) {
	c := q.alloc()
	if b.head < 0 {
		b.head, b.tail, b.rd, b.wr = c, c, 0, 0
		q.bits[i>>6] |= 1 << (i & 63)
		return
	}
	q.next[b.tail] = c
	b.tail, b.wr = c, 0
}

// Reserve makes room in the chunk pool for about events pending at once
// spread over ticks ticks (each tick's last chunk is partly empty), so
// that a first run does not grow the pool as it goes: every growth copies
// the whole pool. Runs after the first reuse the pool anyway. It is O(1)
// when the pool has the room already.
func (q *Buckets[T]) Reserve(events, ticks int) {
	chunks := events>>q.shift + ticks
	q.next = slices.Grow(q.next, max(0, chunks-len(q.next)))
	q.ev = slices.Grow(q.ev, max(0, chunks<<q.shift-len(q.ev)))
}

// alloc takes a chunk from the pool, growing it when empty.
func (q *Buckets[T]) alloc() int32 {
	if c := q.free; c >= 0 {
		q.free = q.next[c]
		q.next[c] = -1
		return c
	}
	c := int32(len(q.next))
	q.next = append(q.next, -1)
	q.ev = append(q.ev, make([]Event[T], q.chunk)...)
	return c
}

// Pop moves the earliest event into dst and removes it; it returns false
// when the queue is empty. The complexity is O(1) amortised: a scan of
// the bitmap when the current tick runs dry.
func (q *Buckets[T]) Pop(dst *Event[T]) bool {
	b := &q.buckets[int(q.cur)&q.mask]
	if b.head < 0 {
		if q.n == 0 && q.far.Len() == 0 {
			return false
		}
		b = q.advance()
	}
	*dst = q.ev[int(b.head)<<q.shift|int(b.rd)]
	b.rd++
	q.n--
	if b.rd == b.wr || b.rd == q.chunk {
		q.retire(b)
	}
	return true
}

// PopBefore is Pop for an event due before until; otherwise it leaves the
// queue unchanged and returns false.
func (q *Buckets[T]) PopBefore(until T, dst *Event[T]) bool {
	b := &q.buckets[int(q.cur)&q.mask]
	if b.head < 0 {
		if q.n == 0 && q.far.Len() == 0 || q.nextTime() >= until {
			return false
		}
		b = q.advance()
	} else if q.cur >= until {
		return false
	}
	*dst = q.ev[int(b.head)<<q.shift|int(b.rd)]
	b.rd++
	q.n--
	if b.rd == b.wr || b.rd == q.chunk {
		q.retire(b)
	}
	return true
}

// PopRun removes the next events due before until that lie together
// (those of the earliest tick, from its head chunk, to that chunk's end
// or the tick's last event, in pop order) and returns them in place,
// without copying: nil when nothing is due before until. The run stays
// valid, for reading, until the next PopRun or Reset: a chunk it drains
// goes back to the pool only then, so that events pushed while the
// caller handles the run cannot overwrite it. Handing out the chunk
// costs nothing per event; the copy it replaced was a fortieth of a
// large model's time.
func (q *Buckets[T]) PopRun(until T) []Event[T] {
	if q.spent >= 0 {
		q.release(q.spent)
		q.spent = -1
	}
	b := &q.buckets[int(q.cur)&q.mask]
	if b.head < 0 {
		if q.n == 0 && q.far.Len() == 0 || q.nextTime() >= until {
			return nil
		}
		b = q.advance()
	} else if q.cur >= until {
		return nil
	}
	end := q.chunk
	if b.head == b.tail {
		end = b.wr
	}
	base := int(b.head) << q.shift
	run := q.ev[base+int(b.rd) : base+int(end) : base+int(end)]
	b.rd = end
	q.n -= len(run)
	if b.head == b.tail {
		if b.rd == b.wr {
			q.spent = b.head
			b.head, b.tail = -1, -1
			i := int(q.cur) & q.mask
			q.bits[i>>6] &^= 1 << (i & 63)
		}
	} else if b.rd == q.chunk {
		q.spent = b.head
		b.head, b.rd = q.next[b.head], 0
	}
	return run
}

// advance moves the window to the next busy tick, when the current bucket
// is empty and the queue is not, and returns that tick's bucket.
//
//go:noinline
func (q *Buckets[T]) advance() *bucket {
	q.cur = q.nextTime()
	q.migrate()
	return &q.buckets[int(q.cur)&q.mask]
}

// retire runs after a pop that may have drained the head chunk: it frees
// the chunk, and clears the bucket when it was the last.
//
//go:noinline
func (q *Buckets[T]) retire(b *bucket) {
	if b.head == b.tail {
		if b.rd == b.wr {
			q.release(b.head)
			b.head, b.tail = -1, -1
			i := int(q.cur) & q.mask
			q.bits[i>>6] &^= 1 << (i & 63)
		}
		return
	}
	if b.rd == q.chunk {
		next := q.next[b.head]
		q.release(b.head)
		b.head, b.rd = next, 0
	}
}

// release returns a drained chunk to the pool.
func (q *Buckets[T]) release(c int32) {
	q.next[c] = q.free
	q.free = c
}

// nextTime is the time of the earliest pending event when the current
// bucket is empty and the queue is not.
func (q *Buckets[T]) nextTime() T {
	if q.n == 0 {
		return q.far.ev[0].At
	}
	pos := int(q.cur) & q.mask
	start := (pos + 1) & q.mask
	w := start >> 6
	word := q.bits[w] &^ (1<<(start&63) - 1)
	for range len(q.bits) + 1 {
		if word != 0 {
			slot := w<<6 + bits.TrailingZeros64(word)
			return q.cur + T((slot-pos)&q.mask)
		}
		w++
		if w == len(q.bits) {
			w = 0
		}
		word = q.bits[w]
	}
	panic("sim: calendar bitmap lost its events") // unreachable: q.n > 0
}

// migrate moves overflow events that the window now covers into the ring.
// They keep their order: the overflow heap yields them by (At, Seq), and
// no event for those ticks can be in the ring yet, because the window
// only now reaches them.
func (q *Buckets[T]) migrate() {
	for q.far.Len() > 0 && uint64(q.far.ev[0].At-q.cur) <= uint64(q.mask) {
		var ev Event[T]
		q.far.Pop(&ev)
		q.place(ev)
	}
}
