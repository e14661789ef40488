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

// PrefetchEntities prefetches, for each event of evs, the record of its
// entity in the table of its kind: bases[Kind%16] + Entity×stride,
// skipping kinds whose base is 0. It is the first stage of a model's
// prefetching at a few instructions per event; the assembly reads the
// event's fields at the offsets TestEventLayout pins down.
//
//go:noescape
func PrefetchEntities(evs []Event[Time], bases *[16]uintptr, stride uintptr)
