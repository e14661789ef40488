package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type summaryDoc struct {
	Replications int
	Metrics      map[string]struct {
		Mean float64
		CI95 [2]float64
	}
}

func readSummary(t *testing.T, dir string) summaryDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	var doc summaryDoc
	require.NoError(t, json.Unmarshal(b, &doc))
	return doc
}

// TestPrecision_ReachedAndIndependentOfWorkers: the half-width written
// is at most the target, and 1 or 2 workers stop at the same count and
// write the same bytes.
func TestPrecision_ReachedAndIndependentOfWorkers(t *testing.T) {
	var counts []int
	var outs []string
	for _, w := range []string{"1", "2"} {
		out := t.TempDir()
		outs = append(outs, out)
		stdout, stderr, code := licsim(t, context.Background(), "run", "baseline", "--precision", "3%", "--precision-metric", "total_cost,buyer_spend",
			"--batch", "7", "--workers", w, "--out", out, "--quiet")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "precision 3% reached after")
		doc := readSummary(t, out)
		for _, m := range []string{"total_cost", "buyer_spend"} {
			s := doc.Metrics[m]
			assert.LessOrEqual(t, (s.CI95[1]-s.CI95[0])/2, 0.03*s.Mean+0.01, m)
		}
		assert.Zero(t, (doc.Replications-10)%7, "10 first, then batches of 7")
		counts = append(counts, doc.Replications)
	}
	assert.Equal(t, counts[0], counts[1])
	for _, f := range runFiles {
		a, err := os.ReadFile(filepath.Join(outs[0], f))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(outs[1], f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a, b), "%s differs between --workers 1 and 2", f)
	}

	out := t.TempDir()
	stdout, stderr, code := licsim(t, context.Background(), "run", "baseline", "--precision", "1000USD", "--workers", "2", "--out", out, "--quiet")
	require.Equal(t, 0, code, stderr)
	s := readSummary(t, out).Metrics["total_cost"]
	assert.LessOrEqual(t, (s.CI95[1]-s.CI95[0])/2, 1000.01)
	assert.Contains(t, stdout, "precision 1000 USD reached")
}

// TestPrecision_NotMetIsAWarning: exit 0, a warning, what was reached.
func TestPrecision_NotMetIsAWarning(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := licsim(t, context.Background(), "run", "baseline", "--precision", "0.1%", "--max-reps", "20", "--out", out, "--quiet")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "warning: precision 0.1% not reached within --max-reps 20")
	assert.Equal(t, 20, readSummary(t, out).Replications)
}

func TestPrecision_BadInput(t *testing.T) {
	for name, args := range map[string][]string{
		"reps too":    {"run", "baseline", "--precision", "1%", "--reps", "10"},
		"bad target":  {"run", "baseline", "--precision", "-1%"},
		"bad metric":  {"run", "baseline", "--precision", "1%", "--precision-metric", "total"},
		"wrong money": {"run", "baseline", "--precision", "500EUR"},
		"shard":       {"run", "baseline", "--precision", "1%", "--shard", "0/2"},
	} {
		t.Run(name, func(t *testing.T) { refused(t, append(args, "--quiet")...) })
	}
}
