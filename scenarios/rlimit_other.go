//go:build !unix

package scenarios

// rlimitAS: no address-space limit outside Unix.
func rlimitAS() (int64, bool) { return 0, false }
