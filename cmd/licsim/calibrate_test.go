package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/scenarios"
	"licsim/scenarios/tenant"
)

// calibrateTenant is a small tenant to calibrate: its export is written
// into a folder, which is returned.
func calibrateTenant(t *testing.T) string {
	t.Helper()
	cfg, err := scenarios.Parse("tenant.toml", []byte(`name = "history"
start = 2023-01-01
months = 24
seed = 3
[population]
headcount = 600
hires_per_month = 7.5
attrition_per_year = 0.15
[[product]]
id = "power-bi-pro"
interest_per_year = 0.5
[[product]]
id = "visio-plan-1"
interest_per_year = 0.3
[catalog_growth]
per_year = 0.0
`))
	require.NoError(t, err)
	res, err := model.Run(context.Background(), cfg, 0, model.Options{Subscriptions: true, Staff: true})
	require.NoError(t, err)
	files, err := tenant.Simulated(cfg, &res)
	require.NoError(t, err)
	dir := t.TempDir()
	for _, f := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644))
	}
	return dir
}

// TestCalibrate: licsim calibrate reads a folder of exports and writes a
// scenario that loads, with an [[uncertain]] table per fitted key, and
// the report: calibrated.toml, calibration.json (estimates with
// intervals, the back-test's coverage), calibration.html and the
// back-test's charts.
func TestCalibrate(t *testing.T) {
	dir := calibrateTenant(t)
	out := filepath.Join(t.TempDir(), "calibrated.toml")
	report := filepath.Join(t.TempDir(), "report")
	stdout, stderr, code := licsim(t, context.Background(), "calibrate", dir, "--as-of", "2025-01-01", "--since", "2023-01-01",
		"--out", out, "--report", report, "--holdout", "6", "--reps", "40")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout, "the scenario went to --out")
	assert.Contains(t, stderr, "product.power-bi-pro.quit_per_year")
	assert.Contains(t, stderr, "Back-test from 2024-07-01 over 6 months")

	cfg, unc, err := scenarios.LoadUncertain(out)
	require.NoError(t, err)
	assert.Equal(t, "2025-01-01", cfg.Start.Format("2006-01-02"))
	assert.GreaterOrEqual(t, len(unc), 10)
	for _, u := range unc {
		assert.Less(t, u.Low, u.High, u.Key)
	}
	src, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(src), "# fitted: 95% interval")

	for _, f := range []string{"calibrated.toml", "calibration.json", "calibration.html", "backtest.csv",
		"backtest_live_subscriptions.svg", "backtest_selfservice_seats.png", "backtest_buyer_spend.svg"} {
		assert.FileExists(t, filepath.Join(report, f))
	}
	var rep struct {
		Estimates []struct {
			Key       string
			Fitted    bool
			Low, High float64
		}
		Backtest struct {
			Coverage float64
			Metrics  []struct{ Name string }
		}
	}
	b, err := os.ReadFile(filepath.Join(report, "calibration.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &rep))
	assert.NotEmpty(t, rep.Estimates)
	assert.Len(t, rep.Backtest.Metrics, 3)
	html, err := os.ReadFile(filepath.Join(report, "calibration.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), "Back-test: the last 6 months")
	assert.Contains(t, string(html), "<svg")

	// Stdout without --out.
	stdout, stderr, code = licsim(t, context.Background(), "calibrate", dir, "--as-of", "2025-01-01", "--report", "")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "[[uncertain]]")
}

// TestCalibrate_BadInput: too little history, an export without users,
// a hold-out longer than the history and a bad date are bad input (exit
// code 2) and write nothing. The messages themselves are golden in
// calibrate/testdata.
func TestCalibrate_BadInput(t *testing.T) {
	dir := calibrateTenant(t)
	subsOnly := filepath.Join(t.TempDir(), "subscriptions.json")
	b, err := os.ReadFile(filepath.Join(dir, "subscriptions.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(subsOnly, b, 0o644))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{subsOnly}, "no users export"},
		{[]string{dir, "--as-of", "2025-01-01", "--since", "2024-12-01"}, "too little history to calibrate: 1 whole month of history"},
		{[]string{dir, "--as-of", "2025-01-01", "--holdout", "23"}, "--holdout 23: the history has 24 whole months"},
		{[]string{dir, "--since", "01/01/2023"}, `--since "01/01/2023": want a date YYYY-MM-DD`},
	} {
		report := filepath.Join(t.TempDir(), "report")
		out := filepath.Join(t.TempDir(), "never.toml")
		_, stderr, code := licsim(t, context.Background(), append([]string{"calibrate", "--out", out, "--report", report, "--reps", "10"}, c.args...)...)
		assert.Equal(t, 2, code, stderr)
		assert.Contains(t, stderr, c.want)
		assert.NoFileExists(t, out)
		assert.NoFileExists(t, filepath.Join(report, "calibration.json"))
	}
}

// TestRun_DrawUncertain (issue 14, item 3): a scenario's [[uncertain]]
// inputs, drawn per replication, widen the spread of the results over
// the same seeds, give the same files for any --workers, and are refused
// where they cannot apply.
func TestRun_DrawUncertain(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "unsure.toml")
	require.NoError(t, os.WriteFile(src, []byte(`name = "unsure"
start = 2025-01-01
months = 12
replications = 40
[population]
headcount = 300
[[product]]
id = "power-bi-pro"
interest_per_year = 0.5
[[uncertain]]
key = "product.power-bi-pro.interest_per_year"
low = 0.1
high = 2.0
`), 0o644))
	spread := func(out string, extra ...string) (sd float64, summary []byte) {
		_, stderr, code := licsim(t, context.Background(), append([]string{"run", src, "--quiet", "--out", out}, extra...)...)
		require.Equal(t, 0, code, stderr)
		b, err := os.ReadFile(filepath.Join(out, "summary.json"))
		require.NoError(t, err)
		var s struct {
			Metrics map[string]struct{ SD float64 }
		}
		require.NoError(t, json.Unmarshal(b, &s))
		return s.Metrics["trials_started"].SD, b
	}
	plain, _ := spread(filepath.Join(dir, "plain"))
	drawn, one := spread(filepath.Join(dir, "drawn"), "--draw-uncertain", "--workers", "1")
	_, three := spread(filepath.Join(dir, "drawn3"), "--draw-uncertain", "--workers", "3")
	assert.Greater(t, drawn, 2*plain, "the interest's range shows in the spread")
	assert.Equal(t, string(one), string(three))

	_, stderr, code := licsim(t, context.Background(), "run", "baseline", "--draw-uncertain", "--reps", "2", "--out", filepath.Join(dir, "none"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "has no [[uncertain]] tables")
	_, stderr, code = licsim(t, context.Background(), "run", src, "--draw-uncertain", "--shard", "0/2", "--out", filepath.Join(dir, "shard"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "not supported")
}
