//go:build !unix

package reports

import "os"

// lockFolder opens the lock file; without flock it locks nothing.
func lockFolder(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}
