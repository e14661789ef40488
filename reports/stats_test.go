package reports

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Values below are computed by hand (sd, quantiles) or taken from
// published t tables (t(0.975; df)).

func TestDescribe_HandComputed(t *testing.T) {
	tests := []struct {
		name          string
		xs            []float64
		mean, sd      float64
		p05, p50, p95 float64
		ciLo, ciHi    float64
	}{
		{
			// sd = √(((1.5²+0.5²)·2)/3) = √(5/3) = 1.290994;
			// half-width = t(0.975;3) · sd/√4 = 3.182446 · 0.645497 = 2.054260.
			name: "1..4", xs: []float64{4, 1, 3, 2},
			mean: 2.5, sd: 1.2909944487, p05: 1, p50: 2, p95: 4,
			ciLo: 2.5 - 2.0542603, ciHi: 2.5 + 2.0542603,
		},
		{
			// Σ(x−5)² = 9+1+1+1+0+0+4+16 = 32; sd = √(32/7) = 2.138090;
			// ⌈0.05·8⌉ = 1st, ⌈0.5·8⌉ = 4th, ⌈0.95·8⌉ = 8th smallest;
			// half-width = t(0.975;7) · sd/√8 = 2.364624 · 0.755929 = 1.787488.
			name: "textbook", xs: []float64{2, 4, 4, 4, 5, 5, 7, 9},
			mean: 5, sd: 2.1380899353, p05: 2, p50: 4, p95: 9,
			ciLo: 5 - 1.7874879, ciHi: 5 + 1.7874879,
		},
		{
			name: "one value", xs: []float64{7.5},
			mean: 7.5, sd: 0, p05: 7.5, p50: 7.5, p95: 7.5, ciLo: 7.5, ciHi: 7.5,
		},
		{
			name: "constant", xs: []float64{3, 3, 3},
			mean: 3, sd: 0, p05: 3, p50: 3, p95: 3, ciLo: 3, ciHi: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]float64(nil), tt.xs...)
			s := Describe(tt.xs)
			assert.Equal(t, in, tt.xs, "Describe must not reorder its input")
			assert.Equal(t, len(tt.xs), s.N)
			assert.InDelta(t, tt.mean, s.Mean, 1e-9)
			assert.InDelta(t, tt.sd, s.SD, 1e-9)
			assert.Equal(t, tt.p05, s.P05)
			assert.Equal(t, tt.p50, s.P50)
			assert.Equal(t, tt.p95, s.P95)
			assert.InDelta(t, tt.ciLo, s.CI95[0], 1e-6)
			assert.InDelta(t, tt.ciHi, s.CI95[1], 1e-6)
		})
	}
}

func TestDescribe_Empty(t *testing.T) {
	assert.Equal(t, Stats{}, Describe(nil))
}

// TestDescribe_QuantileDefinition pins stat.Empirical: the p-quantile is
// the ⌈p·n⌉-th smallest value, never an interpolation.
func TestDescribe_QuantileDefinition(t *testing.T) {
	xs := make([]float64, 20)
	for i := range xs {
		xs[i] = float64(20 - i) // 20, 19, ..., 1
	}
	s := Describe(xs)
	assert.Equal(t, 1.0, s.P05)  // ⌈1⌉ = 1st
	assert.Equal(t, 10.0, s.P50) // ⌈10⌉ = 10th
	assert.Equal(t, 19.0, s.P95) // ⌈19⌉ = 19th
	s = Describe([]float64{10, 20, 30})
	assert.Equal(t, 10.0, s.P05) // ⌈0.15⌉ = 1st
	assert.Equal(t, 20.0, s.P50) // ⌈1.5⌉ = 2nd
	assert.Equal(t, 30.0, s.P95) // ⌈2.85⌉ = 3rd
}

func TestTQuantile975_Tables(t *testing.T) {
	for df, want := range map[int]float64{1: 12.7062047, 2: 4.3026527, 10: 2.2281389, 30: 2.0422725, 1000: 1.9623391} {
		assert.InDelta(t, want, TQuantile975(df), 1e-6, "df=%d", df)
	}
}

// TestCI95_Coverage draws 2,000 samples of 10 from a normal distribution
// and checks that the 95% interval covers the true mean in 93–97% of
// them. With n = 10 a normal-based interval (±1.96) would cover only
// about 92%: the test also tells that Student's t is used.
func TestCI95_Coverage(t *testing.T) {
	const trials, n, mu = 2000, 10, 3.0
	dist := distuv.Normal{Mu: mu, Sigma: 2, Src: rand.New(rand.NewPCG(2026, 11))}
	covered := 0
	xs := make([]float64, n)
	for range trials {
		for i := range xs {
			xs[i] = dist.Rand()
		}
		s := Describe(xs)
		if s.CI95[0] <= mu && mu <= s.CI95[1] {
			covered++
		}
	}
	share := float64(covered) / trials
	t.Logf("coverage %.4f", share)
	assert.GreaterOrEqual(t, share, 0.93)
	assert.LessOrEqual(t, share, 0.97)
}

// TestQuantiles_AsSortedEmpirical: the selected quantiles are
// exactly stat.Quantile's (stat.Empirical) over the sorted values, for
// every size from 1 to 300 and for values with many ties.
func TestQuantiles_AsSortedEmpirical(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 17))
	for n := 1; n <= 300; n++ {
		for _, levels := range []int{3, 50, 1 << 30} {
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = float64(rng.IntN(levels)) / 4
			}
			sorted := slices.Clone(xs)
			slices.Sort(sorted)
			q := quantiles(slices.Clone(xs))
			p05, p50, p95 := q[0], q[1], q[2]
			assert.Equal(t, stat.Quantile(0.05, stat.Empirical, sorted, nil), p05, "n %d levels %d", n, levels)
			assert.Equal(t, stat.Quantile(0.50, stat.Empirical, sorted, nil), p50, "n %d levels %d", n, levels)
			assert.Equal(t, stat.Quantile(0.95, stat.Empirical, sorted, nil), p95, "n %d levels %d", n, levels)
		}
	}
}
