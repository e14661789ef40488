package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/reports/part"
)

// bin is the licsim binary the end-to-end tests run as separate
// processes, built once on first use and removed by TestMain.
var bin struct {
	once      sync.Once
	dir, path string
	err       error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bin.dir != "" {
		os.RemoveAll(bin.dir)
	}
	os.Exit(code)
}

// licsimBinary builds cmd/licsim once per test run and returns its path.
func licsimBinary(t *testing.T) string {
	t.Helper()
	bin.once.Do(func() {
		if bin.dir, bin.err = os.MkdirTemp("", "licsim-bin-"); bin.err != nil {
			return
		}
		bin.path = filepath.Join(bin.dir, "licsim")
		if out, err := exec.Command("go", "build", "-o", bin.path, ".").CombinedOutput(); err != nil {
			bin.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, bin.err)
	return bin.path
}

// proc is what a licsim process did.
type proc struct {
	stdout, stderr string
	code           int
}

// exe runs the licsim binary in dir (the test's folder when empty). It
// only reports, so that goroutines may call it.
func exe(bin, dir string, args ...string) proc {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	p := proc{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		p.code = ee.ExitCode()
	case err != nil:
		p.code, p.stderr = -1, err.Error()
	}
	return p
}

// sameFiles asserts that the folders hold the same file names with the
// same bytes, following links into folders as diff -r does: the hidden
// run folder of the outputs (named after their content) included.
func sameFiles(t *testing.T, want, got string) {
	t.Helper()
	wantNames := sameTree(t, want, got)
	require.Subset(t, wantNames, runFiles, "every output of run, charts and report included")
}

func sameTree(t *testing.T, want, got string) []string {
	t.Helper()
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		var n []string
		for _, e := range entries {
			n = append(n, e.Name())
		}
		return n
	}
	wantNames := names(want)
	require.Equal(t, wantNames, names(got), "the same files in %s", got)
	for _, name := range wantNames {
		fi, err := os.Stat(filepath.Join(want, name))
		require.NoError(t, err)
		if fi.IsDir() {
			sameTree(t, filepath.Join(want, name), filepath.Join(got, name))
			continue
		}
		a, err := os.ReadFile(filepath.Join(want, name))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(got, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a, b), "%s differs from the unsharded run's", filepath.Join(got, name))
	}
	return wantNames
}

// TestShard_MergeEqualsUnshardedRun: every shard as its own process, all
// writing into one folder like pods on a shared volume, then merge: every
// output file equals the unsharded run's, byte for byte, for N = 1, 3, 7
// and for more shards than replications.
func TestShard_MergeEqualsUnshardedRun(t *testing.T) {
	licsim := licsimBinary(t)
	dir := t.TempDir()
	const reps, seed = 12, "3"
	whole := filepath.Join(dir, "whole")
	p := exe(licsim, "", "run", "baseline", "--reps", fmt.Sprint(reps), "--seed", seed, "--out", whole, "--quiet")
	require.Equal(t, 0, p.code, p.stderr)

	for _, n := range []int{1, 3, 7, 13} {
		t.Run(fmt.Sprintf("N=%d", n), func(t *testing.T) {
			parts := filepath.Join(dir, fmt.Sprint(n), "parts")
			shards := make([]proc, n)
			var wg sync.WaitGroup
			limit := make(chan struct{}, 4)
			for k := range n {
				wg.Go(func() {
					limit <- struct{}{}
					defer func() { <-limit }()
					shards[k] = exe(licsim, "", "run", "baseline", "--shard", fmt.Sprintf("%d/%d", k, n),
						"--reps", fmt.Sprint(reps), "--seed", seed, "--workers", "1", "--out", parts, "--quiet")
				})
			}
			wg.Wait()
			var want []string
			for k, s := range shards {
				require.Equal(t, 0, s.code, "shard %d: %s", k, s.stderr)
				assert.Empty(t, s.stdout+s.stderr, "--quiet shard %d prints nothing", k)
				want = append(want, part.Name(k, n))
			}
			entries, err := os.ReadDir(parts)
			require.NoError(t, err)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			assert.ElementsMatch(t, want, got, "one part per shard, nothing else")

			merged := filepath.Join(dir, fmt.Sprint(n), "merged")
			m := exe(licsim, "", "merge", parts, "--out", merged)
			require.Equal(t, 0, m.code, m.stderr)
			assert.Contains(t, m.stdout, "buyer spend (USD)", "the headline table")
			assert.Contains(t, m.stderr, fmt.Sprintf("merged %d parts, %d replications", n, reps))
			sameFiles(t, whole, merged)
		})
	}
}

// runShards runs shards of a scenario in-process into out and returns
// the part files.
func runShards(t *testing.T, out, scenario string, n int, shards []int, extra ...string) []string {
	t.Helper()
	var files []string
	for _, k := range shards {
		args := append([]string{"run", scenario, "--shard", fmt.Sprintf("%d/%d", k, n), "--out", out, "--quiet"}, extra...)
		_, stderr, code := licsim(t, context.Background(), args...)
		require.Equal(t, 0, code, stderr)
		files = append(files, filepath.Join(out, part.Name(k, n)))
	}
	return files
}

// TestMerge_FilesInAnyOrder: parts named one by one, in any order, and a
// file named twice (by itself and by its folder) give the whole run.
func TestMerge_FilesInAnyOrder(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	_, stderr, code := licsim(t, context.Background(), "run", "testdata/cluster.toml", "--reps", "5", "--quiet", "--out", whole)
	require.Equal(t, 0, code, stderr)
	parts := runShards(t, filepath.Join(dir, "parts"), "testdata/cluster.toml", 3, []int{2, 0, 1}, "--reps", "5")
	merged := filepath.Join(dir, "merged")
	_, stderr, code = licsim(t, context.Background(), "merge", parts[1], filepath.Join(dir, "parts"), parts[0], "--out", merged, "--quiet")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr)
	sameFiles(t, whole, merged)
}

// TestMerge_Refuses: parts that do not belong together are refused with
// exit code 2, a message naming the problem and the files, and nothing
// written.
func TestMerge_Refuses(t *testing.T) {
	dir := t.TempDir()
	a := runShards(t, filepath.Join(dir, "a"), "baseline", 2, []int{0, 1}, "--reps", "4")
	other := runShards(t, filepath.Join(dir, "other"), "testdata/cluster.toml", 2, []int{1}, "--reps", "4")
	seed := runShards(t, filepath.Join(dir, "seed"), "baseline", 2, []int{1}, "--reps", "4", "--seed", "9")
	reps := runShards(t, filepath.Join(dir, "reps"), "baseline", 2, []int{1}, "--reps", "6")
	three := runShards(t, filepath.Join(dir, "three"), "baseline", 3, []int{1}, "--reps", "4")
	dup := filepath.Join(dir, "copy", part.Name(1, 2))
	require.NoError(t, os.MkdirAll(filepath.Dir(dup), 0o755))
	data, err := os.ReadFile(a[1])
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(dup, data, 0o644))
	garbage := filepath.Join(dir, "garbage", part.Name(0, 1))
	require.NoError(t, os.MkdirAll(filepath.Dir(garbage), 0o755))
	require.NoError(t, os.WriteFile(garbage, []byte(`{"format": "licsim-part/1", "results": [`), 0o644))
	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.MkdirAll(empty, 0o755))

	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"mixed scenarios", []string{a[0], other[0]}, []string{"parts come from different scenarios", a[0], other[0], "baseline)", "testdata/cluster.toml)"}},
		{"mixed seeds", []string{a[0], seed[0]}, []string{"parts have different seeds", a[0] + " (seed 1)", seed[0] + " (seed 9)"}},
		{"missing shard", []string{a[0]}, []string{"shard 1 of 2 missing"}},
		{"missing shards in a folder", []string{filepath.Join(dir, "three")}, []string{"shards 0, 2 of 3 missing"}},
		{"duplicate shard", []string{filepath.Join(dir, "a"), dup}, []string{"shard 1 of 2 given twice", a[1], dup}},
		{"mismatched replications", []string{a[0], reps[0]}, []string{"parts have different replication counts", a[0] + " (4)", reps[0] + " (6)"}},
		{"mismatched shard counts", []string{a[0], three[0]}, []string{"parts come from different shard counts", "(shard 1 of 3)"}},
		{"not a part", []string{garbage}, []string{garbage, "not a licsim part file"}},
		{"no parts", []string{empty}, []string{"no part files (part-*.json) in " + empty}},
		{"no such file", []string{filepath.Join(dir, "nope.json")}, []string{"nope.json", "no such file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "out")
			_, stderr, code := licsim(t, context.Background(), append([]string{"merge", "--out", out}, tt.args...)...)
			assert.Equal(t, 2, code, stderr)
			for _, w := range tt.want {
				assert.Contains(t, stderr, w)
			}
			entries, err := os.ReadDir(parent)
			require.NoError(t, err)
			assert.Empty(t, entries, "nothing written, not even a temporary folder")
		})
	}
}

// TestMerge_WaitsForShards: a merge started before the shards (as the
// merge Job starts next to the shard Job) waits for the folder to appear
// and for every part, then writes the whole run.
func TestMerge_WaitsForShards(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	_, stderr, code := licsim(t, context.Background(), "run", "baseline", "--reps", "4", "--quiet", "--out", whole)
	require.Equal(t, 0, code, stderr)

	parts, merged := filepath.Join(dir, "parts"), filepath.Join(dir, "merged")
	type outcome struct {
		stderr string
		code   int
	}
	done := make(chan outcome, 1)
	go func() {
		var so, se bytes.Buffer
		err := run(context.Background(), []string{"merge", parts, "--wait", "1m", "--out", merged}, &so, &se)
		done <- outcome{se.String(), exitCode(err, &se)}
	}()
	stillWaiting := func() {
		time.Sleep(300 * time.Millisecond)
		select {
		case o := <-done:
			t.Fatalf("merge ended before every shard was there: %d %s", o.code, o.stderr)
		default:
		}
	}
	stillWaiting()
	runShards(t, parts, "baseline", 2, []int{1}, "--reps", "4")
	stillWaiting()
	runShards(t, parts, "baseline", 2, []int{0}, "--reps", "4")
	select {
	case o := <-done:
		require.Equal(t, 0, o.code, o.stderr)
		assert.Contains(t, o.stderr, "waiting up to 1m0s for the first part")
	case <-time.After(time.Minute):
		t.Fatal("merge did not see the last part")
	}
	sameFiles(t, whole, merged)
}

func TestMerge_WaitEnds(t *testing.T) {
	dir := t.TempDir()
	parts := filepath.Join(dir, "parts")
	runShards(t, parts, "baseline", 3, []int{1}, "--reps", "3")
	out := filepath.Join(dir, "out")
	_, stderr, code := licsim(t, context.Background(), "merge", parts, "--wait", "200ms", "--out", out)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "waiting up to 200ms for 2 of 3 shards")
	assert.Contains(t, stderr, "shards 0, 2 of 3 missing after waiting 200ms")
	assert.NoDirExists(t, out)

	// Ctrl-C while waiting: exit 130, nothing written.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(200*time.Millisecond, cancel)
	_, _, code = licsim(t, ctx, "merge", parts, "--wait", "1h", "--out", out, "--quiet")
	assert.Equal(t, 130, code)
	assert.NoDirExists(t, out)
}

func TestShard_EmptyShardWritesAPart(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := licsim(t, context.Background(), "run", "baseline", "--reps", "2", "--shard", "3/5", "--out", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "shard 3 of 5 (replications [1, 1) of 2) written to "+filepath.Join(dir, "part-3-of-5.json"))
	p, err := part.Read(filepath.Join(dir, "part-3-of-5.json"))
	require.NoError(t, err)
	assert.Empty(t, p.Results)
	assert.Equal(t, "baseline", p.Scenario)
}

// TestShard_InterruptedWritesNothing: Ctrl-C leaves no part, so that a
// merge waiting for it never reads half of one.
func TestShard_InterruptedWritesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, code := licsim(t, ctx, "run", "baseline", "--reps", "50", "--shard", "1/2", "--out", filepath.Join(dir, "parts"))
	assert.Equal(t, 130, code)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestShard_BadFlag(t *testing.T) {
	for _, v := range []string{"3/3", "-1/2", "1/0", "x", "1", "1/2/3", "a/b", "0/2000000"} {
		t.Run(v, func(t *testing.T) {
			stderr := refused(t, "run", "baseline", "--reps", "2", "--shard", v)
			assert.Contains(t, stderr, "shard")
		})
	}
}

func TestMergeAndRun_Help(t *testing.T) {
	stdout, _, code := licsim(t, context.Background(), "run", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "-shard K/N")
	assert.Contains(t, stdout, "part-K-of-N.json")

	stdout, _, code = licsim(t, context.Background(), "merge", "--help")
	assert.Equal(t, 0, code)
	for _, s := range []string{"Usage: licsim merge PART...", "-out directory", "-wait duration", "-quiet", "part-*.json", "exits with code 2", "byte\nfor byte"} {
		assert.Contains(t, stdout, s)
	}

	stdout, _, code = licsim(t, context.Background(), "help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "licsim merge ")
	assert.Contains(t, stdout, "licsim k8s-job ")
}

func TestMerge_BadFlags(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown flag":  {"merge", "x", "--bogus"},
		"no parts":      {"merge"},
		"negative wait": {"merge", "x", "--wait", "-1s"},
		"bad wait":      {"merge", "x", "--wait", "soon"},
	} {
		t.Run(name, func(t *testing.T) {
			_, stderr, code := licsim(t, context.Background(), args...)
			assert.Equal(t, 2, code, stderr)
			assert.True(t, strings.HasPrefix(stderr, "licsim: "), stderr)
		})
	}
}

// TestMerge_RefusesTamperedParts: a part whose numbers were edited after
// the shard wrote it is refused by name with exit code 2, and nothing is
// written. Edits that break the ledger are named; an edit that keeps the
// numbers plausible is caught by the digest.
func TestMerge_RefusesTamperedParts(t *testing.T) {
	dir := t.TempDir()
	good := runShards(t, filepath.Join(dir, "good"), "baseline", 2, []int{0, 1}, "--reps", "4")
	data, err := os.ReadFile(good[1])
	require.NoError(t, err)
	p, err := part.Read(good[1])
	require.NoError(t, err)
	r := p.Results[0]
	totals := func(t []int64) string { return `"totals":` + strings.ReplaceAll(fmt.Sprint(t), " ", ",") }
	with := func(i int, v int64) string {
		ts := append([]int64(nil), r.Totals...)
		ts[i] = v
		return totals(ts)
	}
	require.Contains(t, string(data), totals(r.Totals))
	tests := []struct{ name, old, new, want string }{
		{"total plus a million", totals(r.Totals), with(0, r.Totals[0]+100_000_000), fmt.Sprintf(
			"replication 2: buyer_spend total %s differs from the sum of its months %s",
			model.FormatCents(r.Totals[0]+100_000_000), model.FormatCents(r.Totals[0]))},
		{"negative count", totals(r.Totals), with(15, -4), "replication 2: hires = -4: must be in [0, 2^53]"},
		{"int64 max", totals(r.Totals), with(7, math.MaxInt64), "replication 2: purchases = 9223372036854775807: must be in [0, 2^53]"},
		{"wrong digest", `"digest":"` + p.Digest[:6], `"digest":"ffffff`, "digest ffffff" + p.Digest[6:12] + " does not match its results (" + p.Digest[:12] + "): edited or corrupted after it was written"},
		{"plausible edit", fmt.Sprintf(`"events":%d`, r.Events), fmt.Sprintf(`"events":%d`, r.Events+1), "digest " + p.Digest[:12] + " does not match its results (" + digestOf(t, bytes.Replace(data, []byte(fmt.Sprintf(`"events":%d`, r.Events)), []byte(fmt.Sprintf(`"events":%d`, r.Events+1)), 1)) + "): edited or corrupted after it was written"},
		{"monthly array longer", `"monthly":[`, `"monthly":[0,`, fmt.Sprintf("replication 2: %d monthly values, want %d", len(r.Monthly)+1, len(r.Monthly))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := filepath.Join(t.TempDir(), "parts")
			require.NoError(t, os.MkdirAll(parts, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(parts, part.Name(0, 2)), mustRead(t, good[0]), 0o644))
			bad := filepath.Join(parts, part.Name(1, 2))
			require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(string(data), tt.old, tt.new, 1)), 0o644))
			parent := t.TempDir()
			_, stderr, code := licsim(t, context.Background(), "merge", parts, "--out", filepath.Join(parent, "out"))
			assert.Equal(t, 2, code, stderr)
			assert.Equal(t, "licsim: "+bad+": "+tt.want, strings.SplitN(strings.TrimSpace(stderr), "\n", 2)[0], "the golden message")
			entries, err := os.ReadDir(parent)
			require.NoError(t, err)
			assert.Empty(t, entries, "nothing written")
		})
	}
}

// digestOf is the digest a part's results should have: the message's
// second hash, computed by Decode.
func digestOf(t *testing.T, data []byte) string {
	t.Helper()
	_, err := part.Decode("x", bytes.NewReader(data))
	require.Error(t, err)
	_, after, ok := strings.Cut(err.Error(), "does not match its results (")
	require.True(t, ok, err.Error())
	return after[:12]
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// TestRun_LockHeldUntilExit: while one licsim process simulates into
// --out, a second is refused with exit code 2; when the first is killed,
// the kernel releases its lock, the folder holds the earlier whole set,
// and the next run writes.
func TestRun_LockHeldUntilExit(t *testing.T) {
	licsim := licsimBinary(t)
	out := filepath.Join(t.TempDir(), "out")
	p := exe(licsim, "", "run", "--reps", "2", "--quiet", "--out", out)
	require.Equal(t, 0, p.code, p.stderr)
	before := mustRead(t, filepath.Join(out, "summary.json"))

	first := exec.Command(licsim, "run", "--reps", "200000", "--workers", "1", "--quiet", "--out", out)
	require.NoError(t, first.Start())
	killed := false
	defer func() {
		if !killed {
			first.Process.Kill()
			first.Wait()
		}
	}()
	// The first holds the lock once its staging folder is there.
	deadline := time.Now().Add(20 * time.Second)
	for {
		staged, _ := filepath.Glob(filepath.Join(out, ".licsim", "stage-*"))
		if len(staged) > 0 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the first run never opened its stage")
		time.Sleep(10 * time.Millisecond)
	}
	second := exe(licsim, "", "run", "--reps", "2", "--quiet", "--out", out)
	assert.Equal(t, 2, second.code, second.stderr)
	assert.Equal(t, "licsim: output folder "+out+": another licsim is writing into it; wait for it to finish or choose another --out\n", second.stderr)

	require.NoError(t, first.Process.Kill())
	first.Wait()
	killed = true
	assert.Equal(t, before, mustRead(t, filepath.Join(out, "summary.json")), "a killed run changes nothing")
	third := exe(licsim, "", "run", "--reps", "3", "--quiet", "--out", out)
	require.Equal(t, 0, third.code, "the lock died with its process: %s", third.stderr)
	assert.NotEqual(t, before, mustRead(t, filepath.Join(out, "summary.json")))
}
