package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

func TestParseSweepSets(t *testing.T) {
	tests := []struct {
		name    string
		raw     []string
		key     string
		values  []string
		fixed   []scenarios.Set
		wantErr bool
	}{
		{name: "one key", raw: []string{"product.*.card_given=0.2,0.4, 0.6"}, key: "product.*.card_given", values: []string{"0.2", "0.4", "0.6"}},
		{name: "fixed and swept", raw: []string{"admin.review_every_days=90", "admin.on_review=none,takeover"},
			key: "admin.on_review", values: []string{"none", "takeover"},
			fixed: []scenarios.Set{{Key: "admin.review_every_days", Value: "90"}}},
		{name: "single value", raw: []string{"months=12"}, key: "months", values: []string{"12"}},
		{name: "seed is not a parameter", raw: []string{"seed=1,2"}, wantErr: true},
		{name: "nor replications", raw: []string{"replications=10,20"}, wantErr: true},
		{name: "none", raw: nil, wantErr: true},
		{name: "no equals", raw: []string{"admin.on_review"}, wantErr: true},
		{name: "empty key", raw: []string{"=1,2"}, wantErr: true},
		{name: "empty value", raw: []string{"months=1,,2"}, wantErr: true},
		{name: "two swept", raw: []string{"months=1,2", "admin.on_review=none,cancel"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			swept, fixed, err := parseSweepSets(tt.raw)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.key, swept.key)
			assert.Equal(t, tt.values, swept.values)
			assert.Equal(t, tt.fixed, fixed)
		})
	}
}

func TestSweep_WritesCSVAndChart(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := licsim(t, context.Background(), "sweep", "baseline", "--set", "product.*.card_given=0.2,0.8", "--reps", "4", "--out", out)
	require.Equal(t, 0, code, stderr)
	f, err := os.Open(filepath.Join(out, "sweep.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 1+2*int(model.NumMetrics))
	assert.Equal(t, []string{"key", "value", "metric", "unit", "mean", "sd", "p05", "p50", "p95", "ci95_lo", "ci95_hi"}, rows[0])
	assert.Equal(t, []string{"product.*.card_given", "0.2", "buyer_spend", "USD"}, rows[1][:4])
	// More cards entered, more spend on cards.
	lo, hi := rows[1][4], rows[1+int(model.NumMetrics)][4]
	assert.Less(t, atof(t, lo), atof(t, hi))
	for _, name := range []string{"sweep.png", "sweep.svg"} {
		_, err := os.Stat(filepath.Join(out, name))
		assert.NoError(t, err)
	}
	assert.Contains(t, stdout, "product.*.card_given")
	assert.Regexp(t, `8 replications in `, stderr)
}

func TestSweep_BadInput(t *testing.T) {
	for name, args := range map[string][]string{
		"no set":      {"sweep", "baseline"},
		"no file":     {"sweep", "--set", "months=1,2"},
		"unknown key": {"sweep", "baseline", "--set", "no.such.key=1,2"},
		"bad value":   {"sweep", "baseline", "--set", "admin.on_review=none,sometimes"},
		"two swept":   {"sweep", "baseline", "--set", "months=1,2", "--set", "admin.on_review=none,cancel"},
	} {
		t.Run(name, func(t *testing.T) {
			refused(t, append(args, "--reps", "2", "--quiet")...)
		})
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	var x float64
	_, err := fmt.Sscan(s, &x)
	require.NoError(t, err)
	return x
}

// TestSweep_ColumnsEqualFullResults: sweep.csv, from each point's
// replications kept as columns while they finish, is byte for byte the
// one summarized from every point's full Results (model.Replicate), for
// any worker count.
func TestSweep_ColumnsEqualFullResults(t *testing.T) {
	var sw *reports.Sweep
	for _, v := range []string{"0.2", "0.7"} {
		cfg, err := scenarios.Load("baseline", scenarios.Set{Key: "product.*.card_given", Value: v},
			scenarios.Set{Key: "replications", Value: "6"}, scenarios.Set{Key: "history", Value: "none"})
		require.NoError(t, err)
		if sw == nil {
			sw = reports.NewSweep(cfg, "product.*.card_given")
		}
		res, err := model.Replicate(context.Background(), cfg, 1, nil)
		require.NoError(t, err)
		sw.Points = append(sw.Points, reports.SweepPoint{Value: v, Summary: reports.Summarize(cfg, res)})
	}
	var want bytes.Buffer
	require.NoError(t, reports.WriteSweepCSV(&want, sw))
	for _, workers := range []string{"1", "3"} {
		out := t.TempDir()
		_, stderr, code := licsim(t, context.Background(), "sweep", "baseline", "--set", "product.*.card_given=0.2,0.7",
			"--set", "history=none", "--reps", "6", "--workers", workers, "--quiet", "--out", out)
		require.Equal(t, 0, code, stderr)
		got, err := os.ReadFile(filepath.Join(out, reports.FileSweep))
		require.NoError(t, err)
		assert.Equal(t, want.String(), string(got), "--workers %s", workers)
	}
}
