package model

import "licsim/sim"

// newSub creates a subscription of p bought by e, holding the buyer's
// seat, with its seat count drawn (R16), and returns its index.
func (s *state) newSub(e, p int32, attemptStream sim.Stream, st uint8, flags uint16) int32 {
	pr := &s.prods[p]
	i := int32(len(s.subs))
	s.subs = append(s.subs, sub{buyer: e, prod: p, state: st, flags: flags, strandFrom: noDay})
	s.subx = append(s.subx, subExt{stream: attemptStream, holders: -1, start: s.sim.Now(), nextOfBuyer: s.emps[e].firstSub})
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
	pr := &s.prods[sb.prod]
	employed := s.emps[sb.buyer].left == noDay
	if sb.flags&(fWillExtend|fExtended) == fWillExtend && employed { // R06
		sb.flags |= fExtended
		trialEnd := s.sim.Now() + ExtensionDays // this event is the trial's end
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
	if sb.flags&fCard == 0 || sb.flags&fAutorenew == 0 || pr.policy == TrialsOnly {
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
}

// startPaid starts the first paid term today with its first charge.
func (s *state) startPaid(i int32, reason string) {
	sb := &s.subs[i]
	now := s.sim.Now()
	sb.state = stPaid
	sb.flags |= fWasPaid
	sb.anchor, sb.month = now, 0
	s.chargeTerm(i, true, reason)
	s.nextAnniversary(i, sb)
	if sb.flags&fNoAccess == 0 && s.emps[sb.buyer].left == noDay {
		s.scheduleHazard(i, float64(now))
	}
}

// nextAnniversary schedules the next month boundary that matters: every
// month when charges fall monthly, else the term's end.
func (s *state) nextAnniversary(i int32, sb *sub) {
	sb.month += sb.step()
	if d := s.cal.addMonths(sb.anchor, int(sb.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evAnniversary, i, 0)
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

// anniversary: a month of a paid term has passed. Most events of a large
// tenant are these, so the common cases (a renewal or a monthly charge,
// untraced) run in this one body.
func (s *state) anniversary(i int32) {
	sb := &s.subs[i]
	// No anniversary is pending once a subscription ended: only a trial's
	// cancel and a term's end (this event) end one.
	reason, start := "monthly", false // inside an annual term billed monthly
	switch {
	case sb.flags&fMonthly == 0 && sb.month%12 != 0:
	case sb.flags&(fAutorenew|fNoAccess) == fAutorenew:
		s.totals[Renewals]++
		s.totals[NotificationsBuyer]++ // R19
		if s.tracer != nil {
			s.traceSub(TrRenewal, i)
			s.trace(TrNotifyBuyer, sb.buyer, sb.prod, i, 0)
		}
		reason, start = "renewal", true
	default:
		s.traceSub(TrTermEnd, i)
		s.mail(i)
		s.end(i)
		return
	}
	// chargeBuyer and nextAnniversary, written out: two calls less on the
	// commonest event.
	if amount := sb.due(&s.prods[sb.prod], start); amount != 0 {
		stranded := s.bill(sb, amount)
		if s.wantSubs || s.tracer != nil {
			s.chargeRecord(i, amount, stranded, reason)
		}
	}
	sb.month += sb.step()
	if d := s.cal.addMonths(sb.anchor, int(sb.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evAnniversary, i, 0)
	}
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
	pr := &s.prods[sb.prod]
	if sb.state != stPaid || sb.flags&fNoAccess != 0 || s.emps[sb.buyer].left != noDay {
		return
	}
	quit := 0.0
	if sb.flags&fAutorenew != 0 {
		quit = pr.quit
	}
	ext := &s.subx[i]
	if ext.stream.Float64()*(quit+pr.seatChange) < quit {
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
}

// changeSeats (R16): one seat more or less, never below one; charged
// from the next charge on.
func (s *state) changeSeats(i int32) {
	sb, ext := &s.subs[i], &s.subx[i]
	if sb.seats == 1 || ext.stream.Bernoulli(0.5) {
		sb.seats++
		s.ssSeats++
		s.seriesSeats[s.prods[sb.prod].series]++
		s.fillSeat(i)
	} else {
		sb.seats--
		s.ssSeats--
		s.seriesSeats[s.prods[sb.prod].series]--
		if ext.assigned > sb.seats { // a colleague loses the seat
			for h := ext.holders; h >= 0; h = s.slotOf(h, sb.prod).link {
				if h != sb.buyer {
					s.removeHolder(i, h)
					break
				}
			}
		}
	}
	s.totals[SeatChanges]++
	s.traceSub(TrSeatChange, i)
	s.mail(i)
}
