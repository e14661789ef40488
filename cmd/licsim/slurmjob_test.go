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

// TestSlurmJob_Golden: the printed commands, with the --out folder read
// as /DIR, are testdata/slurm-job.txt; the scripts are pinned by
// cmd/internal/cluster's golden files.
func TestSlurmJob_Golden(t *testing.T) {
	dir := t.TempDir()
	args := []string{"slurm-job", "testdata/cluster.toml", "--shards", "3", "--reps", "30", "--seed", "5",
		"--partition", "compute", "--cpus", "2", "--mem", "2G", "--time", "1:00:00", "--licsim", "/opt/licsim",
		"--results", filepath.Join(dir, "shared results"), "--out", filepath.Join(dir, "job")}
	stdout, stderr, code := licsim(t, context.Background(), args...)
	require.Equal(t, 0, code, stderr)
	got := strings.ReplaceAll(stdout, dir, "/DIR")
	path := filepath.Join("testdata", "slurm-job.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./cmd/licsim -run SlurmJob_Golden -update creates it")
	assert.Equal(t, string(want), got, "the commands differ from %s (-update rewrites it)", path)
	assert.Regexp(t, `^3 shards of testdata/cluster.toml \(30 replications, seed 5\); scripts in \S+/job; merged reports will be in .*/shared results/cluster-seed5-reps30-shards3-[0-9a-f]{8}/merged\n$`, stderr)

	shards, err := os.ReadFile(filepath.Join(dir, "job", "shards.sbatch"))
	require.NoError(t, err)
	for _, s := range []string{"#SBATCH --array=0-2", "#SBATCH --partition=compute", "#SBATCH --cpus-per-task=2",
		"#SBATCH --mem=2G", "#SBATCH --time=1:00:00", "/opt/licsim run testdata/cluster.toml --reps 30 --seed 5"} {
		assert.Contains(t, string(shards), s)
	}
	copied, err := os.ReadFile(filepath.Join(dir, "job", "scenario", "testdata", "cluster.toml"))
	require.NoError(t, err)
	original, err := os.ReadFile(filepath.Join("testdata", "cluster.toml"))
	require.NoError(t, err)
	assert.Equal(t, string(original), string(copied), "the scenario's copy")
}

// TestSlurmJob_Defaults: the scenario's replications and seed, this
// binary's path, the results next to the scripts.
func TestSlurmJob_Defaults(t *testing.T) {
	out := filepath.Join(t.TempDir(), "job")
	_, stderr, code := licsim(t, context.Background(), "slurm-job", "baseline", "--shards", "2", "--reps", "4", "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "merged reports will be in "+out+"/baseline-seed")
	self, err := os.Executable()
	require.NoError(t, err)
	shards, err := os.ReadFile(filepath.Join(out, "shards.sbatch"))
	require.NoError(t, err)
	assert.Contains(t, string(shards), self+" run baseline --reps 4 --seed ")
}

func TestSlurmJob_Help(t *testing.T) {
	stdout, _, code := licsim(t, context.Background(), "slurm-job", "--help")
	assert.Equal(t, 0, code)
	for _, s := range []string{"Usage: licsim slurm-job FILE --shards N", "-shards N", "-reps", "-seed", "-partition", "-cpus",
		"-mem", "-time", "-results folder", "-licsim binary", "-out folder", "-submit",
		"shared file system", "same absolute paths", "afterok", "RESULTS/RUNID/merged"} {
		assert.Contains(t, stdout, s)
	}
}

// TestSlurmJob_BadInput: every refusal exits with code 2, writes and
// prints nothing, and lists every problem at once.
func TestSlurmJob_BadInput(t *testing.T) {
	for name, tt := range map[string]struct {
		args []string
		want []string
	}{
		"no scenario":      {[]string{"--shards", "3"}, []string{"want one scenario"}},
		"two scenarios":    {[]string{"baseline", "baseline", "--shards", "3"}, []string{"got 2"}},
		"no shards":        {[]string{"baseline"}, []string{"--shards 0: must be in [1, "}},
		"too many shards":  {[]string{"baseline", "--shards", "31", "--reps", "30"}, []string{"--shards 31: must be in [1, 30]"}},
		"bad reps":         {[]string{"baseline", "--shards", "3", "--reps", "0"}, []string{`invalid value "0" for flag -reps: 0 is out of range (allowed: 1 to 1,000,000)`}},
		"reps not integer": {[]string{"baseline", "--shards", "3", "--reps", "x"}, []string{"-reps"}},
		"bad seed":         {[]string{"baseline", "--shards", "3", "--seed", "-2"}, []string{"-seed"}},
		"mem below estimate": {[]string{"baseline", "--shards", "3", "--mem", "10M", "--cpus", "2"},
			[]string{"--mem 10M: below the run's estimate", "give at least --mem"}},
		"relative licsim": {[]string{"baseline", "--shards", "3", "--licsim", "bin/licsim"}, []string{`--licsim "bin/licsim": want an absolute path`}},
		"unknown flag":    {[]string{"baseline", "--shards", "3", "--account", "x"}, []string{"-account"}},
		"no such scenario": {[]string{"nope.toml", "--shards", "3", "--cpus", "0"},
			[]string{"--cpus 0: must be at least 1", "nope.toml: no such file"}},
		"everything wrong": {[]string{"baseline", "--shards", "0", "--cpus", "0", "--mem", "4GB", "--time", "1h",
			"--partition", "a b", "--results", "/shared/100%"}, []string{
			"--shards 0", "--cpus 0", `--mem "4GB"`, `--time "1h"`, `--partition "a b"`, `--results "/shared/100%"`}},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "job")
			stdout, stderr, code := licsim(t, context.Background(), append(append([]string{"slurm-job"}, tt.args...), "--out", out)...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout, "no commands")
			for _, w := range tt.want {
				assert.Contains(t, stderr, w)
			}
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "nothing written")
		})
	}
}

// TestSlurmJob_SubmitWithoutSbatch: --submit needs sbatch on PATH and
// says so before writing anything.
func TestSlurmJob_SubmitWithoutSbatch(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "job")
	stdout, stderr, code := licsim(t, context.Background(), "slurm-job", "baseline", "--shards", "2", "--reps", "4", "--out", out, "--submit")
	assert.Equal(t, 1, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "sbatch is not on PATH")
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing written")
}
