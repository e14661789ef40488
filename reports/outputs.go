package reports

import (
	"context"
	"fmt"
	"io"

	"licsim/model"
)

// Output file names (contract v1, plus the charts).
const (
	FileSummary       = "summary.json"
	FileReplications  = "replications.csv"
	FileMonthly       = "monthly.csv"
	FileSubscriptions = "subscriptions.csv"
	FileReport        = "report.html"
	FileCompare       = "compare.json"
	FileSweep         = "sweep.csv"
)

// RunCharts draws the charts of a run: monthly spend, seats by product
// and the distribution of total buyer spend. A chart that has no data
// (a run without monthly series) is left out rather than failing the run.
func RunCharts(cfg *model.Config, s *Summary, results []model.Result) []*Chart {
	var charts []*Chart
	if ch, err := ChartMonthlySpend(s); err == nil {
		charts = append(charts, ch)
	}
	if ch, err := ChartSeatsByProduct(cfg, s); err == nil {
		charts = append(charts, ch)
	}
	values := make([]float64, len(results))
	for i := range results {
		values[i] = value(true, results[i].Get(model.BuyerSpend))
	}
	if ch, err := ChartDistribution("buyer_spend_distribution", "Total buyer spend across replications",
		fmt.Sprintf("Total charged to employees' cards over %d months", cfg.Months), values, s.Get(model.BuyerSpend), cfg.Currency); err == nil {
		charts = append(charts, ch)
	}
	return charts
}

// WriteRunColumns writes every output of `licsim run` into st from the
// replications kept in c (a run adds each as it comes, and never holds
// their Results): summary.json, replications.csv, monthly.csv,
// per_year.csv, per_product.csv, subscriptions.csv (R15, of the first
// replication), results.xlsx (the same numbers as a workbook), each
// chart as PNG and SVG, and report.html. prov says where the run comes
// from (command line, scenario file, version, every assumption);
// report.html shows it. It checks ctx between files and charts, and
// while writing them, so that Ctrl-C or SIGTERM stops it at once rather
// than after every chart: it then returns ctx's error.
func WriteRunColumns(ctx context.Context, st *Stage, cfg *model.Config, c *Columns, prov *Provenance) (*Summary, error) {
	if prov == nil {
		prov = &Provenance{}
	}
	s, err := SummarizeColumns(ctx, cfg, c)
	if err != nil {
		return nil, err
	}
	results := c.Rows()
	var subs []model.SubscriptionRecord
	if len(results) > 0 {
		subs = results[0].Subscriptions
	}
	// The charts are drawn in the background while the data files are
	// written (the workbook takes about as long as a chart), then
	// written after them: the files and their order are the same as
	// when drawn in turn. It is waited for on every return, so that no
	// drawing outlives WriteRunColumns.
	charts := RunCharts(cfg, s, results)
	wait := startRendering(charts, "png", "svg")
	waited := false
	defer func() {
		if !waited {
			wait()
		}
	}()
	steps := []struct {
		name string
		fn   func(io.Writer) error
	}{
		{FileSummary, func(w io.Writer) error { return WriteSummaryJSON(w, s) }},
		{FileReplications, func(w io.Writer) error { return WriteReplicationsCSV(w, results) }},
		{FileMonthly, func(w io.Writer) error { return WriteMonthlyCSV(w, s) }},
		{FilePerYear, func(w io.Writer) error { return WritePerYearCSV(w, s) }},
		{FilePerProduct, func(w io.Writer) error { return WritePerProductCSV(w, s) }},
		{FileSubscriptions, func(w io.Writer) error { return WriteSubscriptionsCSV(w, cfg.Start, subs) }},
		{FileWorkbook, func(w io.Writer) error { return WriteWorkbook(w, s, results, prov) }},
	}
	for _, step := range steps {
		if err := writeFile(ctx, st, step.name, step.fn); err != nil {
			return nil, err
		}
	}
	waited = true
	if err := wait(); err != nil {
		return nil, err
	}
	if err := WriteCharts(ctx, st, charts); err != nil {
		return nil, err
	}
	files := st.Files()
	err = writeFile(ctx, st, FileReport, func(w io.Writer) error {
		return WriteReportHTML(w, &Report{Config: cfg, Summary: s, Command: prov.Command, Provenance: prov, Charts: charts, Files: files})
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// writeFile writes one file into st through fn, unless ctx is
// cancelled: then it, or any write fn makes after, returns ctx's error.
func writeFile(ctx context.Context, st *Stage, name string, fn func(io.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return st.Write(name, func(w io.Writer) error { return fn(ctxWriter{ctx, w}) })
}

// ctxWriter fails every write once ctx is cancelled, so that a long file
// (replications.csv of a million rows) stops within a buffer's write.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// WriteCharts writes each chart as NAME.png and NAME.svg, rendered in
// parallel first (RenderAll); the renderings stay with the charts, so
// that report.html inlines the same SVG bytes without drawing again. It
// checks ctx before rendering and between files.
func WriteCharts(ctx context.Context, st *Stage, charts []*Chart) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := RenderAll(charts, "png", "svg"); err != nil {
		return err
	}
	for _, ch := range charts {
		for _, format := range []string{"png", "svg"} {
			if err := ctx.Err(); err != nil {
				return err
			}
			data, err := ch.Render(format)
			if err != nil {
				return err
			}
			if err := writeFile(ctx, st, ch.Name+"."+format, func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteCompare writes compare.json and the comparison chart.
func WriteCompare(ctx context.Context, st *Stage, c *Comparison) error {
	return writeWithChart(ctx, st, FileCompare, func(w io.Writer) error { return WriteCompareJSON(w, c) },
		func() (*Chart, error) { return ChartCompare(c) })
}

// WriteSweep writes sweep.csv and the sweep chart.
func WriteSweep(ctx context.Context, st *Stage, sw *Sweep) error {
	return writeWithChart(ctx, st, FileSweep, func(w io.Writer) error { return WriteSweepCSV(w, sw) },
		func() (*Chart, error) { return ChartSweep(sw) })
}

// writeWithChart writes the data file name through write, then the chart
// drawn from the same data.
func writeWithChart(ctx context.Context, st *Stage, name string, write func(io.Writer) error, chart func() (*Chart, error)) error {
	if err := writeFile(ctx, st, name, write); err != nil {
		return err
	}
	ch, err := chart()
	if err != nil {
		return err
	}
	return WriteCharts(ctx, st, []*Chart{ch})
}
