package slurm_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"licsim/cmd/internal/slurm"
	"licsim/cmd/internal/slurmtest"
)

// TestEndToEnd_MergedEqualsSingleRun runs the jobs Write writes for the
// shipped baseline, 30 replications, seed 5, in 3 shards, on a private
// Slurm cluster through submit.sh --wait, and compares every merged file
// byte for byte with those of one `licsim run` on this machine. The
// results folder has a space in its name, to prove the scripts' quoting.
func TestEndToEnd_MergedEqualsSingleRun(t *testing.T) {
	t.Parallel()
	began := time.Now()
	tmp := t.TempDir()
	licsim := buildLicsim(t, tmp)
	built := time.Now()
	text, err := os.ReadFile(filepath.Join(moduleRoot(t), "scenarios", "baseline.toml"))
	if err != nil {
		t.Fatal(err)
	}

	c := slurmtest.New(t) // stopped by t.Cleanup in every outcome
	up := time.Now()

	spec := slurm.Spec{
		Scenario: "baseline", Text: text, Shards: 3, Reps: 30, Seed: 5,
		Partition: slurmtest.Partition, CPUs: 1, Mem: "1G", Time: "10",
		Licsim: licsim, Results: filepath.Join(tmp, "shared results"),
	}
	files, err := spec.Write(filepath.Join(tmp, "job"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Second)
	defer cancel()
	submit := c.Command(ctx, files.Submit, "--wait")
	submit.Dir = tmp
	out, err := submit.CombinedOutput()
	if err != nil {
		t.Fatalf("submit.sh --wait: %v\n%s\n%s\n%s", err, out, jobLogs(files.Logs), c.Logs())
	}
	t.Logf("submit.sh --wait:\n%s", out)
	slurmDone := time.Now()

	single := filepath.Join(tmp, "single")
	run := exec.CommandContext(ctx, licsim, "run", "baseline", "--reps", "30", "--seed", "5", "--out", single, "--quiet")
	run.Dir = tmp // no file named baseline here: the shipped scenario
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("licsim run: %v\n%s", err, out)
	}

	want, got := tree(t, single), tree(t, files.Merged)
	if len(want) == 0 {
		t.Fatal("the single run wrote nothing")
	}
	for _, name := range slices.Sorted(keys(want, got)) {
		w, inWant := want[name]
		g, inGot := got[name]
		switch {
		case !inGot:
			t.Errorf("%s: written by the single run, not by the merge", name)
		case !inWant:
			t.Errorf("%s: written by the merge, not by the single run", name)
		case !bytes.Equal(w, g):
			t.Errorf("%s: the merge's %d bytes differ from the single run's %d", name, len(g), len(w))
		}
	}
	// The #SBATCH --output lines name a folder with a space: Slurm must
	// have written every job's log there.
	shardLogs, _ := filepath.Glob(filepath.Join(files.Logs, "shard-*.out"))
	mergeLogs, _ := filepath.Glob(filepath.Join(files.Logs, "merge-*.out"))
	if len(shardLogs) != 3 || len(mergeLogs) != 1 {
		t.Errorf("logs in %s: %d of the shards, %d of the merge; want 3 and 1", files.Logs, len(shardLogs), len(mergeLogs))
	}
	t.Logf("%d files identical; wall time %s: build %s, cluster up %s, jobs %s",
		len(want), time.Since(began).Round(time.Millisecond), built.Sub(began).Round(time.Millisecond),
		up.Sub(built).Round(time.Millisecond), slurmDone.Sub(up).Round(time.Millisecond))
}

// moduleRoot is the folder of go.mod, from `go env GOMOD`.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command(goTool(), "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("go env GOMOD: not in a module")
	}
	return filepath.Dir(gomod)
}

// buildLicsim builds the licsim command into dir.
func buildLicsim(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "licsim")
	cmd := exec.Command(goTool(), "build", "-o", bin, "licsim/cmd/licsim")
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// goTool is the go command of the toolchain running the test.
func goTool() string {
	if p := filepath.Join(os.Getenv("GOROOT"), "bin", "go"); os.Getenv("GOROOT") != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "go"
}

// tree reads every file under dir, by path relative to dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			return nil // a link to a folder (the outputs' .licsim/current): walked as its target
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func keys(ms ...map[string][]byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		seen := map[string]bool{}
		for _, m := range ms {
			for k := range m {
				if !seen[k] && !yield(k) {
					return
				}
				seen[k] = true
			}
		}
	}
}

// jobLogs returns the jobs' output files, for a failure's message.
func jobLogs(dir string) string {
	var b strings.Builder
	paths, _ := filepath.Glob(filepath.Join(dir, "*.out"))
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		b.WriteString("--- " + p + "\n" + string(data) + "\n")
	}
	return b.String()
}

// TestEndToEnd_FailedShardFailsSubmit: when a shard fails, the merge
// never runs (its dependency can no longer be met, and
// --kill-on-invalid-dep cancels it), and submit.sh --wait fails loudly
// rather than waiting for ever.
func TestEndToEnd_FailedShardFailsSubmit(t *testing.T) {
	t.Parallel()
	began := time.Now()
	tmp := t.TempDir()
	c := slurmtest.New(t)
	spec := slurm.Spec{
		Scenario: "baseline", Text: []byte("name = \"x\"\n"), Shards: 2, Reps: 2, Seed: 1, CPUs: 1,
		Licsim: "/bin/false", Results: filepath.Join(tmp, "results"),
	}
	files, err := spec.Write(filepath.Join(tmp, "job"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 40*time.Second)
	defer cancel()
	out, err := c.Command(ctx, files.Submit, "--wait").CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("submit.sh --wait still waiting after 40s:\n%s", out)
	}
	if err == nil {
		t.Fatalf("submit.sh --wait succeeded with failing shards:\n%s", out)
	}
	if !strings.Contains(string(out), "a shard failed, or the merge") {
		t.Errorf("submit.sh's message does not say what failed:\n%s", out)
	}
	if _, err := os.Stat(files.Merged); err == nil {
		t.Errorf("%s exists: the merge ran", files.Merged)
	}
	t.Logf("failed as it should in %s:\n%s", time.Since(began).Round(time.Millisecond), out)
}
