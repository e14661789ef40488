package sim

// PrefetchAll asks the CPU to bring the cache line at each address of
// addrs closer, without waiting for them (PREFETCHT0). A model gathers
// the addresses a batch of coming events will touch and pays one call
// for all of them, so that the cache misses overlap with the events in
// between; a plain load would stall until it completes. A prefetch never
// faults, whatever the address. The addresses are plain numbers, so that
// gathering them costs no zeroing and no write barriers.
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
