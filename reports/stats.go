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
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
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
		P05:  stat.Quantile(0.05, stat.Empirical, sorted, nil),
		P50:  stat.Quantile(0.50, stat.Empirical, sorted, nil),
		P95:  stat.Quantile(0.95, stat.Empirical, sorted, nil),
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
// points of the monthly series. sorted is scratch space of len(xs).
func describeBand(xs, sorted []float64) Band {
	if len(xs) == 0 {
		return Band{}
	}
	copy(sorted, xs)
	slices.Sort(sorted)
	return Band{
		Mean: stat.Mean(xs, nil),
		P05:  stat.Quantile(0.05, stat.Empirical, sorted, nil),
		P50:  stat.Quantile(0.50, stat.Empirical, sorted, nil),
		P95:  stat.Quantile(0.95, stat.Empirical, sorted, nil),
	}
}
