package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/reports/buildinfo"
)

// unsure is a small tenant whose [[uncertain]] tables list a dominating
// input (with no interest nobody buys anything) and a nearly inert one
// (a one-point change of attrition), by construction.
const unsure = `name = "Unsure tenant"
start = 2025-01-01
[population]
headcount = 300
[[product]]
id = "visio-plan-1"
[[uncertain]]
key = "population.attrition_per_year"
low = 0.14
high = 0.15
[[uncertain]]
key = "product.*.interest_per_year"
low = 0.0
high = 0.1
`

// sensitivityOfUnsure runs sensitivity on unsure with one --input that
// adds an input and returns the output folder.
func sensitivityOfUnsure(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "unsure.toml")
	require.NoError(t, os.WriteFile(file, []byte(unsure), 0o644))
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"sensitivity", file, "--input", "admin.notify_delivery=0.2:0.8",
		"--reps", "4", "--trajectories", "4", "--out", out, "--quiet"}, &stdout, &stderr), stderr.String())
	return out
}

// TestSensitivity_ScenarioListsItsInputs: the scenario's [[uncertain]]
// inputs are varied (not the defaults), --input adds to them, and the
// dominating one ranks first in the tornado and in the Morris screening.
func TestSensitivity_ScenarioListsItsInputs(t *testing.T) {
	out := sensitivityOfUnsure(t)
	csv, err := os.ReadFile(filepath.Join(out, "sensitivity.csv"))
	require.NoError(t, err)
	rows := strings.Split(strings.TrimSpace(string(csv)), "\n")
	require.Len(t, rows, 4, "two inputs from the scenario and one from --input: %s", csv)
	var keys []string
	for _, r := range rows[1:] {
		keys = append(keys, strings.Split(r, ",")[0])
	}
	assert.Equal(t, "product.*.interest_per_year", keys[0])
	assert.ElementsMatch(t, []string{"product.*.interest_per_year", "population.attrition_per_year", "admin.notify_delivery"}, keys)
}

// TestSensitivity_ScenarioInputOverridden: --input on a key the scenario
// lists replaces its range.
func TestSensitivity_ScenarioInputOverridden(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "unsure.toml")
	require.NoError(t, os.WriteFile(file, []byte(unsure), 0o644))
	out := filepath.Join(dir, "out")
	_, stderr, code := licsim(t, context.Background(), "sensitivity", file, "--input", "population.attrition_per_year=0.05:0.3",
		"--reps", "2", "--trajectories", "0", "--out", out, "--quiet")
	require.Equal(t, 0, code, stderr)
	csv, err := os.ReadFile(filepath.Join(out, "sensitivity.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(csv), "population.attrition_per_year,0.05,0.3,")
	assert.NotContains(t, string(csv), "0.14")
	assert.Len(t, strings.Split(strings.TrimSpace(string(csv)), "\n"), 3)
}

// TestSensitivity_BadUncertainRefused: a scenario whose [[uncertain]] is
// wrong is bad input, named by file and line.
func TestSensitivity_BadUncertainRefused(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.toml")
	require.NoError(t, os.WriteFile(file, []byte(strings.Replace(unsure, "low = 0.0\nhigh = 0.1", "low = 0.0\nhigh = -0.1", 1)), 0o644))
	_, stderr, code := licsim(t, context.Background(), "sensitivity", file, "--quiet")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "bad.toml:14: uncertain[2] (product.*.interest_per_year).high: -0.1 is out of range")
}

// tableRows returns the text of each row's cells of the table inside the
// section with id, tags stripped.
func tableRows(t *testing.T, page, id string) [][]string {
	t.Helper()
	i := strings.Index(page, `<section id="`+id+`">`)
	require.GreaterOrEqual(t, i, 0, "no section %s", id)
	sec := page[i : i+strings.Index(page[i:], "</section>")]
	body := sec[strings.Index(sec, "<tbody>"):]
	tag := regexp.MustCompile(`<[^>]+>`)
	var rows [][]string
	for _, tr := range strings.Split(body, "<tr>")[1:] {
		var cells []string
		for _, td := range strings.Split(tr, "<td")[1:] {
			cells = append(cells, strings.TrimSpace(tag.ReplaceAllString("<td"+td, "")))
		}
		rows = append(rows, cells)
	}
	return rows
}

// TestSensitivity_ReportHTML: report.html holds the inputs with where
// their ranges came from, the tornado table with the changes against the
// scenario as written, the inline chart, the Morris table ranked by μ*,
// the reproducing command and licsim's version, and fetches nothing.
func TestSensitivity_ReportHTML(t *testing.T) {
	out := sensitivityOfUnsure(t)
	src, err := os.ReadFile(filepath.Join(out, "report.html"))
	require.NoError(t, err)
	page := string(src)

	assert.Equal(t, [][]string{
		{"population.attrition_per_year", "0.14", "0.15", "scenario, line 7"},
		{"product.*.interest_per_year", "0", "0.1", "scenario, line 11"},
		{"admin.notify_delivery", "0.2", "0.8", "--input"},
	}, tableRows(t, page, "inputs"))

	tornado := tableRows(t, page, "tornado")
	require.Len(t, tornado, 3)
	assert.Equal(t, []string{"product.*.interest_per_year", "0", "0.1"}, tornado[0][:3])
	for _, r := range tornado {
		require.Len(t, r, 8)
	}
	// notify_delivery does nothing when admins act on no notice: no change.
	assert.Equal(t, []string{"admin.notify_delivery", "0.2", "0.8"}, tornado[2][:3])
	assert.Equal(t, tornado[2][3], tornado[2][4])
	assert.Equal(t, "0.00", tornado[2][7])

	morris := tableRows(t, page, "morris")
	require.Len(t, morris, 3)
	assert.Equal(t, []string{"1", "product.*.interest_per_year"}, morris[0][:2])
	assert.Equal(t, "3", morris[2][0])

	assert.Contains(t, page, "<svg", "the tornado chart is inline")
	assert.Contains(t, page, "<style>", "the run report's CSS is inline")
	assert.Regexp(t, `<code>licsim sensitivity \S+unsure.toml --input admin.notify_delivery=0.2:0.8 --reps 4 --trajectories 4</code>`, page)
	assert.Contains(t, page, buildinfo.Read().Report())
	assert.NotRegexp(t, `(src|href)="https?:`, page, "self-contained")
	assert.Contains(t, page, "product.*.interest_per_year moves total_cost most")
}

// TestSensitivityReport_InChromium opens the sensitivity report in
// headless Chromium: it logs no error, fetches nothing but itself, shows
// the tornado chart at a readable size and every table's rows.
func TestSensitivityReport_InChromium(t *testing.T) {
	out := sensitivityOfUnsure(t)
	report := filepath.Join(out, "report.html")
	step, events := openInChromium(t, report, 60*time.Second)
	pageURL := (&url.URL{Scheme: "file", Path: report}).String()
	title, err := chromedp.Run(step, chromedp.Title())
	require.NoError(t, err)
	assert.Equal(t, "What drives total_cost: Unsure tenant", title)
	width, err := chromedp.Run(step, chromedp.Evaluate[float64](`document.querySelector("figure svg").getBoundingClientRect().width`))
	require.NoError(t, err)
	assert.Greater(t, width, 600.0, "the tornado chart is drawn at a readable size")
	for id, n := range map[string]float64{"inputs": 3, "tornado": 3, "morris": 3} {
		rows, err := chromedp.Run(step, chromedp.Evaluate[float64](`document.querySelectorAll("#`+id+` tbody tr").length`))
		require.NoError(t, err)
		assert.Equal(t, n, rows, id)
	}
	first, err := chromedp.Run(step, chromedp.Evaluate[string](`document.querySelector("#morris tbody tr td:nth-child(2)").innerText`))
	require.NoError(t, err)
	assert.Equal(t, "product.*.interest_per_year", first)
	time.Sleep(200 * time.Millisecond)
	events.mu.Lock()
	defer events.mu.Unlock()
	assert.Empty(t, events.errors)
	for _, u := range events.requests {
		assert.True(t, u == pageURL || strings.HasPrefix(u, "data:"), "fetched %s", u)
	}
}
