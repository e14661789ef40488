package sim

import "unsafe"

// Prefetch asks the CPU to bring the cache line at addr closer, without
// waiting for it (PREFETCHT0). A model calls it for the record of an
// event a few places ahead in the queue, so that the cache miss overlaps
// with the events in between; a plain load would stall until it
// completes. It never faults, whatever addr holds.
//
//go:noescape
func Prefetch(addr unsafe.Pointer)

// PrefetchAll is Prefetch for every address in addrs, in one call: a
// model gathers the addresses a batch of coming events will touch and
// pays one call for all of them. The addresses are plain numbers, so
// that gathering them costs no zeroing and no write barriers; they must
// point into live memory when PrefetchAll runs.
//
//go:noescape
func PrefetchAll(addrs []uintptr)
