package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/reports/part"
)

// snapshot is every file, folder and link under dir, with its bytes or
// its target, for telling that nothing there changed.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			files[rel] = "link " + target
			return err
		case d.IsDir():
			files[rel] = "dir"
		default:
			b, err := os.ReadFile(path)
			files[rel] = string(b)
			return err
		}
		return nil
	})
	require.NoError(t, err)
	return files
}

// TestMerge_BadLastReplicationWritesNothing: a merge reads each part
// once, handing its replications to the outputs as it checks them, and
// checks the digest after the last. A problem found only at the very
// end of the last part (a replication that fails its checks, an edit
// that only the digest catches, a part cut short) is still refused by
// name, exit code 2, before anything is written: the outputs of an
// earlier merge in --out stay as they were, byte for byte.
func TestMerge_BadLastReplicationWritesNothing(t *testing.T) {
	dir := t.TempDir()
	good := runShards(t, filepath.Join(dir, "good"), "baseline", 3, []int{0, 1, 2}, "--reps", "6", "--set", "history=none")
	out := filepath.Join(dir, "out")
	_, stderr, code := licsim(t, context.Background(), "merge", filepath.Join(dir, "good"), "--out", out, "--quiet")
	require.Equal(t, 0, code, stderr)
	before := snapshot(t, out)
	require.Contains(t, before, "summary.json")

	data := mustRead(t, good[2])
	lastLine := bytes.LastIndex(data, []byte("\n{\"rep\":5,"))
	require.Positive(t, lastLine, "replication 5 has the last line")
	p, err := part.Read(good[2])
	require.NoError(t, err)
	last := p.Results[len(p.Results)-1]
	totals := func(ts []int64) string { return `"totals":` + strings.ReplaceAll(fmt.Sprint(ts), " ", ",") }
	negative := append([]int64(nil), last.Totals...)
	negative[15] = -4 // hires
	events := fmt.Sprintf(`"events":%d`, last.Events)
	tests := []struct{ name, old, new, want string }{
		{"last replication implausible", totals(last.Totals), totals(negative), "replication 5: hires = -4: must be in [0, 2^53]"},
		{"last replication edited plausibly", events, fmt.Sprintf(`"events":%d`, last.Events+1), "digest " + p.Digest[:12] + " does not match its results ("},
		{"digest", `"digest":"` + p.Digest[:4], `"digest":"0000`, "digest 0000" + p.Digest[4:12] + " does not match its results (" + p.Digest[:12] + ")"},
		{"cut short", "]}\n", "", "not a licsim part file: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := filepath.Join(t.TempDir(), "parts")
			require.NoError(t, os.MkdirAll(parts, 0o755))
			for _, f := range good[:2] {
				require.NoError(t, os.WriteFile(filepath.Join(parts, filepath.Base(f)), mustRead(t, f), 0o644))
			}
			// The edit falls in the last line, but for the digest's.
			edited := bytes.Clone(data)
			at := lastLine
			if tt.name == "digest" {
				at = 0
			}
			i := bytes.Index(edited[at:], []byte(tt.old))
			require.GreaterOrEqual(t, i, 0, tt.old)
			edited = append(edited[:at+i:at+i], append([]byte(tt.new), edited[at+i+len(tt.old):]...)...)
			bad := filepath.Join(parts, part.Name(2, 3))
			require.NoError(t, os.WriteFile(bad, edited, 0o644))

			_, stderr, code := licsim(t, context.Background(), "merge", parts, "--out", out, "--quiet")
			assert.Equal(t, 2, code, stderr)
			assert.True(t, strings.HasPrefix(stderr, "licsim: "+bad+": "+tt.want), "the message: %s", stderr)
			assert.Equal(t, before, snapshot(t, out), "the earlier outputs untouched")

			fresh := filepath.Join(t.TempDir(), "fresh")
			_, _, code = licsim(t, context.Background(), "merge", parts, "--out", fresh, "--quiet")
			assert.Equal(t, 2, code)
			assert.NoDirExists(t, fresh, "nothing written")
		})
	}
}
