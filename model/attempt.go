package model

import "licsim/sim"

// startAttempts starts employee e's attempts from real time t. Attempts
// at product p form a Poisson process of rate λp while p exists; they
// are generated as one process of rate Σλ whose arrivals pick product p
// with probability λp/Σλ, and arrivals for products not yet added are
// dropped (superposition and thinning give exactly the per-product
// processes). One pending event per employee instead of one per product,
// and nothing to do for anyone when a product is added.
//
// Each attempt is drawn when the one before it is handled: the wait
// and the product. The employee's own stream draws the first; attempt k
// draws attempt k+1's and then its own decisions from stream (e, k), so
// the k-th attempt is the same whatever happened before it (common random
// numbers). The product rides in the event's argument, so that the loop
// can prefetch the employee's slot of it before the attempt is handled.
func (s *state) startAttempts(e int32, t float64, employeeStream *sim.Stream) {
	total := s.totalRate()
	if total <= 0 {
		return
	}
	s.emps[e].next = t
	s.nextAttempt(e, total, employeeStream)
}

// nextAttempt draws and schedules employee e's next attempt from stream:
// the employee's own for the first attempt, else the stream of the
// attempt being handled.
//
// An attempt on or after the employee's departure day is not made an
// event: handled, it would do nothing and draw nothing (departure comes
// first on its day, scheduled when they joined, before any attempt), and
// it ended their attempts. That is a sixth of an enterprise tenant's
// attempts; every result is the same, only Result.Events is smaller.
//
// An attempt at a product not yet added does nothing either but draw
// the next attempt. It stays an event: drawing its successor at once
// would schedule that one earlier, changing its place among the events
// of its day (first in, first out), and so the results.
func (s *state) nextAttempt(e int32, total float64, stream *sim.Stream) {
	emp := &s.emps[e]
	emp.next += stream.Exp() / total
	u := stream.Float64() * total // drawn even past the horizon, to keep the stream's order
	if d := sim.Time(emp.next); d < s.cal.horizon && d < emp.leaves {
		s.sim.Schedule(d, evAttempt, e, uint16(s.pick(u)))
	}
}

func (s *state) totalRate() float64 {
	if len(s.cumRate) == 0 {
		return 0
	}
	return s.cumRate[len(s.cumRate)-1]
}

// attempt is employee e's attempt at product p (R03, R04, R08, R09,
// R12, R13), unless e left or p holds nothing to attempt.
func (s *state) attempt(e int32, p int32) {
	emp := &s.emps[e]
	if emp.left != noDay {
		return // a departed employee takes no further action
	}
	emp.attempts++
	attemptStream := sim.StreamOf(sim.Absorb(s.arrivalKey, uint64(e), uint64(emp.attempts))) // = NewStream(seed, purposeArrival, e, n)
	s.nextAttempt(e, s.totalRate(), &attemptStream)
	pr := &s.prods[p]
	if !pr.exists {
		return // the product is not in the catalog yet (R01)
	}
	sl := s.slotValue(e, p)
	if sl.sub >= 0 {
		s.settle(sl.sub) // the seat's term may have ended today (boundary.go)
		sl = s.slotValue(e, p)
	}
	if sl.sub >= 0 || sl.flags()&(slOrgSeat|slRequest) != 0 {
		return // no attempts while holding a seat or waiting for a request
	}
	s.totals[Attempts]++
	// A fixed block of draws, whatever the policy, keeps the streams of
	// two policies aligned.
	d := draws{card: attemptStream.Float64(), request: attemptStream.Float64(), approve: attemptStream.Float64(), term: attemptStream.Float64()}
	s.tryProduct(e, p, d, attemptStream)
}

// draws are the uniforms of one attempt's decisions.
type draws struct{ card, request, approve, term float64 }

// tryProduct is an attempt of e at product p that is not thinned away.
func (s *state) tryProduct(e, p int32, d draws, attemptStream sim.Stream) {
	pr := &s.prods[p]
	sl := s.slotValue(e, p)
	if s.takeReassigned(e, p) {
		return
	}
	if s.isAdmin(e) { // R12: admins buy for the organisation
		s.totals[AdminPurchases]++
		s.buyOrg(p, 1)
		s.giveOrgSeat(e, p)
		return
	}
	if pr.policy == Disabled {
		s.blocked(e, p, d)
		return
	}
	if sl.flags()&slTrialUsed == 0 && pr.TrialDays > 0 {
		card := d.card < pr.CardGiven
		switch {
		case pr.policy == TrialsOnly && pr.TrialNeedsCard:
			// Only card-less trials exist (R04): blocked like a purchase,
			// and the employee may ask the admins for a licence (R13).
			s.blocked(e, p, d)
		case pr.TrialNeedsCard && !card:
			s.totals[TrialsAbandoned]++ // no trial used up
		default:
			s.startTrial(e, p, card && pr.policy == Enabled, d.term, attemptStream)
		}
		return
	}
	if pr.policy == TrialsOnly {
		s.blocked(e, p, d)
		return
	}
	s.purchase(e, p, d.term, attemptStream)
}

// blocked: the policy refuses; the employee may send a licence request
// (R13), decided request_delay_days later.
func (s *state) blocked(e, p int32, d draws) {
	s.totals[AttemptsBlocked]++
	pr := &s.prods[p]
	if d.request >= pr.RequestWhenBlocked {
		return
	}
	s.totals[LicenceRequests]++
	s.trace(TrLicenceRequest, e, p, -1, 0)
	sl := s.slotOf(e, p)
	sl.set(slRequest)
	if d.approve < s.cfg.Admin.RequestApproval {
		sl.set(slApprove)
	} else {
		sl.clear(slApprove)
	}
	if at := s.sim.Now() + sim.Time(s.cfg.Admin.RequestDelayDays); at < s.cal.horizon {
		s.sim.Schedule(at, evRequest, e, uint16(p))
	}
}

// takeReassigned gives e a seat that admins freed after a departure.
func (s *state) takeReassigned(e, p int32) bool {
	pr := &s.prods[p]
	for len(pr.reassign) > 0 {
		i := pr.reassign[len(pr.reassign)-1]
		s.settle(i)
		if !s.hasAccess(i) || s.subx[i].assigned >= s.subs[i].seats {
			pr.reassign = pr.reassign[:len(pr.reassign)-1]
			continue
		}
		s.addHolder(i, e)
		s.totals[Reassignments]++
		s.trace(TrAssign, e, p, i, 0)
		return true
	}
	return false
}

// startTrial (R03–R08): a free trial; with a card it converts at its end.
func (s *state) startTrial(e, p int32, card bool, uTerm float64, attemptStream sim.Stream) {
	pr := &s.prods[p]
	flags := uint16(0)
	if card {
		flags |= fCard | fAutorenew
	}
	if uTerm < pr.MonthlyTerm {
		flags |= fMonthly
	}
	if pr.AnnualBilling == BillUpfront {
		flags |= fUpfront
	}
	// Decisions of this trial, drawn now in a fixed order.
	if attemptStream.Bernoulli(pr.ExtendTrial) {
		flags |= fWillExtend
	}
	if attemptStream.Bernoulli(pr.AutorenewOffInTrial) {
		flags |= fOffInTrial
	}
	notice := attemptStream.Bernoulli(s.cfg.Admin.NotifyDelivery)
	s.slotOf(e, p).set(slTrialUsed)
	i := s.newSub(e, p, attemptStream, stTrial, flags)
	trialEnd := s.sim.Now() + sim.Time(pr.TrialDays)
	if s.wantSubs {
		s.recs[i].trialEnd = trialEnd
	}
	s.totals[TrialsStarted]++
	s.traceSub(TrTrialStart, i)
	s.mail(i)
	s.fillSeats(i)
	if trialEnd < s.cal.horizon {
		s.sim.Schedule(trialEnd, evTrialEnd, i, 0)
	}
	s.trialNotice(i, notice) // R14, R24
}

// purchase (R09): bought without a trial, charged at once.
func (s *state) purchase(e, p int32, uTerm float64, attemptStream sim.Stream) {
	pr := &s.prods[p]
	flags := fCard | fAutorenew
	if uTerm < pr.MonthlyTerm {
		flags |= fMonthly
	}
	if pr.AnnualBilling == BillUpfront {
		flags |= fUpfront
	}
	i := s.newSub(e, p, attemptStream, stPaid, flags)
	s.totals[Purchases]++
	s.traceSub(TrPurchase, i)
	s.mail(i)
	s.fillSeats(i)
	s.startPaid(i, "purchase")
	s.purchaseNotice(i) // R24
}
