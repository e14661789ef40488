package part

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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

// TestGather_ReadsHeadersOnly: Gather checks what finds the parts and
// the missing shards, the header and config; a part's replications and
// digest are checked in the one pass that hands them over (Merged.Each),
// which refuses a bad one by name after handing over the replications
// before it. A bad header is refused at once.
func TestGather_ReadsHeadersOnly(t *testing.T) {
	cfg, results := partFixture(t)
	parts := partsOf(t, cfg, 2, results)
	dir := t.TempDir()
	writePart(t, dir, parts[0])
	bad := *parts[1]
	bad.Results = slices.Clone(bad.Results)
	bad.Results[1].Totals = slices.Clone(bad.Results[1].Totals)
	bad.Results[1].Totals[model.Departures] = -3 // the last replication of the last part
	writePart(t, dir, &bad)

	got, err := Gather(context.Background(), []string{dir}, 0, nil)
	require.NoError(t, err, "the headers are good")
	m, err := Merge(got)
	require.NoError(t, err)
	var reps []int
	err = m.Each(context.Background(), func(r *model.Result) error { reps = append(reps, r.Rep); return nil })
	var pe *Error
	require.True(t, errors.As(err, &pe), "%v", err)
	assert.EqualError(t, err, filepath.Join(dir, Name(1, 2))+": replication 2: departures = -3: must be in [0, 2^53]")
	assert.Equal(t, []int{0, 1}, reps, "the replications before it were handed over")

	other := *parts[1]
	other.Arch = ""
	writePart(t, dir, &other)
	_, err = Gather(context.Background(), []string{dir}, 0, nil)
	assert.EqualError(t, err, filepath.Join(dir, Name(1, 2))+": no CPU architecture")
}

// TestMergedEach_StopsWhenCancelled: Ctrl-C stops a merge within a part.
func TestMergedEach_StopsWhenCancelled(t *testing.T) {
	cfg, results := partFixture(t)
	dir := t.TempDir()
	writePart(t, dir, partsOf(t, cfg, 1, results)[0])
	got, err := Gather(context.Background(), []string{dir}, 0, nil)
	require.NoError(t, err)
	m, err := Merge(got)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err = m.Each(ctx, func(*model.Result) error { n++; cancel(); return nil })
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, n)
}

// TestReader_HoldsOneReplication: reading a part holds one replication
// at a time, whatever its size: the heap stays far below the part's
// size while 5,000 replications (about 15 MB) go by.
func TestReader_HoldsOneReplication(t *testing.T) {
	cfg, results := partFixture(t)
	const reps = 5_000
	big := *cfg
	big.Replications = reps
	path := filepath.Join(t.TempDir(), Name(0, 1))
	f, err := os.Create(path)
	require.NoError(t, err)
	scratch, err := os.Create(filepath.Join(t.TempDir(), "scratch"))
	require.NoError(t, err)
	w, err := NewWriter("fixture.toml", "amd64", &big, 0, 1, scratch)
	require.NoError(t, err)
	for i := range reps {
		r := results[i%len(results)]
		r.Rep, r.Seed = i, model.RepSeed(&big, i)
		require.NoError(t, w.Add(&r))
	}
	require.NoError(t, w.Finish(f))
	require.NoError(t, f.Close())
	require.NoError(t, scratch.Close())
	fi, err := os.Stat(path)
	require.NoError(t, err)

	in, err := os.Open(path)
	require.NoError(t, err)
	defer in.Close()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	rd, err := NewReader(path, in)
	require.NoError(t, err)
	n := 0
	require.NoError(t, rd.Each(func(*Result) error {
		if n++; n%250 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		return nil
	}))
	assert.Equal(t, reps, n)
	grew := int64(peak) - int64(base)
	t.Logf("part of %d B: heap grew by at most %d B", fi.Size(), grew)
	// The whole-part decoder held the file's bytes and every decoded
	// replication: more than the part's size. What a Reader holds is one
	// replication and the garbage the collector has not reached yet.
	assert.Less(t, grew, fi.Size()/2, "the reader should hold one replication, not the part")
}
