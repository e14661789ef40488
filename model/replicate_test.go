package model

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReplicateVaried: with every replication on the base configuration
// it gives Replicate's results exactly, for any worker count; a varied
// key changes the replications it is varied in.
func TestReplicateVaried(t *testing.T) {
	cfg := small()
	cfg.Replications = 6
	want, err := Replicate(context.Background(), cfg, 2, nil)
	require.NoError(t, err)
	same := func(int) (*Config, error) { c := *cfg; return &c, nil }
	for _, w := range []int{1, 3} {
		got, err := ReplicateVaried(context.Background(), cfg, cfg.Replications, w, same, nil)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	varied := func(rep int) (*Config, error) {
		c := *cfg
		c.Products = append([]Product(nil), cfg.Products...)
		if rep%2 == 1 {
			c.Products[0].InterestPerYear *= 3
		}
		return &c, nil
	}
	got, err := ReplicateVaried(context.Background(), cfg, cfg.Replications, 2, varied, nil)
	require.NoError(t, err)
	assert.Equal(t, want[0].Totals, got[0].Totals)
	assert.NotEqual(t, want[1].Totals, got[1].Totals)
}
