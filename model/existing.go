package model

import (
	"fmt"
	"time"

	"licsim/sim"
)

// The tenant's state at start (Config.Existing, Product.TrialUsedShare,
// Product.OrgAssigned): what a tenant that has had self-service switched
// on for years carries into the run. It is set up once per replication,
// after the headcount is hired and before the first event, from streams
// of its own, so a scenario without it draws exactly what it drew before.
//
// An existing paid subscription's current term started before start; its
// charge for that term is outside the run's ledger (not reported, not
// refundable, not stranded), and its later charges, renewals, quits, seat
// changes, leaver rules and admin actions are those of any subscription.
// Its anchor is the term's start moved on by whole years to the first
// such day on or after start, and its month counts from there (negative
// for the anniversaries before it), so the event loop treats it like any
// other (see calendar.backMonths). A term that started on 29 February
// keeps the 28th from the first non-leap year on.

// setupExisting sets the tenant's state at start.
func (s *state) setupExisting(cfg *Config) {
	s.nExisting, s.nGone = 0, 0
	initial := sim.NewStream(s.seed, purposeInitial)
	for p := range cfg.Products {
		if n := cfg.Products[p].OrgAssigned; n > 0 {
			s.assignOrgAtStart(int32(p), n, &initial)
		}
	}
	for p := range cfg.Products {
		if share := cfg.Products[p].TrialUsedShare; share > 0 {
			for _, e := range s.active {
				if !s.isAdmin(e) && initial.Bernoulli(share) {
					s.slotOf(e, int32(p)).set(slTrialUsed)
				}
			}
		}
	}
	k := uint64(0)
	for x := range cfg.Existing {
		ex := &cfg.Existing[x]
		p := s.productIndex(ex.Product)
		if p < 0 {
			continue // Check refuses it
		}
		for range ex.Count {
			stream := sim.NewStream(s.seed, purposeExisting, k)
			k++
			s.addExisting(ex, p, stream, &initial)
		}
	}
	s.nExisting = int32(len(s.subs))
}

// productIndex is the index of the configured product id, or -1.
func (s *state) productIndex(id string) int32 {
	for p := range s.cfg.Products {
		if s.cfg.Products[p].ID == id {
			return int32(p)
		}
	}
	return -1
}

// freeEmployee picks an employed non-admin who holds no seat of p: a few
// random picks, then a scan; -1 when there is none.
func (s *state) freeEmployee(p int32, stream *sim.Stream) int32 {
	free := func(e int32) bool {
		sl := s.slotValue(e, p)
		return !s.isAdmin(e) && sl.sub < 0 && sl.flags()&slOrgSeat == 0
	}
	if len(s.active) == 0 {
		return -1
	}
	for range 16 {
		if e := s.active[stream.IntN(len(s.active))]; free(e) {
			return e
		}
	}
	for _, e := range s.active {
		if free(e) {
			return e
		}
	}
	return -1
}

// assignOrgAtStart gives n org licences of p to employees (fewer when too
// few employees are free): they are held, sunk, and follow R26 when their
// holders leave.
func (s *state) assignOrgAtStart(p int32, n int, stream *sim.Stream) {
	for range n {
		e := s.freeEmployee(p, stream)
		if e < 0 {
			return
		}
		s.prods[p].inUse++
		s.orgInUse++
		s.slotOf(e, p).set(slOrgSeat)
	}
}

// goneBuyer adds the record of a buyer who left before start: never
// active, no events.
func (s *state) goneBuyer() int32 {
	e := int32(len(s.emps))
	s.emps = append(s.emps, employee{left: -1, leaves: -1, active: -1, firstSub: -1, row: -1})
	s.nGone++
	if s.wantStaff {
		s.hired = append(s.hired, -1)
	}
	return e
}

// addExisting creates one subscription of line ex, product p.
func (s *state) addExisting(ex *Existing, p int32, stream sim.Stream, initial *sim.Stream) {
	pr := &s.prods[p]
	var e int32 = -1
	if !ex.BuyerLeft {
		e = s.freeEmployee(p, initial)
	}
	if e < 0 { // left, or nobody free to be the buyer: the buyer is gone
		e = s.goneBuyer()
	}
	employed := s.emps[e].left == noDay
	flags := uint16(0)
	if ex.Monthly {
		flags |= fMonthly
	}
	if ex.Upfront {
		flags |= fUpfront
	}
	if ex.Autorenew && (!ex.Trial || ex.Card) {
		flags |= fAutorenew
	}
	if !ex.Trial || ex.Card {
		flags |= fCard
	}
	termStart := s.cal.dayOf(ex.TermStart)
	started := termStart
	if !ex.Started.IsZero() {
		started = s.cal.dayOf(ex.Started)
	}
	i := int32(len(s.subs))
	st := stPaid
	if ex.Trial {
		st = stTrial
	} else {
		flags |= fWasPaid
	}
	s.subs = append(s.subs, sub{buyer: e, prod: p, state: st, flags: flags, strandFrom: noDay, seats: int32(ex.Seats)})
	s.subx = append(s.subx, subExt{stream: stream, holders: -1, start: started, nextOfBuyer: s.emps[e].firstSub, addedAt: -1})
	if s.wantSubs {
		s.recs = append(s.recs, subRecord{ended: noDay})
	}
	s.emps[e].firstSub = i
	s.accessOn(i)
	holders := ex.Assigned
	if employed && holders > 0 {
		s.addHolder(i, e)
		holders--
	}
	s.subs[i].row = s.emps[e].row
	for range holders {
		if c := s.freeEmployee(p, initial); c >= 0 {
			s.addHolder(i, c)
		}
	}
	sb := &s.subs[i]
	if !employed {
		sb.flags |= fOrphaned
		s.liveOrphan++
		sb.strandFrom = 0
	}
	if ex.Trial {
		if employed {
			s.slotOf(e, p).set(slTrialUsed)
			sb.row = s.emps[e].row
		}
		trialEnd := s.cal.dayOf(ex.TrialEnd)
		if s.wantSubs {
			s.recs[i].trialEnd = trialEnd
		}
		if trialEnd-termStart > sim.Time(pr.TrialDays) || !employed {
			sb.flags |= fExtended // R06 used, or nobody left to extend it
		} else if s.subx[i].stream.Bernoulli(pr.ExtendTrial) {
			sb.flags |= fWillExtend
		}
		if s.subx[i].stream.Bernoulli(pr.AutorenewOffInTrial) {
			sb.flags |= fOffInTrial
		}
		if trialEnd < s.cal.horizon {
			s.sim.Schedule(max(trialEnd, 0), evTrialEnd, i, 0)
		}
	} else {
		s.existingTerm(i, sb, ex.TermStart)
		if sb.flags&fNoAccess == 0 && employed {
			s.scheduleHazard(i, 0)
		}
	}
	if !employed {
		s.scheduleLeaverStop(i)
	}
}

// existingTerm sets the anchor and month of existing paid subscription
// i, whose current term started on termStart, and schedules its next
// anniversary (see the top of this file).
func (s *state) existingTerm(i int32, sb *sub, termStart time.Time) {
	years := 0
	for s.cal.dayOf(AddMonths(termStart, 12*years)) < 0 {
		years++
	}
	sb.anchor = s.cal.dayOf(AddMonths(termStart, 12*years))
	step := int(sb.step())
	m := step // months from the term's start of its next anniversary
	for s.cal.dayOf(AddMonths(termStart, m)) < 0 {
		m += step
	}
	sb.month = int32(m - 12*years)
	s.scheduleBoundary(i, sb)
}

// MaxExistingCount is the most subscriptions one [[existing]] line may
// stand for.
const MaxExistingCount = 1_000_000

// ExistingProblem is one way an Existing line contradicts itself, its
// product or the start: the key at fault, what is wrong and what is
// allowed.
type ExistingProblem struct {
	Key, Msg, Allowed string
}

// Problems lists every way ex contradicts itself, its product p (nil: not
// a product of the scenario) or the start. The scenarios package reports
// them with file and line; Check joins them.
func (ex *Existing) Problems(start time.Time, p *Product) []ExistingProblem {
	var ps []ExistingProblem
	bad := func(key, allowed, format string, a ...any) {
		ps = append(ps, ExistingProblem{key, fmt.Sprintf(format, a...), allowed})
	}
	date := func(t time.Time) string { return t.Format(time.DateOnly) }
	if p == nil {
		bad("product", "a product id of this scenario or its MSCommerce ProductId", "%q is not a product of this scenario", ex.Product)
	}
	if ex.Count < 1 || ex.Count > MaxExistingCount {
		bad("count", fmt.Sprintf("1 to %d", MaxExistingCount), "%d subscriptions", ex.Count)
	}
	if ex.Seats < 1 || ex.Seats > MaxEmployees {
		bad("seats", fmt.Sprintf("1 to %d", MaxEmployees), "%d seats", ex.Seats)
	}
	if ex.Assigned < 0 || ex.Assigned > ex.Seats {
		bad("assigned", "0 to seats", "%d assigned seats but %d seats: seats must be at least the assigned ones", ex.Assigned, ex.Seats)
	}
	if ex.TermStart.After(start) {
		bad("term_start", "a date on or before start", "%s is after start (%s): the subscription must be live on start", date(ex.TermStart), date(start))
	}
	if !ex.Started.IsZero() && ex.Started.After(ex.TermStart) {
		bad("started", "a date on or before term_start", "%s is after term_start (%s)", date(ex.Started), date(ex.TermStart))
	}
	first, firstKey := ex.TermStart, "term_start"
	if !ex.Started.IsZero() {
		first, firstKey = ex.Started, "started"
	}
	if p != nil && first.Before(p.Added) {
		bad(firstKey, "a date on or after the product's added date "+date(p.Added), "%s is before %s entered the self-service catalog (%s)", date(first), p.ID, date(p.Added))
	}
	switch {
	case ex.Trial:
		switch {
		case ex.TrialEnd.IsZero():
			bad("trial_end", "a date on or after start", "missing: a trial needs its end")
		case ex.TrialEnd.Before(ex.TermStart):
			bad("trial_end", "a date after term_start (the trial's start)", "%s is before the trial started (%s)", date(ex.TrialEnd), date(ex.TermStart))
		case ex.TrialEnd.Before(start):
			bad("trial_end", "a date on or after start", "%s is before start (%s): the trial would have ended", date(ex.TrialEnd), date(start))
		case p != nil && ex.TrialEnd.After(ex.TermStart.AddDate(0, 0, MaxTrialDays+ExtensionDays)):
			bad("trial_end", fmt.Sprintf("at most %d days after term_start", MaxTrialDays+ExtensionDays), "%s is more than a trial and its extension after the trial's start (%s)", date(ex.TrialEnd), date(ex.TermStart))
		}
	default:
		if !ex.TrialEnd.IsZero() {
			bad("trial_end", "no trial_end unless trial = true", "a paid subscription has no trial end")
		}
		months := 12
		if ex.Monthly {
			months = 1
		}
		if next := AddMonths(ex.TermStart, months); !ex.TermStart.After(start) && next.Before(start) {
			bad("term_start", "a date less than a term before start", "the term that started %s renewed or ended on %s, before start (%s): give the current term's start", date(ex.TermStart), date(next), date(start))
		}
	}
	return ps
}

// checkExisting checks the tenant's state at start.
func (ps *problems) checkExisting(cfg *Config) {
	for i := range cfg.Existing {
		ex := &cfg.Existing[i]
		var p *Product
		for k := range cfg.Products {
			if cfg.Products[k].ID == ex.Product {
				p = &cfg.Products[k]
			}
		}
		for _, pr := range ex.Problems(cfg.Start, p) {
			ps.bad("existing[%d].%s: %s", i+1, pr.Key, pr.Msg)
		}
	}
	for i := range cfg.Products {
		pr := &cfg.Products[i]
		if !(pr.TrialUsedShare >= 0 && pr.TrialUsedShare <= 1) {
			ps.bad("product[%d].trial_used_share = %g: must be in [0, 1]", i, pr.TrialUsedShare)
		}
		if pr.OrgAssigned < 0 || pr.OrgAssigned > MaxEmployees {
			ps.bad("product[%d].org_assigned = %d: must be in [0, %d]", i, pr.OrgAssigned, MaxEmployees)
		}
	}
}
