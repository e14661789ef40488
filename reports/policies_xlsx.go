package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The sheets of compare's workbook, in order; the last three only when
// they have something to hold.
const (
	SheetPolicies     = "Policies"
	SheetSelection    = "Selection"
	SheetWarnings     = "Warnings"
	SheetPolicyScript = "Policy script"
)

// WritePoliciesWorkbook writes compare's results.xlsx (FileWorkbook, the
// name of run's workbook: a folder holds one or the other), in the form
// of run's (numbers as numbers with currency formats, frozen header
// rows, set column widths):
//
//   - Policies: per metric (the headline ones first) and policy, the
//     replications, the mean and its 95% CI, the mean paired difference
//     to the status quo (the first policy) and its 95% CI, and the saving
//     per year (−per_year of compare.json: positive when the policy costs
//     less than the status quo);
//   - Selection, when an objective was given: the procedure, objective,
//     confidence, δ, n0, --max-reps, the best policy, the statement and
//     the replications each policy needed;
//   - Warnings, when there are any;
//   - Policy script, when script is not empty: policy.ps1, a line a row.
//
// Every number is the one compare.json holds (the same rounding), and
// the file is the same, byte for byte, for the same policies and seed:
// its document dates are the status quo's start date.
func WritePoliciesWorkbook(w io.Writer, p *Policies, script string) error {
	x := newWorkbook(p.Currency, SheetPolicies)
	defer x.f.Close()
	steps := []func() error{
		func() error { return x.policies(p) },
		func() error { return x.selection(p) },
		func() error { return x.lines(SheetWarnings, "Warning", 110, p.Warnings) },
		func() error {
			return x.lines(SheetPolicyScript, "PowerShell: policy.ps1", 140, strings.Split(strings.TrimRight(script, "\n"), "\n"))
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return x.fail(err)
		}
	}
	return x.save(w, p.Start, &excelize.DocProperties{
		Title: "compare " + strings.Join(p.Names, ", "), Subject: "Microsoft 365 self-service licences: policies compared",
		Description: fmt.Sprintf("%d policies on common random numbers, seed %d, %d months from %s", len(p.Names), p.Seed, p.Months, p.Start.Format("2006-01-02")),
	})
}

// policyMetrics are the metrics of the Policies sheet: the headline ones
// of a comparison, then the others in model.Metrics() order.
func (p *Policies) policyMetrics() []PolicyMetric {
	var out []PolicyMetric
	head := map[string]bool{}
	for _, m := range PolicyHeadline {
		out = append(out, p.Get(m))
		head[m.Name()] = true
	}
	for _, pm := range p.Metrics {
		if !head[pm.Metric.Name()] {
			out = append(out, pm)
		}
	}
	return out
}

func (x *workbook) policies(p *Policies) error {
	header := []string{"Metric", "Unit", "Policy", "Replications", "Mean", "95% CI of mean: low", "95% CI of mean: high",
		"Difference to the status quo", "95% CI of difference: low", "95% CI of difference: high", "Saves per year"}
	var rows [][]cell
	for _, pm := range p.policyMetrics() {
		money := pm.Metric.Money()
		for i, name := range p.Names {
			e, d := pm.Each[i], pm.Diff[i]
			saves := x.number(-pm.PerYear[i], money) // num writes −0 as 0
			rows = append(rows, []cell{{v: pm.Metric.Name()}, {v: unit(money, p.Currency)}, {v: name, style: x.text}, {p.Reps[i], x.int},
				x.number(e.Mean, money), x.number(e.CI95[0], money), x.number(e.CI95[1], money),
				x.number(d.Mean, money), x.number(d.CI95[0], money), x.number(d.CI95[1], money), saves})
		}
	}
	return x.sheet(SheetPolicies, []float64{24, 8, 30, 13, 16, 16, 16, 16, 16, 16, 16}, header, rows)
}

func (x *workbook) selection(p *Policies) error {
	s := p.Selected
	if s == nil {
		return nil
	}
	money := s.Objective.Money()
	best := "none"
	if s.Best >= 0 {
		best = p.Names[s.Best]
	}
	delta := x.number(s.Delta, money)
	rows := [][]cell{
		{{v: "procedure"}, {v: "KN (Kim and Nelson 2001), fully sequential, on the paired outputs"}, {v: ""}},
		{{v: "objective"}, {v: s.Objective.Text}, {v: unit(money, p.Currency)}},
		{{v: "confidence"}, x.number(s.Confidence, false), {v: "probability"}},
		{{v: "delta"}, delta, {v: unit(money, p.Currency)}},
		{{v: "n0"}, {s.N0, x.int}, {v: "replications"}},
		{{v: "max reps"}, {s.MaxReps, x.int}, {v: "replications"}},
		{{v: "best"}, {v: best}, {v: ""}},
		{{v: "statement"}, {v: p.Statement(), style: x.text}, {v: ""}},
		{{v: "replications used"}, {s.Used(), x.int}, {v: "replications"}},
		{{v: "fixed n per policy"}, {s.FixedN, x.int}, {v: "replications"}},
	}
	for i, name := range p.Names {
		rows = append(rows, []cell{{v: "replications needed: " + name, style: x.text}, {s.Reps[i], x.int}, {v: "replications"}})
	}
	return x.sheet(SheetSelection, []float64{34, 90, 14}, []string{"Setting", "Value", "Unit"}, rows)
}

// lines writes a sheet of one text column, a row per line; no sheet
// when there are no lines.
func (x *workbook) lines(sheet, header string, width float64, lines []string) error {
	if len(lines) == 0 || len(lines) == 1 && lines[0] == "" {
		return nil
	}
	rows := make([][]cell, len(lines))
	for i, l := range lines {
		rows[i] = []cell{{v: l, style: x.text}}
	}
	return x.sheet(sheet, []float64{width}, []string{header}, rows)
}
