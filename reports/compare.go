package reports

import (
	"fmt"

	"licsim/model"
)

// Comparison is a paired comparison of scenario B against scenario A run
// on the same seeds (common random numbers): replication r of both used
// seed Mix(seed, r), so the same employees arrive, want the same products
// and leave on the same days unless a policy changes what happens to
// them. The paired differences then carry far less noise than the
// difference of two independent means.
type Comparison struct {
	// Header is A's: B shares its seed, replications, currency and
	// horizon.
	Header
	A, B    string       // scenario names
	Metrics []MetricDiff // model.Metrics() order
}

// MetricDiff is one metric of a comparison.
type MetricDiff struct {
	Metric model.Metric
	A, B   float64 // means over replications
	// Diff describes the paired differences b − a: its Mean is the mean
	// difference and its CI95 that mean's 95% confidence interval.
	Diff Stats
}

// Get returns the comparison of metric m.
func (c *Comparison) Get(m model.Metric) MetricDiff {
	for _, d := range c.Metrics {
		if d.Metric == m {
			return d
		}
	}
	return MetricDiff{Metric: m}
}

// Compare pairs replication r of a with replication r of b. The
// differences are taken in integer units (cents or counts) before any
// division, so comparing a scenario with itself gives exactly zero.
func Compare(cfgA, cfgB *model.Config, a, b []Totals) (*Comparison, error) {
	if len(a) != len(b) {
		return nil, fmt.Errorf("compare: %d replications of A but %d of B", len(a), len(b))
	}
	for i := range a {
		if a[i].Seed != b[i].Seed {
			return nil, fmt.Errorf("compare: replication %d ran on seed %d in A and %d in B: not paired", i, a[i].Seed, b[i].Seed)
		}
	}
	c := &Comparison{Header: headerOf(cfgA, len(a)), A: cfgA.Name, B: cfgB.Name}
	xa, xb, d := make([]float64, len(a)), make([]float64, len(a)), make([]float64, len(a))
	for _, m := range model.Metrics() {
		for i := range a {
			va, vb := a[i].Get(m), b[i].Get(m)
			xa[i], xb[i], d[i] = value(m.Money(), va), value(m.Money(), vb), value(m.Money(), vb-va)
		}
		c.Metrics = append(c.Metrics, MetricDiff{
			Metric: m, A: Describe(xa).Mean, B: Describe(xb).Mean, Diff: Describe(d),
		})
	}
	return c, nil
}
