package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSimCancelMatchesOracle schedules tracked and untracked events for a
// few entities, cancels entities at random, and checks that exactly the
// events scheduled after an entity's last cancel (or untracked) arrive.
func TestSimCancelMatchesOracle(t *testing.T) {
	for _, qc := range queues() {
		t.Run(qc.name, func(t *testing.T) {
			for seed := range uint64(10) {
				r := rand.New(rand.NewPCG(seed, 99))
				s := New(qc.make())
				type rec struct {
					at      Time
					id      int
					entity  int32
					tracked bool
					epoch   int
				}
				epochs := make([]int, 8)
				var want []rec
				id := 0
				for range 400 {
					e := int32(r.IntN(len(epochs)))
					tracked := r.IntN(2) == 0
					at := Time(r.IntN(300))
					if tracked {
						s.ScheduleTracked(at, Kind(id), e, 0)
					} else {
						s.Schedule(at, Kind(id), e, 0)
					}
					want = append(want, rec{at, id, e, tracked, epochs[e]})
					id++
					if r.IntN(20) == 0 {
						s.Cancel(e)
						epochs[e]++
					}
				}
				var expect []int
				for _, w := range want {
					if !w.tracked || w.epoch == epochs[w.entity] {
						expect = append(expect, w.id)
					}
				}
				// Stable order by time, then scheduling order.
				sorted := make([]int, 0, len(expect))
				for at := Time(0); at < 300; at++ {
					for _, id := range expect {
						if want[id].at == at {
							sorted = append(sorted, id)
						}
					}
				}
				var got []int
				for ev, ok := s.Next(1000); ok; ev, ok = s.Next(1000) {
					got = append(got, int(ev.Kind))
					require.Equal(t, ev.At, s.Now())
				}
				require.Equal(t, sorted, got, "seed %d", seed)
				require.Equal(t, uint64(len(want)-len(sorted)), s.Dropped())
				require.Equal(t, uint64(len(sorted)), s.Dispatched())
			}
		})
	}
}

func TestSimNextStopsBeforeUntil(t *testing.T) {
	s := New(NewBuckets[Time](64))
	s.Schedule(3, 1, 0, 0)
	s.Schedule(10, 2, 0, 0)
	ev, ok := s.Next(10)
	require.True(t, ok)
	require.Equal(t, Time(3), ev.At)
	_, ok = s.Next(10)
	require.False(t, ok)
	require.Equal(t, Time(3), s.Now(), "the clock stays at the last event")
	s.Schedule(7, 3, 0, 0) // still allowed: not before now
	ev, _ = s.Next(11)
	require.Equal(t, Kind(3), ev.Kind)
	ev, _ = s.Next(11)
	require.Equal(t, Kind(2), ev.Kind)
}

func TestSimSchedulingInThePastPanics(t *testing.T) {
	s := New(NewHeap[Time](0))
	s.Schedule(5, 1, 0, 0)
	s.Next(100)
	assert.Panics(t, func() { s.Schedule(4, 1, 0, 0) })
	assert.Panics(t, func() { s.ScheduleTracked(4, 1, 0, 0) })
}

// counter is a Handler that reschedules itself a fixed number of times.
type counter struct{ left, seen int }

func (c *counter) Handle(s *Sim, ev *Event[Time]) {
	c.seen++
	if c.left > 0 {
		c.left--
		s.Schedule(s.Now()+2, ev.Kind, ev.Entity, ev.Arg)
	}
}

func TestSimRun(t *testing.T) {
	s := New(NewBuckets[Time](64))
	s.Schedule(0, 1, 0, 0)
	c := &counter{left: 100}
	n := s.Run(50, c)
	// Events at 0, 2, ..., 48: 25 of them before 50.
	require.Equal(t, uint64(25), n)
	require.Equal(t, 25, c.seen)
	require.Equal(t, Time(48), s.Now())
	s.Reset()
	require.Equal(t, 0, s.Pending())
	require.Equal(t, Time(0), s.Now())
}

func TestReplicateIdenticalForAnyWorkerCount(t *testing.T) {
	fn := func(_ context.Context, _, rep int) (uint64, error) {
		st := NewStream(42, uint64(rep))
		var sum uint64
		for range 1000 + rep%17 {
			sum += st.Uint64() >> 8
		}
		return sum, nil
	}
	want, err := Replicate(context.Background(), 300, 1, fn)
	require.NoError(t, err)
	require.Len(t, want, 300)
	for _, w := range []int{2, 8, 1000} {
		got, err := Replicate(context.Background(), 300, w, fn)
		require.NoError(t, err)
		require.Equal(t, want, got, "workers %d", w)
	}
}

func TestReplicateReportsLowestFailure(t *testing.T) {
	boom := errors.New("boom")
	_, err := Replicate(context.Background(), 50, 4, func(_ context.Context, _, rep int) (int, error) {
		if rep == 7 || rep == 30 {
			return 0, fmt.Errorf("rep %d: %w", rep, boom)
		}
		return rep, nil
	})
	require.ErrorIs(t, err, boom)
	require.Contains(t, err.Error(), "replication 7")
}

func TestReplicateStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Int64
	done := make(chan error, 1)
	go func() {
		_, err := Replicate(ctx, 1_000_000, 2, func(ctx context.Context, _, _ int) (int, error) {
			started.Add(1)
			time.Sleep(time.Millisecond)
			return 0, nil
		})
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(5 * time.Second):
		t.Fatal("Replicate did not stop after cancel")
	}
	require.Less(t, started.Load(), int64(10_000))
}

func TestMixDependsOnEveryKeyAndOrder(t *testing.T) {
	seen := map[uint64]string{}
	for _, keys := range [][]uint64{{}, {0}, {0, 0}, {1}, {1, 2}, {2, 1}, {1, 2, 0}} {
		h := Mix(7, keys...)
		name := fmt.Sprint(keys)
		if prev, dup := seen[h]; dup {
			t.Fatalf("Mix(7, %s) == Mix(7, %s)", name, prev)
		}
		seen[h] = name
	}
	assert.NotEqual(t, Mix(7, 1), Mix(8, 1))
	assert.Equal(t, Mix(7, 1, 2), Mix(7, 1, 2))
}

func TestLogMatchesMath(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100_000 {
		x := math.Ldexp(r.Float64(), r.IntN(80)-40)
		if x == 0 {
			continue
		}
		require.InDelta(t, math.Log(x), Log(x), 2e-16*math.Max(1, math.Abs(math.Log(x))), "x=%g", x)
	}
	assert.True(t, math.IsInf(Log(0), -1))
	assert.True(t, math.IsNaN(Log(-1)))
	assert.Equal(t, 0.0, Log(1))
}

// TestStreamDistributions checks draws against theory: means within five
// standard errors, so a wrong formula fails and noise does not.
func TestStreamDistributions(t *testing.T) {
	const n = 200_000
	s := NewStream(1, 2, 3)
	var u, e, p, b, k float64
	for range n {
		u += s.Float64()
		e += s.Exp()
		p += float64(s.Poisson(0.7))
		if s.Bernoulli(0.3) {
			b++
		}
		k += float64(s.IntN(10))
	}
	se := func(sd float64) float64 { return 5 * sd / math.Sqrt(n) }
	assert.InDelta(t, 0.5, u/n, se(math.Sqrt(1.0/12)))
	assert.InDelta(t, 1.0, e/n, se(1))
	assert.InDelta(t, 0.7, p/n, se(math.Sqrt(0.7)))
	assert.InDelta(t, 0.3, b/n, se(math.Sqrt(0.21)))
	assert.InDelta(t, 4.5, k/n, se(math.Sqrt(99.0/12)))
}

func TestStreamIsReproducible(t *testing.T) {
	a, b := NewStream(9, 1, 2), NewStream(9, 1, 2)
	c := NewStream(9, 1, 3)
	same := 0
	for range 100 {
		x, y, z := a.Uint64(), b.Uint64(), c.Uint64()
		require.Equal(t, x, y)
		if x == z {
			same++
		}
	}
	require.Zero(t, same)
}

// expNeg is e^(−x) to within an ulp or two of math.Exp.
func TestExpNegMatchesMath(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for range 200_000 {
		x := r.Float64() * 40
		require.InEpsilon(t, math.Exp(-x), expNeg(x), 4e-16, "x=%g", x)
	}
	require.Equal(t, 1.0, expNeg(0))
	require.Zero(t, expNeg(800))
}

// The exponential variates have the distribution's moments and tail:
// mean 1, variance 1, P(X > 3) = e^(−3), P(X > 8) = e^(−8) (the
// ziggurat's tail starts at 7.7).
func TestStreamExpDistribution(t *testing.T) {
	const n = 2_000_000
	s := NewStream(4, 2)
	var sum, sq float64
	var over3, over8 int
	for range n {
		x := s.Exp()
		require.Positive(t, x)
		sum += x
		sq += x * x
		if x > 3 {
			over3++
		}
		if x > 8 {
			over8++
		}
	}
	mean := sum / n
	assert.InDelta(t, 1.0, mean, 5/math.Sqrt(n))
	assert.InDelta(t, 1.0, sq/n-mean*mean, 5*math.Sqrt(8.0/n))
	p3, p8 := math.Exp(-3), math.Exp(-8)
	assert.InDelta(t, p3, float64(over3)/n, 5*math.Sqrt(p3/n))
	assert.InDelta(t, p8, float64(over8)/n, 5*math.Sqrt(p8/n))
}

// Absorb continues Mix, and StreamOf(Mix(...)) is NewStream(...).
func TestAbsorbContinuesMix(t *testing.T) {
	assert.Equal(t, Mix(7, 1, 2, 3), Absorb(Mix(7, 1), 2, 3))
	a, b := NewStream(7, 1, 2), StreamOf(Absorb(Mix(7, 1), 2))
	for range 10 {
		require.Equal(t, a.Uint64(), b.Uint64())
	}
}

// Regression: an earlier Mix folded a single key symmetrically with the
// seed, so Mix(1, 2) == Mix(2, 1) and Mix(s, s) == 0 for every s: seed 1's
// replication 1 ran on seed 0, and neighbouring seeds shared replications.
func TestMixIsNotSymmetric(t *testing.T) {
	for s := uint64(0); s < 50; s++ {
		for k := uint64(0); k < 50; k++ {
			if s != k {
				require.NotEqual(t, Mix(s, k), Mix(k, s), "Mix(%d, %d)", s, k)
			}
		}
		require.NotZero(t, Mix(s, s))
		if s > 0 {
			require.NotEqual(t, Mix(s, s), Mix(s-1, s-1))
		}
	}
}

// Stream is math/rand/v2's PCG written out: seeded alike, both give the
// same numbers, so results do not depend on the standard library's
// version and the draws stay inlinable.
func TestStreamIsMathRandPCG(t *testing.T) {
	for _, h := range []uint64{0, 1, 7, golden, 1<<63 + 5, ^uint64(0)} {
		s := StreamOf(h)
		ref := rand.NewPCG(h, mix64(h^golden))
		for i := range 10_000 {
			require.Equal(t, ref.Uint64(), s.Uint64(), "seed %#x, draw %d", h, i)
		}
	}
	s, ref := StreamOf(42), rand.NewPCG(42, mix64(42^golden))
	for range 1000 {
		require.Equal(t, float64(ref.Uint64()>>11)*0x1p-53, s.Float64())
	}
}

// NextRun hands out exactly the events Next would, in the same order and
// at the same clock, while handlers schedule more at the current time and
// later; it stops at until like Next; with tracked events it honours
// cancels.
func TestSimNextRunMatchesNext(t *testing.T) {
	type handled struct {
		at     Time
		entity int32
		now    Time
	}
	play := func(seed uint64, runs, tracked bool, until Time) []handled {
		r := rand.New(rand.NewPCG(seed, 5))
		s := New(NewBucketsChunked[Time](64, 4))
		id := int32(0)
		schedule := func(at Time) {
			if tracked && r.IntN(3) == 0 {
				s.ScheduleTracked(at, 1, id%16, 0)
			} else {
				s.Schedule(at, 0, id, 0)
			}
			id++
		}
		for range 200 {
			schedule(Time(r.IntN(100)))
		}
		var got []handled
		handle := func(ev *Event[Time]) {
			got = append(got, handled{ev.At, ev.Entity, s.Now()})
			for range r.IntN(3) { // some at the same time, some later
				if id < 3000 {
					schedule(s.Now() + Time(r.IntN(3))*Time(r.IntN(40)))
				}
			}
			if tracked && r.IntN(10) == 0 {
				s.Cancel(int32(r.IntN(16)))
			}
		}
		for {
			if runs {
				run := s.NextRun(until)
				if len(run) == 0 {
					break
				}
				for i := range run {
					handle(&run[i])
				}
				continue
			}
			ev, ok := s.Next(until)
			if !ok {
				break
			}
			handle(ev)
		}
		return got
	}
	for seed := range uint64(20) {
		for _, tracked := range []bool{false, true} {
			for _, until := range []Time{50, 1 << 20} {
				one := play(seed, false, tracked, until)
				batched := play(seed, true, tracked, until)
				require.NotEmpty(t, one)
				require.Equal(t, one, batched, "seed %d, tracked %v, until %d", seed, tracked, until)
			}
		}
	}
}
