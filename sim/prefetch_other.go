//go:build !amd64

package sim

import "unsafe"

// Prefetch is a hint to bring addr's cache line closer; on this
// architecture it does nothing.
func Prefetch(addr unsafe.Pointer) {}

// PrefetchAll is Prefetch for every address in addrs; on this
// architecture it does nothing.
func PrefetchAll(addrs []uintptr) {}

// PrefetchEntities is the first stage of a model's prefetching (see the
// amd64 version); on this architecture it does nothing.
func PrefetchEntities(evs []Event[Time], bases *[16]uintptr, stride uintptr) {}
