package reports

import (
	"math"
	"math/bits"
	"slices"

	"gonum.org/v1/gonum/floats"
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
	scratch := slices.Clone(xs)
	q := quantiles(scratch)
	// The mean is summed in the caller's order (replication order), not
	// the sorted one, so that nothing depends on how values tie.
	mean := stat.Mean(xs, nil)
	sd := 0.0
	if n > 1 {
		sd = stat.StdDev(xs, nil)
	}
	s := Stats{
		N:    n,
		Mean: mean,
		SD:   sd,
		P05:  q[0],
		P50:  q[1],
		P95:  q[2],
	}
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
// points of the monthly series. scratch is scratch space of len(xs).
func describeBand(xs, scratch []float64) Band {
	if len(xs) == 0 {
		return Band{}
	}
	copy(scratch, xs)
	q := quantiles(scratch)
	return Band{Mean: stat.Mean(xs, nil), P05: q[0], P50: q[1], P95: q[2]}
}

// bandQuantiles are the quantiles of Describe and Band, in increasing
// order.
var bandQuantiles = [3]float64{0.05, 0.50, 0.95}

// quantiles returns the 5/50/95% quantiles of xs as stat.Quantile with
// stat.Empirical gives them on the sorted values: the p-quantile is the
// k-th smallest value (from 0) for the smallest k with k+1 ≥ p·n, n =
// len(xs). It selects the three instead of sorting (O(n) expected, not
// O(n log n)), reordering xs; an order statistic is one value whatever
// the algorithm, so the result is the same to the bit. Like stat.Quantile
// it gives NaN when a value is NaN. −0 and +0 compare equal, and which of
// them a sort leaves at a place is the sort's own choice: values with a
// −0 (never from whole cents; a ratio may give one) are sorted as before.
// xs holds at least one value.
func quantiles(xs []float64) [3]float64 {
	n := len(xs)
	var k [3]int
	for i, p := range bandQuantiles {
		k[i] = min(max(int(math.Ceil(p*float64(n)))-1, 0), n-1)
	}
	if floats.HasNaN(xs) {
		return [3]float64{math.NaN(), math.NaN(), math.NaN()}
	}
	if hasNegZero(xs) {
		slices.Sort(xs)
		return [3]float64{xs[k[0]], xs[k[1]], xs[k[2]]}
	}
	var q [3]float64
	q[1] = selectKth(xs, k[1])
	// After selecting k[1], xs[:k[1]] holds the values ≤ it and
	// xs[k[1]+1:] those ≥ it: the other two are found in those parts.
	q[0], q[2] = q[1], q[1]
	if k[0] < k[1] {
		q[0] = selectKth(xs[:k[1]], k[0])
	}
	if k[2] > k[1] {
		q[2] = selectKth(xs[k[1]+1:], k[2]-k[1]-1)
	}
	return q
}

// hasNegZero reports whether xs holds a −0.
func hasNegZero(xs []float64) bool {
	for _, x := range xs {
		if x == 0 && math.Signbit(x) {
			return true
		}
	}
	return false
}

// selectKth reorders xs so that xs[k] is the value a sort would put
// there, the values before it ≤ it and those after it ≥ it, and returns
// it: Hoare's quickselect with his partition (Wirth's form), around the
// median of three. Both scans stop at values equal to the pivot, so runs
// of equal values, common in counts, split in the middle instead of
// degrading it. A range that does not shrink fast enough is sorted,
// which bounds the worst case at O(n log n).
func selectKth(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1 // the range holding place k
	for budget := 2 * bits.Len(uint(len(xs))); hi-lo > 16; budget-- {
		if budget == 0 {
			break
		}
		a, b, c := xs[lo], xs[lo+(hi-lo)/2], xs[hi]
		pivot := max(min(a, b), min(max(a, b), c))
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		// xs[lo..j] ≤ pivot ≤ xs[i..hi], and a place between holds it.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	slices.Sort(xs[lo : hi+1])
	return xs[k]
}
