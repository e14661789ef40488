package model

import (
	"slices"

	"licsim/sim"
)

// Result is what one replication produces: totals, the monthly series and,
// on request, the subscription list of R15. Nothing per event is kept.
type Result struct {
	Rep    int
	Seed   uint64
	Totals [NumMetrics]int64
	// Monthly holds len(Series(cfg)) values per month, month after month:
	// Monthly[m*len(series)+i] is series i in month m.
	Monthly []int64
	// Costs holds the spend per 12-month period from the start and per
	// product group (CostGroups), NumCostKinds values each (buyer, org,
	// company cost): see CostIndex.
	Costs []int64
	// Subscriptions is filled when Options.Subscriptions is set.
	Subscriptions []SubscriptionRecord
	// Staff is filled when Options.Staff and Subscriptions are set: every
	// employee record, indexed like SubscriptionRecord.Buyer, as a users
	// export lists them.
	Staff []StaffRecord
	// Events is the number of events the engine dispatched.
	Events uint64
	// Employees is the number of employees on staff during the run
	// (headcount plus hires, or with a history warm-up those on staff on
	// start plus hires; buyers of existing subscriptions who left before
	// start are not counted).
	Employees int
	// Carried is what a history warm-up carried into the run (zero
	// without one).
	Carried Carried
}

// Get returns a total.
func (r Result) Get(m Metric) int64 { return r.Totals[m] }

// SeriesInfo describes one monthly series.
type SeriesInfo struct {
	Name  string
	Money bool // cents charged within the month; otherwise a count at month end
}

// The fixed monthly series, before the per-product seat counts.
const (
	SerBuyerSpend = iota
	SerOrgSpend
	SerStrandedSpend
	SerSelfserviceSeats
	SerOrgSeats
	SerLiveSubscriptions
	SerOrphanedSubscriptions
	serFixed
)

// Series lists the monthly series of a scenario: spend per month by payer,
// seats and subscriptions at each month's end, then the live self-service
// seats of each configured product ("seats:<id>") and, with catalog
// growth, of all products added during the run ("seats:new-products").
func Series(cfg *Config) []SeriesInfo {
	s := []SeriesInfo{
		{"buyer_spend", true},
		{"org_spend", true},
		{"stranded_spend", true},
		{"selfservice_seats", false},
		{"org_seats", false},
		{"live_subscriptions", false},
		{"orphaned_subscriptions", false},
	}
	for _, p := range cfg.Products {
		s = append(s, SeriesInfo{"seats:" + p.ID, false})
	}
	if cfg.Growth.PerYear > 0 {
		s = append(s, SeriesInfo{"seats:new-products", false})
	}
	return s
}

// SubscriptionRecord is one self-service subscription as the admin
// center shows it (R15), at the horizon.
type SubscriptionRecord struct {
	ID        int32 // with a history warm-up, IDs of subscriptions that ended before start are skipped
	Product   string
	Buyer     int32
	BuyerLeft bool     // the buyer had left by the horizon
	Seats     int      // seats paid for
	Assigned  []int32  // employees holding a seat at the horizon
	Term      string   // "trial", "monthly" or "annual"
	Started   sim.Time // day the subscription started (trial or purchase), from start: negative before it
	State     string   // trial, active, autorenew-off, cancelled, taken-over, expired, ended
	BuyerPaid Cents
	Stranded  Cents
	// Live: it has access at the horizon (a trial, or a paid term not
	// cancelled or taken over), as Graph's status "Enabled" shows it.
	// For a live subscription Next is the day its trial ends or its
	// current term ends (Graph's nextLifecycleDateTime: it renews then,
	// or stops with auto-renew off), from start; Autorenew and Upfront
	// (an annual term paid up front) are as the admin center shows them.
	// subscriptions.csv does not list them; `licsim import`'s round trip
	// reads them (scenarios/tenant).
	Live      bool
	Next      sim.Time
	Autorenew bool
	Upfront   bool
	// Ended is the day nobody could use it any more (a trial's expiry,
	// the end of its last term, a cancel or takeover), from start; for a
	// live subscription it is past the horizon.
	Ended sim.Time
}

// StaffRecord is one employee: when they joined and left, from start.
type StaffRecord struct {
	Hired sim.Time // day of joining; 0 for the headcount on start, negative for a buyer who left before it
	Left  sim.Time // day of leaving; past the horizon while employed
	Admin bool     // admins (R12) never buy for themselves and never leave
}

// finish takes the last snapshot and builds the result.
func (s *state) finish() Result {
	s.settleAll()
	if s.bulk {
		s.applyQuiet()
	}
	s.snapshot(s.cfg.Months - 1)
	s.totals[SelfserviceSeatsEnd] = s.ssSeats
	s.totals[OrgSeatsEnd] = s.orgInUse
	s.totals[SubscriptionsEnd] = s.live
	costs := s.costs()
	res := Result{
		Totals:  s.totals,
		Monthly: s.monthly,
		Costs:   costs,
		Events:  s.sim.Dispatched() - s.stale,
		// Buyers who left before start, and employees who left during a
		// history warm-up, were not on staff during the run.
		Employees: len(s.emps) - s.nGone - s.leftBefore,
		Carried:   s.carried,
	}
	if s.wantSubs {
		res.Subscriptions = s.records()
	}
	if s.wantStaff {
		res.Staff = make([]StaffRecord, len(s.emps))
		for e := range s.emps {
			emp := &s.emps[e]
			r := StaffRecord{Hired: s.hired[e] - s.cal.origin, Left: emp.left, Admin: s.isAdmin(int32(e))}
			if emp.left != noDay {
				r.Left -= s.cal.origin
			}
			res.Staff[e] = r
		}
	}
	return res
}

// records lists every self-service subscription as the admin center shows
// it at the horizon (R15).
func (s *state) records() []SubscriptionRecord {
	out := make([]SubscriptionRecord, 0, len(s.subs))
	for i := range s.subs {
		sb, ext := &s.subs[i], &s.subx[i]
		if sb.flags&fHistory != 0 {
			continue // ended before start, in a history warm-up
		}
		r := SubscriptionRecord{
			ID: int32(i), Product: s.prods[sb.prod].ID, Buyer: sb.buyer,
			BuyerLeft: s.emps[sb.buyer].left != noDay, Seats: int(sb.seats),
			Term: termName(sb), Started: ext.start - s.cal.origin, State: subState(sb),
			BuyerPaid: s.recs[i].paid, Stranded: s.recs[i].stranded, Ended: s.recs[i].ended,
		}
		if r.Ended != noDay {
			r.Ended -= s.cal.origin
		}
		if sb.flags&fWasPaid == 0 {
			r.Term = "trial"
		}
		r.Autorenew, r.Upfront = sb.flags&fAutorenew != 0, sb.flags&fUpfront != 0
		if sb.flags&fNoAccess == 0 {
			switch sb.state {
			case stTrial:
				r.Live, r.Next = true, s.recs[i].trialEnd-s.cal.origin
			case stPaid:
				r.Live, r.Next = true, s.termEnd(sb)-s.cal.origin
			}
		}
		for h := ext.holders; h >= 0; h = s.slotOf(h, sb.prod).link() {
			r.Assigned = append(r.Assigned, h)
		}
		slices.Sort(r.Assigned)
		out = append(out, r)
	}
	return out
}

// subState names a subscription's state at the horizon.
func subState(sb *sub) string {
	switch {
	case sb.flags&fTakenOver != 0:
		return "taken-over"
	case sb.flags&fCancelled != 0:
		return "cancelled"
	case sb.state == stTrial:
		return "trial"
	case sb.state == stPaid && sb.flags&fAutorenew != 0:
		return "active"
	case sb.state == stPaid:
		return "autorenew-off"
	case sb.flags&fWasPaid == 0:
		return "expired"
	}
	return "ended"
}

// setMonth makes report month m the one that charges go to. Month m
// starts with its month-end event, which runs before anything else on its
// day (dated events are scheduled first), so this follows cal.period
// exactly without a lookup per charge.
func (s *state) setMonth(m int) {
	s.monthRow = s.monthly[m*s.nSeries : (m+1)*s.nSeries]
	if w := 2 * len(s.prods); len(s.spend) > 0 {
		p := m / MonthsPerPeriod
		s.spendRow = s.spend[p*w : (p+1)*w]
	}
}

// snapshot records the end-of-month counts of month m.
func (s *state) snapshot(m int) {
	row := s.monthly[m*s.nSeries : (m+1)*s.nSeries]
	row[SerSelfserviceSeats] = s.ssSeats
	row[SerOrgSeats] = s.orgInUse
	row[SerLiveSubscriptions] = s.live
	row[SerOrphanedSubscriptions] = s.liveOrphan
	for i := serFixed; i < s.nSeries; i++ {
		row[i] = s.seriesSeats[i]
	}
}
