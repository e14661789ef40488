package model

import (
	"licsim/sim"
)

// --- tracing ---------------------------------------------------------

// emit fills the trace event; flush hands it to the tracer. Callers check
// s.trace != nil first, so that an untraced run pays one branch.
func (s *state) emit(k TraceKind, e, p, sb int32, seats int32) {
	s.tev = TraceEvent{Day: s.sim.Now(), Kind: k, Employee: e, Sub: sb, Seats: seats}
	if p >= 0 {
		s.tev.Product = s.prods[p].ID
	}
}

func (s *state) flush() { s.trace.Trace(&s.tev) }

// tr traces a simple event.
func (s *state) tr(k TraceKind, e, p, sb int32, seats int32) {
	if s.trace != nil {
		s.emit(k, e, p, sb, seats)
		s.flush()
	}
}

// subEvent traces an event about subscription i, with its buyer.
func (s *state) subEvent(k TraceKind, i int32) {
	if s.trace != nil {
		b := &s.subs[i]
		s.emit(k, b.buyer, b.prod, i, b.seats)
		if b.state == stPaid || k == TrConvert || k == TrPurchase {
			s.tev.Term = termName(b)
		}
		s.flush()
	}
}

func termName(b *sub) string {
	if b.flags&fMonthly != 0 {
		return "monthly"
	}
	return "annual"
}

// mail tells subscription i's buyer about a change (R19).
func (s *state) mail(i int32) {
	s.totals[NotificationsBuyer]++
	s.tr(TrNotifyBuyer, s.subs[i].buyer, s.subs[i].prod, i, 0)
}

// --- people ----------------------------------------------------------

// addEmployee creates an employee who joins at real time t.
func (s *state) addEmployee(t float64, admin bool) int32 {
	e := int32(len(s.emps))
	s.emps = append(s.emps, employee{left: noDay, admin: admin, active: int32(len(s.active)), firstSub: -1, row: -1})
	s.active = append(s.active, e)
	// One stream draws the tenure, then the wait for the first attempt;
	// both are the same whatever the admins do.
	rng := sim.StreamOf(sim.Absorb(s.employeeKey, uint64(e))) // = NewStream(seed, purposeEmployee, e)
	if !admin && s.leaveRate > 0 {
		if d := sim.Time(t + rng.Exp()/s.leaveRate); d < s.cal.horizon {
			s.sim.Schedule(d, evDeparture, e, 0)
		}
	}
	s.startAttempts(e, t, &rng)
	return e
}

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
func (s *state) startAttempts(e int32, t float64, rng *sim.Stream) {
	total := s.totalRate()
	if total <= 0 {
		return
	}
	s.emps[e].next = t
	s.nextAttempt(e, total, rng)
}

// nextAttempt draws and schedules employee e's next attempt.
func (s *state) nextAttempt(e int32, total float64, rng *sim.Stream) {
	emp := &s.emps[e]
	emp.next += rng.Exp() / total
	u := rng.Float64() * total // drawn even past the horizon, to keep the stream's order
	if d := sim.Time(emp.next); d < s.cal.horizon {
		s.sim.Schedule(d, evAttempt, e, uint16(s.pick(u)))
	}
}

func (s *state) totalRate() float64 {
	if len(s.cumRate) == 0 {
		return 0
	}
	return s.cumRate[len(s.cumRate)-1]
}

// slot is employee e's slot of product p, for writing: it gives e a row
// of slots on first use. The pointer is valid until the next row is
// added, so callers do not keep it across a call that may add one.
func (s *state) slot(e, p int32) *slot {
	r := s.emps[e].row
	if r < 0 {
		r = s.newRow(e)
	}
	return &s.slots[int(r)*len(s.prods)+int(p)]
}

// newRow gives employee e a row of empty slots. Rows are added when an
// employee first uses one, not at hiring: most employees never do, and
// the table of the others stays small enough to stay in cache.
func (s *state) newRow(e int32) int32 {
	r := int32(len(s.slots) / len(s.prods))
	s.slots = append(s.slots, s.emptyRow...)
	s.emps[e].row = r
	return r
}

// peek is employee e's slot of product p, for reading: an empty slot
// when e has no row.
func (s *state) peek(e, p int32) slot {
	if r := s.emps[e].row; r >= 0 {
		return s.slots[int(r)*len(s.prods)+int(p)]
	}
	return slot{sub: -1, link: -1}
}

func (s *state) hire() {
	e := s.addEmployee(s.hireAt, false)
	s.totals[Hires]++
	s.tr(TrHire, e, -1, -1, 0)
	s.hireAt += s.rng.Exp() / s.hireRate
	if d := sim.Time(s.hireAt); d < s.cal.horizon {
		s.sim.Schedule(d, evHire, 0, 0)
	}
}

// departure: the employee leaves (R11). Their seats are freed; what they
// bought keeps charging them until its term ends.
func (s *state) departure(e int32) {
	now := s.sim.Now()
	emp := &s.emps[e]
	emp.left = now
	last := s.active[len(s.active)-1]
	s.active[emp.active] = last
	s.emps[last].active = emp.active
	s.active = s.active[:len(s.active)-1]
	s.totals[Departures]++
	s.tr(TrDeparture, e, -1, -1, 0)

	var row []slot
	if emp.row >= 0 {
		row = s.slots[int(emp.row)*len(s.prods):][:len(s.prods)]
	}
	for p := range row {
		sl := &row[p]
		if sl.sub < 0 && sl.flags&(slOrgSeat|slRequest) == 0 {
			continue // most of a row: products the leaver never held
		}
		if sl.sub >= 0 {
			s.removeHolder(sl.sub, e)
		}
		if sl.flags&slOrgSeat != 0 {
			s.prods[p].spare++
			s.prods[p].inUse--
			s.orgInUse--
		}
		sl.flags &^= slOrgSeat | slRequest
	}
	for i := emp.firstSub; i >= 0; i = s.subx[i].nextOfBuyer {
		b := &s.subs[i]
		if b.state == stEnded {
			continue
		}
		b.strandFrom = min(b.strandFrom, now)
		if b.flags&(fNoAccess|fTakenOver) != 0 {
			continue // already the org's: cancelled, or taken over with a failed cancel
		}
		b.flags |= fOrphaned
		s.liveOrphan++
		s.totals[OrphanedSubscriptions]++
		if s.subx[i].rng.Bernoulli(s.prods[b.prod].LeaverStopsRenewal) {
			b.flags |= fLeaverStops
			if b.state == stPaid {
				s.autorenewOff(i)
			}
		}
		if s.cfg.Admin.OnDeparture != DepNone {
			if d := now + sim.Time(s.cfg.Admin.DepartureDelayDays); d < s.cal.horizon {
				s.sim.Schedule(d, evDepartAct, i, 0)
			}
		}
	}
}

// --- attempts (R03, R04, R08, R09, R12, R13) ----------------------------

// attempt is employee e's attempt at product p (R03, R04, R08, R09,
// R12, R13), unless e left or p holds nothing to attempt.
func (s *state) attempt(e int32, p int32) {
	emp := &s.emps[e]
	if emp.left != noDay {
		return // a departed employee takes no further action
	}
	emp.n++
	rng := sim.StreamOf(sim.Absorb(s.arrivalKey, uint64(e), uint64(emp.n))) // = NewStream(seed, purposeArrival, e, n)
	s.nextAttempt(e, s.totalRate(), &rng)
	pr := &s.prods[p]
	if !pr.exists {
		return // the product is not in the catalog yet (R01)
	}
	if sl := s.peek(e, p); sl.sub >= 0 || sl.flags&(slOrgSeat|slRequest) != 0 {
		return // no attempts while holding a seat or waiting for a request
	}
	s.totals[Attempts]++
	// A fixed block of draws, whatever the policy, keeps the streams of
	// two policies aligned.
	d := draws{card: rng.Float64(), request: rng.Float64(), approve: rng.Float64(), term: rng.Float64()}
	s.tryProduct(e, p, d, rng)
}

// pick is the product whose share of the cumulative attempt rates holds
// u: the first p with cumRate[p] > u, or the last product. A guide table
// (Chen and Asau's indexed search) starts it next to the answer, so that
// it takes one or two predictable comparisons where a binary search over
// a few dozen products takes five unpredictable ones. The two scans make
// it exact whatever the rounding of the guide's index.
func (s *state) pick(u float64) int {
	j := min(int(u*s.guideScale), len(s.guide)-1)
	p := int(s.guide[j])
	for p > 0 && s.cumRate[p-1] > u {
		p--
	}
	for p < len(s.cumRate)-1 && s.cumRate[p] <= u {
		p++
	}
	return p
}

// setGuide builds pick's guide table over cumRate: entry j is the answer
// for u = j/len × total.
func (s *state) setGuide() {
	total := s.totalRate()
	n := 4 * len(s.cumRate)
	s.guide = s.guide[:0]
	s.guideScale = 0
	if total <= 0 {
		return
	}
	s.guideScale = float64(n) / total
	p := 0
	for j := range n {
		u := float64(j) * total / float64(n)
		for p < len(s.cumRate)-1 && s.cumRate[p] <= u {
			p++
		}
		s.guide = append(s.guide, int32(p))
	}
}

// draws are the uniforms of one attempt's decisions.
type draws struct{ card, request, approve, term float64 }

// tryProduct is an attempt of e at product p that is not thinned away.
func (s *state) tryProduct(e, p int32, d draws, rng sim.Stream) {
	pr := &s.prods[p]
	sl := s.peek(e, p)
	if s.takeReassigned(e, p) {
		return
	}
	if s.emps[e].admin { // R12: admins buy for the organisation
		s.totals[AdminPurchases]++
		s.buyOrg(p, 1)
		s.giveOrgSeat(e, p)
		return
	}
	if pr.policy == Disabled {
		s.blocked(e, p, d)
		return
	}
	if sl.flags&slTrialUsed == 0 && pr.TrialDays > 0 {
		card := d.card < pr.CardGiven
		switch {
		case pr.policy == TrialsOnly && pr.TrialNeedsCard:
			s.totals[AttemptsBlocked]++ // only card-less trials exist (R04)
		case pr.TrialNeedsCard && !card:
			s.totals[TrialsAbandoned]++ // no trial used up
		default:
			s.startTrial(e, p, card && pr.policy == Enabled, d.term, rng)
		}
		return
	}
	if pr.policy == TrialsOnly {
		s.blocked(e, p, d)
		return
	}
	s.purchase(e, p, d.term, rng)
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
	s.tr(TrLicenceRequest, e, p, -1, 0)
	sl := s.slot(e, p)
	sl.flags |= slRequest
	if d.approve < s.cfg.Admin.RequestApproval {
		sl.flags |= slApprove
	} else {
		sl.flags &^= slApprove
	}
	if at := s.sim.Now() + sim.Time(s.cfg.Admin.RequestDelayDays); at < s.cal.horizon {
		s.sim.Schedule(at, evRequest, e, uint16(p))
	}
}

func (s *state) requestDecision(e, p int32) {
	if s.peek(e, p).flags&slRequest == 0 {
		return // lapsed: the employee left
	}
	sl := s.slot(e, p)
	sl.flags &^= slRequest
	if sl.flags&slApprove == 0 {
		s.totals[RequestsDenied]++
		s.tr(TrRequestDenied, e, p, -1, 0)
		return
	}
	s.totals[RequestsApproved]++
	s.tr(TrRequestApproved, e, p, -1, 0)
	if s.prods[p].spare == 0 {
		s.buyOrg(p, 1)
	}
	s.giveOrgSeat(e, p)
}

// takeReassigned gives e a seat that admins freed after a departure.
func (s *state) takeReassigned(e, p int32) bool {
	pr := &s.prods[p]
	for len(pr.reassign) > 0 {
		i := pr.reassign[len(pr.reassign)-1]
		if !s.hasAccess(i) || s.subx[i].assigned >= s.subs[i].seats {
			pr.reassign = pr.reassign[:len(pr.reassign)-1]
			continue
		}
		s.addHolder(i, e)
		s.totals[Reassignments]++
		s.tr(TrAssign, e, p, i, 0)
		return true
	}
	return false
}

// --- subscriptions --------------------------------------------------------

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

// fillSeats gives the seats beyond the buyer's to colleagues, after the
// subscription's start has been traced.
func (s *state) fillSeats(i int32) {
	for range s.subs[i].seats - 1 {
		s.fillSeat(i)
	}
}

// fillSeat assigns a free seat of subscription i to a colleague who holds
// no seat of the product and waits for no request; a few random picks,
// and the seat stays unassigned when none fits.
func (s *state) fillSeat(i int32) {
	b, x := &s.subs[i], &s.subx[i]
	for range 8 {
		c := s.active[x.rng.IntN(len(s.active))]
		sl := s.peek(c, b.prod)
		if c != b.buyer && sl.sub < 0 && sl.flags&(slOrgSeat|slRequest) == 0 {
			s.addHolder(i, c)
			s.tr(TrAssign, c, b.prod, i, 0)
			return
		}
	}
}

func (s *state) addHolder(i, e int32) {
	x := &s.subx[i]
	sl := s.slot(e, s.subs[i].prod)
	sl.sub = i
	sl.link = x.holders
	x.holders = e
	x.assigned++
}

func (s *state) removeHolder(i, e int32) {
	b, x := &s.subs[i], &s.subx[i]
	prev := int32(-1)
	for h := x.holders; h >= 0; h = s.slot(h, b.prod).link {
		if h == e {
			next := s.slot(h, b.prod).link
			if prev < 0 {
				x.holders = next
			} else {
				s.slot(prev, b.prod).link = next
			}
			break
		}
		prev = h
	}
	sl := s.slot(e, b.prod)
	sl.sub, sl.link = -1, -1
	x.assigned--
}

// clearHolders takes every seat of subscription i away.
func (s *state) clearHolders(i int32) {
	p, x := s.subs[i].prod, &s.subx[i]
	for h := x.holders; h >= 0; {
		sl := s.slot(h, p)
		h, sl.sub, sl.link = sl.link, -1, -1
	}
	x.holders, x.assigned = -1, 0
}

func (s *state) hasAccess(i int32) bool {
	b := &s.subs[i]
	return b.state != stEnded && b.flags&fNoAccess == 0
}

// accessOn and accessOff keep the live counts of subscriptions and seats.
func (s *state) accessOn(i int32) {
	b := &s.subs[i]
	s.live++
	s.ssSeats += int64(b.seats)
	s.seriesSeats[s.prods[b.prod].series] += int64(b.seats)
}

func (s *state) accessOff(i int32) {
	b := &s.subs[i]
	s.live--
	s.ssSeats -= int64(b.seats)
	s.seriesSeats[s.prods[b.prod].series] -= int64(b.seats)
	if b.flags&fOrphaned != 0 {
		s.liveOrphan--
	}
	s.clearHolders(i)
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

// startTrial (R03–R08): a free trial; with a card it converts at its end.
func (s *state) startTrial(e, p int32, card bool, uTerm float64, rng sim.Stream) {
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
	if rng.Bernoulli(pr.ExtendTrial) {
		flags |= fWillExtend
	}
	if rng.Bernoulli(pr.AutorenewOffInTrial) {
		flags |= fOffInTrial
	}
	notice := rng.Bernoulli(s.cfg.Admin.NotifyDelivery)
	s.slot(e, p).flags |= slTrialUsed
	i := s.newSub(e, p, rng, stTrial, flags)
	trialEnd := s.sim.Now() + sim.Time(pr.TrialDays)
	s.totals[TrialsStarted]++
	s.subEvent(TrTrialStart, i)
	s.mail(i)
	s.fillSeats(i)
	if trialEnd < s.cal.horizon {
		s.sim.Schedule(trialEnd, evTrialEnd, i, 0)
	}
	if notice { // R14
		s.totals[NotificationsAdmin]++
		s.tr(TrNotifyAdmin, e, p, i, 0)
		if s.cfg.Admin.OnNotice != ActNone {
			if d := s.sim.Now() + sim.Time(s.cfg.Admin.NoticeDelayDays); d < s.cal.horizon {
				s.sim.Schedule(d, evNotice, i, 0)
			}
		}
	}
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

// purchase (R09): bought without a trial, charged at once.
func (s *state) purchase(e, p int32, uTerm float64, rng sim.Stream) {
	pr := &s.prods[p]
	flags := fCard | fAutorenew
	if uTerm < pr.MonthlyTerm {
		flags |= fMonthly
	}
	if pr.AnnualBilling == BillUpfront {
		flags |= fUpfront
	}
	i := s.newSub(e, p, rng, stPaid, flags)
	s.totals[Purchases]++
	s.subEvent(TrPurchase, i)
	s.mail(i)
	s.fillSeats(i)
	s.startPaid(i, "purchase")
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

// chargeTerm charges what is due at a term's start (start) or at a
// monthly anniversary inside an annual term billed monthly; reason names
// the charge in the ledger.
func (s *state) chargeTerm(i int32, start bool, reason string) {
	b := &s.subs[i]
	s.chargeBuyer(i, b, b.due(&s.prods[b.prod], start), reason)
}

// due is what subscription b owes at a term's start (start) or at a
// monthly anniversary inside an annual term billed monthly.
func (b *sub) due(pr *prod, start bool) Cents {
	seats := Cents(b.seats)
	switch {
	case b.flags&fMonthly != 0:
		return pr.PriceMonthly * seats
	case b.flags&fUpfront == 0:
		return pr.PriceAnnual * seats
	case start:
		return 12 * pr.PriceAnnual * seats
	}
	return 0
}

// chargeBuyer charges subscription i (b) to its buyer. Every paid month
// of every subscription passes here, so the R15 records and the trace
// are out of line.
func (s *state) chargeBuyer(i int32, b *sub, amount Cents, reason string) {
	if amount == 0 {
		return
	}
	stranded := s.bill(b, amount)
	if s.wantSubs || s.trace != nil {
		s.chargeRecord(i, amount, stranded, reason)
	}
}

// bill adds a buyer's charge to the totals and the month's row, and
// reports whether it is stranded. Small enough to inline into the
// anniversary, the commonest event.
func (s *state) bill(b *sub, amount Cents) (stranded bool) {
	s.totals[BuyerSpend] += amount
	s.monthRow[SerBuyerSpend] += amount
	if s.sim.Now() >= b.strandFrom {
		s.totals[StrandedSpend] += amount
		s.monthRow[SerStrandedSpend] += amount
		return true
	}
	return false
}

// chargeRecord adds a charge to the R15 records and the trace.
func (s *state) chargeRecord(i int32, amount Cents, stranded bool, reason string) {
	b := &s.subs[i]
	if s.wantSubs { // the cold part is only touched for the R15 records
		x := &s.subx[i]
		x.paid += amount
		if stranded {
			x.stranded += amount
		}
	}
	if s.trace != nil {
		s.emit(TrCharge, b.buyer, b.prod, i, b.seats)
		s.tev.Payer, s.tev.Amount, s.tev.Term, s.tev.Reason = PayBuyer, amount, termName(b), reason
		s.flush()
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

// --- the organisation (R10, R12, R13, R17, R18) -----------------------------

// buyOrg buys n org licences of p: charged today and on the same day of
// every later month until the horizon.
func (s *state) buyOrg(p, n int32) {
	s.prods[p].spare += int(n)
	s.totals[OrgLicencesBought] += int64(n)
	j := int32(len(s.batches))
	s.batches = append(s.batches, orgBatch{prod: p, seats: n, anchor: s.sim.Now()})
	// The purchase line names the seats; money shows on the charge lines
	// that follow, so that trace sums equal the ledger.
	s.tr(TrOrgPurchase, -1, p, -1, n)
	s.orgCharge(j)
}

func (s *state) orgCharge(j int32) {
	bt := &s.batches[j]
	amount := s.prods[bt.prod].OrgPrice * Cents(bt.seats)
	if amount > 0 {
		s.totals[OrgSpend] += amount
		s.monthRow[SerOrgSpend] += amount
		if s.trace != nil {
			s.emit(TrCharge, -1, bt.prod, -1, bt.seats)
			s.tev.Payer, s.tev.Amount, s.tev.Reason = PayOrg, amount, "org-licence"
			s.flush()
		}
	}
	bt.month++
	if d := s.cal.addMonths(bt.anchor, int(bt.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evOrgCharge, j, 0)
	}
}

// giveOrgSeat assigns a spare org licence of p to e.
func (s *state) giveOrgSeat(e, p int32) {
	s.prods[p].spare--
	s.prods[p].inUse++
	s.orgInUse++
	s.slot(e, p).flags |= slOrgSeat
	s.tr(TrAssign, e, p, -1, 0)
}

// adminAct applies a review or notice action to live subscription i.
func (s *state) adminAct(i int32, a Action) {
	switch a {
	case ActCancel:
		s.cancel(i, false)
	case ActTakeover:
		s.takeover(i)
	}
}

// cancel (R10, R18): access ends at once and the subscription never
// renews; its buyer pays the rest of the term. With probability
// cancel_fault it only turns auto-renew off. A takeover's cancel is part
// of the takeover and is not traced or counted as a cancel of its own.
func (s *state) cancel(i int32, takeover bool) {
	b := &s.subs[i]
	if s.subx[i].rng.Bernoulli(s.cfg.Admin.CancelFault) {
		s.totals[CancelFaults]++
		s.subEvent(TrCancelFault, i)
		s.autorenewOff(i)
		return
	}
	if !takeover {
		s.totals[AdminCancels]++
		s.subEvent(TrCancel, i)
		s.mail(i)
	}
	b.flags |= fCancelled
	b.strandFrom = min(b.strandFrom, s.sim.Now())
	b.flags &^= fAutorenew
	if b.state == stTrial {
		s.end(i) // nothing was charged and nothing will be
		return
	}
	s.accessOff(i)
	b.flags |= fNoAccess
}

// takeover (R17): holders get equivalent org licences, then the
// subscription is cancelled; with too few spare licences, when_short
// decides.
func (s *state) takeover(i int32) {
	b := &s.subs[i]
	p := b.prod
	pr := &s.prods[p]
	need := int(s.subx[i].assigned)
	if pr.spare < need {
		switch s.cfg.Admin.WhenShort {
		case ShortBuy:
			s.buyOrg(p, int32(need-pr.spare))
		case ShortCancel:
			s.cancel(i, false)
			return
		case ShortSkip:
			return
		}
	}
	s.totals[Takeovers]++
	s.subEvent(TrTakeover, i)
	s.mail(i)
	for h := s.subx[i].holders; h >= 0; {
		next := s.slot(h, p).link
		s.removeHolder(i, h)
		s.giveOrgSeat(h, p)
		h = next
	}
	b.flags |= fTakenOver
	b.strandFrom = min(b.strandFrom, s.sim.Now())
	s.cancel(i, true)
}

// departAct: admins act on a leaver's subscription (R11).
func (s *state) departAct(i int32) {
	if !s.hasAccess(i) {
		return
	}
	switch s.cfg.Admin.OnDeparture {
	case DepCancel:
		s.cancel(i, false)
	case DepReassign:
		if s.subx[i].assigned < s.subs[i].seats {
			p := &s.prods[s.subs[i].prod]
			p.reassign = append(p.reassign, i)
		}
	}
}

// --- catalog and policy (R01, R02) ----------------------------------------

func (s *state) productAdded(p int32) {
	pr := &s.prods[p]
	pr.exists = true
	s.totals[ProductsAdded]++
	s.tr(TrProductAdded, -1, p, -1, 0)
}

// applyPolicy sets a dated policy change (R02): "*" means every product
// that exists on that date; products added later start enabled (R01).
// A change dated before the start applies silently, as the policy at day 0.
func (s *state) applyPolicy(pc *PolicyChange, traced bool) {
	for p := range s.prods {
		pr := &s.prods[p]
		if pc.Product == AllProducts && !pr.exists || pc.Product != AllProducts && pr.ID != pc.Product {
			continue
		}
		{
			pr.policy = pc.Policy
			if traced && s.trace != nil {
				s.emit(TrPolicyChange, -1, int32(p), -1, 0)
				s.tev.Policy = pc.Policy.String()
				s.flush()
			}
		}
	}
}
