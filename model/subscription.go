package model

import "licsim/sim"

// newSub creates a subscription of p bought by e, holding the buyer's
// seat, with its seat count drawn (R16), and returns its index.
func (s *state) newSub(e, p int32, attemptStream sim.Stream, st uint8, flags uint16) int32 {
	pr := &s.prods[p]
	i := int32(len(s.subs))
	s.subs = append(s.subs, sub{buyer: e, prod: p, state: st, flags: flags, strandFrom: noDay})
	s.subx = append(s.subx, subExt{stream: attemptStream, holders: -1, start: s.sim.Now(), nextOfBuyer: s.emps[e].firstSub, addedAt: -1})
	if s.wantSubs {
		s.recs = append(s.recs, subRecord{ended: noDay})
	}
	s.emps[e].firstSub = i
	sb := &s.subs[i]
	sb.seats = 1 + int32(s.subx[i].stream.Poisson(pr.SeatsMean-1))
	s.accessOn(i)
	s.addHolder(i, e)
	sb.row = s.emps[e].row
	return i
}

// end closes subscription i for good and drops its pending events.
func (s *state) end(i int32) {
	if s.hasAccess(i) {
		s.accessOff(i)
	}
	// Ending is final, so the subscription's pending events (a cancelled
	// trial's end, a hazard after the term) are recognised as stale by its
	// state when they come up: no generation table for the engine to keep
	// and look up.
	s.subs[i].state = stEnded
}

func (s *state) trialEnd(i int32) {
	sb := &s.subs[i]
	if sb.state == stEnded {
		s.stale++
		return
	}
	employed := s.emps[sb.buyer].left == noDay
	if sb.flags&(fWillExtend|fExtended) == fWillExtend && employed { // R06
		sb.flags |= fExtended
		trialEnd := s.sim.Now() + ExtensionDays // this event is the trial's end
		if s.wantSubs {
			s.recs[i].trialEnd = trialEnd
		}
		s.totals[TrialsExtended]++
		s.traceSub(TrTrialExtend, i)
		s.mail(i)
		if trialEnd < s.cal.horizon {
			s.sim.Schedule(trialEnd, evTrialEnd, i, 0)
		}
		return
	}
	if sb.flags&fCard != 0 && sb.flags&fAutorenew != 0 && sb.flags&fOffInTrial != 0 && employed {
		s.autorenewOff(i) // R05: turned off before the end
	}
	// R23: a policy change since the start does not touch a running
	// trial: a trial with a card converts whatever the policy is now.
	if sb.flags&fCard == 0 || sb.flags&fAutorenew == 0 {
		s.totals[TrialsExpired]++ // R05 with auto-renew off, R07 without a card
		s.traceSub(TrTrialExpire, i)
		s.mail(i)
		s.end(i)
		return
	}
	s.totals[TrialsConverted]++
	s.traceSub(TrConvert, i)
	s.mail(i)
	s.startPaid(i, "conversion")
	if sb.flags&fLeaverStops != 0 {
		s.autorenewOff(i)
	}
	s.purchaseNotice(i) // R24: a conversion is a purchase
}

// startPaid starts the first paid term today with its first charge.
func (s *state) startPaid(i int32, reason string) {
	sb := &s.subs[i]
	now := s.sim.Now()
	sb.state = stPaid
	sb.flags |= fWasPaid
	sb.anchor, sb.month = now, 0
	s.chargeTerm(i, true, reason)
	sb.month = sb.step()
	s.scheduleBoundary(i, sb)
	if sb.flags&fNoAccess == 0 && s.emps[sb.buyer].left == noDay {
		s.scheduleHazard(i, float64(now))
	}
}

// step is the number of months from one anniversary that matters to the
// next: a term for monthly terms and annual terms billed upfront, else
// (annual terms billed monthly) one month.
func (sb *sub) step() int32 {
	if sb.flags&(fMonthly|fUpfront) == fUpfront {
		return 12
	}
	return 1
}

// scheduleHazard draws the buyer's next quit or seat change after real
// time t; the two compete at the sum of their rates.
func (s *state) scheduleHazard(i int32, t float64) {
	sb := &s.subs[i]
	pr := &s.prods[sb.prod]
	rate := pr.seatChange
	if sb.flags&fAutorenew != 0 {
		rate += pr.quit
	}
	if rate <= 0 {
		return
	}
	ext := &s.subx[i]
	ext.hazardAt = t + ext.stream.Exp()/rate
	if d := sim.Time(ext.hazardAt); d < s.cal.horizon {
		s.sim.Schedule(d, evHazard, i, 0)
	}
}

func (s *state) hazard(i int32) {
	sb := &s.subs[i]
	if sb.state == stEnded {
		s.stale++
		return
	}
	s.settle(i) // its term may have ended today, before the hazard
	if sb.state == stEnded {
		return
	}
	pr := &s.prods[sb.prod]
	if s.emps[sb.buyer].left != noDay {
		// The buyer's own hazards ended with the departure; what is left
		// is R25's, drawn at the departure into hazardAt.
		if sim.Time(s.subx[i].hazardAt) == s.sim.Now() {
			s.leaverStops(i)
		}
		return
	}
	if sb.state != stPaid || sb.flags&fNoAccess != 0 {
		return
	}
	quit := 0.0
	if sb.flags&fAutorenew != 0 {
		quit = pr.quit
	}
	ext := &s.subx[i]
	if ext.stream.Float64()*(quit+pr.seatChange) < quit {
		if s.inWindow(sb) { // R21: within the window the buyer cancels
			s.refundEnd(i)
			return
		}
		s.autorenewOff(i)
	} else {
		s.changeSeats(i)
	}
	s.scheduleHazard(i, ext.hazardAt)
}

// autorenewOff: the subscription will end with its term (R05, R16).
func (s *state) autorenewOff(i int32) {
	sb := &s.subs[i]
	if sb.flags&fAutorenew == 0 {
		return
	}
	sb.flags &^= fAutorenew
	s.totals[AutorenewOff]++
	s.traceSub(TrAutorenewOff, i)
	s.mail(i)
	s.arm(i, sb) // the term's end is now an event
}

// changeSeats (R16, R22): one seat more or less, never below one. An
// added seat is charged at once for the rest of the charge period
// (prorated, at the period's price) and with every charge after; a seat
// is removed at once, with the unused part of its charge refunded, within
// the refund window of the term's start or of the last seat added,
// otherwise at the next renewal.
func (s *state) changeSeats(i int32) {
	sb, ext := &s.subs[i], &s.subx[i]
	var amount Cents
	reason := "seat-add"
	if sb.seats-ext.drops <= 1 || ext.stream.Bernoulli(0.5) {
		amount = s.unusedPerSeat(sb)
		sb.seats++
		s.ssSeats++
		s.seriesSeats[s.prods[sb.prod].series]++
		s.fillSeat(i)
		ext.addedAt = s.sim.Now()
	} else if now := s.sim.Now(); s.inWindow(sb) || ext.addedAt >= s.cal.origin && now-ext.addedAt < sim.Time(s.cfg.Commerce.RefundWindowDays) {
		amount, reason = -s.unusedPerSeat(sb), "refund"
		s.dropSeats(i, 1)
	} else {
		ext.drops++
		sb.flags |= fSeatDrop
		s.arm(i, sb) // the renewal that removes them is now an event
	}
	s.totals[SeatChanges]++
	if s.tracer != nil { // the seats from the next renewal on
		s.emit(TrSeatChange, sb.buyer, sb.prod, i, sb.seats-ext.drops)
		s.traceLine.Term = termName(sb)
		s.flush()
	}
	s.mail(i)
	if amount < 0 {
		s.refund(i, -amount)
	} else {
		s.chargeBuyer(i, sb, amount, reason)
	}
}

// dropSeats removes n seats of live subscription i now; colleagues lose
// the seats that are no longer paid for.
func (s *state) dropSeats(i, n int32) {
	sb, ext := &s.subs[i], &s.subx[i]
	sb.seats -= n
	if s.hasAccess(i) {
		s.ssSeats -= int64(n)
		s.seriesSeats[s.prods[sb.prod].series] -= int64(n)
	}
	for ext.assigned > sb.seats {
		for h := ext.holders; h >= 0; h = s.slotOf(h, sb.prod).link() {
			if h != sb.buyer || ext.assigned == 1 {
				s.removeHolder(i, h)
				break
			}
		}
	}
}

// applyDrops removes at a renewal the seats whose removal was asked for
// after the window (R22).
func (s *state) applyDrops(i int32) {
	ext := &s.subx[i]
	s.dropSeats(i, ext.drops)
	ext.drops = 0
	s.subs[i].flags &^= fSeatDrop
}
