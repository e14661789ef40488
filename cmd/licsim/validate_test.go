package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/scenarios"
)

// chdirRepo runs a test from the repository root, where users run licsim.
func chdirRepo(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
}

func TestValidateShipped(t *testing.T) {
	out, errOut, code := licsim(t, context.Background(), append([]string{"validate"}, scenarios.Shipped()...)...)
	assert.Equal(t, 0, code, errOut)
	assert.Empty(t, errOut)
	for _, name := range scenarios.Shipped() {
		assert.Contains(t, out, name+": ok: ")
	}
	out, _, code = licsim(t, context.Background(), "validate", "--quiet", "baseline")
	assert.Equal(t, 0, code)
	assert.Empty(t, out)
}

// TestValidateBadFiles: every file of the bad corpus is refused with exit
// code 2, one line per problem, each naming file and key.
func TestValidateBadFiles(t *testing.T) {
	chdirRepo(t)
	files, err := filepath.Glob("scenarios/testdata/bad/*.toml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			out, errOut, code := licsim(t, context.Background(), "validate", file)
			assert.Equal(t, 2, code)
			assert.Contains(t, errOut, "1 of 1 scenarios refused")
			golden, err := os.ReadFile(strings.TrimSuffix(file, ".toml") + ".golden")
			require.NoError(t, err)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			assert.Len(t, lines, strings.Count(string(golden), "\n"), "one line per problem")
			for _, line := range lines {
				assert.True(t, strings.HasPrefix(line, file+":"), "names the file: %s", line)
				rest := strings.TrimPrefix(line, file+":")
				assert.Regexp(t, `^(\d+:(\d+:)? )?(--set \S+: )?[a-z_*\[\]0-9 ().-]+: `, rest, "names the key: %s", line)
			}
		})
	}
}

// TestValidateAllAtOnce: good and bad files together: every problem of
// every file, then exit code 2.
func TestValidateAllAtOnce(t *testing.T) {
	chdirRepo(t)
	out, errOut, code := licsim(t, context.Background(), "validate", "scenarios/testdata/bad/out-of-range.toml", "baseline", "scenarios/testdata/bad/unknown-keys.toml")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "2 of 3 scenarios refused")
	assert.Equal(t, 9+1+5, strings.Count(out, "\n"))
	assert.Contains(t, out, "baseline: ok")
}

func TestValidateSet(t *testing.T) {
	out, _, code := licsim(t, context.Background(), "validate", "baseline", "--set", "months=12", "--set", "admin.on_departure=cancel")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "12 months")

	out, _, code = licsim(t, context.Background(), "validate", "baseline", "--set", "months=300")
	assert.Equal(t, 2, code)
	assert.Contains(t, out, "baseline.toml: --set months=300: months: 300 is out of range (allowed: 1 to 240)")

	_, errOut, code := licsim(t, context.Background(), "validate", "baseline", "--set", "monhts=3")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "did you mean months?")
}

func TestValidateUsage(t *testing.T) {
	_, errOut, code := licsim(t, context.Background(), "validate")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "at least one scenario")

	_, errOut, code = licsim(t, context.Background(), "validate", "no-such-file.toml")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "1 of 1")

	out, _, code := licsim(t, context.Background(), "validate", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "-set")
}

// TestRunShipped: `licsim run NAME` runs every shipped scenario by name,
// and a path works as well (one replication each, to stay quick).
func TestRunShipped(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every shipped scenario")
	}
	for _, name := range scenarios.Shipped() {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			out, errOut, code := licsim(t, context.Background(), "run", name, "--reps", "1", "--quiet", "--out", dir)
			assert.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "buyer spend")
			cfg, err := scenarios.Load(name)
			require.NoError(t, err)
			summary, err := os.ReadFile(filepath.Join(dir, "summary.json"))
			require.NoError(t, err)
			assert.Contains(t, string(summary), fmt.Sprintf("%q", cfg.Name))
		})
	}
	chdirRepo(t)
	_, errOut, code := licsim(t, context.Background(), "run", "scenarios/leaver-exposure.toml", "--reps", "1", "--quiet", "--out", t.TempDir())
	assert.Equal(t, 0, code, errOut)
	_, errOut, code = licsim(t, context.Background(), "run", "scenarios/testdata/bad/wrong-types.toml", "--out", t.TempDir())
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "months: want a whole number")
}
