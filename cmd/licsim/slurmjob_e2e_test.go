package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/cmd/internal/slurmtest"
)

// TestSlurmJob_EndToEnd runs the command a user runs, on a real Slurm:
// a private single-node cluster (slurmtest; it fails, never skips, when
// Slurm is missing: `make deps` installs it). The built licsim runs
//
//	licsim slurm-job baseline --shards 3 --reps 30 --seed 5 --results DIR --submit
//
// and every merged file must equal, byte for byte, those of
// `licsim run baseline --reps 30 --seed 5` on this machine. Then the
// commands it prints without --submit, run by a shell, must give the same
// files again. The results folder has a space in its name, to prove the
// scripts' quoting.
func TestSlurmJob_EndToEnd(t *testing.T) {
	t.Parallel()
	began := time.Now()
	licsim := licsimBinary(t)
	tmp := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 55*time.Second)
	defer cancel()

	single := filepath.Join(tmp, "single")
	run := exec.CommandContext(ctx, licsim, "run", "baseline", "--reps", "30", "--seed", "5", "--out", single, "--quiet")
	run.Dir = tmp // no file named baseline here: the shipped scenario
	out, err := run.CombinedOutput()
	require.NoError(t, err, "licsim run: %s", out)

	ran := time.Now()
	c := slurmtest.New(t) // stopped by t.Cleanup in every outcome
	up := time.Now()

	// 1. --submit: submits, waits, exit code 0 only if the merge completed.
	results := filepath.Join(tmp, "shared results")
	submit := c.Command(ctx, licsim, "slurm-job", "baseline", "--shards", "3", "--reps", "30", "--seed", "5",
		"--results", results, "--out", filepath.Join(tmp, "job"), "--submit")
	submit.Dir = tmp
	var stdout, stderr bytes.Buffer
	submit.Stdout, submit.Stderr = &stdout, &stderr
	err = submit.Run()
	require.NoError(t, err, "slurm-job --submit:\n%s\n%s\n%s", stdout.String(), stderr.String(), c.Logs())
	merged := mergedDir(t, stderr.String())
	sameFiles(t, single, merged)
	logs := filepath.Join(filepath.Dir(merged), "logs")
	shardLogs, _ := filepath.Glob(filepath.Join(logs, "shard-*.out"))
	mergeLogs, _ := filepath.Glob(filepath.Join(logs, "merge-*.out"))
	assert.Len(t, shardLogs, 3, "a log per shard in %s", logs)
	assert.Len(t, mergeLogs, 1, "the merge's log in %s", logs)
	submitted := time.Now()

	// 2. The printed commands, as a user pastes them into a shell.
	print := c.Command(ctx, licsim, "slurm-job", "baseline", "--shards", "3", "--reps", "30", "--seed", "5",
		"--results", filepath.Join(tmp, "pasted"), "--out", filepath.Join(tmp, "job2"))
	print.Dir = tmp
	stdout.Reset()
	stderr.Reset()
	print.Stdout, print.Stderr = &stdout, &stderr
	require.NoError(t, print.Run(), stderr.String())
	merged = mergedDir(t, stderr.String())
	shell := c.Command(ctx, "/bin/bash", "-euo", "pipefail", "-c", stdout.String())
	shell.Dir = tmp
	out, err = shell.CombinedOutput()
	require.NoError(t, err, "the printed commands:\n%s\n%s", stdout.String(), out)
	// The commands return once the jobs are queued: wait until the
	// merge left the queue.
	for {
		queued, err := c.Command(ctx, "squeue", "--noheader", "--name", "licsim-baseline,licsim-baseline-merge").Output()
		if err == nil && len(bytes.TrimSpace(queued)) == 0 {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("the jobs of the printed commands did not end: %v\n%s", ctx.Err(), c.Logs())
		}
		time.Sleep(250 * time.Millisecond)
	}
	sameFiles(t, single, merged)

	t.Logf("wall time %s: build and single run %s, cluster up %s, --submit %s, printed commands %s",
		time.Since(began).Round(time.Millisecond), ran.Sub(began).Round(time.Millisecond),
		up.Sub(ran).Round(time.Millisecond), submitted.Sub(up).Round(time.Millisecond), time.Since(submitted).Round(time.Millisecond))
}

// mergedDir is the folder slurm-job's summary line names.
func mergedDir(t *testing.T, stderr string) string {
	t.Helper()
	_, after, ok := strings.Cut(stderr, "merged reports will be in ")
	require.True(t, ok, "slurm-job names the merged folder:\n%s", stderr)
	dir, _, _ := strings.Cut(after, "\n")
	return dir
}
