package reports

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Stage collects a run's output files in a temporary folder next to the
// output folder and moves them into it only when every one was written:
// a run that fails or is interrupted half-way leaves nothing in the
// output folder, neither a partial file nor a partial set of new files.
//
//	st, err := NewStage("out")
//	defer st.Abort()
//	st.Write("summary.json", func(w io.Writer) error { ... })
//	st.Commit(ctx)
type Stage struct {
	out, tmp string
	names    []string
	done     bool
}

// NewStage prepares writing into the folder out. The temporary folder
// sits in out's parent, on the same file system, so that the final
// renames are atomic.
func NewStage(out string) (*Stage, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	return &Stage{out: out, tmp: tmp}, nil
}

// Write writes the file name (a plain file name, no folders) through fn
// into the temporary folder. It fails if fn fails; the caller then
// aborts.
func (s *Stage) Write(name string, fn func(w io.Writer) error) error {
	if s.done {
		return fmt.Errorf("write %s: output already committed or aborted", name)
	}
	if name != filepath.Base(name) || name == "." || name == ".." {
		return fmt.Errorf("write %s: not a plain file name", name)
	}
	path := filepath.Join(s.tmp, name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	bw := bufio.NewWriter(f)
	if err := fn(bw); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("write %s: %w", name, err)
	}
	err = bw.Flush()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", name, err)
	}
	s.names = append(s.names, name)
	return nil
}

// Commit moves every written file into the output folder, creating it
// when needed, replacing files of the same name and leaving others
// alone. When ctx is already cancelled (Ctrl-C) it moves nothing and
// returns ctx's error. Each file is renamed whole, so readers see the old
// file or the new one, never half of one.
func (s *Stage) Commit(ctx context.Context) error {
	if s.done {
		return errors.New("output already committed or aborted")
	}
	if err := ctx.Err(); err != nil {
		s.Abort()
		return err
	}
	if err := os.MkdirAll(s.out, 0o755); err != nil {
		s.Abort()
		return fmt.Errorf("output folder %s: %w", s.out, err)
	}
	for _, name := range s.names {
		if err := os.Rename(filepath.Join(s.tmp, name), filepath.Join(s.out, name)); err != nil {
			s.Abort()
			return fmt.Errorf("write %s: %w", filepath.Join(s.out, name), err)
		}
	}
	s.done = true
	return os.RemoveAll(s.tmp)
}

// Abort removes the temporary folder and everything in it. It is safe to
// call more than once and after Commit, so callers defer it.
func (s *Stage) Abort() {
	if s.done {
		return
	}
	s.done = true
	os.RemoveAll(s.tmp)
}

// Files lists the names written so far, in order.
func (s *Stage) Files() []string { return append([]string(nil), s.names...) }
