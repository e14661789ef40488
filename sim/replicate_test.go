package sim

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repValue is a replication's result that takes a while, more for some
// replications than others, so that workers finish out of order.
func repValue(_ context.Context, _, rep int) (uint64, error) {
	st := NewStream(42, uint64(rep))
	var sum uint64
	for range 200 + (rep*7919)%3000 {
		sum += st.Uint64() >> 8
	}
	return sum, nil
}

// noLeaks fails t if goroutines started during the test are still there
// a little after it.
func noLeaks(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		for range 100 {
			if runtime.NumGoroutine() <= before {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Errorf("%d goroutines before, %d after", before, runtime.NumGoroutine())
	})
}

// TestReplicateEach_InOrderForAnyWorkersAndWindow: sink sees every
// replication once, in order, with the value Replicate returns for it,
// whatever the workers and window; and no more than window replications
// are ever started and not yet delivered.
func TestReplicateEach_InOrderForAnyWorkersAndWindow(t *testing.T) {
	noLeaks(t)
	const n = 300
	want, err := Replicate(context.Background(), n, 1, repValue)
	require.NoError(t, err)
	for _, w := range []int{1, 2, 3, 8, 1000} {
		for _, window := range []int{0, 1, 2, 5, 64, 1000} {
			var started, delivered, most atomic.Int64
			fn := func(ctx context.Context, worker, rep int) (uint64, error) {
				ahead := started.Add(1) - delivered.Load()
				for m := most.Load(); ahead > m && !most.CompareAndSwap(m, ahead); m = most.Load() {
				}
				return repValue(ctx, worker, rep)
			}
			var got []uint64
			err := ReplicateEach(context.Background(), n, w, window, fn, func(rep int, v uint64) error {
				require.Equal(t, len(got), rep, "replications arrive in order")
				got = append(got, v)
				delivered.Add(1)
				return nil
			})
			require.NoError(t, err)
			require.Equal(t, want, got, "workers %d, window %d", w, window)
			bound := int64(window)
			if window == 0 {
				bound = int64(4 * min(w, n))
			}
			bound = min(max(bound, int64(min(w, n))), n)
			assert.LessOrEqual(t, most.Load(), bound, "workers %d, window %d: replications ahead of delivery", w, window)
		}
	}
}

// TestReplicateEach_ReportsLowestFailure: fn's first failing replication
// is reported, wrapped with its number, and nothing from it on is
// delivered; the replications cancelled by it are not reported instead.
func TestReplicateEach_ReportsLowestFailure(t *testing.T) {
	noLeaks(t)
	boom := errors.New("boom")
	for _, w := range []int{1, 2, 4, 16} {
		var got []int
		err := ReplicateEach(context.Background(), 50, w, 0, func(ctx context.Context, _, rep int) (int, error) {
			if rep == 7 || rep == 30 {
				return 0, fmt.Errorf("rep %d: %w", rep, boom)
			}
			if rep > 7 {
				<-ctx.Done() // still running when 7 fails
				return 0, ctx.Err()
			}
			return rep, nil
		}, func(rep, v int) error {
			got = append(got, v)
			return nil
		})
		require.ErrorIs(t, err, boom, "workers %d", w)
		require.Contains(t, err.Error(), "replication 7")
		require.Equal(t, []int{0, 1, 2, 3, 4, 5, 6}, got)
	}
}

// TestReplicateEach_SinkError: a sink's error stops the run and comes
// back as it is; nothing after the replication it refused is delivered.
func TestReplicateEach_SinkError(t *testing.T) {
	noLeaks(t)
	full := errors.New("full")
	for _, w := range []int{1, 2, 8} {
		var got []int
		err := ReplicateEach(context.Background(), 1000, w, 3, func(_ context.Context, _, rep int) (int, error) {
			return rep, nil
		}, func(rep, v int) error {
			if rep == 40 {
				return full
			}
			got = append(got, v)
			return nil
		})
		require.Equal(t, full, err)
		require.Len(t, got, 40)
	}
}

// TestReplicateEach_StopsOnCancel: cancelling ctx stops the run soon,
// returns ctx's error, and what was delivered is a prefix.
func TestReplicateEach_StopsOnCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Int64
	done := make(chan error, 1)
	var got []int
	go func() {
		done <- ReplicateEach(ctx, 1_000_000, 2, 0, func(ctx context.Context, _, rep int) (int, error) {
			started.Add(1)
			time.Sleep(time.Millisecond)
			return rep, nil
		}, func(rep, v int) error {
			got = append(got, v)
			return nil
		})
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(5 * time.Second):
		t.Fatal("ReplicateEach did not stop after cancel")
	}
	require.Less(t, started.Load(), int64(10_000))
	for i, v := range got {
		require.Equal(t, i, v)
	}
}

func TestReplicateEach_None(t *testing.T) {
	err := ReplicateEach(context.Background(), 0, 4, 0, repValue, func(int, uint64) error {
		t.Fatal("nothing to deliver")
		return nil
	})
	require.NoError(t, err)
}
