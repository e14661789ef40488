package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"licsim/model"
	"licsim/reports"
	"licsim/reports/rs"
	"licsim/scenarios"
)

// policiesRun compares three shipped policies on common random numbers
// over a horizon short of a whole number of years, with a selection, a
// warning and the script of the selected policy.
func policiesRun(t *testing.T, workers int) (*reports.Policies, string) {
	t.Helper()
	var cfgs []*model.Config
	var results [][]reports.Totals
	for _, name := range []string{"baseline", "trials-only", "disable-all"} {
		cfg, err := scenarios.Load(name)
		require.NoError(t, err)
		cfg.Months, cfg.Replications = 30, 6
		if len(cfgs) > 0 {
			cfg.Seed = cfgs[0].Seed
		}
		res, err := model.Replicate(context.Background(), cfg, workers, nil)
		require.NoError(t, err)
		kept := make([]reports.Totals, len(res))
		for i := range res {
			kept[i] = reports.TotalsOf(&res[i])
		}
		cfgs, results = append(cfgs, cfg), append(results, kept)
	}
	p, err := reports.ComparePolicies(cfgs, results)
	require.NoError(t, err)
	obj, err := reports.ParseObjective("org_spend+0.5*buyer_spend")
	require.NoError(t, err)
	p.Selected = &reports.Selected{Objective: obj, Confidence: 0.95, Delta: 1234.5, N0: 5, MaxReps: 6, FixedN: 9,
		Selection: &rs.Selection{K: 3, Best: 2, Survivors: []int{2}, Reps: []int{6, 5, 6}, Run: []int{6, 6, 6}, Delta: 1234.5}}
	p.Warnings = []string{"baseline: a warning", "=1+1 stays text"}
	var script strings.Builder
	require.NoError(t, scenarios.WritePolicyScript(&script, cfgs[2]))
	return p, script.String()
}

// compare's results.xlsx is the same file, byte for byte, written twice
// and from runs with 1 and 2 workers.
func TestPoliciesWorkbook_IsDeterministic(t *testing.T) {
	p1, script := policiesRun(t, 1)
	p2, _ := policiesRun(t, 2)
	a := writeTo(t, func(w io.Writer) error { return reports.WritePoliciesWorkbook(w, p1, script) })
	b := writeTo(t, func(w io.Writer) error { return reports.WritePoliciesWorkbook(w, p1, script) })
	c := writeTo(t, func(w io.Writer) error { return reports.WritePoliciesWorkbook(w, p2, script) })
	assert.True(t, bytes.Equal(a, b), "two writes differ")
	assert.True(t, bytes.Equal(a, c), "workers 1 and 2 differ")
}

// The workbook, read back by excelize, holds in every cell of Policies
// and Selection the numbers and words of compare.json; money has the
// currency format, every sheet a frozen header row; the warnings and the
// script are there line for line.
func TestPoliciesWorkbook_ReadBackEqualsCompareJSON(t *testing.T) {
	p, script := policiesRun(t, 2)
	f, err := excelize.OpenReader(bytes.NewReader(writeTo(t, func(w io.Writer) error { return reports.WritePoliciesWorkbook(w, p, script) })))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Policies", "Selection", "Warnings", "Policy script"}, f.GetSheetList())
	rows := func(sheet string) [][]string {
		r, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		pn, err := f.GetPanes(sheet)
		require.NoError(t, err)
		assert.True(t, pn.Freeze && pn.YSplit == 1, "%s: header row frozen", sheet)
		return r
	}
	num := func(cellText string) float64 {
		x, err := strconv.ParseFloat(cellText, 64)
		require.NoError(t, err, "%q is not a number", cellText)
		return x
	}

	type each struct {
		Mean, Diff float64
		CI95       [2]float64 `json:"ci95"`
		DiffCI95   [2]float64 `json:"diff_ci95"`
		PerYear    float64    `json:"per_year"`
	}
	var doc struct {
		Policies  []string
		Reps      []int
		Selection map[string]any
		Metrics   map[string]struct {
			Unit     string
			Policies []each
		}
	}
	require.NoError(t, json.Unmarshal(writeTo(t, func(w io.Writer) error { return reports.WritePoliciesJSON(w, p) }), &doc))

	pol := rows("Policies")
	require.Equal(t, []string{"Metric", "Unit", "Policy", "Replications", "Mean", "95% CI of mean: low", "95% CI of mean: high",
		"Difference to the status quo", "95% CI of difference: low", "95% CI of difference: high", "Saves per year"}, pol[0])
	require.Len(t, pol, 1+len(doc.Metrics)*len(doc.Policies))
	assert.Equal(t, "total_cost", pol[1][0], "headline metrics first")
	seen := map[string]int{}
	for k, row := range pol[1:] {
		i := k % len(doc.Policies)
		m, ok := doc.Metrics[row[0]]
		require.True(t, ok, row[0])
		seen[row[0]]++
		e := m.Policies[i]
		assert.Equal(t, []string{m.Unit, doc.Policies[i]}, row[1:3], "row %d", k+2)
		got := make([]float64, 0, 8)
		for _, c := range row[3:] {
			got = append(got, num(c))
		}
		assert.Equal(t, []float64{float64(doc.Reps[i]), e.Mean, e.CI95[0], e.CI95[1], e.Diff, e.DiffCI95[0], e.DiffCI95[1], -e.PerYear}, got,
			"%s %s", row[0], doc.Policies[i])
	}
	for name := range doc.Metrics {
		assert.Equal(t, len(doc.Policies), seen[name], name)
	}
	for cellName, want := range map[string]string{"E2": `#,##0.00 "` + p.Currency + `"`, "D2": "#,##0"} {
		id, err := f.GetCellStyle("Policies", cellName)
		require.NoError(t, err)
		st, err := f.GetStyle(id)
		require.NoError(t, err)
		require.NotNil(t, st.CustomNumFmt, cellName)
		assert.Contains(t, *st.CustomNumFmt, want, cellName)
	}

	sel := map[string]string{}
	for _, row := range rows("Selection")[1:] {
		sel[row[0]] = row[1]
	}
	s := doc.Selection
	assert.Equal(t, s["objective"], sel["objective"])
	assert.Equal(t, s["best"], sel["best"])
	assert.Equal(t, s["statement"], sel["statement"])
	for key, name := range map[string]string{"confidence": "confidence", "delta": "delta", "n0": "n0", "max_reps": "max reps",
		"reps_used": "replications used", "fixed_n_per_policy": "fixed n per policy"} {
		assert.Equal(t, s[key], num(sel[name]), key)
	}
	for i, n := range doc.Policies {
		assert.Equal(t, s["reps_needed"].([]any)[i], num(sel["replications needed: "+n]), n)
	}

	assert.Equal(t, [][]string{{"Warning"}, {p.Warnings[0]}, {p.Warnings[1]}}, rows("Warnings"))
	lines := rows("Policy script")
	require.Equal(t, "PowerShell: policy.ps1", lines[0][0])
	var got []string
	for _, l := range lines[1:] {
		got = append(got, strings.Join(l, ""))
	}
	assert.Equal(t, strings.Split(strings.TrimRight(script, "\n"), "\n"), got)
}

// Without an objective, warnings or script, the workbook has only the
// Policies sheet.
func TestPoliciesWorkbook_OnlyPoliciesWhenNothingElse(t *testing.T) {
	p, _ := policiesRun(t, 2)
	p.Selected, p.Warnings = nil, nil
	f, err := excelize.OpenReader(bytes.NewReader(writeTo(t, func(w io.Writer) error { return reports.WritePoliciesWorkbook(w, p, "") })))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Policies"}, f.GetSheetList())
}
