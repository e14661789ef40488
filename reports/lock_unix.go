//go:build unix

package reports

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// lockFolder takes an exclusive flock on the file path, creating it, and
// returns it open: the lock holds until it is closed or the process
// ends, however it ends. A lock held by another process is ErrLocked, at
// once. File systems without locks (some network mounts) are written
// without one.
//
// A Stage that created the lock file removes it when it aborts; a
// process that opened the file just before would then lock a file no
// longer in the folder, so the lock counts only when the path still
// names the locked file, else it is taken again.
func lockFolder(path string) (*os.File, error) {
	for range 10 {
		// The folder too may have gone with an aborted stage.
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case errors.Is(err, syscall.EWOULDBLOCK):
			f.Close()
			return nil, ErrLocked
		case errors.Is(err, syscall.ENOLCK), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.ENOSYS):
			return f, nil
		case err != nil:
			f.Close()
			return nil, err
		}
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, nil
		}
		f.Close()
	}
	return nil, ErrLocked
}
