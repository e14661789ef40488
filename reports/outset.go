package reports

// The layout of a whole output set (Set mode): the files live in
// .licsim/run-ID, each output name in the folder is a link through the
// one pointer .licsim/current, and a commit switches that pointer with a
// single rename. This file holds that layout and its upkeep; stage.go
// holds the Stage that writes through it.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The hidden layout of a Set folder.
const (
	metaDir     = ".licsim"
	lockFile    = "lock"
	currentLink = "current"
	runPrefix   = "run-"
	stagePrefix = "stage-"
	newSuffix   = ".licsim-new"
)

// commitSet is the commit of a whole set; see Stage for the steps.
func (s *Stage) commitSet() error {
	if err := syncDir(s.tmp); err != nil {
		return err
	}
	id := s.runID()
	run := filepath.Join(s.meta, id)
	oldID, _ := os.Readlink(filepath.Join(s.meta, currentLink))
	newRun := false
	if _, err := os.Lstat(run); err == nil {
		// The same outputs are there already, complete: a run folder
		// only ever appears by the rename below.
		os.RemoveAll(s.tmp)
	} else {
		if err := s.rename(s.tmp, run); err != nil {
			return err
		}
		newRun = true
	}
	s.tmp = ""
	var legacy, added []string
	undo := func() {
		for _, n := range added {
			os.Remove(filepath.Join(s.out, n))
		}
		if newRun {
			os.RemoveAll(run)
		}
	}
	// Links of new names resolve to nothing until the pointer moves: a
	// reader sees the old set (which lacks them) until then.
	for _, name := range s.names {
		path := filepath.Join(s.out, name)
		fi, err := os.Lstat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := s.link(linkTarget(name), path); err != nil {
				undo()
				return fmt.Errorf("write %s: %w", path, err)
			}
			added = append(added, name)
		case err != nil:
			undo()
			return fmt.Errorf("write %s: %w", path, err)
		case fi.Mode()&fs.ModeSymlink != 0 && isOurLink(path, name):
			// Already a link through the pointer.
		case fi.IsDir():
			undo()
			return fmt.Errorf("write %s: a folder is in the way", path)
		default:
			legacy = append(legacy, name) // a plain file: replaced after the switch
		}
	}
	if err := syncDir(s.meta); err != nil {
		undo()
		return err
	}
	// The commit: one rename moves the pointer to the new set.
	if err := s.link(id, filepath.Join(s.meta, currentLink)); err != nil {
		undo()
		return err
	}
	s.createdOut, s.createdMeta = false, false // Abort must not undo a commit
	if err := syncDir(s.meta); err != nil {
		return err
	}
	// The new set is visible; what follows tidies up. A crash here
	// leaves dangling links and an old run folder, which the next
	// OpenStage removes.
	for _, name := range legacy {
		path := filepath.Join(s.out, name)
		if err := s.link(linkTarget(name), path); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	s.removeStale()
	s.removeOlderOutputs()
	if oldID != "" && oldID != id && isRunName(oldID) {
		os.RemoveAll(filepath.Join(s.meta, oldID))
	}
	return syncDir(s.out)
}

// link makes path a symbolic link to target, replacing what is there by
// a rename, so that readers see the old entry or the new link.
func (s *Stage) link(target, path string) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+newSuffix)
	os.Remove(tmp)
	if err := os.Symlink(target, tmp); err != nil {
		return err
	}
	if err := s.rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// runID names the run folder of the written set after its content.
func (s *Stage) runID() string {
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range s.sums {
			if !yield(n) {
				return
			}
		}
	})
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%x\n", n, s.sums[n])
	}
	return runPrefix + hex.EncodeToString(h.Sum(nil))[:16]
}

// linkTarget is what out/name points to.
func linkTarget(name string) string { return filepath.Join(metaDir, currentLink, name) }

// isOurLink reports whether path is a link that a Stage made for name.
func isOurLink(path, name string) bool {
	t, err := os.Readlink(path)
	return err == nil && t == linkTarget(name)
}

func isRunName(n string) bool { return strings.HasPrefix(n, runPrefix) && n == filepath.Base(n) }

// removeStale removes the links of out whose target the current set does
// not hold: outputs of an earlier set that this one does not write.
func (s *Stage) removeStale() {
	entries, err := os.ReadDir(s.out)
	if err != nil {
		return
	}
	for _, e := range entries {
		path := filepath.Join(s.out, e.Name())
		if e.Type()&fs.ModeSymlink == 0 || !isOurLink(path, e.Name()) {
			continue
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			os.Remove(path)
		}
	}
}

// removeOlderOutputs removes the plain files of olderOutputs that the
// set does not write.
func (s *Stage) removeOlderOutputs() {
	for _, name := range olderOutputs {
		path := filepath.Join(s.out, name)
		if fi, err := os.Lstat(path); err == nil && fi.Mode().IsRegular() && !slices.Contains(s.names, name) {
			os.Remove(path)
		}
	}
}

// recover clears what a killed Stage left behind, under the lock:
// staging folders, half-made links, run folders the pointer has left,
// and links to names the current set does not hold.
func (s *Stage) recover() {
	current, _ := os.Readlink(filepath.Join(s.meta, currentLink))
	if entries, err := os.ReadDir(s.meta); err == nil {
		for _, e := range entries {
			n := e.Name()
			switch {
			case strings.HasPrefix(n, stagePrefix), strings.HasSuffix(n, newSuffix),
				isRunName(n) && n != current:
				os.RemoveAll(filepath.Join(s.meta, n))
			}
		}
	}
	if entries, err := os.ReadDir(s.out); err == nil {
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), newSuffix) {
				os.Remove(filepath.Join(s.out, e.Name()))
			}
		}
	}
	s.removeStale()
}
