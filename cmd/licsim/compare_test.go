package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// variant writes a copy of the shipped baseline with some lines
// replaced, for scenarios the tests need.
func variant(t *testing.T, replace map[string]string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "baseline.toml"))
	require.NoError(t, err)
	s := string(data)
	for old, new := range replace {
		require.Contains(t, s, old)
		s = strings.Replace(s, old, new, 1)
	}
	path := filepath.Join(t.TempDir(), "variant.toml")
	require.NoError(t, os.WriteFile(path, []byte(s), 0o644))
	return path
}

type compareDoc struct {
	A, B         string
	Replications int
	Seed         uint64
	Metrics      map[string]struct {
		A, B, Diff float64
		CI95       [2]float64
	}
}

func readCompare(t *testing.T, dir string) compareDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "compare.json"))
	require.NoError(t, err)
	var doc compareDoc
	require.NoError(t, json.Unmarshal(b, &doc))
	return doc
}

func TestCompare_SameScenarioIsExactlyZero(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := licsim(t, context.Background(), "compare", "baseline", "baseline", "--reps", "5", "--out", out, "--quiet")
	require.Equal(t, 0, code, stderr)
	doc := readCompare(t, out)
	require.Len(t, doc.Metrics, int(model.NumMetrics))
	for name, m := range doc.Metrics {
		assert.Equal(t, m.A, m.B, name)
		assert.Zero(t, m.Diff, name)
		assert.Equal(t, [2]float64{0, 0}, m.CI95, name)
	}
	raw, err := os.ReadFile(filepath.Join(out, "compare.json"))
	require.NoError(t, err)
	assert.NotContains(t, string(raw), "-0")
	for _, f := range []string{"compare.png", "compare.svg"} {
		_, err := os.Stat(filepath.Join(out, f))
		assert.NoError(t, err, f)
	}
	assert.Contains(t, stdout, "B − A")
}

// TestCompare_BRunsOnASeeds: B's own seed and replication count are
// ignored, so B that differs from A only in them compares as zero.
func TestCompare_BRunsOnASeeds(t *testing.T) {
	b := variant(t, map[string]string{"seed = 1\n": "seed = 99\n", "replications = 200\n": "replications = 3\n"})
	out := t.TempDir()
	_, stderr, code := licsim(t, context.Background(), "compare", "baseline", b, "--reps", "4", "--out", out, "--quiet")
	require.Equal(t, 0, code, stderr)
	doc := readCompare(t, out)
	assert.Equal(t, 4, doc.Replications)
	assert.Equal(t, uint64(1), doc.Seed)
	for name, m := range doc.Metrics {
		assert.Zero(t, m.Diff, name)
	}
}

// TestCompare_TakeoverReviewMovesSpendToTheOrg: a quarterly takeover
// review cuts what employees pay; the difference and its CI are negative.
func TestCompare_TakeoverReviewMovesSpendToTheOrg(t *testing.T) {
	b := variant(t, map[string]string{
		`name = "Baseline: self-service left on"`: `name = "Quarterly takeover"`,
		"review_every_days = 0":                   "review_every_days = 90",
		`on_review = "none"`:                      "on_review = \"takeover\"\nwhen_short = \"buy\"",
	})
	out := t.TempDir()
	_, stderr, code := licsim(t, context.Background(), "compare", "baseline", b, "--reps", "10", "--out", out, "--quiet")
	require.Equal(t, 0, code, stderr)
	doc := readCompare(t, out)
	buyer, org := doc.Metrics["buyer_spend"], doc.Metrics["org_spend"]
	assert.Less(t, buyer.CI95[1], 0.0, "employees pay less")
	assert.Greater(t, org.CI95[0], 0.0, "the organisation pays more")
	assert.InDelta(t, buyer.B-buyer.A, buyer.Diff, 0.011, "the mean difference is the difference of means")
	assert.Equal(t, "Quarterly takeover", doc.B)
}

func TestCompare_BadInput(t *testing.T) {
	eur := variant(t, map[string]string{`currency = "USD"`: `currency = "EUR"`})
	for name, args := range map[string][]string{
		"one file":     {"compare", "baseline"},
		"21 policies":  append([]string{"compare"}, strings.Fields(strings.Repeat("baseline ", 21))...),
		"horizon":      {"compare", "baseline", "disable-all", "--variant", "months=12"},
		"delta alone":  {"compare", "baseline", "baseline", "--delta", "100"},
		"objective":    {"compare", "baseline", "baseline", "--objective", "total_cots"},
		"missing file": {"compare", "baseline", filepath.Join(t.TempDir(), "nope.toml")},
		"currencies":   {"compare", "baseline", eur},
		"bad flag":     {"compare", "baseline", "baseline", "--reps", "0x"},
	} {
		t.Run(name, func(t *testing.T) {
			refused(t, append(args, "--quiet")...)
		})
	}
}

func TestCompare_HelpSaysWhichSeeds(t *testing.T) {
	stdout, _, code := licsim(t, context.Background(), "compare", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "A's seed and A's replication count")
}
