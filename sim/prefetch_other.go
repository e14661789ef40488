//go:build !amd64

package sim

// PrefetchAll is a hint to bring the cache lines at addrs closer; on this
// architecture it does nothing.
func PrefetchAll(addrs []uintptr) {}

// PrefetchEntities is the first stage of a model's prefetching (see the
// amd64 version); on this architecture it does nothing.
func PrefetchEntities(evs []Event[Time], bases *[16]uintptr, stride uintptr) {}
