package part

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// writePart writes p into dir under its part name, atomically as a
// shard does, so that Gather never reads half of it.
func writePart(t *testing.T, dir string, p *Part) {
	t.Helper()
	assert.NoError(t, writeAtomic(dir, p))
}

func writeAtomic(dir string, p *Part) error {
	var b bytes.Buffer
	if err := Write(&b, p); err != nil {
		return err
	}
	tmp := filepath.Join(dir, ".tmp")
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, Name(p.Shard, p.Shards)))
}

func TestGather(t *testing.T) {
	cfg, results := partFixture(t)
	parts := partsOf(t, cfg, 2, results)
	t.Run("folder and file in it count once", func(t *testing.T) {
		dir := t.TempDir()
		writePart(t, dir, parts[0])
		writePart(t, dir, parts[1])
		got, err := Gather(context.Background(), []string{dir, filepath.Join(dir, Name(1, 2))}, 0, nil)
		require.NoError(t, err)
		assert.Len(t, got, 2)
	})
	t.Run("missing without waiting", func(t *testing.T) {
		dir := t.TempDir()
		writePart(t, dir, parts[1])
		_, err := Gather(context.Background(), []string{dir}, 0, nil)
		var pe *Error
		require.True(t, errors.As(err, &pe))
		assert.Equal(t, []int{0}, pe.Missing)
	})
	t.Run("no parts", func(t *testing.T) {
		_, err := Gather(context.Background(), []string{t.TempDir()}, 0, nil)
		assert.ErrorContains(t, err, "no part files (part-*.json) in ")
	})
	t.Run("waits for a late shard", func(t *testing.T) {
		dir := t.TempDir()
		writePart(t, dir, parts[0])
		late := make(chan error, 1)
		go func() {
			time.Sleep(100 * time.Millisecond)
			late <- writeAtomic(dir, parts[1])
		}()
		var log bytes.Buffer
		got, err := Gather(context.Background(), []string{dir}, 10*time.Second, &log)
		require.NoError(t, err)
		require.NoError(t, <-late)
		assert.Len(t, got, 2)
		assert.Equal(t, "waiting up to 10s for 1 of 2 shards\n", log.String())
	})
	t.Run("gives up after the wait", func(t *testing.T) {
		_, err := Gather(context.Background(), []string{filepath.Join(t.TempDir(), "later")}, 60*time.Millisecond, nil)
		assert.ErrorContains(t, err, "after waiting 60ms")
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Gather(ctx, []string{t.TempDir()}, time.Hour, nil)
		assert.ErrorIs(t, err, context.Canceled)
	})
}

// TestGather_HoldsNoResults: the parts Gather returns keep no
// replications (a merge would otherwise hold every shard's at once);
// Merged.Each reads them again, part by part, and gives the run's
// results exactly, or refuses a part that changed in between.
func TestGather_HoldsNoResults(t *testing.T) {
	cfg, results := partFixture(t)
	parts := partsOf(t, cfg, 2, results)
	dir := t.TempDir()
	writePart(t, dir, parts[0])
	writePart(t, dir, parts[1])
	got, err := Gather(context.Background(), []string{dir}, 0, nil)
	require.NoError(t, err)
	for _, p := range got {
		assert.Nil(t, p.Results, p.File)
	}
	m, err := Merge(got)
	require.NoError(t, err)
	assert.Equal(t, results, merged(t, m))

	other := *parts[1]
	other.Arch = "arm64" // still a valid part, with another digest
	writePart(t, dir, &other)
	err = m.Each(context.Background(), func(*model.Result) error { return nil })
	var pe *Error
	require.True(t, errors.As(err, &pe), "%v", err)
	assert.ErrorContains(t, err, "changed while merging")
}
