package model

import (
	"unsafe"

	"licsim/sim"
)

// prefetchAbove is the size of the employee tables above which the loop
// prefetches: below it they stay in cache and prefetching only costs
// instructions.
const prefetchAbove = 4 << 20

// prefetchAboveBytes is prefetchAbove, lowered by tests to prefetch in
// small scenarios.
var prefetchAboveBytes = prefetchAbove

// Prefetching distances, in events (see prefetchAhead): far enough that
// memory arrives before the event is handled, near enough that it is
// still in cache then.
const (
	prefetchBatch = 8
	prefetchFar   = 12
	prefetchNear  = 4
)

// Stage one of prefetching (prefetchAhead) addresses employees and
// subscriptions with one stride (both records are 32 bytes) from a table
// of 16 kinds, indexed by kind % 16: every kind with a record to
// prefetch must be below 16, and a kind from 16 on (evWarmupEnd) must
// fall on one without (evMonthEnd), or it would prefetch another kind's
// record.
var _ [16 - evHazard - 1]struct{}
var _ [evMonthEnd - evWarmupEnd%16]struct{} // sim.Kind is unsigned: below zero does not compile
var _ [unsafe.Sizeof(employee{}) - unsafe.Sizeof(sub{})]struct{}
var _ [unsafe.Sizeof(sub{}) - unsafe.Sizeof(employee{})]struct{}

// coming returns events k places after the one being handled, followed by
// rest in its run: from the run, else from the queue.
func (s *state) coming(rest []sim.Event[sim.Time], k int) []sim.Event[sim.Time] {
	if k < len(rest) {
		return rest[k:]
	}
	return s.sim.Ahead(k - len(rest))
}

// prefetchAhead runs the two stages of prefetching, every
// prefetchBatch events, over the coming events the calendar holds
// together. Stage one loads the record of each event prefetchFar to
// prefetchFar+prefetchBatch places ahead (its employee or subscription).
// Stage two, for the events prefetchNear to prefetchNear+prefetchBatch
// places ahead, whose stage one ran a batch earlier, follows that record
// to what the event reaches through it:
//
//   - an attempt: the employee's slot of the product;
//   - a departure: the employee's row of slots (its first lines) and the
//     last subscription they bought;
//   - a trial's end, a buyer's hazard and an anniversary that ends a
//     term: the buyer, the buyer's slot and the subscription's cold part.
//
// The addresses are gathered and prefetched in one call: with a call per
// line, prefetching cost a sixth of the model's instructions.
func (s *state) prefetchAhead(rest []sim.Event[sim.Time]) {
	addrs := &s.prefetchAddrs
	queued := 0
	// Stage one is a table lookup per event, in assembly: the table the
	// event's record lies in (employees or subscriptions), or none.
	var base [16]uintptr
	e0, s0 := uintptr(unsafe.Pointer(unsafe.SliceData(s.emps))), uintptr(unsafe.Pointer(unsafe.SliceData(s.subs)))
	base[evAttempt], base[evDeparture] = e0, e0
	base[evAnniversary], base[evHazard], base[evTrialEnd] = s0, s0, s0
	for k := prefetchFar; k < prefetchFar+prefetchBatch; {
		run := s.coming(rest, k)
		if len(run) == 0 {
			break
		}
		run = run[:min(len(run), prefetchFar+prefetchBatch-k)]
		k += len(run)
		sim.PrefetchEntities(run, &base, unsafe.Sizeof(employee{}))
	}
	np := len(s.prods)
	for k := prefetchNear; k < prefetchNear+prefetchBatch; { // stage two
		run := s.coming(rest, k)
		if len(run) == 0 {
			break
		}
		run = run[:min(len(run), prefetchNear+prefetchBatch-k)]
		k += len(run)
		for i := range run {
			switch ev := &run[i]; ev.Kind {
			case evAnniversary:
				// A term that ends frees its seats: the buyer's slot and
				// the holders in the cold part. Renewals need nothing more.
				if sb := &s.subs[ev.Entity]; sb.flags&fAutorenew == 0 && sb.state == stPaid {
					addrs[queued&63] = uintptr(unsafe.Pointer(&s.emps[sb.buyer]))
					addrs[(queued+1)&63] = uintptr(unsafe.Pointer(&s.slots[int(sb.row)*np+int(sb.prod)]))
					addrs[(queued+2)&63] = uintptr(unsafe.Pointer(&s.subx[ev.Entity]))
					queued += 3
				}
			case evAttempt:
				if r := s.emps[ev.Entity].row; r >= 0 {
					addrs[queued&63] = uintptr(unsafe.Pointer(&s.slots[int(r)*np+int(ev.Arg)]))
					queued++
				}
			case evTrialEnd, evHazard:
				sb := &s.subs[ev.Entity]
				addrs[queued&63] = uintptr(unsafe.Pointer(&s.emps[sb.buyer]))
				addrs[(queued+1)&63] = uintptr(unsafe.Pointer(&s.slots[int(sb.row)*np+int(sb.prod)]))
				addrs[(queued+2)&63] = uintptr(unsafe.Pointer(&s.subx[ev.Entity]))
				queued += 3
			case evDeparture:
				emp := &s.emps[ev.Entity]
				if r := emp.row; r >= 0 {
					row := s.slots[int(r)*np:][:np]
					const perLine = 64 / int(unsafe.Sizeof(slot{}))
					for k := 0; k < len(row) && k < 3*perLine; k += perLine {
						addrs[queued&63] = uintptr(unsafe.Pointer(&row[k]))
						queued++
					}
				}
				if f := emp.firstSub; f >= 0 { // the last subscription they bought
					addrs[queued&63] = uintptr(unsafe.Pointer(&s.subs[f]))
					addrs[(queued+1)&63] = uintptr(unsafe.Pointer(&s.subx[f]))
					queued += 2
				}
			}
		}
	}
	// At most 8 events of stage two, at most 5 lines each: queued never
	// exceeds the array.
	sim.PrefetchAll(addrs[:min(queued, len(addrs))])
}
