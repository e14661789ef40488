package reports

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Stage writes a command's output files into a folder so that readers
// see either the whole previous set or the whole new one, never a mix,
// also when the command is killed half-way through.
//
// A whole set (OpenStage with Set: run, compare, sweep, merge) lives in a
// run folder under out/.licsim, and every output name in out is a
// symbolic link through one pointer, like the files of a Kubernetes
// ConfigMap volume:
//
//	out/summary.json -> .licsim/current/summary.json
//	out/.licsim/current -> run-3f2a9c41d07e5b18   (the pointer)
//	out/.licsim/run-3f2a9c41d07e5b18/summary.json ...
//	out/.licsim/lock                              (flock: one writer)
//
// The files are written and synced in a staging folder under
// out/.licsim, so on the file system of out itself: --out may be a mount
// point (a Docker or Kubernetes volume). Commit renames the staging
// folder to its run folder, adds the links of new names (they resolve
// only once the pointer moves), then switches the pointer with one
// rename: that rename is the commit. It then removes the links and the
// run folder of the previous set. A crash before the switch leaves the
// old set, one after it the new set; the next OpenStage clears what a
// crash left behind. A run folder is named after the SHA-256 of its files,
// so two folders with equal outputs are equal, hidden parts included
// (diff -r prints nothing).
//
// Paths such as out/summary.json keep working for every reader that
// follows symbolic links (all do unless told not to). Files in out that
// are not links into .licsim are left alone, except that a file named
// like a new output is replaced, and the plain files an older licsim
// wrote (olderOutputs) are removed.
//
// Parts (OpenStage with Add: run --shard) are added to a folder that many
// shards share, each file on its own: written and synced under a
// temporary name in out, then renamed. Shards take no lock.
//
//	st, err := OpenStage("out", Set)  // before the simulation: writable? locked?
//	defer st.Abort()
//	st.Write("summary.json", func(w io.Writer) error { ... })
//	st.Commit(ctx)
type Stage struct {
	out  string
	mode Mode
	// meta is out/.licsim and tmp the staging folder in it (Set); in
	// Add mode tmp is out and files get temporary names.
	meta, tmp               string
	names                   []string
	temps                   map[string]string // Add: name → temporary file
	sums                    map[string][]byte // Set: name → SHA-256 of its bytes
	lock                    *os.File
	createdOut, createdMeta bool
	done                    bool
	// syncing counts the files whose fsync and close run in the
	// background (Write); syncErr is the first of their errors. Commit
	// and Abort wait for them.
	syncing sync.WaitGroup
	syncMu  sync.Mutex
	syncErr error
	// rename is os.Rename; tests replace it to fail or crash at each
	// step of Commit.
	rename func(oldpath, newpath string) error
}

// Mode says how a Stage replaces what its folder holds.
type Mode int

const (
	// Set replaces the folder's whole set of outputs: names of the
	// previous set that the new one does not write disappear.
	Set Mode = iota
	// Add adds files to a folder that others may write into at the
	// same time, replacing only files of the same name.
	Add
)

// OutputError is an output folder that cannot be used: none given, not
// writable, or locked by another licsim. It is found before any
// simulation, and it is bad input (the --out flag): exit code 2.
type OutputError struct {
	Dir string
	Err error
}

func (e *OutputError) Error() string {
	if e.Dir == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("output folder %s: %v", e.Dir, e.Err)
}

func (e *OutputError) Unwrap() error { return e.Err }

// ErrLocked is the error of an output folder another licsim is writing
// into.
var ErrLocked = errors.New("another licsim is writing into it; wait for it to finish or choose another --out")

// OpenStage prepares writing into the folder out and checks, before any
// work is done, that it can: it creates out when needed, takes the lock
// (Set) and creates the staging folder or a first temporary file. A
// refusal is an *OutputError. In Set mode it also clears what an earlier
// crash left behind. The caller defers Abort.
func OpenStage(out string, mode Mode) (*Stage, error) {
	if strings.TrimSpace(out) == "" {
		return nil, &OutputError{Err: errors.New("--out is empty: name a folder, such as out")}
	}
	s := &Stage{out: filepath.Clean(out), mode: mode, rename: os.Rename}
	if _, err := os.Lstat(s.out); errors.Is(err, fs.ErrNotExist) {
		s.createdOut = true
	}
	if err := os.MkdirAll(s.out, 0o755); err != nil {
		return nil, &OutputError{Dir: out, Err: err}
	}
	var err error
	if mode == Add {
		err = s.openAdd()
	} else {
		err = s.openSet()
	}
	if err != nil {
		s.Abort()
		var oe *OutputError
		if !errors.As(err, &oe) {
			err = &OutputError{Dir: out, Err: err}
		}
		return nil, err
	}
	return s, nil
}

// openAdd checks that a file can be created in out.
func (s *Stage) openAdd() error {
	s.tmp = s.out
	s.temps = map[string]string{}
	f, err := os.CreateTemp(s.out, ".licsim-probe-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// openSet takes the lock, clears leftovers and creates the staging
// folder.
func (s *Stage) openSet() error {
	s.meta = filepath.Join(s.out, metaDir)
	s.sums = map[string][]byte{}
	if _, err := os.Lstat(s.meta); errors.Is(err, fs.ErrNotExist) {
		s.createdMeta = true
	}
	if err := os.MkdirAll(s.meta, 0o755); err != nil {
		return err
	}
	lock, err := lockFolder(filepath.Join(s.meta, lockFile))
	if err != nil {
		return err
	}
	s.lock = lock
	s.recover()
	// The commit needs symbolic links: say so now, not after the work.
	probe := filepath.Join(s.meta, "probe"+newSuffix)
	if err := os.Symlink(currentLink, probe); err != nil {
		return fmt.Errorf("the file system cannot hold symbolic links, which replace the outputs as a whole (an SMB share needs the mfsymlinks mount option): %w", err)
	}
	os.Remove(probe)
	if s.tmp, err = os.MkdirTemp(s.meta, stagePrefix); err != nil {
		return err
	}
	return os.Chmod(s.tmp, 0o755) // readable like any folder, not 0700
}

// Write writes the file name (a plain file name, no folders) through fn,
// and syncs it to disk in the background: Commit waits for every file's
// sync, and fails if one failed, before it makes any file visible. The
// syncs of a set's files thus run together, and while the caller
// computes the next file (they were a tenth of `licsim run`'s writing
// time, one after the other). Write fails if fn fails; the caller then
// aborts.
func (s *Stage) Write(name string, fn func(w io.Writer) error) error {
	if s.done {
		return fmt.Errorf("write %s: output already committed or aborted", name)
	}
	if name != filepath.Base(name) || name == "." || name == ".." || strings.HasPrefix(name, ".") {
		return fmt.Errorf("write %s: not a plain file name", name)
	}
	if slices.Contains(s.names, name) {
		return fmt.Errorf("write %s: written twice", name)
	}
	var f *os.File
	var err error
	if s.mode == Add {
		f, err = s.createTemp(name)
	} else {
		f, err = os.OpenFile(filepath.Join(s.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	sum := sha256.New()
	bw := bufio.NewWriter(io.MultiWriter(f, sum))
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	s.syncing.Go(func() {
		err := f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			s.syncMu.Lock()
			if s.syncErr == nil {
				s.syncErr = fmt.Errorf("write %s: %w", name, err)
			}
			s.syncMu.Unlock()
		}
	})
	s.names = append(s.names, name)
	if s.mode == Add {
		s.temps[name] = f.Name()
	} else {
		s.sums[name] = sum.Sum(nil)
	}
	return nil
}

// createTemp creates the temporary file of name in out. Out is created
// again if a shard that gave up removed it meanwhile.
func (s *Stage) createTemp(name string) (*os.File, error) {
	f, err := os.CreateTemp(s.out, "."+name+".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(s.out, 0o755); err == nil {
			f, err = os.CreateTemp(s.out, "."+name+".tmp-*")
		}
	}
	if err == nil {
		// Readable by the merge, which may run as another user of the
		// volume's group, like a file os.Create makes (not 0600).
		if err = f.Chmod(0o644); err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}
	return f, err
}

// Commit makes the written files the folder's outputs: in Set mode as
// one set, switched by one rename, with the names of the previous set
// that it does not write removed; in Add mode file by file. When ctx is
// already cancelled (Ctrl-C) it changes nothing and returns ctx's error.
// It releases the lock.
func (s *Stage) Commit(ctx context.Context) error {
	if s.done {
		return errors.New("output already committed or aborted")
	}
	if err := ctx.Err(); err != nil {
		s.Abort()
		return err
	}
	if err := s.waitSyncs(); err != nil {
		s.Abort()
		return err
	}
	var err error
	if s.mode == Add {
		err = s.commitAdd()
	} else {
		err = s.commitSet()
	}
	if err != nil {
		s.Abort()
		return err
	}
	s.done = true
	s.unlock()
	return nil
}

func (s *Stage) commitAdd() error {
	for _, name := range s.names {
		if err := s.rename(s.temps[name], filepath.Join(s.out, name)); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(s.out, name), err)
		}
		delete(s.temps, name)
	}
	return syncDir(s.out)
}

// olderOutputs are the names licsim wrote as plain files before output
// sets were links (Stage): a plain file of one of these names that the
// new set does not write is an output of an earlier run, and goes. The
// list is frozen: every output since is a link, removed as a link.
var olderOutputs = []string{
	FileSummary, FileReplications, FileMonthly, FileSubscriptions, FileReport, FileCompare, FileSweep,
	"monthly_spend.png", "monthly_spend.svg", "seats_by_product.png", "seats_by_product.svg",
	"buyer_spend_distribution.png", "buyer_spend_distribution.svg",
	"compare.png", "compare.svg", "sweep.png", "sweep.svg",
}

// Abort removes what the stage wrote and, when OpenStage created them,
// its hidden folder and the output folder itself, then releases the
// lock: a failed or interrupted command leaves the folder as it found
// it. It is safe to call more than once and after Commit, so callers
// defer it.
func (s *Stage) Abort() {
	if s.done {
		return
	}
	s.done = true
	s.waitSyncs() // the files are removed below, whether synced or not
	if s.mode == Add {
		for _, t := range s.temps {
			os.Remove(t)
		}
	} else if s.tmp != "" {
		os.RemoveAll(s.tmp)
	}
	if s.createdMeta && s.lock != nil {
		// Only under our lock: a stage refused by another's lock must
		// not remove the folder that other one works in.
		os.RemoveAll(s.meta)
	}
	s.unlock()
	if s.createdOut {
		os.Remove(s.out) // only if empty: another writer may have added files
	}
}

// waitSyncs waits for the background syncs of the files written so far
// and returns the first of their errors.
func (s *Stage) waitSyncs() error {
	s.syncing.Wait()
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	return s.syncErr
}

func (s *Stage) unlock() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}

// Files lists the names written so far, in order.
func (s *Stage) Files() []string { return append([]string(nil), s.names...) }

// syncDir flushes a folder's entries (renames, new names) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
