package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/scenarios"
)

// TestFlags_StrictNumbers: every number flag of every command is read
// whole by the parser --set uses; fmt.Sscan once ran "--reps 1,000" as 1
// replication and "--seed 1e3" as seed 1, with exit code 0.
func TestFlags_StrictNumbers(t *testing.T) {
	bad := []struct{ value, msg string }{
		{"1,000", "write numbers without thousands separators, such as 1000"},
		{"2.9", "want a whole number, got the number 2.9"},
		{"-1", "-1 is out of range"},
		{"18446744073709551616", "is out of range"},
		{" 5", "has spaces around it"},
		{"5x", `"5x" is not a number`},
		{"", "empty"},
	}
	uses := [][]string{
		{"run", "baseline", "--reps"}, {"run", "baseline", "--seed"}, {"run", "baseline", "--workers"},
		{"run", "baseline", "--shard"},
		{"compare", "baseline", "baseline", "--reps"}, {"compare", "baseline", "baseline", "--seed"},
		{"sweep", "baseline", "--set", "months=12,24", "--reps"}, {"sweep", "baseline", "--set", "months=12,24", "--seed"},
		{"trace", "baseline", "--rep"}, {"trace", "baseline", "--seed"}, {"trace", "baseline", "--employee"},
		{"k8s-job", "baseline", "--image", "x", "--shards", "2", "--reps"},
		{"k8s-job", "baseline", "--image", "x", "--shards", "2", "--seed"},
		{"k8s-job", "baseline", "--image", "x", "--shards"},
	}
	for _, use := range uses {
		for _, b := range bad {
			args := append(append([]string{}, use...), b.value)
			t.Run(fmt.Sprintf("%v", args), func(t *testing.T) {
				if use[len(use)-1] == "--shard" {
					args[len(args)-1] = "0/" + b.value
					b.msg = "-shard"
				}
				if use[len(use)-1] == "--employee" && b.value == "-1" {
					return // -1 is --employee's "every employee"
				}
				stderr := refused(t, args...)
				assert.Contains(t, stderr, b.msg)
				assert.Contains(t, stderr, "invalid value")
			})
		}
	}
	t.Run("k8s-job --seed 18446744073709551615", func(t *testing.T) {
		stderr := refused(t, "k8s-job", "baseline", "--image", "x", "--shards", "2", "--seed", "18446744073709551615")
		assert.Contains(t, stderr, "18446744073709551615 is out of range (allowed: 0 to 9,223,372,036,854,775,807)")
	})
}

// TestFlags_ReadWhole: what the strict parser accepts is read as
// written, exponents included.
func TestFlags_ReadWhole(t *testing.T) {
	for _, c := range []struct {
		args       []string
		reps, seed int64
	}{
		{[]string{"--reps", "1e3", "--seed", "1e3"}, 1000, 1000},
		{[]string{"--reps", "1_000", "--seed", "9223372036854775807"}, 1000, 9223372036854775807},
		{[]string{"--reps=7", "--seed=0"}, 7, 0},
	} {
		var f runFlags
		fs := flag.NewFlagSet("run", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		f.register(fs)
		require.NoError(t, fs.Parse(c.args))
		assert.True(t, f.repsSet && f.seedSet)
		assert.Equal(t, c.reps, int64(f.reps), "%v", c.args)
		assert.Equal(t, uint64(c.seed), f.seed, "%v", c.args)
	}
	_, stderr, code := licsim(t, context.Background(), "trace", "baseline", "--rep", "1e0", "--employee", "2e0")
	assert.Equal(t, 0, code, stderr)
}

// TestRun_ShardLoadsWithItsOwnBudget: run --shard loads through the
// shard's memory budget, so that 1,000,000 replications in 1,000 shards
// are not refused for the memory of all their results.
func TestRun_ShardLoadsWithItsOwnBudget(t *testing.T) {
	long := scenarios.Set{Key: "months", Value: "240"} // results of about 37 GiB
	f := runFlags{workers: 1, shards: 1000, scenarioFlags: scenarioFlags{reps: 1_000_000, repsSet: true}}
	cfg, err := f.load("baseline", io.Discard, long)
	require.NoError(t, err)
	assert.Equal(t, 1_000_000, cfg.Replications)
	if model.EstimateMemory(cfg, 1) > scenarios.MemoryLimit() {
		f.shards = 0
		_, err = f.load("baseline", io.Discard, long)
		assert.ErrorContains(t, err, "a run would need about")
	}
}
