// Package reports turns replication results into what analysts read:
// statistics over replications (gonum/stat), the contract's JSON and CSV
// files written atomically, charts (gonum/plot) and an HTML report.
package reports

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"licsim/model"
)

// Stats describes one metric over replications.
type Stats struct {
	Mean float64    `json:"mean"`
	SD   float64    `json:"sd"`
	P05  float64    `json:"p05"`
	P50  float64    `json:"p50"`
	P95  float64    `json:"p95"`
	CI95 [2]float64 `json:"ci95"`
}

// Describe computes mean, sample standard deviation, the 5/50/95%
// quantiles (stat.Empirical) and the 95% confidence interval of the mean
// from Student's t with n−1 degrees of freedom: mean ± t(0.975) · sd/√n.
// With one value the interval collapses to the mean.
func Describe(xs []float64) Stats {
	if len(xs) == 0 {
		return Stats{}
	}
	sorted := append([]float64(nil), xs...)
	sort.Float64s(sorted)
	mean, sd := stat.MeanStdDev(sorted, nil)
	if len(sorted) < 2 {
		sd = 0
	}
	s := Stats{
		Mean: mean, SD: sd,
		P05: stat.Quantile(0.05, stat.Empirical, sorted, nil),
		P50: stat.Quantile(0.50, stat.Empirical, sorted, nil),
		P95: stat.Quantile(0.95, stat.Empirical, sorted, nil),
	}
	half := 0.0
	if n := float64(len(sorted)); n > 1 {
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975)
		half = t * sd / math.Sqrt(n)
	}
	s.CI95 = [2]float64{mean - half, mean + half}
	return s
}

// Summary is summary.json.
type Summary struct {
	Scenario     string           `json:"scenario"`
	Replications int              `json:"replications"`
	Seed         uint64           `json:"seed"`
	Currency     string           `json:"currency"`
	Months       int              `json:"months"`
	Metrics      map[string]Stats `json:"metrics"`
}

// Summarize describes every metric over the results; money is converted
// from cents to currency units.
func Summarize(cfg *model.Config, results []model.Result) *Summary {
	s := &Summary{
		Scenario: cfg.Name, Replications: len(results), Seed: cfg.Seed,
		Currency: cfg.Currency, Months: cfg.Months, Metrics: map[string]Stats{},
	}
	xs := make([]float64, len(results))
	for _, m := range model.Metrics() {
		for i := range results {
			xs[i] = value(m, results[i].Get(m))
		}
		s.Metrics[m.Name()] = Describe(xs)
	}
	return s
}

// value is a metric total in report units.
func value(m model.Metric, v int64) float64 {
	if m.Money() {
		return float64(v) / 100
	}
	return float64(v)
}
