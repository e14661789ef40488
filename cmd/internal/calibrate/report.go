package calibrate

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"licsim/reports"
)

// Report is calibration.json: the fit and, with --holdout, the back-test.
type Report struct {
	Since     string     `json:"since"`
	AsOf      string     `json:"as_of"`
	Months    int        `json:"months"`
	Estimates []Estimate `json:"estimates"`
	// Warnings are the contradictory records skipped, each with its
	// file and row; WarningCount is their number.
	WarningCount int       `json:"warning_count"`
	Warnings     []string  `json:"warnings"`
	Unmapped     []string  `json:"unmapped"`
	Notes        []string  `json:"notes"`
	Backtest     *Backtest `json:"backtest,omitempty"`
}

// NewReport is the report of f and bt (nil without a back-test).
func NewReport(f *Fit, bt *Backtest) *Report {
	r := &Report{Since: f.Since.Format(time.DateOnly), AsOf: f.AsOf.Format(time.DateOnly), Months: f.Months,
		Estimates: f.Estimates, WarningCount: len(f.Warnings), Warnings: f.Warnings, Unmapped: f.Unmapped, Notes: f.Notes, Backtest: bt}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	if r.Unmapped == nil {
		r.Unmapped = []string{}
	}
	if r.Notes == nil {
		r.Notes = []string{}
	}
	return r
}

var labels = map[string]string{
	"live_subscriptions": "Live subscriptions",
	"selfservice_seats":  "Self-service seats",
	"buyer_spend":        "Buyer spend per month",
}

// Charts are the back-test's charts, one per metric.
func (bt *Backtest) Charts(currency string) ([]*reports.Chart, error) {
	var out []*reports.Chart
	for _, m := range bt.Metrics {
		ch, err := reports.ChartBacktest(reports.BacktestSeries{Name: m.Name, Label: labels[m.Name], Money: m.Name == "buyer_spend",
			Observed: m.Observed, P05: m.P05, P50: m.P50, P95: m.P95}, bt.Cut, currency)
		if err != nil {
			return nil, err
		}
		out = append(out, ch)
	}
	return out, nil
}

// Write writes the report's files into st: calibrated.toml,
// calibration.json, calibration.html and, with a back-test,
// backtest.csv and its charts (PNG and SVG).
func Write(ctx context.Context, st *reports.Stage, f *Fit, bt *Backtest) error {
	rep := NewReport(f, bt)
	if err := st.Write("calibrated.toml", func(w io.Writer) error { _, err := io.WriteString(w, f.Scenario); return err }); err != nil {
		return err
	}
	if err := st.Write("calibration.json", func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}); err != nil {
		return err
	}
	var charts []*reports.Chart
	if bt != nil {
		var err error
		if charts, err = bt.Charts(f.Config.Currency); err != nil {
			return err
		}
		if err := reports.RenderAll(charts, "png", "svg"); err != nil {
			return err
		}
		for _, ch := range charts {
			for _, ext := range []string{"png", "svg"} {
				b, _ := ch.Render(ext)
				if err := st.Write(ch.Name+"."+ext, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
					return err
				}
			}
		}
		if err := st.Write("backtest.csv", func(w io.Writer) error {
			fmt.Fprintln(w, "month,metric,observed,p05,p50,p95,inside")
			for _, m := range bt.Metrics {
				for i, mo := range bt.Months {
					fmt.Fprintf(w, "%s,%s,%g,%g,%g,%g,%t\n", mo, m.Name, m.Observed[i], m.P05[i], m.P50[i], m.P95[i], m.Observed[i] >= m.P05[i] && m.Observed[i] <= m.P95[i])
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return st.Write("calibration.html", func(w io.Writer) error { return writeHTML(w, rep, charts) })
}

//go:embed calibration.html.tmpl
var pageText string

var page = template.Must(template.New("calibration").Funcs(template.FuncMap{
	"num": func(v float64) string {
		if v == 0 {
			return "0"
		}
		return strings.TrimSuffix(fmt.Sprintf("%.4g", v), ".")
	},
	"pct": func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) },
}).Parse(pageText))

type chartView struct {
	Title, Caption string
	SVG            template.HTML
}

func writeHTML(w io.Writer, rep *Report, charts []*reports.Chart) error {
	var views []chartView
	for _, ch := range charts {
		svg, err := ch.InlineSVG()
		if err != nil {
			return err
		}
		views = append(views, chartView{ch.Title, ch.Caption, template.HTML(svg)}) // #nosec: our own renderer's SVG
	}
	return page.Execute(w, struct {
		*Report
		Charts []chartView
	}{rep, views})
}
