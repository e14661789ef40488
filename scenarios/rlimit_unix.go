//go:build unix

package scenarios

import "syscall"

// rlimitAS is the process's address-space limit (ulimit -v); unlimited
// (RLIM_INFINITY, all bits set) reads as none.
func rlimitAS() (int64, bool) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &r); err != nil || r.Cur >= 1<<62 {
		return 0, false
	}
	return int64(r.Cur), true
}
