package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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

// TestSource_Rules: Source resolves every kind of reference by the rules
// of its doc, and Load agrees with it in every case: the same error, or
// the configuration of the text Source returned.
func TestSource_Rules(t *testing.T) {
	shippedText, err := shipped.ReadFile(DefaultName + ".toml")
	require.NoError(t, err)
	mine := strings.Replace(string(shippedText), `name = "`, `name = "Mine: `, 1)
	require.NotEqual(t, string(shippedText), mine)
	file := func(name, text string) func(t *testing.T) {
		return func(t *testing.T) { require.NoError(t, os.WriteFile(name, []byte(text), 0o644)) }
	}
	dir := func(name string) func(t *testing.T) {
		return func(t *testing.T) { require.NoError(t, os.MkdirAll(name, 0o755)) }
	}
	tests := []struct {
		name     string
		setup    func(t *testing.T) // run in an empty working directory
		ref      string
		wantName string // "" when refused
		wantText string // the text returned, when not the shipped baseline
		wantErr  string // in the refusal
	}{
		{"a file", file("mine.toml", mine), "mine.toml", "mine.toml", mine, ""},
		{"a file by path", func(t *testing.T) { dir("sub")(t); file("sub/mine.toml", mine)(t) }, "sub/mine.toml", "sub/mine.toml", mine, ""},
		{"shipped by name", nil, DefaultName, DefaultName + ".toml", "", ""},
		{"shipped with extension", nil, DefaultName + ".toml", DefaultName + ".toml", "", ""},
		{"a file named like a shipped scenario wins", file(DefaultName, mine), DefaultName, DefaultName, mine, ""},
		{"a file named like a shipped one, with extension, wins", file(DefaultName+".toml", mine), DefaultName + ".toml", DefaultName + ".toml", mine, ""},
		{"a folder named like a shipped scenario does not shadow it", dir(DefaultName), DefaultName, DefaultName + ".toml", "", ""},
		{"nor with extension", dir(DefaultName + ".toml"), DefaultName + ".toml", DefaultName + ".toml", "", ""},
		{"a folder by path is refused", dir(DefaultName), "./" + DefaultName, "", "", "is a directory, not a scenario file"},
		{"another folder is refused", dir("folder"), "folder", "", "", "is a directory, not a scenario file"},
		{"missing", nil, "no-such-scenario", "", "", "no such file, and no shipped scenario of that name (shipped: "},
		{"a path to a missing file", nil, "sub/" + DefaultName, "", "", "no such file"},
		{"the catalog is not a scenario", nil, "catalog", "", "", "no such file"},
		{"too large", func(t *testing.T) {
			f, err := os.Create("big.toml")
			require.NoError(t, err)
			require.NoError(t, f.Truncate(maxFileSize+1))
			require.NoError(t, f.Close())
		}, "big.toml", "", "", "big.toml: is 16.0 MiB; a scenario file is at most 16.0 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if tt.setup != nil {
				tt.setup(t)
			}
			name, data, err := Source(tt.ref)
			cfg, loadErr := Load(tt.ref)
			if tt.wantErr != "" {
				var ie *InputError
				require.True(t, errors.As(err, &ie), "not an *InputError: %v", err)
				assert.Equal(t, tt.ref, ie.File)
				assert.Contains(t, err.Error(), tt.wantErr)
				require.Error(t, loadErr)
				assert.Equal(t, err.Error(), loadErr.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantName, name)
			want := tt.wantText
			if want == "" {
				want = string(shippedText)
			}
			assert.Equal(t, want, string(data))
			require.NoError(t, loadErr)
			parsed, err := Parse(name, data)
			require.NoError(t, err)
			assert.Equal(t, parsed, cfg)
		})
	}
}
