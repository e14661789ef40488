package scenarios

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrescan_Bombs: texts that make the TOML parser take seconds and
// gigabytes are refused, with their line, in well under a second.
func TestPrescan_Bombs(t *testing.T) {
	const n = 12_000 // about 48 KB
	for _, c := range []struct{ name, src, want string }{
		{"nested inline tables", "name = \"x\"\na = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n), "x.toml:2: brackets or braces nested more than 16 deep"},
		{"nested arrays", "a = " + strings.Repeat("[", n) + strings.Repeat("]", n), "x.toml:1: brackets or braces nested more than 16 deep"},
		{"dotted key", "\n\n" + strings.Repeat("a.", n) + "a = 1", "x.toml:3: a key or table name of more than 16 dotted parts"},
		{"dotted header", "[" + strings.Repeat("a.", n) + "a]", "x.toml:1: a key or table name of more than 16 dotted parts"},
		{"dotted key in an inline table", "a = {" + strings.Repeat("b.", n) + "c = 1}", "more than 16 dotted parts"},
		{"many inline tables", "x = [" + strings.Repeat("{},", 200_000) + "]", "x.toml:1: more than 100,000 tables"},
		{"many headers", strings.Repeat("[[x]]\n", 200_000), "x.toml:100001: more than 100,000 tables"},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("x.toml", []byte(c.src))
			took := time.Since(start)
			require.Error(t, err)
			var ie *InputError
			require.True(t, errors.As(err, &ie))
			assert.Contains(t, err.Error(), c.want)
			assert.Less(t, took, 500*time.Millisecond)
		})
	}
}

// TestPrescan_IgnoresStringsAndComments: brackets, braces and dots in
// strings and comments do not count, nor do dots in values.
func TestPrescan_IgnoresStringsAndComments(t *testing.T) {
	deep := strings.Repeat("{[", 20)
	dots := strings.Repeat("a.", 20)
	for _, src := range []string{
		`name = "` + deep + dots + `"`,
		`name = '` + deep + `'`,
		"name = \"\"\"\n" + deep + "\n\"\"\"\nx = 1",
		"name = '''\n" + deep + "\n'''",
		"# " + deep + dots + "\nx = 1",
		`"` + dots + `" = 1`,
		"x = 1.5\ny = 2025-01-01\nz = [1.5, 2.5]\n[[product]]\nid = \"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r\"",
		`x = "\"` + deep + `"`,
	} {
		assert.Nil(t, prescan("x.toml", src), src)
	}
	p := prescan("x.toml", "a = \"\"\"\n\n\"\"\"\nb = '''\n'''\nc = "+strings.Repeat("[", 17))
	require.NotNil(t, p)
	assert.Equal(t, 6, p.Line, "lines inside multi-line strings count")
}

// TestSource_NotARegularFile: a FIFO is refused at once rather than
// waited on for ever, and devices that never end are refused, not read.
func TestSource_NotARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "scenario.toml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	for _, c := range []struct{ path, want string }{
		{fifo, "is a named pipe (FIFO), not a scenario file"},
		{"/dev/zero", "is a device, not a scenario file"},
		{"/dev/urandom", "is a device, not a scenario file"},
		{"/dev/null", "is a device, not a scenario file"},
	} {
		t.Run(c.path, func(t *testing.T) {
			if _, err := os.Stat(c.path); err != nil {
				t.Skip(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			done := make(chan error, 1)
			go func() { _, err := Load(c.path); done <- err }()
			select {
			case err := <-done:
				var ie *InputError
				require.True(t, errors.As(err, &ie), "%v", err)
				assert.Contains(t, err.Error(), c.want)
			case <-ctx.Done():
				t.Fatal("Load did not return")
			}
		})
	}
}

// TestReadFile_ReadsAtMostTheLimit: whatever a file turns out to be, no
// more than the limit is read: here a file that grew after its Stat.
func TestReadFile_ReadsAtMostTheLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "grows.toml")
	require.NoError(t, os.WriteFile(path, []byte("x"), 0o600))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, make([]byte, maxFileSize+10), 0o600))
	_, _, err = readFile(path, fi)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is larger than 16.0 MiB, the most a scenario file may be")
}
