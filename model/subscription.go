package model

import "licsim/sim"

// newSub creates a subscription of p bought by e, holding the buyer's
// seat, with its seat count drawn (R16), and returns its index.
func (s *state) newSub(e, p int32, rng sim.Stream, st uint8, flags uint16) int32 {
	pr := &s.prods[p]
	i := int32(len(s.subs))
	s.subs = append(s.subs, sub{buyer: e, prod: p, state: st, flags: flags, strandFrom: noDay})
	s.subx = append(s.subx, subExt{rng: rng, holders: -1, start: s.sim.Now(), nextOfBuyer: s.emps[e].firstSub})
	s.emps[e].firstSub = i
	b := &s.subs[i]
	b.seats = 1 + int32(s.subx[i].rng.Poisson(pr.SeatsMean-1))
	s.accessOn(i)
	s.addHolder(i, e)
	b.row = s.emps[e].row
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
	b := &s.subs[i]
	if b.state == stEnded {
		s.stale++
		return
	}
	pr := &s.prods[b.prod]
	employed := s.emps[b.buyer].left == noDay
	if b.flags&(fWillExtend|fExtended) == fWillExtend && employed { // R06
		b.flags |= fExtended
		trialEnd := s.sim.Now() + ExtensionDays // this event is the trial's end
		s.totals[TrialsExtended]++
		s.subEvent(TrTrialExtend, i)
		s.mail(i)
		if trialEnd < s.cal.horizon {
			s.sim.Schedule(trialEnd, evTrialEnd, i, 0)
		}
		return
	}
	if b.flags&fCard != 0 && b.flags&fAutorenew != 0 && b.flags&fOffInTrial != 0 && employed {
		s.autorenewOff(i) // R05: turned off before the end
	}
	if b.flags&fCard == 0 || b.flags&fAutorenew == 0 || pr.policy == TrialsOnly {
		s.totals[TrialsExpired]++ // R05 with auto-renew off, R07 without a card
		s.subEvent(TrTrialExpire, i)
		s.mail(i)
		s.end(i)
		return
	}
	s.totals[TrialsConverted]++
	s.subEvent(TrConvert, i)
	s.mail(i)
	s.startPaid(i, "conversion")
	if b.flags&fLeaverStops != 0 {
		s.autorenewOff(i)
	}
}

// startPaid starts the first paid term today with its first charge.
func (s *state) startPaid(i int32, reason string) {
	b := &s.subs[i]
	now := s.sim.Now()
	b.state = stPaid
	b.flags |= fWasPaid
	b.anchor, b.month = now, 0
	s.chargeTerm(i, true, reason)
	s.nextAnniversary(i, b)
	if b.flags&fNoAccess == 0 && s.emps[b.buyer].left == noDay {
		s.scheduleHazard(i, float64(now))
	}
}

// nextAnniversary schedules the next month boundary that matters: every
// month when charges fall monthly, else the term's end.
func (s *state) nextAnniversary(i int32, b *sub) {
	b.month += b.step()
	if d := s.cal.addMonths(b.anchor, int(b.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evAnniversary, i, 0)
	}
}

// step is the number of months from one anniversary that matters to the
// next: a term for monthly terms and annual terms billed upfront, else
// (annual terms billed monthly) one month.
func (b *sub) step() int32 {
	if b.flags&(fMonthly|fUpfront) == fUpfront {
		return 12
	}
	return 1
}

// anniversary: a month of a paid term has passed. Most events of a large
// tenant are these, so the common cases (a renewal or a monthly charge,
// untraced) run in this one body.
func (s *state) anniversary(i int32) {
	b := &s.subs[i]
	// No anniversary is pending once a subscription ended: only a trial's
	// cancel and a term's end (this event) end one.
	reason, start := "monthly", false // inside an annual term billed monthly
	switch {
	case b.flags&fMonthly == 0 && b.month%12 != 0:
	case b.flags&(fAutorenew|fNoAccess) == fAutorenew:
		s.totals[Renewals]++
		s.totals[NotificationsBuyer]++ // R19
		if s.trace != nil {
			s.subEvent(TrRenewal, i)
			s.tr(TrNotifyBuyer, b.buyer, b.prod, i, 0)
		}
		reason, start = "renewal", true
	default:
		s.subEvent(TrTermEnd, i)
		s.mail(i)
		s.end(i)
		return
	}
	// chargeBuyer and nextAnniversary, written out: two calls less on the
	// commonest event.
	if amount := b.due(&s.prods[b.prod], start); amount != 0 {
		stranded := s.bill(b, amount)
		if s.wantSubs || s.trace != nil {
			s.chargeRecord(i, amount, stranded, reason)
		}
	}
	b.month += b.step()
	if d := s.cal.addMonths(b.anchor, int(b.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evAnniversary, i, 0)
	}
}

// scheduleHazard draws the buyer's next quit or seat change after real
// time t; the two compete at the sum of their rates.
func (s *state) scheduleHazard(i int32, t float64) {
	b := &s.subs[i]
	pr := &s.prods[b.prod]
	rate := pr.seatChange
	if b.flags&fAutorenew != 0 {
		rate += pr.quit
	}
	if rate <= 0 {
		return
	}
	x := &s.subx[i]
	x.hazardAt = t + x.rng.Exp()/rate
	if d := sim.Time(x.hazardAt); d < s.cal.horizon {
		s.sim.Schedule(d, evHazard, i, 0)
	}
}

func (s *state) hazard(i int32) {
	b := &s.subs[i]
	if b.state == stEnded {
		s.stale++
		return
	}
	pr := &s.prods[b.prod]
	if b.state != stPaid || b.flags&fNoAccess != 0 || s.emps[b.buyer].left != noDay {
		return
	}
	quit := 0.0
	if b.flags&fAutorenew != 0 {
		quit = pr.quit
	}
	x := &s.subx[i]
	if x.rng.Float64()*(quit+pr.seatChange) < quit {
		s.autorenewOff(i)
	} else {
		s.changeSeats(i)
	}
	s.scheduleHazard(i, x.hazardAt)
}

// autorenewOff: the subscription will end with its term (R05, R16).
func (s *state) autorenewOff(i int32) {
	b := &s.subs[i]
	if b.flags&fAutorenew == 0 {
		return
	}
	b.flags &^= fAutorenew
	s.totals[AutorenewOff]++
	s.subEvent(TrAutorenewOff, i)
	s.mail(i)
}

// changeSeats (R16): one seat more or less, never below one; charged
// from the next charge on.
func (s *state) changeSeats(i int32) {
	b, x := &s.subs[i], &s.subx[i]
	if b.seats == 1 || x.rng.Bernoulli(0.5) {
		b.seats++
		s.ssSeats++
		s.seriesSeats[s.prods[b.prod].series]++
		s.fillSeat(i)
	} else {
		b.seats--
		s.ssSeats--
		s.seriesSeats[s.prods[b.prod].series]--
		if x.assigned > b.seats { // a colleague loses the seat
			for h := x.holders; h >= 0; h = s.slot(h, b.prod).link {
				if h != b.buyer {
					s.removeHolder(i, h)
					break
				}
			}
		}
	}
	s.totals[SeatChanges]++
	s.subEvent(TrSeatChange, i)
	s.mail(i)
}
