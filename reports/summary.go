package reports

import (
	"context"
	"time"

	"licsim/model"
)

// Summary is what summary.json holds, plus the monthly series behind
// monthly.csv and the charts.
type Summary struct {
	Header
	// Metrics are in model.Metrics() order; money in currency units.
	Metrics []MetricStats
	// Series are the monthly series of model.Series(cfg), in its order.
	Series []SeriesStats
	// Years and Products are the costs per 12-month period from the
	// start and per product group (model.CostGroups), from
	// model.Result.Costs; empty when no result carries them.
	Years, Products []CostStats
	// SeatsAverage is the time-average of the self-service seats (the
	// mean of selfservice_seats over the months) of each replication.
	SeatsAverage Stats
	// Carried is what a history warm-up handed to the run on start
	// (model.Result.Carried); nil without one.
	Carried *CarriedStats
}

// CarriedStats describes model.Carried over the replications: the
// state a history warm-up from From left on start.
type CarriedStats struct {
	From                                       time.Time // the warm-up's first day (model.Config.ClockStart)
	Employees, Subscriptions, Trials, Requests Stats
}

// summarizeCarried describes the state each replication's warm-up
// carried into the run, nil without a warm-up.
func summarizeCarried(cfg *model.Config, rows []model.Result) *CarriedStats {
	if !cfg.History {
		return nil
	}
	c := &CarriedStats{From: cfg.ClockStart()}
	xs := make([]float64, len(rows))
	for _, f := range []struct {
		dst *Stats
		get func(*model.Carried) float64
	}{
		{&c.Employees, func(c *model.Carried) float64 { return float64(c.Employees) }},
		{&c.Subscriptions, func(c *model.Carried) float64 { return float64(c.Subscriptions) }},
		{&c.Trials, func(c *model.Carried) float64 { return float64(c.Trials) }},
		{&c.Requests, func(c *model.Carried) float64 { return float64(c.Requests) }},
	} {
		for i := range rows {
			xs[i] = f.get(&rows[i].Carried)
		}
		*f.dst = Describe(xs)
	}
	return c
}

// MetricStats is one metric's statistics over replications.
type MetricStats struct {
	Metric model.Metric
	Stats
}

// Get returns the statistics of metric m.
func (s *Summary) Get(m model.Metric) Stats {
	for _, ms := range s.Metrics {
		if ms.Metric == m {
			return ms.Stats
		}
	}
	return Stats{}
}

// Summarize describes every metric and every monthly series over the
// results, taken in replication order; money is converted from cents to
// currency units. Results whose monthly data does not match the
// scenario's series are left out of the monthly statistics rather than
// trusted. The commands keep their replications as Columns and call
// SummarizeColumns; Summarize is for results already at hand.
func Summarize(cfg *model.Config, results []model.Result) *Summary {
	s, _ := SummarizeColumns(context.Background(), cfg, ColumnsOf(cfg, results))
	return s
}

// SummarizeColumns is Summarize over replications kept as Columns, and
// stops, returning ctx's error, when ctx is cancelled: with a million
// replications the monthly percentiles take seconds, and Ctrl-C must not
// wait for them. Each monthly point is one column, read in one pass; its
// quantiles are selected, not sorted (see Describe).
func SummarizeColumns(ctx context.Context, cfg *model.Config, c *Columns) (*Summary, error) {
	rows := c.Rows()
	s := &Summary{Header: headerOf(cfg, len(rows))}
	xs := make([]float64, len(rows))
	for _, m := range model.Metrics() {
		for i := range rows {
			xs[i] = value(m.Money(), rows[i].Get(m))
		}
		s.Metrics = append(s.Metrics, MetricStats{Metric: m, Stats: Describe(xs)})
	}
	s.Years, s.Products = summarizeCosts(cfg, c)
	s.SeatsAverage = seatsAverage(cfg, c)
	s.Carried = summarizeCarried(cfg, rows)

	n := c.nMonthly
	if n == 0 {
		return s, ctx.Err()
	}
	xs, scratch := xs[:n], make([]float64, n)
	change, v := make([]int64, n), make([]int64, n)
	for j, info := range model.Series(cfg) {
		ss := SeriesStats{Name: info.Name, Money: info.Money, Months: make([]Band, cfg.Months)}
		clear(v)
		for m := range cfg.Months {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			c.monthColumn(change, m, j)
			for i := range v {
				v[i] += change[i]
				xs[i] = value(info.Money, v[i])
			}
			ss.Months[m] = describeBand(xs, scratch)
		}
		s.Series = append(s.Series, ss)
	}
	return s, ctx.Err()
}
