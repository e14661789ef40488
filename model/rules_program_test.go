package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/sim"
)

// The rules from Microsoft's documentation (R20–R27, microsoft-program.md).

// direct is small() with purchases only (no trial) on the given term.
func direct(monthly bool, billing Billing) *Config {
	cfg := small()
	p := &cfg.Products[0]
	p.TrialDays = 0
	p.MonthlyTerm = 0
	if monthly {
		p.MonthlyTerm = 1
	}
	p.AnnualBilling = billing
	return cfg
}

// unused is the closed form of refund.go: one seat's charge times the
// days left over the days of its period, rounded down to the cent.
func unused(charge Cents, c, e, today sim.Time) Cents {
	return charge * Cents(e-today) / Cents(e-c)
}

// R20: a charge pays the list price in force on its day; a term paid up
// front keeps its price until it renews; an annual term billed monthly
// costs 5% more from the premium's date.
func TestR20_ChargesPayThePriceInForceOnTheirDay(t *testing.T) {
	step := day("2025-07-01")
	cfg := direct(true, BillMonthly)
	cfg.Products[0].PriceSteps = []PriceStep{{From: step, Annual: 2000, Monthly: 2400}}
	cal := newCalendar(cfg.Start, cfg.Months)
	stepDay := cal.dayOf(step)
	_, tr := traced(t, cfg, 0)
	before, after := 0, 0
	for _, c := range tr.of(TrCharge) {
		want := Cents(1200)
		if c.Day >= stepDay {
			want, after = 2400, after+1
		} else {
			before++
		}
		assert.Equal(t, want*Cents(c.Seats), c.Amount, "%s charge on day %d", c.Reason, c.Day)
	}
	require.Positive(t, before)
	require.Positive(t, after)

	// Up front: 12 × the annual price at the term's start; a term bought
	// before the step is not charged again until it renews, at the new price.
	cfg = direct(false, BillUpfront)
	cfg.Products[0].PriceSteps = []PriceStep{{From: step, Annual: 2000, Monthly: 2400}}
	_, tr = traced(t, cfg, 0)
	renewedAfter := 0
	for _, c := range tr.of(TrCharge) {
		want := Cents(12 * 1000)
		if c.Day >= stepDay {
			want = 12 * 2000
			if c.Reason == "renewal" {
				renewedAfter++
			}
		}
		assert.Equal(t, want, c.Amount, "%s on day %d", c.Reason, c.Day)
	}
	assert.Positive(t, renewedAfter, "renewals after the step pay the new price")

	// The monthly-billing premium: 5% more from its date, rounded half up.
	cfg = direct(false, BillMonthly)
	cfg.Products[0].PriceAnnual = 1010 // 1010 × 1.05 = 1060.5 → 1061
	cfg.Commerce = Commerce{MonthlyBillingPremium: 0.05, MonthlyBillingPremiumFrom: step}
	_, tr = traced(t, cfg, 0)
	n := 0
	for _, c := range tr.of(TrCharge) {
		want := Cents(1010)
		if c.Day >= stepDay {
			want, n = 1061, n+1
		}
		assert.Equal(t, want, c.Amount, "%s on day %d", c.Reason, c.Day)
	}
	assert.Positive(t, n)
}

// R21: a cancel within 7 days of a purchase or renewal ends the
// subscription and refunds (days_left / days_in_period) of the charge,
// rounded down to the cent; after the window it turns auto-renew off and
// the term runs, and is charged, to its end.
func TestR21_CancelWithinSevenDaysRefundsTheUnusedPart(t *testing.T) {
	cfg := direct(true, BillMonthly)
	cfg.Commerce.RefundWindowDays = 7
	cfg.Admin.NotifyDelivery, cfg.Admin.OnNotice, cfg.Admin.NoticeDelayDays = 1, ActCancel, 3 // cancel on day 3 of the term
	cal := newCalendar(cfg.Start, cfg.Months)
	res, tr := traced(t, cfg, 0)
	require.Positive(t, res.Get(Refunds))
	checked := 0
	for sub, ev := range tr.subs() {
		buy, ok := ev.first(TrPurchase)
		if !ok || buy.Day+3 >= cal.horizon {
			continue
		}
		refund := ev.where(func(e *TraceEvent) bool { return e.Kind == TrCharge && e.Reason == "refund" })
		require.Len(t, refund, 1, "sub %d", sub)
		e := cal.addMonths(buy.Day, 1)
		assert.Equal(t, -unused(1200, buy.Day, e, buy.Day+3), refund[0].Amount, "sub %d: refund of a cancel on day 3", sub)
		assert.Equal(t, buy.Day+3, refund[0].Day)
		assert.True(t, ev.followedBy(TrCancel, TrTermEnd), "sub %d ends at the cancel", sub)
		assert.False(t, ev.followedBy(TrTermEnd, TrCharge), "sub %d charged after the refund", sub)
		checked++
	}
	require.Positive(t, checked)
	assert.Equal(t, res.Get(BuyerSpend), tr.charges(PayBuyer), "buyer spend is net of refunds")

	// A year paid up front, cancelled on day 3: 12 000 × (days left / days of the year).
	cfg = direct(false, BillUpfront)
	cfg.Commerce.RefundWindowDays = 7
	cfg.Admin.NotifyDelivery, cfg.Admin.OnNotice, cfg.Admin.NoticeDelayDays = 1, ActCancel, 3
	_, tr = traced(t, cfg, 0)
	for sub, ev := range tr.subs() {
		buy, ok := ev.first(TrPurchase)
		if !ok || buy.Day+3 >= cal.horizon {
			continue
		}
		r := ev.where(func(e *TraceEvent) bool { return e.Reason == "refund" })
		require.Len(t, r, 1, "sub %d", sub)
		assert.Equal(t, -unused(12000, buy.Day, cal.addMonths(buy.Day, 12), buy.Day+3), r[0].Amount, "sub %d", sub)
	}

	// After the window (day 10) the cancel only turns auto-renew off: the
	// month runs out, no refund, no renewal.
	cfg = direct(true, BillMonthly)
	cfg.Commerce.RefundWindowDays = 7
	cfg.Admin.NotifyDelivery, cfg.Admin.OnNotice, cfg.Admin.NoticeDelayDays = 1, ActCancel, 10
	res, tr = traced(t, cfg, 0)
	assert.Zero(t, res.Get(Refunds))
	require.Positive(t, res.Get(AdminCancels))
	for sub, ev := range tr.subs() {
		if c, ok := ev.first(TrCancel); ok {
			buy, _ := ev.first(TrPurchase)
			end, ok := ev.first(TrTermEnd)
			if cal.addMonths(buy.Day, 1) < cal.horizon {
				require.True(t, ok, "sub %d", sub)
				assert.Equal(t, cal.addMonths(buy.Day, 1), end.Day, "sub %d runs to its term's end", sub)
			}
			assert.False(t, ev.followedBy(TrCancel, TrRenewal), "sub %d renewed after the cancel on day %d", sub, c.Day)
		}
	}
}

// R22: a seat added is charged at once for the rest of the period; a seat
// is removed at once (refunded) only within 7 days of the term's start or
// of the last seat added, otherwise at the next renewal.
func TestR22_SeatsAddedProratedRemovedOnlyInTheWindow(t *testing.T) {
	cfg := direct(true, BillMonthly)
	cfg.Commerce.RefundWindowDays = 7
	cfg.Products[0].SeatChangePerYear = 12
	cal := newCalendar(cfg.Start, cfg.Months)
	_, tr := traced(t, cfg, 0)
	adds, inWindow, deferred := 0, 0, 0
	for sub, ev := range tr.subs() {
		// Terms count months from the purchase (anchor), clamped to
		// shorter months: the k-th renewal is addMonths(anchor, k).
		var start, anchor, added sim.Time = -1, -1, -100
		month := 0
		seats := int32(0)
		for k, e := range ev {
			switch {
			case e.Kind == TrCharge && e.Reason == "purchase":
				start, anchor, month = e.Day, e.Day, 0
			case e.Kind == TrCharge && e.Reason == "renewal":
				month++
				start = cal.addMonths(anchor, month)
			case e.Kind == TrPurchase:
				seats = e.Seats
			case e.Kind == TrSeatChange:
				var money []TraceEvent
				for _, x := range ev[k+1:] {
					if x.Kind == TrCharge && x.Day == e.Day && (x.Reason == "seat-add" || x.Reason == "refund") {
						money = append(money, x)
					}
					if x.Kind == TrSeatChange {
						break
					}
				}
				end := cal.addMonths(anchor, month+1)
				share := unused(1200, start, end, e.Day)
				switch {
				case e.Seats > seats:
					adds++
					added = e.Day
					if share > 0 {
						require.Len(t, money, 1, "sub %d", sub)
						assert.Equal(t, share, money[0].Amount, "sub %d: a seat added on day %d", sub, e.Day)
					}
				case e.Day-start < 7 || e.Day-added < 7:
					inWindow++
					if share > 0 {
						require.Len(t, money, 1, "sub %d", sub)
						assert.Equal(t, -share, money[0].Amount, "sub %d: a seat removed in the window", sub)
					}
				default:
					deferred++
					assert.Empty(t, money, "sub %d: a removal after the window is not refunded", sub)
				}
				seats = e.Seats
			}
		}
	}
	assert.Positive(t, adds)
	assert.Positive(t, inWindow)
	assert.Positive(t, deferred)
}

// R23: a policy change affects trials and purchases started after it;
// running trials carry on (a card trial converts).
func TestR23_PolicyChangeLeavesRunningTrialsAlone(t *testing.T) {
	cfg := small()
	cfg.Products[0].TrialDays = 60
	change := day("2025-06-01")
	cfg.PolicyChanges = []PolicyChange{{Date: change, Product: "p", Policy: TrialsOnly}}
	cal := newCalendar(cfg.Start, cfg.Months)
	_, tr := traced(t, cfg, 0)
	late := 0
	for _, e := range tr.of(TrConvert) {
		if e.Day >= cal.dayOf(change) {
			late++
		}
	}
	assert.Positive(t, late, "trials started before the change convert after it")
	for _, e := range tr.of(TrTrialStart, TrPurchase) {
		assert.Less(t, e.Day, cal.dayOf(change), "nothing with a card starts after the change")
	}
}

// Under trials-only, an attempt at a product whose trial needs a card is
// blocked, and may become a licence request (R02, R13), as under disabled.
func TestR13_TrialsOnlyBlockedAttemptsBecomeRequests(t *testing.T) {
	cfg := small()
	cfg.Products[0].Policy = TrialsOnly
	cfg.Products[0].RequestWhenBlocked = 1
	cfg.Admin.RequestApproval = 1
	res := totals(t, cfg, 0)
	require.Positive(t, res.Get(AttemptsBlocked))
	assert.Zero(t, res.Get(TrialsStarted))
	assert.Equal(t, res.Get(LicenceRequests), res.Get(AttemptsBlocked), "every blocked attempt asks")
	assert.Positive(t, res.Get(OrgSpend))
}

// Reviews act on paid subscriptions only (trials with review_trials), and
// on each subscription once, even when the cancel of a takeover fails.
func TestR17_ReviewsTakeOverPaidSubscriptionsOnce(t *testing.T) {
	cfg := small()
	cfg.Admin.ReviewEveryDays, cfg.Admin.OnReview, cfg.Admin.WhenShort = 30, ActTakeover, ShortBuy
	cfg.Admin.CancelFault = 1 // every cancel fails: the old bug took these over again
	res, tr := traced(t, cfg, 0)
	require.Positive(t, res.Get(Takeovers))
	for sub, ev := range tr.subs() {
		assert.LessOrEqual(t, ev.count(TrTakeover), 1, "sub %d taken over again", sub)
		if to, ok := ev.first(TrTakeover); ok {
			var trialEnd sim.Time = -1
			if c, ok := ev.first(TrConvert); ok {
				trialEnd = c.Day
			}
			assert.GreaterOrEqual(t, to.Day, trialEnd, "sub %d taken over during its trial", sub)
			assert.Positive(t, trialEnd+1, "sub %d: only paid subscriptions", sub)
		}
	}
	cfg.Admin.ReviewTrials = true
	_, tr = traced(t, cfg, 0)
	inTrial := 0
	for _, ev := range tr.subs() {
		if to, ok := ev.first(TrTakeover); ok {
			if c, ok := ev.first(TrConvert); !ok || c.Day > to.Day {
				inTrial++
			}
		}
	}
	assert.Positive(t, inTrial, "review_trials takes trials over too")
}

// R24: admins hear of each product's first trial in a weekly digest and of
// each purchase (a conversion included); on_notice acts on purchases.
func TestR24_NoticesAsMicrosoftSendsThem(t *testing.T) {
	cfg := small()
	cfg.Admin.NotifyDelivery = 1
	res, tr := traced(t, cfg, 0)
	first, ok := tr.first(TrTrialStart)
	require.True(t, ok)
	notices := tr.of(TrNotifyAdmin)
	require.NotEmpty(t, notices)
	assert.Equal(t, (first.Day/7+1)*7, notices[0].Day, "the digest of the first trial's week")
	assert.Equal(t, first.Sub, notices[0].Sub)
	assert.Equal(t, int64(1)+res.Get(Purchases)+res.Get(TrialsConverted), res.Get(NotificationsAdmin),
		"one digest for the one product, one notice per purchase")

	cfg.Admin.OnNotice, cfg.Admin.NoticeDelayDays = ActTakeover, 7
	cfg.Admin.WhenShort = ShortBuy
	res, tr = traced(t, cfg, 0)
	require.Positive(t, res.Get(Takeovers))
	for sub, ev := range tr.subs() {
		if to, ok := ev.first(TrTakeover); ok {
			c, converted := ev.first(TrConvert)
			require.True(t, converted, "sub %d: only purchases are acted on", sub)
			assert.Equal(t, c.Day+7, to.Day, "sub %d", sub)
		}
	}

	// The seed's reading stays behind a key: a notice per trial start.
	cfg.Admin.Notices, cfg.Admin.OnNotice = NoticesPerTrial, ActNone
	res = totals(t, cfg, 0)
	assert.Equal(t, res.Get(TrialsStarted), res.Get(NotificationsAdmin))
}

// R25: after a buyer leaves, their subscription stops renewing at a hazard
// per year: with rate r the wait from the departure is exponential with
// mean 365/r days.
func TestR25_LeaverSubscriptionsStopAtAHazard(t *testing.T) {
	cfg := direct(true, BillMonthly)
	cfg.Population.AttritionPerYear = 0.5
	cfg.Products[0].LeaverStopPerYear = 12 // mean 30.4 days
	var waits []float64
	for rep := range 6 {
		_, tr := traced(t, cfg, rep)
		left := tr.departures()
		for _, ev := range tr.subs() {
			buy, _ := ev.first(TrPurchase)
			d, gone := left[buy.Employee]
			if !gone {
				continue
			}
			for _, e := range ev {
				if e.Kind == TrAutorenewOff && e.Day >= d {
					waits = append(waits, float64(e.Day-d)+0.5) // the wait falls somewhere in its day
					break
				}
			}
		}
	}
	require.Greater(t, len(waits), 50)
	mean := 0.0
	for _, w := range waits {
		mean += w
	}
	mean /= float64(len(waits))
	assert.InDelta(t, 365.0/12, mean, 6, "mean wait from the departure to the stop (%d leavers)", len(waits))

	// Without the hazard, leavers' subscriptions keep renewing.
	cfg.Products[0].LeaverStopPerYear = 0
	res := totals(t, cfg, 0)
	assert.Zero(t, res.Get(LeaverStops))
}

// R26: org licences are charged while held; with "release", those whose
// holders left are dropped at their batch's term end.
func TestR26_OrgLicencesReleasedWhenHoldersLeave(t *testing.T) {
	cfg := small()
	cfg.Products[0].Policy = Disabled
	cfg.Products[0].RequestWhenBlocked = 1
	cfg.Admin.RequestApproval = 1
	cfg.Population.AttritionPerYear = 0.5
	cfg.Admin.OrgTermMonths, cfg.Admin.OrgOnDeparture = 3, OrgKeep
	keep := totals(t, cfg, 0)
	assert.Zero(t, keep.Get(OrgLicencesReleased))
	cfg.Admin.OrgOnDeparture = OrgReleaseAtTerm
	rel, tr := traced(t, cfg, 0)
	require.Positive(t, rel.Get(OrgLicencesReleased))
	assert.Less(t, rel.Get(OrgSpend), keep.Get(OrgSpend), "released licences are not charged")
	assert.Equal(t, keep.Get(OrgSeatsEnd), rel.Get(OrgSeatsEnd), "only spare licences are released")
	for _, e := range tr.of(TrOrgRelease) {
		assert.Positive(t, e.Seats)
	}
}

// R27: company cost is org spend plus the reimbursed share of buyer
// spend; total cost is buyer plus org spend.
func TestR27_CompanyCostIsOrgSpendPlusReimbursedBuyerSpend(t *testing.T) {
	cfg := small()
	cfg.Products[0].ExpensedShare = 0.25
	cfg.Admin.ReviewEveryDays, cfg.Admin.OnReview, cfg.Admin.WhenShort = 90, ActTakeover, ShortBuy
	res := totals(t, cfg, 0)
	buyer, org := res.Get(BuyerSpend), res.Get(OrgSpend)
	require.Positive(t, buyer)
	require.Positive(t, org)
	reimbursed := (buyer + 2) / 4 // a quarter, rounded half up
	assert.Equal(t, reimbursed, res.Get(ReimbursedSpend))
	assert.Equal(t, org+reimbursed, res.Get(CompanyCost))
	assert.Equal(t, buyer+org, res.Get(TotalCost))
}

// Stranded spend counts time already paid for: a leaver who paid a year
// up front strands the part of it after the departure.
func TestStrandedSpendCountsTimePaidUpFront(t *testing.T) {
	cfg := direct(false, BillUpfront)
	cfg.Population.AttritionPerYear = 0.5
	cal := newCalendar(cfg.Start, cfg.Months)
	res, tr := traced(t, cfg, 0)
	n := 0
	for sub, ev := range tr.subs() {
		s, ok := ev.first(TrStrand)
		if !ok {
			continue
		}
		var last TraceEvent
		for _, c := range ev.of(TrCharge) {
			if c.Day < s.Day || c.Day == s.Day && c.Reason != "refund" {
				last = c
			}
		}
		if last.Amount == 0 || last.Day == s.Day {
			continue
		}
		assert.Equal(t, unused(12000, last.Day, cal.addMonths(last.Day, 12), s.Day), s.Stranded, "sub %d", sub)
		n++
	}
	require.Positive(t, n)
	assert.Equal(t, strandedFromTrace(tr), res.Get(StrandedSpend))
}
