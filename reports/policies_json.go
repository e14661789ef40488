package reports

import (
	"fmt"
	"io"
	"strings"
)

// WritePoliciesJSON writes compare.json for any number of policies. The
// contract's keys describe the first two, as for `compare A B`: a, b,
// replications (paired ones of a and b), seed, currency, months and per
// metric a, b, diff, ci95, sd, unit. Extensions: policies (the names, the
// status quo first), reps (each policy's replications), per metric
// "policies" (each one's mean, ci95, diff to the first, diff_ci95 and
// per_year = diff ÷ months × 12), "warnings" when there are any and, when
// an objective was given, "selection".
func WritePoliciesJSON(w io.Writer, p *Policies) error {
	var b strings.Builder
	paired := min(p.Reps[0], p.Reps[1])
	names := make([]string, len(p.Names))
	reps := make([]string, len(p.Names))
	for i, n := range p.Names {
		names[i], reps[i] = jstr(n), fmt.Sprint(p.Reps[i])
	}
	fmt.Fprintf(&b, "{\n  \"a\": %s,\n  \"b\": %s,\n  \"replications\": %d,\n  \"seed\": %d,\n  \"currency\": %s,\n  \"months\": %d,\n",
		jstr(p.Names[0]), jstr(p.Names[1]), paired, p.Seed, jstr(p.Currency), p.Months)
	fmt.Fprintf(&b, "  \"policies\": [%s],\n  \"reps\": [%s],\n", strings.Join(names, ", "), strings.Join(reps, ", "))
	if len(p.Warnings) > 0 {
		ws := make([]string, len(p.Warnings))
		for i, w := range p.Warnings {
			ws[i] = jstr(w)
		}
		fmt.Fprintf(&b, "  \"warnings\": [%s],\n", strings.Join(ws, ", "))
	}
	if s := p.Selected; s != nil {
		money := s.Objective.Money()
		best := "null"
		if s.Best >= 0 {
			best = jstr(p.Names[s.Best])
		}
		needed := make([]string, len(s.Reps))
		for i, r := range s.Reps {
			needed[i] = fmt.Sprint(r)
		}
		fmt.Fprintf(&b, "  \"selection\": {\"procedure\": \"KN (Kim and Nelson 2001)\", \"objective\": %s, \"unit\": %s, \"confidence\": %g, \"delta\": %s, \"n0\": %d, \"max_reps\": %d, "+
			"\"best\": %s, \"tie\": %t, \"truncated\": %t, \"reps_needed\": [%s], \"reps_used\": %d, \"fixed_n_per_policy\": %d, \"statement\": %s},\n",
			jstr(s.Objective.Text), jstr(unit(money, p.Currency)), s.Confidence, num(s.Delta, money), s.N0, s.MaxReps,
			best, s.Tie, s.Truncated, strings.Join(needed, ", "), s.Used(), s.FixedN, jstr(p.Statement()))
	}
	b.WriteString("  \"metrics\": {\n")
	metrics := make([]string, len(p.Metrics))
	for i, d := range p.Metrics {
		money := d.Metric.Money()
		f := func(x float64) string { return num(x, money) }
		var each []string
		for j := range p.Names {
			e, df := d.Each[j], d.Diff[j]
			each = append(each, fmt.Sprintf(`{"mean": %s, "ci95": [%s, %s], "diff": %s, "diff_ci95": [%s, %s], "per_year": %s}`,
				f(e.Mean), f(e.CI95[0]), f(e.CI95[1]), f(df.Mean), f(df.CI95[0]), f(df.CI95[1]), f(d.PerYear[j])))
		}
		metrics[i] = fmt.Sprintf(`%s: {"a": %s, "b": %s, "diff": %s, "ci95": [%s, %s], "sd": %s, "unit": %s, "policies": [%s]}`,
			jstr(d.Metric.Name()), f(d.Each[0].Mean), f(d.Each[1].Mean), f(d.Diff[1].Mean), f(d.Diff[1].CI95[0]), f(d.Diff[1].CI95[1]), f(d.Diff[1].SD),
			jstr(unit(money, p.Currency)), strings.Join(each, ", "))
	}
	// writeMetricsJSON closes the metrics object and the document.
	return writeMetricsJSON(w, &b, metrics)
}
