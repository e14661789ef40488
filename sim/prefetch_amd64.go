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
