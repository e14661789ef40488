package model

import "licsim/sim"

// A paid subscription's month boundaries: its anniversaries, each a
// monthly charge inside an annual term billed monthly, a renewal, or the
// term's end. They are most of a large tenant's work, and most of them
// only charge what the month before charged, so they are kept as events
// only where they change something.
//
// Per event (Options.EventCharges, and whenever a replication is traced),
// every boundary is an evAnniversary of its own. With bulk charging (the
// default) a subscription has a pending evAnniversary, its wake, only
// when its next term boundary changes something: the term ends (auto-
// renew off, or nobody has access) or seats asked to go are removed (R22).
// The boundaries in between are charged when something next looks at the
// subscription (settle) or at the horizon (finish), each at the prices of
// its day (R20), into the month and period its day falls in, stranded by
// its day: the same cents in the same rows as per event.
//
// The two agree event for event because a boundary comes first on its
// day for everything that looks at its subscription: every handler that
// reads or changes a subscription, its seats or a holder's slot settles
// the subscription first, processing the boundaries due up to today. Per
// event, settling early processes the boundary whose event is still
// pending today (which then finds fEarly and does nothing); with bulk
// charging it also books the quiet boundaries since the last look. Day-
// level ordering needs nothing more: month ends, price steps and reviews
// are dated events, first on their day in both ways (see setup), and the
// live counts that other events change are read only by month ends.

// fWake and fEarly are one flag with a meaning per way of charging
// (state.bulk): with bulk charging a wake is pending for the next term
// boundary (see arm); per event the boundary due today was settled before
// its event came, which then does nothing.
const (
	fWake  = fBoundary
	fEarly = fBoundary
)

// anniversary handles evAnniversary: a boundary per event, a wake with
// bulk charging.
func (s *state) anniversary(i int32) {
	sb := &s.subs[i]
	if s.bulk {
		month, st := sb.month, sb.state
		s.settle(i)
		if sb.month == month && sb.state == st {
			s.stale++ // an event before it today settled the boundary
		}
		sb.flags &^= fWake // this was the pending wake, or one settled early
		s.arm(i, sb)
		return
	}
	if sb.state == stEnded || sb.flags&fEarly != 0 {
		// A cancel within the refund window ended it (R21), or an event
		// before this one today settled the boundary.
		sb.flags &^= fEarly
		s.stale++
		return
	}
	s.boundary(i, sb)
}

// settle processes paid subscription i's boundaries due up to today,
// before an event looks at it (see the top of this file).
func (s *state) settle(i int32) { s.settleThrough(i, s.sim.Now()) }

// settleThrough processes paid subscription i's boundaries on or before
// day through (today, or the horizon's last day at finish). With bulk
// charging the quiet ones are booked first; what can be left due is a
// boundary that changes something, whose wake is today (an earlier one
// would have come), and per event only today's boundary can be due: so
// boundary runs at most once, for today.
func (s *state) settleThrough(i int32, through sim.Time) {
	sb := &s.subs[i]
	if sb.state != stPaid {
		return
	}
	if s.bulk {
		s.bookQuiet(i, sb, through)
	}
	now := s.sim.Now()
	if sb.state == stPaid && now <= through && s.cal.addMonths(sb.anchor, int(sb.month)) == now {
		s.boundary(i, sb)
		if !s.bulk {
			sb.flags |= fEarly // its pending event, today, is stale
		}
	}
}

// bookQuiet charges, with bulk charging, paid subscription i's quiet
// boundaries on or before day through, up to the first that changes
// something (which boundary then processes): what boundary would do for
// each, each paying the prices of its day. It was most of bulk
// charging's work as a loop over the boundaries (bookQuietEach); a
// subscription charged every month whose boundaries keep their report
// month regular books them by runs instead (bookQuietMonths). A
// boundary before start is not booked: a warm-up's money is dropped
// when it ends (history.go).
func (s *state) bookQuiet(i int32, sb *sub, through sim.Time) {
	cal := s.cal
	if sb.flags&(fMonthly|fUpfront) != fUpfront && cal.regular {
		s.bookQuietMonths(i, sb, through)
		return
	}
	s.bookQuietEach(i, sb, through)
}

// bookQuietEach is bookQuiet's loop, a boundary at a time, with what
// stays the same from one to the next (term, stranding, tables) read
// once: for terms paid up front (a boundary a year), and where report
// months start on the 29th or later, whose clamping makes the report
// months of boundaries irregular (two in one, none in the next).
func (s *state) bookQuietEach(i int32, sb *sub, through sim.Time) {
	cal := s.cal
	epochOf, period := s.epochs.epochOf, cal.period
	renews := sb.flags&(fAutorenew|fNoAccess|fSeatDrop) == fAutorenew
	everyTerm := sb.flags&(fMonthly|fUpfront) != 0 // every boundary starts a term
	step, p := sb.step(), int(sb.prod)
	price := s.prods[p].price
	strandFrom, origin := sb.strandFrom, cal.origin
	monthlyTab, nSeries := s.monthly, s.nSeries
	spend, w := s.spend, 2*len(s.prods)
	var paid, stranded, renewals Cents
	month := sb.month
	for ; ; month += step {
		d := cal.addMonths(sb.anchor, int(month)) // the horizon past it
		if d > through {
			break
		}
		term := everyTerm || month%12 == 0
		if term && !renews {
			break // the term ends, or seats go: boundary's
		}
		if d < origin {
			continue
		}
		if term {
			renewals++
		}
		amount := sb.due(&price[epochOf[d]], term)
		paid += amount
		m := int(period[d])
		monthlyTab[m*nSeries+SerBuyerSpend] += amount
		spend[m/MonthsPerPeriod*w+p] += amount
		if d >= strandFrom {
			stranded += amount
			monthlyTab[m*nSeries+SerStrandedSpend] += amount
		}
	}
	sb.month = month
	s.addBooked(i, renewals, paid, stranded)
}

// bookQuietMonths is bookQuiet for a subscription charged every month
// (step 1), without a step per month, when the report months start on
// the 28th of the month or before (calendar.regular). Boundary n falls
// in calendar month k0+n, on the anchor's day of the month or the
// month's last (calendar.inMonth), and so in report month m0+n: a
// boundary on day dom of its month lies in the report month that
// started that month when dom is at least the report months' first day
// (a clamped day, the 28th or later, always is), else in the one before.
// Between two price steps, two report periods and either side of the
// stranding day boundaries all charge the same, and a run of them is
// booked at once, into the difference array quiet for the monthly
// series (added up at finish, applyQuiet). Integer sums do not depend on
// their order, so every total, row and record is the same as the loop
// gives (TestBookQuietMonthsMatchesEach, TestBulkChargingMatchesPerEvent).
func (s *state) bookQuietMonths(i int32, sb *sub, through sim.Time) {
	cal := s.cal
	k0 := cal.monthOf[sb.anchor]
	dom := sb.anchor - cal.monthStart[k0]
	n0 := sb.month
	end := max(n0, cal.firstOnOrAfter(k0, dom, through+1))
	if sb.flags&(fAutorenew|fNoAccess|fSeatDrop) != fAutorenew { // the term ends, or seats go: boundary's
		end = min(end, nextTerm(n0, sb.flags&fMonthly != 0))
	}
	sb.month = end
	n := max(n0, cal.firstOnOrAfter(k0, dom, cal.origin)) // a warm-up's boundaries are not booked
	if n >= end {
		return
	}
	renewals := Cents(end - n)
	if sb.flags&fMonthly == 0 { // an annual term billed monthly: a renewal every 12th
		renewals = Cents(floorDiv(end-1, 12) - floorDiv(n-1, 12))
	}
	p := int(sb.prod)
	price, starts, epochOf := s.prods[p].price, s.epochs.starts, s.epochs.epochOf
	spend, w := s.spend, 2*len(s.prods)
	var paid, stranded Cents
	for n < end {
		d := cal.inMonth(k0+n, dom)
		e := epochOf[d]
		v := end
		if int(e)+1 < len(starts) {
			v = min(v, cal.firstOnOrAfter(k0, dom, starts[e+1]))
		}
		strand := d >= sb.strandFrom
		if !strand {
			v = min(v, cal.firstOnOrAfter(k0, dom, sb.strandFrom))
		}
		amount := sb.due(&price[e], false) // every boundary charges alike at step 1
		count := Cents(v - n)
		m := int(cal.period[d])
		paid += amount * count
		s.quiet[2*m] += amount
		s.quiet[2*(m+int(count))] -= amount
		if strand {
			stranded += amount * count
			s.quiet[2*m+1] += amount
			s.quiet[2*(m+int(count))+1] -= amount
		}
		for left := int(count); left > 0; { // into each report period it spans
			k := min(left, MonthsPerPeriod-m%MonthsPerPeriod)
			spend[m/MonthsPerPeriod*w+p] += amount * Cents(k)
			m += k
			left -= k
		}
		n = v
	}
	s.addBooked(i, renewals, paid, stranded)
}

// addBooked adds what bookQuiet booked for subscription i to the totals
// and its R15 record.
func (s *state) addBooked(i int32, renewals, paid, stranded Cents) {
	s.totals[Renewals] += renewals
	s.totals[NotificationsBuyer] += renewals // R19
	s.totals[BuyerSpend] += paid
	s.totals[StrandedSpend] += stranded
	if s.wantSubs {
		s.recs[i].paid += paid
		s.recs[i].stranded += stranded
	}
}

// nextTerm is the first boundary from month n on that starts a term:
// n itself for a monthly term, else the next multiple of 12 (month may
// be negative for a subscription that existed before start).
func nextTerm(n int32, monthly bool) int32 {
	if monthly {
		return n
	}
	if r := n % 12; r > 0 {
		return n + 12 - r
	} else if r < 0 {
		return n - r
	}
	return n
}

// floorDiv is x/y rounded down, for y > 0.
func floorDiv(x, y int32) int32 {
	q := x / y
	if x%y < 0 {
		q--
	}
	return q
}

// applyQuiet adds the charges bookQuietMonths kept in the difference
// array quiet to the monthly series, and empties it.
func (s *state) applyQuiet() {
	var buyer, stranded int64
	for m := range s.cfg.Months {
		buyer += s.quiet[2*m]
		stranded += s.quiet[2*m+1]
		row := s.monthly[m*s.nSeries:]
		row[SerBuyerSpend] += buyer
		row[SerStrandedSpend] += stranded
	}
	clear(s.quiet)
}

// scheduleBoundary schedules what paid subscription i's next boundary
// needs: its event per event, a wake if it changes something with bulk
// charging.
func (s *state) scheduleBoundary(i int32, sb *sub) {
	if s.bulk {
		s.arm(i, sb)
		return
	}
	if d := s.cal.addMonths(sb.anchor, int(sb.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evAnniversary, i, 0)
	}
}

// arm schedules, with bulk charging, a wake at paid subscription i's next
// term boundary when that boundary changes something: the term ends, or
// seats asked to go are removed. Called whenever one of these becomes so;
// sb's month must be settled (its next boundary after today).
func (s *state) arm(i int32, sb *sub) {
	if !s.bulk || sb.state != stPaid || sb.flags&fWake != 0 ||
		sb.flags&(fAutorenew|fNoAccess|fSeatDrop) == fAutorenew {
		return
	}
	m := sb.month
	if sb.flags&(fMonthly|fUpfront) == 0 { // an annual term billed monthly
		// Up to the next multiple of 12 (an existing subscription's
		// month may be negative).
		if r := m % 12; r > 0 {
			m += 12 - r
		} else if r < 0 {
			m -= r
		}
	}
	if d := s.cal.addMonths(sb.anchor, int(m)); d < s.cal.horizon {
		s.sim.Schedule(d, evAnniversary, i, 0)
		sb.flags |= fWake
	}
}

// boundary processes paid subscription i's boundary due today: per event
// the commonest event of a large tenant, so the common cases (a renewal
// or a monthly charge, untraced) run in this one body; with bulk charging
// one that changes something (the term ends, or seats go).
func (s *state) boundary(i int32, sb *sub) {
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
		if sb.flags&fSeatDrop != 0 {
			s.applyDrops(i) // R22: removals asked for after the window
		}
	default:
		s.traceSub(TrTermEnd, i)
		s.mail(i)
		s.end(i)
		return
	}
	// chargeBuyer written out: a call less on the commonest event.
	if amount := sb.due(&s.prods[sb.prod].cur, start); amount != 0 {
		stranded := s.bill(sb, amount)
		if s.wantSubs || s.tracer != nil {
			s.chargeRecord(i, amount, stranded, reason)
		}
	}
	sb.month += sb.step()
	if s.bulk {
		return // the wake, if any, is armed at the next term boundary
	}
	if d := s.cal.addMonths(sb.anchor, int(sb.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evAnniversary, i, 0)
	}
}

// settleAll charges, with bulk charging, every paid subscription's quiet
// boundaries up to the horizon: the last of the run's ledger.
func (s *state) settleAll() {
	if !s.bulk {
		return
	}
	last := s.cal.horizon - 1
	for i := range s.subs {
		if s.subs[i].state == stPaid {
			s.settleThrough(int32(i), last)
		}
	}
}
