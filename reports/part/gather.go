package part

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Gather reads the parts named by paths (part files, or folders of part
// files) and checks that they belong together. While shards are missing
// it looks again until wait has passed, so that a merge can start
// together with the shards; a part that does not belong is refused at
// once, since waiting cannot mend it. When it starts waiting it says so
// on progress, unless progress is nil. ctx stops the waiting.
//
// It reads only each part's header and config, and checks those (see
// NewReader): the parts it returns hold no results, and Merged.Each
// reads each part's replications, checking them and the digest, when
// its turn comes. So a merge reads every part once and holds one
// replication of it at a time, however long it waited.
func Gather(ctx context.Context, paths []string, wait time.Duration, progress io.Writer) ([]*Part, error) {
	deadline := time.Now().Add(wait)
	// Poll often enough for short waits, rarely enough not to load a
	// shared volume on long ones.
	poll := min(max(wait/50, 50*time.Millisecond), 5*time.Second)
	known := cache{}
	announced := false
	for {
		parts, err := known.collect(paths, wait > 0)
		if err != nil {
			return nil, err
		}
		var missing []int
		if len(parts) > 0 {
			if missing, err = Check(parts); err != nil {
				return nil, err
			}
			if len(missing) == 0 {
				return parts, nil
			}
		}
		if !time.Now().Before(deadline) {
			return nil, gaveUp(paths, parts, missing, wait)
		}
		if progress != nil && !announced {
			what := "the first part"
			if len(parts) > 0 {
				what = fmt.Sprintf("%d of %d shards", len(missing), parts[0].Shards)
			}
			fmt.Fprintf(progress, "waiting up to %s for %s\n", wait, what)
			announced = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
	}
}

// gaveUp is Gather's error once the wait is over: no parts at all, or
// the shards still missing.
func gaveUp(paths []string, parts []*Part, missing []int, wait time.Duration) error {
	var err error
	if len(parts) == 0 {
		err = errorf("no part files (%s) in %s", Glob, strings.Join(paths, ", "))
	} else {
		err = missingError(missing, parts[0].Shards)
	}
	if wait > 0 {
		err = fmt.Errorf("%w after waiting %s", err, wait)
	}
	return err
}

// cache keeps the parts already read, by absolute path, so that polling
// reads each part once (again only if it changed).
type cache map[string]cachedPart

type cachedPart struct {
	size int64
	mod  time.Time
	part *Part
}

// collect reads every part named by paths: files as given, folders as
// their part files in name order. The same file named twice (a folder
// and a file in it) counts once. With waiting, a path that does not
// exist yet is skipped: the shards may not have created it.
func (c cache) collect(paths []string, waiting bool) ([]*Part, error) {
	seen := map[string]bool{}
	var parts []*Part
	for _, path := range paths {
		files, err := partFiles(path)
		if err != nil {
			if waiting && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		for _, file := range files {
			abs, err := filepath.Abs(file)
			if err != nil {
				return nil, &Error{Err: fmt.Errorf("read part %s: %w", file, err)}
			}
			if seen[abs] {
				continue
			}
			seen[abs] = true
			p, err := c.read(file, abs)
			if err != nil {
				return nil, err
			}
			parts = append(parts, p)
		}
	}
	return parts, nil
}

// partFiles lists the part files path names: path itself, or the part
// files of a folder in name order.
func partFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("read part: %w", err)}
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	files, err := filepath.Glob(filepath.Join(path, Glob))
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("%s: %w", path, err)}
	}
	slices.Sort(files)
	return files, nil
}

// read reads the header of one part file, or returns it from the cache when its size
// and modification time are unchanged.
func (c cache) read(file, abs string) (*Part, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("read part: %w", err)}
	}
	if e, ok := c[abs]; ok && e.size == fi.Size() && e.mod.Equal(fi.ModTime()) {
		return e.part, nil
	}
	p, err := readHeader(file)
	if err != nil {
		return nil, err
	}
	c[abs] = cachedPart{size: fi.Size(), mod: fi.ModTime(), part: p}
	return p, nil
}

// readHeader reads and checks the header and config of the part file
// at path, not its results: Merged.Each streams them.
func readHeader(path string) (*Part, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("read part: %w", err)}
	}
	defer f.Close()
	rd, err := NewReader(path, f)
	if err != nil {
		return nil, err
	}
	p := rd.Part()
	p.unloaded = true
	return p, nil
}
