package reports

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
)

// Sweep is one parameter varied over values, each value run on the same
// seeds and replication count, so that differences between points come
// from the parameter and not from luck.
type Sweep struct {
	Scenario     string
	Key          string // the parameter, a dotted path such as "admin.review_every_days"
	Replications int
	Seed         uint64
	Currency     string
	Points       []SweepPoint // in the order the values were given
}

// SweepPoint is the run at one value of the swept parameter.
type SweepPoint struct {
	Value   string // as given on the command line
	Summary *Summary
}

// Numeric reports whether every value is a number, and returns them: a
// numeric sweep is charted on a numeric axis, any other on categories.
func (sw *Sweep) Numeric() ([]float64, bool) {
	xs := make([]float64, len(sw.Points))
	for i, p := range sw.Points {
		x, err := strconv.ParseFloat(p.Value, 64)
		if err != nil {
			return nil, false
		}
		xs[i] = x
	}
	return xs, true
}

// WriteSweepCSV writes sweep.csv in long form, one row per value and
// metric (model.Metrics() order within a value):
// "key,value,metric,unit,mean,sd,p05,p50,p95,ci95_lo,ci95_hi". Long form
// loads straight into a spreadsheet's pivot table or a data frame.
func WriteSweepCSV(w io.Writer, sw *Sweep) error {
	bw := bufio.NewWriter(w)
	c := &csvWriter{w: csv.NewWriter(bw)}
	c.row("key", "value", "metric", "unit", "mean", "sd", "p05", "p50", "p95", "ci95_lo", "ci95_hi")
	for _, p := range sw.Points {
		for _, ms := range p.Summary.Metrics {
			money := ms.Metric.Money()
			f := func(x float64) string { return num(x, money) }
			c.row(sw.Key, p.Value, ms.Metric.Name(), unit(money, sw.Currency),
				f(ms.Mean), f(ms.SD), f(ms.P05), f(ms.P50), f(ms.P95), f(ms.CI95[0]), f(ms.CI95[1]))
		}
	}
	return c.done(bw)
}
