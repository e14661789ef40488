package model

import "licsim/sim"

// Refunds and the 7-day window (R21, R22), and the stranded share of what
// was paid ahead (domain.md, Money).
//
// A paid subscription is always inside a charge period: from its last
// charge (c) to its next anniversary (e), a month, or a year for an annual
// term paid up front. The part of a seat's charge that pays for the days
// from today to e is
//
//	unused = perSeat(c) × (e − today) / (e − c), rounded down to the cent,
//
// where perSeat(c) is what one seat paid at c (prices as of c, R20).
// Rounding down per seat keeps every refund within what was charged: a
// refund never exceeds the charge it refunds, and a seat added during the
// period (charged the unused part of the day it was added) is never
// refunded more than it paid.

// period is the charge period subscription sb (paid) is in: from its
// last charge c to its next anniversary e.
func (s *state) period(sb *sub) (c, e sim.Time) {
	return s.cal.addMonths(sb.anchor, int(sb.month-sb.step())), s.cal.addMonths(sb.anchor, int(sb.month))
}

// termStart is the day the current term of subscription sb (paid)
// started: its purchase, conversion or last renewal.
func (s *state) termStart(sb *sub) sim.Time {
	if sb.flags&(fMonthly|fUpfront) == 0 { // an annual term billed monthly
		// Floored: an existing subscription's month may be negative.
		m := sb.month - 1
		if m < 0 {
			m -= 11
		}
		return s.cal.addMonths(sb.anchor, int(m/12*12))
	}
	c, _ := s.period(sb)
	return c
}

// termEnd is the day the current term of subscription sb (paid) ends:
// it renews then, or stops with auto-renew off (Graph's
// nextLifecycleDateTime).
func (s *state) termEnd(sb *sub) sim.Time {
	if sb.flags&(fMonthly|fUpfront) == 0 { // an annual term billed monthly
		m := sb.month - 1 // floored, as in termStart
		if m < 0 {
			m -= 11
		}
		return s.cal.addMonths(sb.anchor, int(m/12*12)+12)
	}
	_, e := s.period(sb)
	return e
}

// inWindow reports whether today is within the refund window of paid
// subscription sb's term start (R21): fewer than RefundWindowDays days
// after it.
func (s *state) inWindow(sb *sub) bool {
	w := sim.Time(s.cfg.Commerce.RefundWindowDays)
	if w <= 0 || sb.state != stPaid {
		return false
	}
	// A term paid before start (an existing subscription's, or one
	// paid in a history warm-up) has no window in the run: its charge is
	// not in the run's ledger to refund.
	ts := s.termStart(sb)
	return ts >= s.cal.origin && s.sim.Now()-ts < w
}

// unusedPerSeat is the part of one seat's charge for the current period
// that pays for today to the period's end (see the closed form above).
func (s *state) unusedPerSeat(sb *sub) Cents {
	if sb.state != stPaid {
		return 0
	}
	c, e := s.period(sb)
	now := s.sim.Now()
	if now >= e || e <= c {
		return 0
	}
	return s.perSeatAt(sb, c) * Cents(e-now) / Cents(e-c)
}

// refund pays amount (positive) back to subscription i's buyer: a
// negative charge with reason "refund" in the ledger and the trace.
func (s *state) refund(i int32, amount Cents) {
	if amount <= 0 {
		return
	}
	s.totals[Refunds]++
	s.totals[RefundedSpend] += amount
	s.chargeBuyer(i, &s.subs[i], -amount, "refund")
}

// refundEnd ends paid subscription i within the refund window (R21): the
// unused part of the current period's charge goes back to the buyer, and
// nothing is charged again.
func (s *state) refundEnd(i int32) {
	sb := &s.subs[i]
	s.refund(i, Cents(sb.seats)*s.unusedPerSeat(sb))
	sb.flags &^= fAutorenew
	s.traceSub(TrTermEnd, i)
	s.mail(i)
	s.end(i)
}

// strand marks subscription i's buyer charges stranded from today (R10,
// R11, R17): every charge from today on, and the part of the current
// period's charge that pays for today onwards (time paid up front).
func (s *state) strand(i int32) {
	sb := &s.subs[i]
	now := s.sim.Now()
	if sb.strandFrom <= now {
		return
	}
	sb.strandFrom = now
	var ahead Cents
	// A period paid before start is outside the run's ledger (and its
	// day outside the price epochs: perSeatAt cannot be asked).
	if c, _ := s.period(sb); sb.state != stPaid || c >= s.cal.origin {
		ahead = Cents(sb.seats) * s.unusedPerSeat(sb)
	}
	s.totals[StrandedSpend] += ahead
	s.monthRow[SerStrandedSpend] += ahead
	if s.wantSubs {
		s.recs[i].stranded += ahead
	}
	if s.tracer != nil {
		s.emit(TrStrand, sb.buyer, sb.prod, i, sb.seats)
		s.traceLine.Stranded = ahead
		s.flush()
	}
}
