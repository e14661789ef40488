package slurmtest_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"licsim/cmd/internal/slurmtest"
)

// TestCluster_RunsAnArray submits a job array of four tasks and a job
// that depends on it, and checks that every task ran, and the dependent
// job after them all.
func TestCluster_RunsAnArray(t *testing.T) {
	began := time.Now()
	c := slurmtest.New(t)
	t.Logf("cluster up in %s: node %s, %d CPUs", time.Since(began).Round(time.Millisecond), c.Node, c.CPUs)
	ctx, cancel := context.WithTimeout(t.Context(), 40*time.Second)
	defer cancel()

	out := t.TempDir()
	script := filepath.Join(out, "task.sh")
	write(t, script, "#!/bin/sh\nset -eu\necho \"$SLURM_ARRAY_TASK_ID\" > \""+out+"/task-$SLURM_ARRAY_TASK_ID\"\n")
	id, err := c.Sbatch(ctx, "--parsable", "--array=0-3", "--output="+out+"/task-%a.log", script)
	if err != nil {
		t.Fatalf("%v\n%s", err, c.Logs())
	}
	// The dependent job counts the tasks' files: it must see all four.
	after := filepath.Join(out, "after.sh")
	write(t, after, "#!/bin/sh\nset -eu\nls \""+out+"\" | grep -c '^task-[0-9]$' > \""+out+"/after\"\n")
	if _, err := c.Sbatch(ctx, "--wait", "--kill-on-invalid-dep=yes", "--dependency=afterok:"+id,
		"--output="+out+"/after.log", after); err != nil {
		t.Fatalf("%v\n%s", err, c.Logs())
	}
	for k := range 4 {
		got := read(t, filepath.Join(out, "task-"+strconv.Itoa(k)))
		if got != strconv.Itoa(k) {
			t.Errorf("task %d wrote %q", k, got)
		}
	}
	if got := read(t, filepath.Join(out, "after")); got != "4" {
		t.Errorf("the dependent job saw %s task files, want 4", got)
	}
	t.Logf("array and dependent job done in %s", time.Since(began).Round(time.Millisecond))
}

// TestCluster_StopEndsTheDaemons checks that Stop leaves no daemon
// behind: their process ids no longer exist.
func TestCluster_StopEndsTheDaemons(t *testing.T) {
	c := slurmtest.New(t)
	pids := c.PIDs()
	if len(pids) != 2 {
		t.Fatalf("PIDs() = %v, want slurmctld's and slurmd's", pids)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	for _, pid := range pids {
		if _, err := os.Stat(filepath.Join("/proc", strconv.Itoa(pid))); err == nil {
			t.Errorf("pid %d still exists after Stop", pid)
		}
	}
	if err := c.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(data))
}
