package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/reports"
	"licsim/scenarios"
)

// TestCLI_Mistyped: a mistyped command or flag gets the error first, in
// one line, with "did you mean"; it once printed 30 lines of help with
// the error last.
func TestCLI_Mistyped(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"rnu"}, `licsim: unknown command "rnu"; did you mean "run"? (run "licsim help" for the commands)` + "\n"},
		{[]string{"valdiate", "x"}, `licsim: unknown command "valdiate"; did you mean "validate"?`},
		{[]string{"frobnicate"}, `licsim: unknown command "frobnicate"; run "licsim help" for the commands` + "\n"},
		{[]string{"run", "--rpes", "5"}, "licsim: run: flag provided but not defined: -rpes; did you mean --reps?\n"},
		{[]string{"sweep", "baseline", "--sett", "months=1"}, "did you mean --set?"},
		{[]string{"catalog", "--zzzzzz"}, "its flags: --as-of, --sources (see licsim catalog --help)"},
	} {
		stdout, stderr, code := licsim(t, context.Background(), c.args...)
		assert.Equal(t, 2, code)
		assert.Empty(t, stdout)
		assert.True(t, strings.HasPrefix(stderr, "licsim: "), "the error comes first: %q", stderr)
		assert.Contains(t, stderr, c.want)
		assert.LessOrEqual(t, strings.Count(stderr, "\n"), 1, "one line, not the help: %q", stderr)
	}
}

// TestVersion: licsim version names the module version, the revision and
// whether the tree was modified, and the Go version.
func TestVersion(t *testing.T) {
	stdout, _, code := licsim(t, context.Background(), "version")
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(stdout, "licsim "), stdout)
	assert.Contains(t, stdout, runtime.Version())
	_, _, code = licsim(t, context.Background(), "--version")
	assert.Equal(t, 0, code)

	// The formats of each case: reports/buildinfo's tests.

	bin := licsimBinary(t)
	p := exe(bin, "", "version")
	assert.Equal(t, 0, p.code, p.stderr)
	assert.Contains(t, p.stdout, runtime.Version())
}

// TestSweep_WarnsWhenTheSettingChangesNothing: the README's sweep of
// admin.review_every_days on the baseline (on_review = "none") gives
// identical rows; it now says so first, on stdout.
func TestSweep_WarnsWhenTheSettingChangesNothing(t *testing.T) {
	stdout, stderr, code := licsim(t, context.Background(), "sweep", "baseline", "--set", "admin.review_every_days=0,90",
		"--reps", "2", "--quiet", "--out", t.TempDir())
	assert.Equal(t, 0, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, `warning: admin.review_every_days changes nothing in this scenario: admin.on_review is "none": a review does nothing; every point will be the same`+"\n"), stdout)

	stdout, stderr, code = licsim(t, context.Background(), "sweep", "baseline", "--set", "admin.review_every_days=0,90",
		"--set", "admin.on_review=cancel", "--reps", "2", "--quiet", "--out", t.TempDir())
	assert.Equal(t, 0, code, stderr)
	assert.NotContains(t, stdout, "warning")
}

// TestCompare_WarnsWhenNothingDiffers and of a takeover that cancels.
func TestCompare_WarnsWhenNothingDiffers(t *testing.T) {
	stdout, stderr, code := licsim(t, context.Background(), "compare", "baseline", "baseline", "--reps", "2", "--quiet", "--out", t.TempDir())
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "warning: baseline and baseline configure the same simulation: every difference will be 0\n")
}

// TestCompare_WarnsWhenAVariantChangesNothing: a variant that sets a key
// the scenario never reads (reviews are off) is named, as sweep does.
func TestCompare_WarnsWhenAVariantChangesNothing(t *testing.T) {
	stdout, stderr, code := licsim(t, context.Background(), "compare", "baseline", "--variant", "admin.review_every_days=30", "--reps", "2", "--quiet", "--out", t.TempDir())
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "admin.review_every_days changes nothing in this scenario")
}

// TestValidate_WarnsOfTakeoverThatCancels: a valid scenario whose
// takeovers all become cancels is accepted with a warning.
func TestValidate_WarnsOfTakeoverThatCancels(t *testing.T) {
	stdout, _, code := licsim(t, context.Background(), "validate", "baseline", "--set", "admin.on_notice=takeover")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "baseline: warning: admins take subscriptions over, but no product has org_spare licences")
}

// TestRun_WarningsReachTheReports: a run whose takeovers all become
// cancels says so on stdout and at the top of report.html, and a compare
// repeats its warnings in compare.json and its report.
func TestRun_WarningsReachTheReports(t *testing.T) {
	src, ok := scenarios.ShippedSource("baseline")
	require.True(t, ok)
	file := filepath.Join(t.TempDir(), "takeover.toml")
	require.NoError(t, os.WriteFile(file, bytes.Replace(src, []byte(`on_notice = "none"`), []byte(`on_notice = "takeover"`), 1), 0o644))
	const warning = "admins take subscriptions over, but no product has org_spare licences"

	out := t.TempDir()
	stdout, stderr, code := licsim(t, context.Background(), "run", file, "--reps", "2", "--quiet", "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "warning: "+warning), "the warning comes first:\n%s", stdout)
	page, err := os.ReadFile(filepath.Join(out, reports.FileReport))
	require.NoError(t, err)
	assert.Contains(t, string(page), "<strong>Warning:</strong> "+warning)

	plain, _, code := licsim(t, context.Background(), "run", "baseline", "--reps", "2", "--quiet", "--out", t.TempDir())
	require.Equal(t, 0, code)
	assert.NotContains(t, plain, "warning:", "a scenario without surprises warns of nothing")

	out = t.TempDir()
	_, stderr, code = licsim(t, context.Background(), "compare", "baseline", file, "--reps", "2", "--quiet", "--out", out)
	require.Equal(t, 0, code, stderr)
	js, err := os.ReadFile(filepath.Join(out, reports.FileCompare))
	require.NoError(t, err)
	assert.Contains(t, string(js), `"warnings": ["`+file+": "+warning)
	page, err = os.ReadFile(filepath.Join(out, reports.FileReport))
	require.NoError(t, err)
	assert.Contains(t, string(page), "<strong>Warning:</strong> "+file+": "+warning)
}
