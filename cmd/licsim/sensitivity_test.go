package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSensitivity_DominatingInputRanksFirst: with no interest nobody
// buys anything, so interest over [0, 0.1] moves the cost far more than
// a one-point change of attrition, by construction.
func TestSensitivity_DominatingInputRanksFirst(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := licsim(t, context.Background(), "sensitivity", "baseline",
		"--input", "population.attrition_per_year=0.14:0.15", "--input", "product.*.interest_per_year=0:0.1",
		"--reps", "4", "--trajectories", "3", "--out", out, "--quiet")
	require.Equal(t, 0, code, stderr)
	csv, err := os.ReadFile(filepath.Join(out, "sensitivity.csv"))
	require.NoError(t, err)
	rows := strings.Split(strings.TrimSpace(string(csv)), "\n")
	require.Len(t, rows, 3)
	assert.True(t, strings.HasPrefix(rows[1], "product.*.interest_per_year,"), rows[1])
	lines := strings.Split(stdout, "\n")
	var morris []string
	for i, l := range lines {
		if strings.Contains(l, "μ*") && strings.Contains(l, "input") {
			morris = lines[i+1:]
		}
	}
	require.NotEmpty(t, morris)
	assert.Contains(t, morris[0], "product.*.interest_per_year")
	for _, f := range []string{"tornado.png", "tornado.svg"} {
		_, err := os.Stat(filepath.Join(out, f))
		assert.NoError(t, err)
	}
}

func TestSensitivity_BadInput(t *testing.T) {
	for name, args := range map[string][]string{
		"range":            {"sensitivity", "baseline", "--input", "population.attrition_per_year=0.3:0.1"},
		"key":              {"sensitivity", "baseline", "--input", "population.nope=0:1"},
		"out of its range": {"sensitivity", "baseline", "--input", "product.*.card_given=0:2"},
		"odd levels":       {"sensitivity", "baseline", "--levels", "3"},
	} {
		t.Run(name, func(t *testing.T) { refused(t, append(args, "--quiet")...) })
	}
}
