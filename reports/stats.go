package reports

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Stats describes one metric over replications.
type Stats struct {
	N    int        // number of values described
	Mean float64    // arithmetic mean
	SD   float64    // sample standard deviation (n−1 in the denominator)
	P05  float64    // 5th percentile: lower end of the 90% band
	P50  float64    // median
	P95  float64    // 95th percentile: upper end of the 90% band
	CI95 [2]float64 // 95% confidence interval of the mean (Student's t)
}

// Describe computes the mean, the sample standard deviation, the 5/50/95%
// quantiles and the 95% confidence interval of the mean
//
//	mean ± t(0.975; n−1) · sd / √n
//
// from Student's t with n−1 degrees of freedom, which is exact for normal
// data and close to it for means of a few dozen replications or more.
//
// Quantiles use stat.Empirical, the inverse of the empirical distribution
// function (Hyndman and Fan's type 1): the p-quantile is the smallest
// observed value x such that at least a share p of the values are ≤ x,
// that is the ⌈p·n⌉-th smallest value. It never interpolates, so every
// band edge is an outcome that some replication actually produced.
//
// With one value the standard deviation is 0 and the interval collapses
// to the mean; with none, every field is 0. xs is not modified.
func Describe(xs []float64) Stats {
	n := len(xs)
	if n == 0 {
		return Stats{}
	}
	// The mean is summed in the caller's order (replication order), not
	// the sorted one, so that nothing depends on how values tie.
	mean := stat.Mean(xs, nil)
	sd := 0.0
	if n > 1 {
		sd = stat.StdDev(xs, nil)
	}
	p05, p50, p95 := bandQuantiles(slices.Clone(xs))
	s := Stats{N: n, Mean: mean, SD: sd, P05: p05, P50: p50, P95: p95}
	half := 0.0
	if n > 1 && sd > 0 {
		half = TQuantile975(n-1) * sd / math.Sqrt(float64(n))
	}
	s.CI95 = [2]float64{mean - half, mean + half}
	return s
}

// TQuantile975 is the 97.5% quantile of Student's t with df degrees of
// freedom: the multiplier of the standard error in a two-sided 95%
// confidence interval (12.706 for df = 1, 1.960 as df grows).
func TQuantile975(df int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
}

// Band is one point of a monthly series over replications: its mean and
// its 5/50/95% quantiles (same definition as Describe).
type Band struct {
	Mean, P05, P50, P95 float64
}

// describeBand is Describe without the spread statistics, for the many
// points of the monthly series. sorted is scratch space of len(xs).
func describeBand(xs, sorted []float64) Band {
	if len(xs) == 0 {
		return Band{}
	}
	copy(sorted, xs)
	p05, p50, p95 := bandQuantiles(sorted)
	return Band{Mean: stat.Mean(xs, nil), P05: p05, P50: p50, P95: p95}
}

// bandQuantiles returns the 5/50/95% quantiles of xs as stat.Quantile
// with stat.Empirical returns them from xs sorted: the values at the
// indexes empiricalIndex gives. It selects those three order statistics
// rather than sorting (quickselect: about three times faster for a few
// hundred values; the many monthly bands made sorting most of
// Summarize's time), and reorders xs.
func bandQuantiles(xs []float64) (p05, p50, p95 float64) {
	n := len(xs)
	k05, k50, k95 := empiricalIndex(0.05, n), empiricalIndex(0.50, n), empiricalIndex(0.95, n)
	selectNth(xs, k50)
	selectNth(xs[:k50], k05) // k05 ≤ k50: among the values at or below the median
	selectNth(xs[k50:], k95-k50)
	return xs[k05], xs[k50], xs[k95]
}

// empiricalIndex is the index in sorted order of stat.Empirical's
// p-quantile of n values: the first i with i+1 ≥ p·n, computed as
// gonum computes it (the same float comparison), for n ≥ 1.
func empiricalIndex(p float64, n int) int {
	fidx := p * float64(n)
	for i := range n {
		if float64(i+1) >= fidx {
			return i
		}
	}
	return n - 1
}

// selectNth reorders xs so that xs[k] is the value it would have if xs
// were sorted, with no larger value before it and no smaller one after
// (Hoare's quickselect, median-of-three pivots). An empty xs is left
// alone. The values are compared with <, as slices.Sort compares floats
// without NaNs; the summaries never hold NaN.
func selectNth(xs []float64, k int) {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		if hi-lo < 12 {
			for i := lo + 1; i <= hi; i++ { // insertion sort
				for j := i; j > lo && xs[j] < xs[j-1]; j-- {
					xs[j], xs[j-1] = xs[j-1], xs[j]
				}
			}
			return
		}
		mid := lo + (hi-lo)/2
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for pivot < xs[j] {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		// [lo, j] ≤ pivot ≤ [i, hi]; between j and i, values equal the pivot.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}
