package reports

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// describeBandSorted is describeBand as it was, sorting every column: the
// reference the selection must match to the bit.
func describeBandSorted(xs []float64) Band {
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	return Band{
		Mean: stat.Mean(xs, nil),
		P05:  stat.Quantile(0.05, stat.Empirical, sorted, nil),
		P50:  stat.Quantile(0.50, stat.Empirical, sorted, nil),
		P95:  stat.Quantile(0.95, stat.Empirical, sorted, nil),
	}
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// TestQuantilesMatchSort: the bands and statistics from selection equal,
// to the bit, those from sorting each column, on random data with few and
// many distinct values (ties), odd and even counts, sorted and reversed
// runs, all-equal columns, −0 next to +0, and NaN.
func TestQuantilesMatchSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 4))
	sizes := []int{1, 2, 3, 4, 5, 19, 20, 21, 39, 40, 41, 99, 100, 101, 1000, 1001, 20000, 20001}
	gens := map[string]func(i, n int) float64{
		"distinct": func(i, n int) float64 { return float64(rng.Int64N(1<<40)) / 100 },
		"few":      func(i, n int) float64 { return float64(rng.IntN(4)) },
		"ties":     func(i, n int) float64 { return float64(rng.IntN(n/10+1)) - 3 },
		"equal":    func(i, n int) float64 { return 7 },
		"sorted":   func(i, n int) float64 { return float64(i / 3) },
		"reversed": func(i, n int) float64 { return float64(n - i/2) },
		"zeros":    func(i, n int) float64 { return []float64{0, math.Copysign(0, -1), 1, -1}[rng.IntN(4)] },
		"nan": func(i, n int) float64 {
			if i == n/2 {
				return math.NaN()
			}
			return float64(i)
		},
	}
	for name, gen := range gens {
		for _, n := range sizes {
			for range 3 {
				xs := make([]float64, n)
				for i := range xs {
					xs[i] = gen(i, n)
				}
				orig := slices.Clone(xs)
				want, got := describeBandSorted(xs), describeBand(xs, make([]float64, n))
				if !sameBits(got.Mean, want.Mean) || !sameBits(got.P05, want.P05) || !sameBits(got.P50, want.P50) || !sameBits(got.P95, want.P95) {
					t.Fatalf("%s, n = %d: band %+v, sorting gives %+v", name, n, got, want)
				}
				d := Describe(xs)
				if !sameBits(d.P05, want.P05) || !sameBits(d.P50, want.P50) || !sameBits(d.P95, want.P95) {
					t.Fatalf("%s, n = %d: Describe %+v, sorting gives %+v", name, n, d, want)
				}
				if !slices.EqualFunc(xs, orig, sameBits) {
					t.Fatalf("%s, n = %d: the values were reordered", name, n)
				}
			}
		}
	}
}

// TestSelectKth: every place of a column selects what a sort puts there.
func TestSelectKth(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 17, 64, 257} {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(rng.IntN(n/3 + 1))
		}
		sorted := slices.Sorted(slices.Values(xs))
		for k := range n {
			work := slices.Clone(xs)
			if got := selectKth(work, k); got != sorted[k] {
				t.Fatalf("n = %d, k = %d: %v, want %v", n, k, got, sorted[k])
			}
			for i := range work {
				if i < k && work[i] > work[k] || i > k && work[i] < work[k] {
					t.Fatalf("n = %d, k = %d: not partitioned around place k", n, k)
				}
			}
		}
	}
}
