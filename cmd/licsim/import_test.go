package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/scenarios"
)

// TestImport: licsim import reads a folder of exports and writes a
// scenario that loads; a bad export is exit code 2 and nothing is written.
func TestImport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "tenant.toml")
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"import", "../../scenarios/testdata/tenant", "--out", out}, &stdout, &stderr)
	require.NoError(t, err)
	assert.Contains(t, stderr.String(), "SOME_NEW_SKU", "unknown SKUs are listed")
	cfg, err := scenarios.Load(out)
	require.NoError(t, err)
	assert.NotEmpty(t, cfg.Existing)

	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"value": [{"isTrial": true}]}`), 0o644))
	out2 := filepath.Join(t.TempDir(), "never.toml")
	err = run(t.Context(), []string{"import", bad, "--out", out2}, &stdout, &stderr)
	require.Error(t, err)
	assert.Equal(t, 2, exitCode(err, &stderr))
	assert.Contains(t, err.Error(), "$.value[0].skuPartNumber: missing")
	assert.NoFileExists(t, out2)
}
