package reports

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMorris_LinearModelKnownEffects: for y = 10·x0 + x1 − 3·x2 every
// elementary effect of input i is its coefficient times its range, so
// μ* = |coefficient × range|, μ carries the sign and σ = 0 — whatever
// the design.
func TestMorris_LinearModelKnownEffects(t *testing.T) {
	inputs := []Input{{Key: "a", Lo: 0, Hi: 2}, {Key: "b", Lo: 5, Hi: 6}, {Key: "c", Lo: -1, Hi: 1}}
	eval := func(_ context.Context, v []float64) (float64, error) { return 10*v[0] + v[1] - 3*v[2], nil }
	got, err := Morris(context.Background(), inputs, 4, 8, 1, eval)
	require.NoError(t, err)
	require.Len(t, got, 3)
	want := map[string][2]float64{"a": {20, 20}, "c": {6, -6}, "b": {1, 1}}
	for i, key := range []string{"a", "c", "b"} {
		m := got[i]
		assert.Equal(t, key, m.Key, "rank %d", i+1)
		assert.InDelta(t, want[key][0], m.MuStar, 1e-9, key)
		assert.InDelta(t, want[key][1], m.Mu, 1e-9, key)
		assert.InDelta(t, 0, m.Sigma, 1e-9, key)
	}
}

// TestMorris_InteractionShowsInSigma: y = x0·x1 has an effect of x0
// that depends on x1, which σ must show; y's additive input does not.
func TestMorris_InteractionShowsInSigma(t *testing.T) {
	inputs := []Input{{Key: "a", Lo: 0, Hi: 1}, {Key: "b", Lo: 0, Hi: 1}, {Key: "c", Lo: 0, Hi: 1}}
	eval := func(_ context.Context, v []float64) (float64, error) { return v[0]*v[1] + 0.1*v[2], nil }
	got, err := Morris(context.Background(), inputs, 4, 12, 3, eval)
	require.NoError(t, err)
	for _, m := range got {
		if m.Key == "c" {
			assert.InDelta(t, 0, m.Sigma, 1e-9)
		} else {
			assert.Greater(t, m.Sigma, 0.1, m.Key)
		}
	}
}

// TestMorrisStarts_LatinHypercube: along every input, the starting
// levels of r = m·p trajectories are each level exactly m times (the
// Latin hypercube's strata map onto the grid); independent draws would
// almost never be that even.
func TestMorrisStarts_LatinHypercube(t *testing.T) {
	const levels, m, k = 4, 5, 6
	starts := MorrisStarts(levels, levels*m, k, rand.NewPCG(7, 8))
	require.Len(t, starts, levels*m)
	for i := range k {
		count := make([]int, levels)
		for _, row := range starts {
			count[row[i]]++
		}
		assert.Equal(t, []int{m, m, m, m}, count, "input %d", i)
	}
}

// TestMorris_DesignFollowsTheSeed: the same seed evaluates the same
// points in the same order; another seed another design.
func TestMorris_DesignFollowsTheSeed(t *testing.T) {
	inputs := []Input{{Key: "a", Lo: 0, Hi: 1}, {Key: "b", Lo: 0, Hi: 1}, {Key: "c", Lo: 0, Hi: 1}}
	record := func(seed uint64) [][]float64 {
		var pts [][]float64
		_, err := Morris(context.Background(), inputs, 4, 6, seed, func(_ context.Context, v []float64) (float64, error) {
			pts = append(pts, v)
			return v[0], nil
		})
		require.NoError(t, err)
		return pts
	}
	a := record(11)
	assert.Len(t, a, 6*(len(inputs)+1))
	assert.Equal(t, a, record(11))
	assert.NotEqual(t, a, record(12))
	for _, p := range a {
		for _, x := range p {
			assert.True(t, x >= 0 && x <= 1, "point %v leaves the ranges", p)
		}
	}
}

// TestChooseInputs: the scenario's list wins over the defaults; --input
// replaces an input of the same key and adds the others.
func TestChooseInputs(t *testing.T) {
	file := []Input{{Key: "a", Lo: 0, Hi: 1, From: "s.toml:7"}, {Key: "b", Lo: 2, Hi: 3, From: "s.toml:12"}}
	flags := []Input{{Key: "b", Lo: 5, Hi: 6, From: FromInput}, {Key: "c", Lo: 0, Hi: 1, From: FromInput}}
	assert.Equal(t, DefaultInputs, ChooseInputs(nil, nil))
	assert.Equal(t, flags, ChooseInputs(nil, flags))
	assert.Equal(t, file, ChooseInputs(file, nil))
	assert.Equal(t, []Input{file[0], flags[0], flags[1]}, ChooseInputs(file, flags))
	for _, in := range DefaultInputs {
		assert.Equal(t, FromDefault, in.From)
	}
}
