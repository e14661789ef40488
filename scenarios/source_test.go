package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSource_ResolvesLikeLoad: whatever Source returns parses into the
// configuration Load gives for the same argument.
func TestSource_ResolvesLikeLoad(t *testing.T) {
	dir := t.TempDir()
	shippedText, err := shipped.ReadFile(DefaultName + ".toml")
	require.NoError(t, err)
	file := filepath.Join(dir, "mine.toml")
	require.NoError(t, os.WriteFile(file, shippedText, 0o644))

	tests := []struct {
		name, arg, wantName string
	}{
		{"shipped by name", DefaultName, DefaultName + ".toml"},
		{"shipped with extension", DefaultName + ".toml", DefaultName + ".toml"},
		{"a file", file, file},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, data, err := Source(tt.arg)
			require.NoError(t, err)
			assert.Equal(t, tt.wantName, name)
			want, err := Load(tt.arg)
			require.NoError(t, err)
			got, err := Parse(name, data)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestSource_Missing(t *testing.T) {
	for _, arg := range []string{"no-such-scenario", filepath.Join(t.TempDir(), "nope.toml"), "sub/" + DefaultName} {
		_, _, err := Source(arg)
		var ie *InputError
		assert.True(t, errors.As(err, &ie), "%s: %v", arg, err)
	}
}
