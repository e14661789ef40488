package reports

import (
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"licsim/model"
)

//go:embed compare.html.tmpl
var compareTemplate string

// Pairwise is the comparison of the first two policies, in the form of
// `compare A B` (table, chart), over the replications both have.
func (p *Policies) Pairwise() *Comparison {
	c := &Comparison{Header: p.Header, A: p.Names[0], B: p.Names[1]}
	c.Replications = min(p.Reps[0], p.Reps[1])
	for _, pm := range p.Metrics {
		c.Metrics = append(c.Metrics, MetricDiff{Metric: pm.Metric, A: pm.Each[0].Mean, B: pm.Each[1].Mean, Diff: pm.Diff[1]})
	}
	return c
}

// CommandLine is the command that reproduces a comparison: args without
// --workers, --out and --quiet (the outputs do not depend on them),
// shell-quoted.
func CommandLine(args []string) string {
	var out []string
	skip := false
	for _, a := range args {
		if skip {
			skip = false
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && (name == "workers" || name == "out" || name == "quiet") {
			skip = !hasValue && name != "quiet"
			continue
		}
		out = append(out, ShellQuote(a))
	}
	return "licsim " + strings.Join(out, " ")
}

// WritePolicies writes the outputs of compare: compare.json,
// results.xlsx (WritePoliciesWorkbook), the charts (with two policies,
// the B − A chart of `compare A B` too) and report.html. script, when
// not empty, is the policy script shown in the report and the workbook.
func WritePolicies(ctx context.Context, st *Stage, p *Policies, command, script string) error {
	if err := writeFile(ctx, st, FileCompare, func(w io.Writer) error { return WritePoliciesJSON(w, p) }); err != nil {
		return err
	}
	if err := writeFile(ctx, st, FileWorkbook, func(w io.Writer) error { return WritePoliciesWorkbook(w, p, script) }); err != nil {
		return err
	}
	var charts []*Chart
	if len(p.Names) == 2 {
		ch, err := ChartCompare(p.Pairwise())
		if err != nil {
			return err
		}
		charts = append(charts, ch)
	}
	ch, err := ChartPolicies(p)
	if err != nil {
		return err
	}
	charts = append(charts, ch)
	if err := WriteCharts(ctx, st, charts); err != nil {
		return err
	}
	files := st.Files()
	if script != "" {
		files = append(files, "policy.ps1")
	}
	return writeFile(ctx, st, FileReport, func(w io.Writer) error { return WriteCompareHTML(w, p, charts, command, script, files) })
}

type compareRow struct{ Name, Reps, Mean, CI, Diff, DiffCI, PerYear string }

type compareTable struct {
	Title string
	Rows  []compareRow
}

// WriteCompareHTML writes the report of a comparison: the selection's
// conclusion, the headline metrics of every policy side by side with
// their differences to the status quo and savings per year, the charts,
// the policy script and the provenance, in the style of the run report.
func WriteCompareHTML(w io.Writer, p *Policies, charts []*Chart, command, script string, files []string) error {
	t, err := template.New("compare").Funcs(template.FuncMap{
		"iso": func(t interface{ Format(string) string }) string { return t.Format("2006-01-02") },
	}).Parse(compareTemplate)
	if err != nil {
		return fmt.Errorf("compare template: %w", err)
	}
	views, err := chartViews(charts)
	if err != nil {
		return err
	}
	style := ""
	if a, b := strings.Index(reportTemplate, "<style>"), strings.Index(reportTemplate, "</style>"); a >= 0 && b > a {
		style = reportTemplate[a : b+len("</style>")]
	}
	v := struct {
		P                                    *Policies
		Others                               []string
		Style                                template.HTML
		Best, Statement, Procedure, Sentence string
		Tables                               []compareTable
		Charts                               []chartView
		Script, Command                      string
		Files                                []string
	}{P: p, Others: p.Names[1:], Style: template.HTML(style), Statement: p.Statement(), Charts: views, Script: script, Command: command, Files: files}
	if s := p.Selected; s != nil {
		if s.Best >= 0 {
			v.Best = p.Names[s.Best]
		}
		var parts []string
		for i, n := range p.Names {
			parts = append(parts, fmt.Sprintf("%s %d", n, s.Reps[i]))
		}
		v.Procedure = fmt.Sprintf("Fully sequential ranking and selection (Kim and Nelson 2001) on %s, indifference zone δ = %s, first stage %d replications, confidence %g%%. Replications each policy needed: %s; %d in all, against %d for a fixed-n comparison of the same confidence (Nelson and Matejcik 1995).",
			s.Objective.Text, Human(s.Delta, s.Objective.Money(), p.currencyIf(s.Objective.Money())), s.N0, s.Confidence*100, strings.Join(parts, ", "), s.Used(), s.FixedN*len(p.Names))
	}
	tc := p.Get(model.TotalCost)
	cheapest := 0
	for i := range p.Names {
		if tc.Each[i].Mean < tc.Each[cheapest].Mean {
			cheapest = i
		}
	}
	if cheapest == 0 {
		v.Sentence = fmt.Sprintf("On mean total cost, no policy compared costs less than the status quo, %s.", p.Names[0])
	} else {
		d := tc.Diff[cheapest]
		v.Sentence = fmt.Sprintf("On mean total cost, %s is the cheapest: it saves %s %s per year against %s (95%% CI of the difference over the horizon: %s to %s).",
			p.Names[cheapest], Human(-tc.PerYear[cheapest], true, ""), p.Currency, p.Names[0], signed(d.CI95[0], true), signed(d.CI95[1], true))
	}
	for _, m := range PolicyHeadline {
		pm := p.Get(m)
		tab := compareTable{Title: label(m) + unitSuffix(m, p.Currency)}
		for i, n := range p.Names {
			f := func(x float64) string { return Human(x, m.Money(), "") }
			e, d := pm.Each[i], pm.Diff[i]
			row := compareRow{Name: n, Reps: fmt.Sprint(p.Reps[i]), Mean: f(e.Mean), CI: f(e.CI95[0]) + " – " + f(e.CI95[1])}
			if i > 0 {
				row.Diff, row.DiffCI, row.PerYear = signed(d.Mean, m.Money()), signed(d.CI95[0], m.Money())+" – "+signed(d.CI95[1], m.Money()), signed(-pm.PerYear[i], m.Money())
			} else {
				row.Name += " (status quo)"
			}
			tab.Rows = append(tab.Rows, row)
		}
		v.Tables = append(v.Tables, tab)
	}
	return t.Execute(w, v)
}
