package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// oracle is the obviously correct queue: a slice kept sorted by (At, Seq).
type oracle struct {
	ev  []Event[Time]
	seq uint64
}

func (o *oracle) push(ev Event[Time]) {
	ev.Seq = o.seq
	o.seq++
	i, _ := slices.BinarySearchFunc(o.ev, ev, func(a, b Event[Time]) int {
		if before(&a, &b) {
			return -1
		}
		return 1
	})
	o.ev = slices.Insert(o.ev, i, ev)
}

func (o *oracle) pop() (Event[Time], bool) {
	if len(o.ev) == 0 {
		return Event[Time]{}, false
	}
	ev := o.ev[0]
	o.ev = o.ev[1:]
	return ev, true
}

type queueCase struct {
	name string
	make func() Queue[Time]
}

func queues() []queueCase {
	return []queueCase{
		{"heap", func() Queue[Time] { return NewHeap[Time](0) }},
		{"buckets", func() Queue[Time] { return NewBuckets[Time](64) }},
		{"buckets-wide", func() Queue[Time] { return NewBuckets[Time](4096) }},
		{"buckets-chunk4", func() Queue[Time] { return NewBucketsChunked[Time](64, 4) }},
		{"buckets-chunk1k", func() Queue[Time] { return NewBucketsChunked[Time](256, 1000) }},
	}
}

// TestQueuesMatchOracle drives every queue and the oracle with the same
// random pushes and pops, with delays from 0 (ties) to far beyond the
// calendar's window, and requires the same events in the same order.
func TestQueuesMatchOracle(t *testing.T) {
	delays := []struct {
		name string
		draw func(r *rand.Rand) Time
	}{
		{"ties", func(r *rand.Rand) Time { return Time(r.IntN(3)) }},
		{"near", func(r *rand.Rand) Time { return Time(r.IntN(50)) }},
		{"exp365", func(r *rand.Rand) Time { return Time(1 + r.ExpFloat64()*365) }},
		{"far", func(r *rand.Rand) Time { return Time(r.IntN(100_000)) }},
		{"mixed", func(r *rand.Rand) Time {
			if r.IntN(10) == 0 {
				return Time(r.IntN(20_000))
			}
			return Time(r.IntN(5))
		}},
	}
	for _, qc := range queues() {
		for _, d := range delays {
			t.Run(qc.name+"/"+d.name, func(t *testing.T) {
				for seed := range uint64(20) {
					r := rand.New(rand.NewPCG(seed, 7))
					q, o := qc.make(), &oracle{}
					var now Time
					for step := range 5000 {
						if r.IntN(100) < 55 {
							ev := Event[Time]{At: now + d.draw(r), Entity: int32(step), Kind: Kind(step % 7)}
							q.Push(ev)
							o.push(ev)
						} else {
							var got Event[Time]
							gok := q.Pop(&got)
							want, wok := o.pop()
							require.Equal(t, wok, gok, "seed %d step %d: pop ok", seed, step)
							if wok {
								require.Equal(t, want.At, got.At, "seed %d step %d: time", seed, step)
								require.Equal(t, want.Entity, got.Entity, "seed %d step %d: order", seed, step)
								now = got.At
							}
						}
						require.Equal(t, len(o.ev), q.Len())
					}
					for {
						want, wok := o.pop()
						var got Event[Time]
						gok := q.Pop(&got)
						require.Equal(t, wok, gok)
						if !wok {
							break
						}
						require.Equal(t, want.Entity, got.Entity)
					}
				}
			})
		}
	}
}

// TestQueuesFIFOTies pushes many events at a few times in a scrambled
// time order and checks that equal times come out in push order.
func TestQueuesFIFOTies(t *testing.T) {
	for _, qc := range queues() {
		t.Run(qc.name, func(t *testing.T) {
			q := qc.make()
			times := []Time{5, 3, 5, 200, 3, 5, 3, 200, 10_000, 5}
			for i, at := range times {
				q.Push(Event[Time]{At: at, Entity: int32(i)})
			}
			var got []int32
			for ev := (Event[Time]{}); q.Pop(&ev); {
				got = append(got, ev.Entity)
			}
			require.Equal(t, []int32{1, 4, 6, 0, 2, 5, 9, 3, 7, 8}, got)
		})
	}
}

func TestQueuesPopBefore(t *testing.T) {
	for _, qc := range queues() {
		t.Run(qc.name, func(t *testing.T) {
			q := qc.make()
			for _, at := range []Time{1, 2, 90, 5000} {
				q.Push(Event[Time]{At: at})
			}
			for _, want := range []Time{1, 2} {
				var ev Event[Time]
				ok := q.PopBefore(90, &ev)
				require.True(t, ok)
				require.Equal(t, want, ev.At)
			}
			var ev Event[Time]
			ok := q.PopBefore(90, &ev)
			require.False(t, ok, "the event at 90 is not before 90")
			require.Equal(t, 2, q.Len())
			// The queue is unchanged: an event pushed now, earlier than 90,
			// still comes first.
			q.Push(Event[Time]{At: 50})
			q.Pop(&ev)
			require.Equal(t, Time(50), ev.At)
			q.PopBefore(6000, &ev)
			require.Equal(t, Time(90), ev.At)
			q.PopBefore(6000, &ev)
			require.Equal(t, Time(5000), ev.At)
			ok = q.PopBefore(6000, &ev)
			require.False(t, ok)
		})
	}
}

func TestQueuesReset(t *testing.T) {
	for _, qc := range queues() {
		t.Run(qc.name, func(t *testing.T) {
			q := qc.make()
			for i := range 1000 {
				q.Push(Event[Time]{At: Time(i * 37 % 3000)})
			}
			q.Reset()
			require.Equal(t, 0, q.Len())
			var ev Event[Time]
			ok := q.Pop(&ev)
			require.False(t, ok)
			q.Push(Event[Time]{At: 7, Entity: 1})
			q.Push(Event[Time]{At: 3, Entity: 2})
			q.Pop(&ev)
			require.Equal(t, int32(2), ev.Entity)
		})
	}
}

// TestBucketsSteadyStateAllocatesNothing is the hold model on the calendar
// after warm-up: the chunk pool must cover it without new memory.
func TestBucketsSteadyStateAllocatesNothing(t *testing.T) {
	q := NewBuckets[Time](4096)
	r := rand.New(rand.NewPCG(1, 2))
	delays := make([]Time, 1<<12)
	for i := range delays {
		delays[i] = Time(1 + r.ExpFloat64()*365)
	}
	for i := range 10_000 {
		q.Push(Event[Time]{At: delays[i%len(delays)]})
	}
	i := 0
	hold := func() {
		var ev Event[Time]
		q.Pop(&ev)
		ev.At += delays[i&(len(delays)-1)]
		i++
		q.Push(ev)
	}
	for range 200_000 {
		hold()
	}
	allocs := testing.AllocsPerRun(100_000, hold)
	require.Zero(t, allocs)
}

// Ahead(k) on the calendar names the events that the (k+1)-th and later
// pops from now return, with pushes in between; walked run by run it
// reaches across chunk boundaries, to every event left in the current
// tick.
func TestBucketsAhead(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, chunk := range []int{4, 8, 64} {
		q := NewBucketsChunked[Time](64, chunk)
		predicted := map[int]Event[Time]{} // pop number -> event
		id := int32(0)
		push := func(at Time) {
			q.Push(Event[Time]{At: at, Entity: id})
			id++
		}
		for range 300 {
			push(Time(r.IntN(5)))
		}
		crossed := 0
		for n := 0; q.Len() > 0; n++ {
			var ev Event[Time]
			require.True(t, q.Pop(&ev))
			if want, ok := predicted[n]; ok {
				require.Equal(t, want.Entity, ev.Entity, "chunk %d, pop %d", chunk, n)
				delete(predicted, n)
			}
			if r.IntN(3) == 0 && id < 2000 { // more work today or later
				push(ev.At + Time(r.IntN(3)))
			}
			// The events left in this tick, counted without the calendar.
			left := 0
			for _, p := range predicted {
				if p.At == ev.At {
					left++
				}
			}
			// Walk the tick run by run, from a random start.
			k := r.IntN(2 * chunk)
			start := k
			for k < start+3*chunk {
				run := q.Ahead(k)
				if len(run) == 0 {
					break
				}
				require.LessOrEqual(t, len(run), chunk, "a run lies in one chunk")
				for j := range run {
					require.Equal(t, ev.At, run[j].At, "runs stay in the current tick")
					predicted[n+1+k+j] = run[j]
				}
				if k > start {
					crossed++
				}
				k += len(run)
			}
			if start == 0 {
				require.GreaterOrEqual(t, k, min(left, 3*chunk), "chunk %d, pop %d: blind to events of this tick", chunk, n)
			}
		}
		require.Empty(t, predicted, "chunk %d: predictions never popped", chunk)
		require.Positive(t, crossed, "chunk %d: no run beyond the first chunk", chunk)
	}
}

// The assembly of PrefetchEntities reads an event's Entity and Kind at
// fixed offsets of a 24-byte event.
func TestEventLayout(t *testing.T) {
	var ev Event[Time]
	require.Equal(t, uintptr(24), unsafe.Sizeof(ev))
	require.Equal(t, uintptr(12), unsafe.Offsetof(ev.Entity))
	require.Equal(t, uintptr(20), unsafe.Offsetof(ev.Kind))
}

// PrefetchEntities reads only what it may: events of kinds without a
// table, entities anywhere, an empty run.
func TestPrefetchEntitiesIsHarmless(t *testing.T) {
	table := make([]uint64, 100)
	var bases [16]uintptr
	bases[3] = uintptr(unsafe.Pointer(&table[0]))
	evs := []Event[Time]{{Kind: 3, Entity: 99}, {Kind: 4, Entity: 1 << 30}, {Kind: 19, Entity: 5}, {Kind: 3, Entity: 0}}
	PrefetchEntities(evs, &bases, 8)
	PrefetchEntities(nil, &bases, 8)
	PrefetchAll([]uintptr{bases[3], 0})
}

// A heap knows only its root: Ahead(0) is the next event, and nothing
// beyond.
func TestHeapAhead(t *testing.T) {
	h := NewHeap[Time](4)
	require.Empty(t, h.Ahead(0))
	h.Push(Event[Time]{At: 5, Entity: 1})
	h.Push(Event[Time]{At: 2, Entity: 2})
	run := h.Ahead(0)
	require.Len(t, run, 1)
	require.Equal(t, int32(2), run[0].Entity)
	require.Empty(t, h.Ahead(1))
}

// TestBucketsReserve: a calendar given room for the events it will hold
// does not grow its chunk pool while they are pushed.
func TestBucketsReserve(t *testing.T) {
	q := NewBucketsChunked[Time](64, 8)
	q.Reserve(1000, 50)
	pool := unsafe.SliceData(q.ev[:cap(q.ev)])
	for i := range 1000 {
		q.Push(Event[Time]{At: Time(i % 50), Entity: int32(i)})
	}
	if unsafe.SliceData(q.ev[:cap(q.ev)]) != pool {
		t.Errorf("the chunk pool grew: %d chunks after reserving", len(q.next))
	}
	var ev Event[Time]
	for i := 0; q.Pop(&ev); i++ {
		if want := Time(i / 20); ev.At != want {
			t.Fatalf("event %d at %d, want %d", i, ev.At, want)
		}
	}
}
