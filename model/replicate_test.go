package model

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReplicateEach_SameAsReplicateRange: the Results handed over, in
// order, are those ReplicateRange returns, for any worker count, from
// any first replication; replication 0 alone lists its subscriptions.
func TestReplicateEach_SameAsReplicateRange(t *testing.T) {
	cfg := small()
	cfg.Replications = 40
	for _, first := range []int{0, 13} {
		want, err := ReplicateRange(context.Background(), cfg, first, cfg.Replications, 1, nil)
		require.NoError(t, err)
		require.Equal(t, first == 0, len(want[0].Subscriptions) > 0)
		for _, w := range []int{1, 2, 5} {
			var got []Result
			var calls atomic.Int64
			err := ReplicateEach(context.Background(), cfg, first, cfg.Replications, w, func() { calls.Add(1) }, func(r *Result) error {
				got = append(got, *r)
				return nil
			})
			require.NoError(t, err)
			require.Equal(t, want, got, "first %d, workers %d", first, w)
			require.Equal(t, int64(len(want)), calls.Load())
		}
	}
}

// TestReplicateEach_EachError: an error from each stops the run and is
// returned.
func TestReplicateEach_EachError(t *testing.T) {
	cfg := small()
	cfg.Replications = 40
	stop := errors.New("stop")
	n := 0
	err := ReplicateEach(context.Background(), cfg, 0, cfg.Replications, 2, nil, func(r *Result) error {
		if r.Rep == 5 {
			return stop
		}
		n++
		return nil
	})
	require.ErrorIs(t, err, stop)
	require.Equal(t, 5, n)
}

// variedResults collects ReplicateVariedEach's Results, checking that
// they come in replication order.
func variedResults(t *testing.T, cfg *Config, workers int, vary func(int) (*Config, error)) []Result {
	t.Helper()
	var got []Result
	err := ReplicateVariedEach(context.Background(), cfg, cfg.Replications, workers, vary, nil, func(r *Result) error {
		require.Equal(t, len(got), r.Rep, "in replication order")
		got = append(got, *r)
		return nil
	})
	require.NoError(t, err)
	return got
}

// TestReplicateVariedEach: with every replication on the base
// configuration it gives Replicate's results exactly, in order, for any
// worker count; a varied key changes the replications it is varied in.
func TestReplicateVariedEach(t *testing.T) {
	cfg := small()
	cfg.Replications = 6
	want, err := Replicate(context.Background(), cfg, 2, nil)
	require.NoError(t, err)
	same := func(int) (*Config, error) { c := *cfg; return &c, nil }
	for _, w := range []int{1, 3} {
		assert.Equal(t, want, variedResults(t, cfg, w, same))
	}
	varied := func(rep int) (*Config, error) {
		c := *cfg
		c.Products = append([]Product(nil), cfg.Products...)
		if rep%2 == 1 {
			c.Products[0].InterestPerYear *= 3
		}
		return &c, nil
	}
	got := variedResults(t, cfg, 2, varied)
	assert.Equal(t, want[0].Totals, got[0].Totals)
	assert.NotEqual(t, want[1].Totals, got[1].Totals)
}
