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

// TestInitValidates: the template validates and runs as printed.
func TestInitValidates(t *testing.T) {
	out, errOut, code := licsim(t, context.Background(), "init")
	require.Equal(t, 0, code, errOut)
	assert.True(t, strings.HasPrefix(out, "# A licsim scenario"))
	file := filepath.Join(t.TempDir(), "my.toml")
	require.NoError(t, os.WriteFile(file, []byte(out), 0o644))
	vout, errOut, code := licsim(t, context.Background(), "validate", file)
	assert.Equal(t, 0, code, vout+errOut)
	_, errOut, code = licsim(t, context.Background(), "run", file, "--reps", "1", "--quiet", "--out", t.TempDir())
	assert.Equal(t, 0, code, errOut)
}

func TestInitUsage(t *testing.T) {
	_, errOut, code := licsim(t, context.Background(), "init", "extra")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "licsim init > my-scenario.toml")
}
