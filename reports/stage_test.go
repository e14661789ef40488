package reports

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStage_FailedWriterLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(out, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(out, "summary.json"), []byte("old"), 0o644))

	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	st, err := NewStage(out)
	require.NoError(t, err)
	require.NoError(t, st.Write("monthly.csv", func(w io.Writer) error { return WriteMonthlyCSV(w, s) }))
	boom := errors.New("disk full")
	err = st.Write("summary.json", func(w io.Writer) error {
		// Half of the file, then the failure.
		full := render(t, func(w io.Writer) error { return WriteSummaryJSON(w, s) })
		if _, err := w.Write(full[:len(full)/2]); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	st.Abort()

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "the temporary folder must be gone")
	old, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	assert.Equal(t, "old", string(old), "a failed run must not touch existing files")
	_, err = os.Stat(filepath.Join(out, "monthly.csv"))
	assert.True(t, os.IsNotExist(err), "no file of a failed run may appear")
}

func TestStage_CommitMovesEverything(t *testing.T) {
	out := filepath.Join(t.TempDir(), "a", "out")
	st, err := NewStage(out)
	require.NoError(t, err)
	defer st.Abort()
	for _, n := range []string{"x.csv", "y.json"} {
		require.NoError(t, st.Write(n, func(w io.Writer) error { _, err := io.WriteString(w, n); return err }))
	}
	require.Error(t, st.Write("../evil", func(io.Writer) error { return nil }))
	require.NoError(t, st.Commit(context.Background()))
	for _, n := range []string{"x.csv", "y.json"} {
		b, err := os.ReadFile(filepath.Join(out, n))
		require.NoError(t, err)
		assert.Equal(t, n, string(b))
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	assert.Len(t, entries, 1, "temporary folder removed after commit")
	assert.Error(t, st.Write("late", func(io.Writer) error { return nil }))
}

func TestStage_CancelledWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	st, err := NewStage(out)
	require.NoError(t, err)
	require.NoError(t, st.Write("x", func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, st.Commit(ctx), context.Canceled)
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err))
	entries, _ := os.ReadDir(filepath.Dir(out))
	assert.Empty(t, entries)
}
