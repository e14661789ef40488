package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/reports"
)

// licsim runs the command line in-process and returns stdout, stderr and
// the exit code main would use.
func licsim(t *testing.T, ctx context.Context, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(ctx, args, &stdout, &stderr)
	code := exitCode(err, &stderr)
	return stdout.String(), stderr.String(), code
}

// refused runs the command line with --out set to an empty folder and
// checks that it refuses the input (exit code 2) and writes nothing
// there; it returns stderr.
func refused(t *testing.T, args ...string) string {
	t.Helper()
	out := t.TempDir()
	_, stderr, code := licsim(t, context.Background(), append(args, "--out", out)...)
	assert.Equal(t, 2, code, stderr)
	entries, _ := os.ReadDir(out)
	assert.Empty(t, entries)
	return stderr
}

// runFiles are the outputs of `licsim run` (contract v1 and the charts).
var runFiles = []string{
	"summary.json", "replications.csv", "monthly.csv", "per_year.csv", "per_product.csv", "subscriptions.csv", "results.xlsx", "report.html",
	"monthly_spend.png", "monthly_spend.svg", "seats_by_product.png", "seats_by_product.svg",
	"buyer_spend_distribution.png", "buyer_spend_distribution.svg",
}

func TestRun_WritesEveryOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := licsim(t, context.Background(), "run", "--reps", "6", "--out", out)
	require.Equal(t, 0, code, stderr)
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, append([]string{".licsim"}, runFiles...), names, "exactly the outputs and the hidden run folder, no temporary files")
	assert.Contains(t, stdout, "buyer spend (USD)")
	assert.Contains(t, stdout, "90% band")
	assert.Regexp(t, `(?m)^6 replications in .* \(\d+/s\); reports written to .* in `, stderr, "last line: count, time, rate")

	var sum struct {
		Scenario     string
		Replications int
		Metrics      map[string]map[string]any
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sum))
	assert.Equal(t, 6, sum.Replications)
	for _, m := range model.Metrics() {
		assert.Contains(t, sum.Metrics, m.Name())
	}
	rows, err := os.ReadFile(filepath.Join(out, "replications.csv"))
	require.NoError(t, err)
	assert.Equal(t, 7, strings.Count(string(rows), "\n"), "header and one row per replication")
	assert.True(t, strings.HasPrefix(string(rows), "rep,seed,buyer_spend,org_spend,"))
}

// TestRun_ByteIdenticalAcrossWorkers: the same scenario and seed give the
// same bytes in every file, whatever the number of workers. 30
// replications are more than the 4 per worker that run ahead of the next
// one kept (model.ReplicateEach), so that the window does bound them.
func TestRun_ByteIdenticalAcrossWorkers(t *testing.T) {
	dir := t.TempDir()
	workers := []string{"1", "2", "3"}
	for _, w := range workers {
		_, stderr, code := licsim(t, context.Background(), "run", "--reps", "30", "--workers", w, "--quiet", "--out", filepath.Join(dir, w))
		require.Equal(t, 0, code, stderr)
	}
	for _, w := range workers[1:] {
		for _, f := range runFiles {
			a, err := os.ReadFile(filepath.Join(dir, "1", f))
			require.NoError(t, err)
			b, err := os.ReadFile(filepath.Join(dir, w, f))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(a, b), "%s differs between --workers 1 and %s", f, w)
		}
	}
}

// TestRun_InterruptedWritesNothing: Ctrl-C (a cancelled context) leaves
// no file and no temporary folder behind.
func TestRun_InterruptedWritesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, code := licsim(t, ctx, "run", "--reps", "50", "--out", out)
	assert.Equal(t, 130, code)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)

	// Cancelled while running: same.
	ctx, cancel = context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	var so, se bytes.Buffer
	err = run(ctx, []string{"run", "--reps", "5000", "--workers", "2", "--out", out, "--quiet"}, &so, &se)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	entries, err = os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "an interrupted run leaves nothing")
}

func TestRun_QuietPrintsNothingOnStderr(t *testing.T) {
	stdout, stderr, code := licsim(t, context.Background(), "run", "--reps", "2", "--quiet", "--out", t.TempDir())
	require.Equal(t, 0, code)
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "buyer spend")
}

func TestRun_BadInput(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown flag":  {"run", "--bogus"},
		"bad reps":      {"run", "--reps", "-3"},
		"two files":     {"run", "a.toml", "b.toml"},
		"missing file":  {"run", filepath.Join(t.TempDir(), "nope.toml")},
		"zero workers":  {"run", "--workers", "0"},
		"bad seed flag": {"run", "--seed", "x"},
		"bad set value": {"run", "--set", "history=bogus", "--reps", "2"},
		"bad set key":   {"run", "--set", "admin.no_such_key=1", "--reps", "2"},
		"set no value":  {"run", "--set", "history"},
	} {
		t.Run(name, func(t *testing.T) {
			_, stderr, code := licsim(t, context.Background(), args...)
			assert.Equal(t, 2, code, stderr)
		})
	}
}

// TestRun_SetOverridesAKey: --set changes a scenario key for the run:
// the shipped baseline warms up (its summary says what the warm-up
// carried, and so does report.html), and with history=none it starts
// from an empty tenant.
func TestRun_SetOverridesAKey(t *testing.T) {
	warm := t.TempDir()
	stdout, stderr, code := licsim(t, context.Background(), "run", "--reps", "2", "--quiet", "--out", warm)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "warm-up from")
	html, err := os.ReadFile(filepath.Join(warm, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), "warm-up from 14 January 2020; on start:")
	out := t.TempDir()
	stdout, stderr, code = licsim(t, context.Background(), "run", "--set", "history=none", "--set", "population.headcount=300", "--reps", "2", "--quiet", "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, stdout, "warm-up from")
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	assert.NotContains(t, string(b), `"carried"`)
	html, err = os.ReadFile(filepath.Join(out, "report.html"))
	require.NoError(t, err)
	assert.NotContains(t, string(html), "warm-up from")
}

func TestRun_Help(t *testing.T) {
	stdout, _, code := licsim(t, context.Background(), "run", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "-quiet")
	assert.Contains(t, stdout, "report.html")
}

// TestRun_UnwritableOutput: an --out that cannot be written is bad input
// (exit code 2), found before the simulation: a run of a million
// replications is refused at once.
func TestRun_UnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	out := filepath.Join(file, "out")
	for _, args := range [][]string{
		{"run", "--reps", "1000000"},
		{"run", "--reps", "1000000", "--shard", "0/2"},
		{"compare", "baseline", "disable-all", "--reps", "1000000"},
		{"sweep", "baseline", "--reps", "1000000", "--set", "admin.notify_delivery=0.1,0.9"},
		{"merge", dir, "--wait", "1h"},
	} {
		t.Run(args[0], func(t *testing.T) {
			began := time.Now()
			_, stderr, code := licsim(t, context.Background(), append(args, "--quiet", "--out", out)...)
			assert.Equal(t, 2, code, stderr)
			assert.Equal(t, "licsim: output folder "+out+": mkdir "+file+": not a directory\n", stderr, "the golden message")
			assert.Less(t, time.Since(began), 2*time.Second, "refused before simulating")
		})
	}
}

// TestRun_EmptyOutRefused: --out "" once wrote into the current folder.
func TestRun_EmptyOutRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{
		{"run", "--reps", "2"},
		{"run", "--reps", "2", "--shard", "0/2"},
		{"compare", "baseline", "disable-all", "--reps", "2"},
		{"sweep", "baseline", "--reps", "2", "--set", "admin.notify_delivery=0.1,0.9"},
		{"merge", "."},
	} {
		_, stderr, code := licsim(t, context.Background(), append(args, "--quiet", "--out", "")...)
		assert.Equal(t, 2, code, stderr)
		assert.Equal(t, "licsim: --out is empty: name a folder, such as out\n", stderr, "the golden message")
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

// TestRun_SecondWriterRefused: while a licsim writes into --out (here:
// holds its lock), another one is refused with exit code 2, before it
// simulates, and the first one's outputs are whole.
func TestRun_SecondWriterRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	st, err := reports.OpenStage(out, reports.Set)
	require.NoError(t, err)
	for _, args := range [][]string{
		{"run", "--reps", "1000000"},
		{"compare", "baseline", "disable-all", "--reps", "1000000"},
		{"merge", t.TempDir()},
	} {
		began := time.Now()
		_, stderr, code := licsim(t, context.Background(), append(args, "--quiet", "--out", out)...)
		assert.Equal(t, 2, code, stderr)
		assert.Equal(t, "licsim: output folder "+out+": another licsim is writing into it; wait for it to finish or choose another --out\n", stderr, "the golden message")
		assert.Less(t, time.Since(began), 2*time.Second, "refused before simulating")
	}
	require.NoError(t, st.Write("summary.json", func(w io.Writer) error { _, err := io.WriteString(w, "{}"); return err }))
	require.NoError(t, st.Commit(context.Background()))
	_, stderr, code := licsim(t, context.Background(), "run", "--reps", "2", "--quiet", "--out", out)
	require.Equal(t, 0, code, "the lock is released after the commit: %s", stderr)
}

// TestRun_ReplacesTheWholeSet: a run into a folder that holds another
// command's outputs leaves only its own, and the files of a second run
// replace the first's.
func TestRun_ReplacesTheWholeSet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, code := licsim(t, context.Background(), "compare", "baseline", "disable-all", "--reps", "2", "--quiet", "--out", out)
	require.Equal(t, 0, code, stderr)
	require.FileExists(t, filepath.Join(out, "compare.json"))
	_, stderr, code = licsim(t, context.Background(), "run", "--reps", "2", "--quiet", "--out", out)
	require.Equal(t, 0, code, stderr)
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, append([]string{".licsim"}, runFiles...), names, "compare.json and its chart are gone")
	first, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	_, stderr, code = licsim(t, context.Background(), "run", "--reps", "3", "--quiet", "--out", out)
	require.Equal(t, 0, code, stderr)
	second, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	assert.NotEqual(t, first, second)
	assert.Len(t, mustReadDir(t, filepath.Join(out, ".licsim")), 3, "lock, pointer and the one run folder")
}

func mustReadDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	return entries
}

func TestProgress_BarOnlyWhenAsked(t *testing.T) {
	var quiet bytes.Buffer
	p := startProgress(&quiet, 10, "run", display{})
	for range 10 {
		p.add()
	}
	p.finish(true, "")
	assert.Empty(t, quiet.String())

	var shown bytes.Buffer
	p = &progress{w: &shown, total: 8, delay: 0, began: time.Now(), stop: make(chan struct{})}
	p.start("run", display{cols: 80})
	for range 4 {
		p.add()
	}
	time.Sleep(300 * time.Millisecond)
	p.finish(false, "; done")
	assert.Contains(t, shown.String(), "4/8", "the bar shows progress (it clears itself when full)")
	assert.Contains(t, shown.String(), "4 replications in ")
	assert.Contains(t, shown.String(), "; done")
	assert.False(t, isTerminal(&shown))
}

// Regression: --reps 0 once meant "not given" and ran the scenario's 200
// replications. Every out-of-range --reps is bad input, and writes nothing.
func TestRun_RepsOutOfRange(t *testing.T) {
	for _, reps := range []string{"0", "-1", "1000001", "many"} {
		out := filepath.Join(t.TempDir(), "out")
		_, stderr, code := licsim(t, context.Background(), "run", "baseline", "--reps", reps, "--out", out, "--quiet")
		assert.Equal(t, 2, code, "--reps %s: %s", reps, stderr)
		assert.Contains(t, stderr, "reps")
		assert.NoDirExists(t, out)
	}
}

// TestProgress_BarFitsTheWidth: every redraw of the bar fits the
// terminal, so that it overwrites itself; a 50-column terminal once
// filled its scrollback with wrapped bars.
func TestProgress_BarFitsTheWidth(t *testing.T) {
	ansi := regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`)
	for _, cols := range []int{20, 30, 50, 80, 200} {
		for _, total := range []int{10, 1_000_000} {
			var b bytes.Buffer
			p := &progress{w: &b, total: total, delay: 0, began: time.Now().Add(-time.Hour), stop: make(chan struct{})}
			p.start("shard 12/1000", display{cols: cols})
			p.done.Add(int64(total / 3))
			time.Sleep(250 * time.Millisecond)
			p.stopBar()
			require.Contains(t, b.String(), "%", "the bar was drawn")
			for _, seg := range strings.FieldsFunc(ansi.ReplaceAllString(b.String(), ""), func(r rune) bool { return r == '\r' || r == '\n' }) {
				assert.LessOrEqual(t, utf8.RuneCountInString(strings.TrimRight(seg, " ")), cols-1, "%d columns, %d total: %q", cols, total, seg)
			}
		}
	}
}

// TestProgress_LinesWithoutATerminal: with stderr not a terminal (CI,
// Kubernetes logs) a line every interval says done/total, the rate and
// the time left; nothing was printed until the run ended.
func TestProgress_LinesWithoutATerminal(t *testing.T) {
	var b syncBuffer
	p := &progress{w: &b, total: 100, began: time.Now(), stop: make(chan struct{})}
	p.start("run", display{interval: 50 * time.Millisecond})
	p.done.Add(25)
	time.Sleep(180 * time.Millisecond)
	p.finish(false, "")
	out := b.String()
	assert.GreaterOrEqual(t, strings.Count(out, "run: 25/100 replications (25%), "), 2, out)
	assert.Regexp(t, `run: 25/100 replications \(25%\), \d+/s, about \d+s left\n`, out)
	assert.Equal(t, "run: 10/100 replications (10%), 1/s, about 1m30s left", p.line("run", 10, 10*time.Second))
	assert.Equal(t, "run: 0/100 replications (0%), starting", p.line("run", 0, time.Second))
	assert.Equal(t, display{interval: progressLines}, displayFor(&b, false))
	assert.Equal(t, display{}, displayFor(&b, true))
}
