package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// names lists a folder's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

// writeSet writes files (name → content) through a Set stage into out
// and commits.
func writeSet(t *testing.T, out string, files map[string]string) {
	t.Helper()
	st, err := OpenStage(out, Set)
	require.NoError(t, err)
	defer st.Abort()
	for _, n := range slices.Sorted(mapKeys(files)) {
		require.NoError(t, st.Write(n, func(w io.Writer) error { _, err := io.WriteString(w, files[n]); return err }))
	}
	require.NoError(t, st.Commit(context.Background()))
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// visible is what a reader sees in out for the given names: each name's
// content, absent ones left out.
func visible(t *testing.T, out string, names []string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(out, n))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		require.NoError(t, err)
		got[n] = string(b)
	}
	return got
}

func TestStage_FailedWriterLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(out, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(out, "summary.json"), []byte("old"), 0o644))

	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	st, err := OpenStage(out, Set)
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

	assert.Equal(t, []string{"summary.json"}, names(t, out), "no file of a failed run, no hidden folder")
	old, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	assert.Equal(t, "old", string(old), "a failed run must not touch existing files")
	assert.Equal(t, []string{"out"}, names(t, dir), "nothing beside the output folder")
}

func TestStage_CommitMovesEverything(t *testing.T) {
	out := filepath.Join(t.TempDir(), "a", "out")
	st, err := OpenStage(out, Set)
	require.NoError(t, err)
	defer st.Abort()
	for _, n := range []string{"x.csv", "y.json"} {
		require.NoError(t, st.Write(n, func(w io.Writer) error { _, err := io.WriteString(w, n); return err }))
	}
	for _, bad := range []string{"../evil", ".hidden", "x.csv"} {
		require.Error(t, st.Write(bad, func(io.Writer) error { return nil }), bad)
	}
	require.NoError(t, st.Commit(context.Background()))
	assert.Equal(t, map[string]string{"x.csv": "x.csv", "y.json": "y.json"}, visible(t, out, []string{"x.csv", "y.json"}))
	assert.Equal(t, []string{".licsim", "x.csv", "y.json"}, names(t, out))
	for _, p := range []string{filepath.Join(out, ".licsim", "current"), filepath.Join(out, "x.csv")} {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, fs.FileMode(0o044), fi.Mode().Perm()&0o044, "%s readable by group and others as before: %s", p, fi.Mode())
	}
	assert.Len(t, names(t, filepath.Join(out, ".licsim")), 3, "lock, pointer and one run folder: no staging left")
	assert.Equal(t, []string{"out"}, names(t, filepath.Dir(out)), "nothing beside the output folder")
	assert.Error(t, st.Write("late", func(io.Writer) error { return nil }))
}

func TestStage_CancelledWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	st, err := OpenStage(out, Set)
	require.NoError(t, err)
	require.NoError(t, st.Write("x", func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, st.Commit(ctx), context.Canceled)
	assert.NoDirExists(t, out, "the folder OpenStage created is gone again")
	assert.Empty(t, names(t, filepath.Dir(out)))
}

// The outputs of two sets, and every name either holds.
var (
	oldSet   = map[string]string{"a.csv": "old a", "b.json": "old b", "c.png": "old c"}
	newSet   = map[string]string{"b.json": "new b", "c.png": "new c", "d.svg": "new d", "e.html": "new e"}
	allNames = []string{"a.csv", "b.json", "c.png", "d.svg", "e.html"}
)

// errKilled stands for the process dying at a rename.
var errKilled = errors.New("killed")

// commitFailingAt writes newSet into out and commits with the k-th rename
// (from 1) failing; with crash, the rename panics instead, so that no
// clean-up code runs, as when the process is killed. It returns Commit's
// error and the number of renames Commit attempted.
func commitFailingAt(t *testing.T, out string, k int, crash bool) (err error, renames int) {
	t.Helper()
	st, err := OpenStage(out, Set)
	require.NoError(t, err)
	for _, n := range slices.Sorted(mapKeys(newSet)) {
		require.NoError(t, st.Write(n, func(w io.Writer) error { _, err := io.WriteString(w, newSet[n]); return err }))
	}
	st.rename = func(oldpath, newpath string) error {
		renames++
		if renames == k {
			if crash {
				panic(errKilled)
			}
			return fmt.Errorf("rename %s: %w", newpath, errKilled)
		}
		return os.Rename(oldpath, newpath)
	}
	if crash {
		defer func() {
			if r := recover(); r != nil {
				require.Equal(t, errKilled, r)
				err = errKilled
				st.unlock() // the kernel releases a dead process's lock
			}
		}()
	} else {
		defer st.Abort()
	}
	return st.Commit(context.Background()), renames
}

// TestStage_WholeSetAtEveryRename: a failure or a kill at any rename of
// the commit leaves the whole old set or the whole new set in out, never
// a mix; the next stage clears what a kill left behind, and commits.
func TestStage_WholeSetAtEveryRename(t *testing.T) {
	probe := filepath.Join(t.TempDir(), "out")
	writeSet(t, probe, oldSet)
	_, total := commitFailingAt(t, probe, 0, false)
	require.Equal(t, 4, total, "run folder, links of d.svg and e.html, pointer")
	for _, crash := range []bool{false, true} {
		for k := 1; k <= total+1; k++ {
			t.Run(fmt.Sprintf("crash=%v/k=%d", crash, k), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				writeSet(t, out, oldSet)
				require.Equal(t, oldSet, visible(t, out, allNames))

				err, _ := commitFailingAt(t, out, k, crash)
				got := visible(t, out, allNames)
				switch {
				case k > total:
					require.NoError(t, err)
					assert.Equal(t, newSet, got, "committed")
				case errors.Is(err, errKilled):
					if !assert.True(t, assert.ObjectsAreEqual(oldSet, got) || assert.ObjectsAreEqual(newSet, got), "a whole set") {
						t.Logf("got %v", got)
					}
					if !crash {
						assert.Equal(t, oldSet, got, "a failed commit keeps the old set")
					}
				default:
					t.Fatalf("commit: %v", err)
				}

				// The next writer clears the leftovers: only links of the
				// visible set, the pointer, one run folder and the lock.
				st, err := OpenStage(out, Set)
				require.NoError(t, err)
				st.Abort()
				assert.Equal(t, got, visible(t, out, allNames), "recovery changes nothing a reader sees")
				want := []string{".licsim"}
				for n := range got {
					want = append(want, n)
				}
				assert.ElementsMatch(t, want, names(t, out), "no stale links, no half-made ones")
				assert.Len(t, names(t, filepath.Join(out, ".licsim")), 3, "lock, pointer, one run folder")

				writeSet(t, out, newSet)
				assert.Equal(t, newSet, visible(t, out, allNames))
				assert.ElementsMatch(t, []string{".licsim", "b.json", "c.png", "d.svg", "e.html"}, names(t, out))
			})
		}
	}
}

// TestStage_StaleFilesRemoved: names of an earlier set that the new one
// does not write disappear; a plain file of the same name as a new output
// (written by an older licsim) is replaced, and one of an older licsim's
// output names removed; other files are left alone.
func TestStage_StaleFilesRemoved(t *testing.T) {
	out := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(out, "b.json"), []byte("from an older licsim"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(out, FileCompare), []byte("from an older licsim"), 0o644))
	writeSet(t, out, oldSet)
	assert.NoFileExists(t, filepath.Join(out, FileCompare), "an older licsim's output is stale too")
	writeSet(t, out, newSet)
	assert.Equal(t, newSet, visible(t, out, allNames))
	assert.ElementsMatch(t, []string{".licsim", "b.json", "c.png", "d.svg", "e.html", "notes.txt"}, names(t, out))
	b, err := os.ReadFile(filepath.Join(out, "notes.txt"))
	require.NoError(t, err)
	assert.Equal(t, "mine", string(b))
}

// TestStage_EqualOutputsEqualFolders: two folders with the same outputs
// hold the same hidden files too, so that diff -r prints nothing.
func TestStage_EqualOutputsEqualFolders(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeSet(t, a, oldSet)
	writeSet(t, b, newSet)
	writeSet(t, b, oldSet)
	assert.Equal(t, names(t, filepath.Join(a, ".licsim")), names(t, filepath.Join(b, ".licsim")))
	if diff, err := exec.LookPath("diff"); err == nil {
		out, err := exec.Command(diff, "-r", a, b).CombinedOutput()
		assert.NoError(t, err, "%s", out)
	}
	// Writing the same set again keeps its run folder.
	writeSet(t, a, oldSet)
	assert.Equal(t, oldSet, visible(t, a, allNames))
}

// TestStage_SecondWriterRefused: while one stage holds out, another is
// refused at once with ErrLocked; after the commit (or abort), the lock
// is free.
func TestStage_SecondWriterRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	first, err := OpenStage(out, Set)
	require.NoError(t, err)
	_, err = OpenStage(out, Set)
	var oe *OutputError
	require.ErrorAs(t, err, &oe)
	require.ErrorIs(t, err, ErrLocked)
	assert.EqualError(t, err, "output folder "+out+": another licsim is writing into it; wait for it to finish or choose another --out")
	assert.DirExists(t, filepath.Join(out, ".licsim"), "the refused stage left the first one's folder alone")
	require.NoError(t, first.Write("x", func(w io.Writer) error { return nil }))
	require.NoError(t, first.Commit(context.Background()))
	second, err := OpenStage(out, Set)
	require.NoError(t, err)
	second.Abort()
	third, err := OpenStage(out, Set)
	require.NoError(t, err, "abort releases the lock too")
	third.Abort()
}

func TestStage_Refuses(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	for name, tt := range map[string]struct{ out, want string }{
		"empty":      {"", "--out is empty: name a folder, such as out"},
		"blank":      {"  ", "--out is empty: name a folder, such as out"},
		"under file": {filepath.Join(file, "out"), "output folder " + filepath.Join(file, "out") + ": mkdir " + filepath.Join(file) + ": not a directory"},
	} {
		t.Run(name, func(t *testing.T) {
			for _, mode := range []Mode{Set, Add} {
				_, err := OpenStage(tt.out, mode)
				var oe *OutputError
				require.ErrorAs(t, err, &oe)
				assert.EqualError(t, err, tt.want)
			}
		})
	}
	assert.Equal(t, []string{"file"}, names(t, dir))
}

// TestStage_RenamesStayInsideOut: every rename of a commit has both ends
// inside out, so that out may be a mount point (a rename across file
// systems fails with EXDEV): the old stage renamed from out's parent.
func TestStage_RenamesStayInsideOut(t *testing.T) {
	for _, mode := range []Mode{Set, Add} {
		out := filepath.Join(t.TempDir(), "out")
		st, err := OpenStage(out, mode)
		require.NoError(t, err)
		require.NoError(t, st.Write("x", func(w io.Writer) error { return nil }))
		var renames int
		st.rename = func(oldpath, newpath string) error {
			renames++
			for _, p := range []string{oldpath, newpath} {
				if !strings.HasPrefix(p, out+string(filepath.Separator)) {
					return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EXDEV}
				}
			}
			return os.Rename(oldpath, newpath)
		}
		require.NoError(t, st.Commit(context.Background()))
		assert.Positive(t, renames)
	}
}

// mountTmpfs mounts a fresh tmpfs at dir (root only), unmounted when the
// test ends; it skips the test where mounting is not allowed.
func mountTmpfs(t *testing.T, dir string, opts ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	args := append([]string{"-t", "tmpfs"}, opts...)
	if out, err := exec.Command("mount", append(args, "tmpfs", dir)...).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?): %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
}

// TestStage_OutIsAMountPoint: with out a file system of its own (a Docker
// or Kubernetes volume), a whole set and a part are committed, twice.
func TestStage_OutIsAMountPoint(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mountTmpfs(t, out, "-o", "size=4m")
	writeSet(t, out, oldSet)
	writeSet(t, out, newSet)
	assert.Equal(t, newSet, visible(t, out, allNames))
	st, err := OpenStage(out, Add)
	require.NoError(t, err)
	require.NoError(t, st.Write("part-0-of-1.json", func(w io.Writer) error { return nil }))
	require.NoError(t, st.Commit(context.Background()))
	assert.FileExists(t, filepath.Join(out, "part-0-of-1.json"))
}

// TestStage_ReadOnlyOut: a read-only --out is refused by OpenStage, before
// any work.
func TestStage_ReadOnlyOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mountTmpfs(t, out, "-o", "ro,size=1m")
	for _, mode := range []Mode{Set, Add} {
		_, err := OpenStage(out, mode)
		var oe *OutputError
		require.ErrorAs(t, err, &oe)
		assert.ErrorIs(t, err, syscall.EROFS)
	}
}

// TestStage_AddSharesTheFolder: parts are added beside each other and
// beside a whole set, and an aborted one leaves nothing.
func TestStage_AddSharesTheFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "parts")
	a, err := OpenStage(out, Add)
	require.NoError(t, err)
	b, err := OpenStage(out, Add)
	require.NoError(t, err, "shards share the folder: no lock")
	require.NoError(t, a.Write("part-0-of-2.json", func(w io.Writer) error { _, err := io.WriteString(w, "0"); return err }))
	require.NoError(t, b.Write("part-1-of-2.json", func(w io.Writer) error { _, err := io.WriteString(w, "1"); return err }))
	require.NoError(t, b.Commit(context.Background()))
	require.NoError(t, a.Commit(context.Background()))
	assert.Equal(t, []string{"part-0-of-2.json", "part-1-of-2.json"}, names(t, out))
	fi, err := os.Stat(filepath.Join(out, "part-0-of-2.json"))
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o644), fi.Mode().Perm(), "readable by the merge's user, as before")

	c, err := OpenStage(out, Add)
	require.NoError(t, err)
	require.NoError(t, c.Write("part-0-of-2.json", func(w io.Writer) error { _, err := io.WriteString(w, "half"); return err }))
	c.Abort()
	assert.Equal(t, map[string]string{"part-0-of-2.json": "0", "part-1-of-2.json": "1"},
		visible(t, out, []string{"part-0-of-2.json", "part-1-of-2.json"}))
	assert.Equal(t, []string{"part-0-of-2.json", "part-1-of-2.json"}, names(t, out), "no temporary file left")

	gone := filepath.Join(t.TempDir(), "new")
	d, err := OpenStage(gone, Add)
	require.NoError(t, err)
	d.Abort()
	assert.NoDirExists(t, gone, "an aborted stage removes the folder it created")
}

// TestStage_RacingWriters: writers started together on a fresh folder
// are each either refused (ErrLocked) or commit, and the folder ends
// with one whole set: a refused writer never removes the folder the
// winner works in.
func TestStage_RacingWriters(t *testing.T) {
	for round := range 20 {
		out := filepath.Join(t.TempDir(), "out")
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				st, err := OpenStage(out, Set)
				if err != nil {
					errs[i] = err
					return
				}
				defer st.Abort()
				for _, name := range []string{"a", "b"} {
					if err := st.Write(name, func(w io.Writer) error { _, err := fmt.Fprint(w, i); return err }); err != nil {
						errs[i] = err
						return
					}
				}
				errs[i] = st.Commit(context.Background())
			})
		}
		wg.Wait()
		committed := 0
		for i, err := range errs {
			if err == nil {
				committed++
				continue
			}
			require.ErrorIs(t, err, ErrLocked, "round %d, writer %d", round, i)
		}
		require.Positive(t, committed, "round %d", round)
		got := visible(t, out, []string{"a", "b"})
		require.Len(t, got, 2, "round %d: a whole set", round)
		require.Equal(t, got["a"], got["b"], "round %d: one writer's set", round)
	}
}
