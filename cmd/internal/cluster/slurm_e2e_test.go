package cluster_test

// The end-to-end test of the jobs giving the single run's files byte for
// byte runs the command itself: TestSlurmJob_EndToEnd in cmd/licsim.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"licsim/cmd/internal/cluster"
	"licsim/cmd/internal/slurmtest"
)

// TestSlurmEndToEnd_FailedShardFailsSubmit: when a shard fails, the merge
// never runs (its dependency can no longer be met, and
// --kill-on-invalid-dep cancels it), and submit.sh --wait fails loudly
// rather than waiting for ever.
func TestSlurmEndToEnd_FailedShardFailsSubmit(t *testing.T) {
	t.Parallel()
	began := time.Now()
	tmp := t.TempDir()
	c := slurmtest.New(t)
	spec := cluster.SlurmSpec{
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
