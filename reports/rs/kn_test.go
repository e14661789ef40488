package rs

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// normalSystems samples k systems with the given means, a shared noise
// term (common random numbers) and a system's own noise, replication r
// drawn from a stream of (seed, r) alone so that batches do not matter.
func normalSystems(seed uint64, means []float64, common, own float64) Sampler {
	return func(_ context.Context, systems []int, first, end int) ([][]float64, error) {
		out := make([][]float64, len(systems))
		for r := first; r < end; r++ {
			rng := rand.New(rand.NewPCG(seed, uint64(r)))
			c := rng.NormFloat64() * common
			noise := make([]float64, len(means))
			for i := range noise {
				noise[i] = rng.NormFloat64() * own
			}
			for j, i := range systems {
				out[j] = append(out[j], means[i]+c+noise[i])
			}
		}
		return out, nil
	}
}

func TestEta_KnownValue(t *testing.T) {
	// k = 2, n0 = 10, α = 0.05: η = ½((0.1)^(−2/9) − 1).
	assert.InDelta(t, 0.33405, Eta(2, 10, 0.05), 1e-4)
}

func TestKN_SameSystemTwiceNamesNoBest(t *testing.T) {
	same := func(_ context.Context, systems []int, first, end int) ([][]float64, error) {
		out := make([][]float64, len(systems))
		for j := range systems {
			for r := first; r < end; r++ {
				out[j] = append(out[j], float64(r*r%17))
			}
		}
		return out, nil
	}
	s, err := KN{Alpha: 0.05, Delta: 1, N0: 10, MaxReps: 100}.Select(context.Background(), 2, same)
	require.NoError(t, err)
	assert.Equal(t, -1, s.Best)
	assert.True(t, s.Tie)
	assert.Equal(t, []int{10, 10}, s.Reps)
}

// TestKN_SelectsDominatingSystem: system 2 is better by 2δ; KN must pick
// it in at least 95% of 200 seeds.
func TestKN_SelectsDominatingSystem(t *testing.T) {
	means := []float64{10, 10.5, 8, 10.2}
	right := 0
	for seed := range uint64(200) {
		s, err := KN{Alpha: 0.05, Delta: 1, N0: 10, MaxReps: 10000, Batch: 7}.Select(context.Background(), len(means), normalSystems(seed, means, 5, 2))
		require.NoError(t, err)
		if s.Best == 2 {
			right++
		}
	}
	assert.GreaterOrEqual(t, right, 190)
}

// TestKN_IndifferenceZoneGuarantee: the least favourable configuration,
// the best exactly δ better than all others: the probability of correct
// selection must still be at least 1 − α.
func TestKN_IndifferenceZoneGuarantee(t *testing.T) {
	means := []float64{11, 11, 10, 11, 11}
	right, n := 0, 400
	for seed := range uint64(n) {
		s, err := KN{Alpha: 0.05, Delta: 1, N0: 10, MaxReps: 100000}.Select(context.Background(), len(means), normalSystems(1000+seed, means, 3, 2))
		require.NoError(t, err)
		require.False(t, s.Truncated)
		if s.Best == 2 {
			right++
		}
	}
	assert.GreaterOrEqual(t, float64(right)/float64(n), 0.95)
}

// TestKN_BatchDoesNotChangeResult: the screening is per replication.
func TestKN_BatchDoesNotChangeResult(t *testing.T) {
	means := []float64{10, 9.7, 10.4}
	var first *Selection
	for _, b := range []int{1, 3, 10, 64} {
		s, err := KN{Alpha: 0.05, Delta: 0.5, N0: 10, MaxReps: 5000, Batch: b}.Select(context.Background(), 3, normalSystems(7, means, 4, 1))
		require.NoError(t, err)
		if first == nil {
			first = s
			continue
		}
		assert.Equal(t, first.Best, s.Best)
		assert.Equal(t, first.Reps, s.Reps)
		assert.Equal(t, first.Stage, s.Stage)
	}
}

func TestKN_TruncatedAtMaxReps(t *testing.T) {
	means := []float64{10, 10.01}
	s, err := KN{Alpha: 0.05, Delta: 0.001, N0: 10, MaxReps: 30}.Select(context.Background(), 2, normalSystems(3, means, 1, 1))
	require.NoError(t, err)
	assert.True(t, s.Truncated)
	assert.Equal(t, -1, s.Best)
	assert.Equal(t, []int{30, 30}, s.Reps)
}

func TestPrecision_MeetsTargetAndStopsOnBatchBoundary(t *testing.T) {
	sample := func(_ context.Context, first, end int) ([][]float64, error) {
		var xs []float64
		for r := first; r < end; r++ {
			xs = append(xs, 100+rand.New(rand.NewPCG(1, uint64(r))).NormFloat64()*10)
		}
		return [][]float64{xs}, nil
	}
	r, err := Precision{Target: 0.01, Relative: true, Min: 10, Batch: 10, MaxReps: 10000}.Run(context.Background(), sample)
	require.NoError(t, err)
	assert.True(t, r.Met)
	assert.LessOrEqual(t, r.Half[0], 0.01*r.Mean[0])
	assert.Zero(t, r.N%10)
	// Without enough replications: not met, what was reached reported.
	r, err = Precision{Target: 0.001, Relative: true, Min: 10, Batch: 10, MaxReps: 50}.Run(context.Background(), sample)
	require.NoError(t, err)
	assert.False(t, r.Met)
	assert.Equal(t, 50, r.N)
	assert.Greater(t, r.Half[0], 0.0)
}
