package model

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/sim"
)

// R01: a product exists for self-service only from its added date, and
// products Microsoft adds are enabled unless admins act.
func TestR01_CatalogGrowthAddsEnabledProducts(t *testing.T) {
	cfg := small()
	fut := cfg.Products[0]
	fut.ID, fut.Added = "future", day("2025-07-01")
	cfg.Products = append(cfg.Products, fut)
	cfg.Growth = Growth{PerYear: 4, PriceAnnualMin: 400, PriceAnnualMax: 3000, MonthlyPremium: 0.2,
		TrialDays: 30, TrialNeedsCard: true, Behaviour: plain(1)}
	cal := newCalendar(cfg.Start, cfg.Months)
	res, tr := traced(t, cfg, 0)

	added := cal.dayOf(day("2025-07-01"))
	ft := tr.forProduct("future")
	require.NotEmpty(t, ft)
	assert.Equal(t, TrProductAdded, ft[0].Kind, "the first event of a future product is its addition")
	assert.Equal(t, added, ft[0].Day)
	assert.Positive(t, ft.count(TrTrialStart), "a new product is enabled by default")

	require.Positive(t, res.Get(ProductsAdded), "catalog growth adds products")
	grown := 0
	for _, e := range tr.of(TrProductAdded) {
		if !strings.HasPrefix(e.Product, "new-product-") {
			continue
		}
		grown++
		pt := tr.forProduct(e.Product)
		assert.Equal(t, TrProductAdded, pt[0].Kind, "%s: nothing before it is added", e.Product)
	}
	assert.Equal(t, int(res.Get(ProductsAdded)), grown+1)

	// With disable_new_after_days, each new product is disabled N days
	// after it was added, and nobody starts or buys it afterwards.
	cfg.Admin.DisableNewAfterDays = 20
	_, tr = traced(t, cfg, 0)
	for _, e := range tr.of(TrProductAdded) {
		if e.Day+20 >= horizon(cfg) {
			continue
		}
		pt := tr.forProduct(e.Product)
		off, ok := pt.first(TrPolicyChange)
		require.True(t, ok, "%s is disabled", e.Product)
		assert.Equal(t, e.Day+20, off.Day)
		assert.Equal(t, "disabled", off.Policy)
		for _, x := range pt.of(TrTrialStart, TrPurchase) {
			assert.Less(t, x.Day, off.Day, "%s started after it was disabled", e.Product)
		}
	}
	assert.Zero(t, tr.forProduct("p").count(TrPolicyChange), "products older than the run are not new")
}

// R02: each product has a policy that admins change on dates.
func TestR02_PolicyPerProductChangesOnDates(t *testing.T) {
	cfg := small()
	b := cfg.Products[0]
	b.ID = "b"
	c := cfg.Products[0]
	c.ID, c.Policy, c.TrialNeedsCard = "c", TrialsOnly, false
	cfg.Products = append(cfg.Products, b, c)
	cfg.PolicyChanges = []PolicyChange{{Date: day("2025-06-01"), Product: "p", Policy: Disabled}}
	cal := newCalendar(cfg.Start, cfg.Months)
	change := cal.dayOf(day("2025-06-01"))
	_, tr := traced(t, cfg, 0)

	pt := tr.forProduct("p")
	pc, ok := pt.first(TrPolicyChange)
	require.True(t, ok)
	assert.Equal(t, change, pc.Day)
	require.Positive(t, pt.count(TrTrialStart))
	for _, e := range pt.of(TrTrialStart, TrPurchase) {
		assert.Less(t, e.Day, change, "p was started after it was disabled")
	}
	late := 0
	for _, e := range tr.forProduct("b").of(TrTrialStart, TrPurchase) {
		if e.Day >= change {
			late++
		}
	}
	assert.Positive(t, late, "the other product stays enabled")
	ct := tr.forProduct("c")
	assert.Positive(t, ct.count(TrTrialStart), "trials-only still offers card-less trials")
	assert.Zero(t, ct.count(TrPurchase)+ct.count(TrConvert)+ct.count(TrCharge), "trials-only never charges")

	// "*" changes every product existing on that date.
	cfg.PolicyChanges = []PolicyChange{{Date: day("2025-06-01"), Product: AllProducts, Policy: Disabled}}
	_, tr = traced(t, cfg, 0)
	assert.Equal(t, 3, tr.count(TrPolicyChange))
	for _, e := range tr.of(TrTrialStart, TrPurchase) {
		assert.Less(t, e.Day, change)
	}
}

// R03: with a trial offered and the policy allowing it, an attempt starts
// a free trial of the product's trial length.
func TestR03_TrialOfTheProductsLength(t *testing.T) {
	cfg := small()
	cfg.Products[0].TrialDays = 45
	_, tr := traced(t, cfg, 0)
	require.Positive(t, tr.count(TrTrialStart))
	for sub, ev := range tr.subs() {
		start, ok := ev.first(TrTrialStart)
		if !ok {
			continue
		}
		if end, ok := ev.first(TrConvert); ok {
			assert.Equal(t, start.Day+45, end.Day, "sub %d", sub)
		}
	}
	assert.Positive(t, tr.count(TrConvert))

	cfg.Products[0].TrialDays = 0 // no trial offered: buying is the only way
	res, tr := traced(t, cfg, 0)
	assert.Zero(t, tr.count(TrTrialStart))
	assert.Positive(t, res.Get(Purchases))
}

// R04: per product the trial needs a card or not; trials-only offers only
// card-less trials.
func TestR04_CardRequirement(t *testing.T) {
	cases := []struct {
		name       string
		needsCard  bool
		cardGiven  float64
		policy     Policy
		trials     bool
		conversion bool
	}{
		{"card required and given", true, 1, Enabled, true, true},
		{"card required, never given", true, 0, Enabled, false, false},
		{"no card needed, none given", false, 0, Enabled, true, false},
		{"trials-only with a card required", true, 1, TrialsOnly, false, false},
		{"trials-only without card", false, 1, TrialsOnly, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := small()
			p := &cfg.Products[0]
			p.TrialNeedsCard, p.CardGiven, p.Policy = c.needsCard, c.cardGiven, c.policy
			res := totals(t, cfg, 0)
			assert.Equal(t, c.trials, res.Get(TrialsStarted) > 0, "trials started: %d", res.Get(TrialsStarted))
			assert.Equal(t, c.conversion, res.Get(TrialsConverted) > 0, "conversions: %d", res.Get(TrialsConverted))
			if c.needsCard && c.cardGiven == 0 {
				assert.Positive(t, res.Get(TrialsAbandoned), "abandoned at the card prompt")
			}
		})
	}
}

// R05: with a card, the trial converts to paid at its end and the card is
// charged that day, unless auto-renew was turned off before the end.
func TestR05_TrialWithCardConvertsUnlessAutoRenewOff(t *testing.T) {
	cfg := small()
	hz := horizon(cfg)
	_, tr := traced(t, cfg, 0)
	n := 0
	for sub, ev := range tr.subs() {
		start, ok := ev.first(TrTrialStart)
		if !ok || start.Day+30 >= hz {
			continue
		}
		n++
		conv, ok := ev.first(TrConvert)
		require.True(t, ok, "sub %d did not convert", sub)
		assert.Equal(t, start.Day+30, conv.Day)
		charge, ok := ev.first(TrCharge)
		require.True(t, ok)
		assert.Equal(t, conv.Day, charge.Day, "charged on the conversion day")
		assert.Equal(t, Cents(1200), charge.Amount, "a monthly term at the monthly price")
	}
	require.Positive(t, n)

	cfg.Products[0].AutorenewOffInTrial = 1
	res, tr := traced(t, cfg, 0)
	assert.Zero(t, res.Get(TrialsConverted))
	for sub, ev := range tr.subs() {
		if _, trial := ev.first(TrTrialStart); trial {
			assert.Zero(t, ev.count(TrCharge), "sub %d: a trial without auto-renew is never charged", sub)
		}
		if end, ok := ev.first(TrTrialExpire); ok {
			off, ok := ev.first(TrAutorenewOff)
			require.True(t, ok, "sub %d expired without auto-renew off", sub)
			assert.Equal(t, end.Day, off.Day)
		}
	}
}

// R06: the buyer may extend a trial once, by 30 days, if still employed
// at the original end.
func TestR06_TrialExtendedOnceBy30Days(t *testing.T) {
	cfg := small()
	cfg.Products[0].ExtendTrial = 1
	cfg.Population.AttritionPerYear = 0.6
	_, tr := traced(t, cfg, 0)
	left := tr.departures()
	extended, notExtended := 0, 0
	for sub, ev := range tr.subs() {
		start, ok := ev.first(TrTrialStart)
		if !ok {
			continue
		}
		ext := ev.of(TrTrialExtend)
		require.LessOrEqual(t, len(ext), 1, "sub %d extended twice", sub)
		if d, gone := left[start.Employee]; gone && d <= start.Day+30 {
			assert.Empty(t, ext, "sub %d: a departed buyer does not extend", sub)
			notExtended++
			continue
		}
		if start.Day+30 >= horizon(cfg) {
			continue
		}
		require.Len(t, ext, 1, "sub %d", sub)
		extended++
		assert.Equal(t, start.Day+30, ext[0].Day)
		if conv, ok := ev.first(TrConvert); ok {
			assert.Equal(t, start.Day+60, conv.Day)
		}
	}
	assert.Positive(t, extended)
	assert.Positive(t, notExtended)

	cfg.Products[0].ExtendTrial = 0
	assert.Zero(t, totals(t, cfg, 0).Get(TrialsExtended))
}

// R07: without a card the licence simply expires at the trial's end.
func TestR07_TrialWithoutCardExpires(t *testing.T) {
	cfg := small()
	cfg.Products[0].TrialNeedsCard = false
	cfg.Products[0].CardGiven = 0
	res, tr := traced(t, cfg, 0)
	require.Positive(t, res.Get(TrialsExpired))
	assert.Zero(t, res.Get(TrialsConverted))
	for sub, ev := range tr.subs() {
		start, ok := ev.first(TrTrialStart)
		if !ok {
			continue // bought after the trial (R08)
		}
		assert.Zero(t, ev.count(TrCharge), "sub %d: nothing is charged", sub)
		if end, ok := ev.first(TrTrialExpire); ok {
			assert.Equal(t, start.Day+30, end.Day, "sub %d", sub)
		}
	}
}

// R08: one trial per account and product, ever; buying again stays
// possible.
func TestR08_OneTrialPerAccountThenPurchases(t *testing.T) {
	cfg := small()
	cfg.Products[0].AutorenewOffInTrial = 0.5
	cfg.Products[0].QuitPerYear = 4
	cfg.Products[0].InterestPerYear = 3
	_, tr := traced(t, cfg, 0)
	trials := map[int32]int{}
	for _, e := range tr.of(TrTrialStart) {
		trials[e.Employee]++
		assert.Equal(t, 1, trials[e.Employee], "employee %d had a second trial", e.Employee)
	}
	repeat := 0
	for _, e := range tr.of(TrPurchase) {
		if trials[e.Employee] > 0 {
			repeat++
		}
	}
	assert.Positive(t, repeat, "employees who had a trial buy later")
}

// R09: a purchase without trial is charged at once, for a monthly or an
// annual term chosen at order time.
func TestR09_PurchaseWithoutTrialChargedAtOnce(t *testing.T) {
	cases := []struct {
		name    string
		monthly float64
		billing Billing
		first   Cents // first charge for one seat
		charges int   // charges in the first 12 months
	}{
		{"monthly term", 1, BillMonthly, 1200, 12},
		{"annual term billed monthly", 0, BillMonthly, 1000, 12},
		{"annual term billed upfront", 0, BillUpfront, 12000, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := small()
			p := &cfg.Products[0]
			p.TrialDays, p.MonthlyTerm, p.AnnualBilling = 0, c.monthly, c.billing
			cal := newCalendar(cfg.Start, cfg.Months)
			_, tr := traced(t, cfg, 0)
			checked := 0
			for sub, ev := range tr.subs() {
				buy, ok := ev.first(TrPurchase)
				require.True(t, ok)
				ch := ev.of(TrCharge)
				require.NotEmpty(t, ch, "sub %d", sub)
				assert.Equal(t, buy.Day, ch[0].Day, "charged at once")
				assert.Equal(t, c.first, ch[0].Amount)
				if cal.addMonths(buy.Day, 12) >= cal.horizon {
					continue
				}
				checked++
				year := 0
				for _, x := range ch {
					if x.Day < cal.addMonths(buy.Day, 12) {
						year++
					}
				}
				assert.Equal(t, c.charges, year, "sub %d: charges in its first year", sub)
			}
			require.Positive(t, checked)
		})
	}
}

// R10: the buyer pays to the end of the term even when admins cancel.
func TestR10_BuyerPaysToTermEndAfterAdminCancel(t *testing.T) {
	cfg := small()
	p := &cfg.Products[0]
	p.TrialDays, p.MonthlyTerm = 0, 0 // annual terms, billed monthly
	cfg.Admin.ReviewEveryDays, cfg.Admin.OnReview = 90, ActCancel
	cfg.Commerce.AdminCancel = CancelEndAccess // U5: the seed's reading (R21 has its own test)
	cal := newCalendar(cfg.Start, cfg.Months)
	res, tr := traced(t, cfg, 0)
	require.Positive(t, res.Get(AdminCancels))
	var stranded Cents
	for sub, ev := range tr.subs() {
		cancel, ok := ev.first(TrCancel)
		if !ok {
			continue
		}
		buy, _ := ev.first(TrPurchase)
		termEnd := cal.addMonths(buy.Day, 12)
		assert.Zero(t, ev.count(TrRenewal), "sub %d renewed after a cancel", sub)
		n := 0
		for _, c := range ev.of(TrCharge) {
			n++
			if c.Day >= cancel.Day {
				stranded += c.Amount
			}
		}
		if termEnd < cal.horizon {
			assert.Equal(t, 12, n, "sub %d: every month of the term is paid", sub)
			end, ok := ev.first(TrTermEnd)
			require.True(t, ok)
			assert.Equal(t, termEnd, end.Day)
		}
	}
	assert.Positive(t, stranded)
	assert.Equal(t, strandedFromTrace(tr), res.Get(StrandedSpend), "charges after the cancel, and the rest of the month paid ahead, are stranded")
	assert.Greater(t, res.Get(StrandedSpend), stranded, "the part of the month paid ahead counts")
}

// R11: a leaver pays to the end of the term; the subscription stays and
// may keep renewing; the leaver's seat is freed.
func TestR11_LeaverKeepsPayingAndSubscriptionStays(t *testing.T) {
	cfg := small()
	cfg.Population.AttritionPerYear = 0.5
	p := &cfg.Products[0]
	p.TrialDays, p.MonthlyTerm, p.LeaverStopsRenewal = 0, 0, 1 // annual terms billed monthly
	res, tr := traced(t, cfg, 0)
	left := tr.departures()
	var stranded Cents
	for sub, ev := range tr.subs() {
		buy, _ := ev.first(TrPurchase)
		d, gone := left[buy.Employee]
		if !gone {
			continue
		}
		for _, c := range ev.of(TrCharge) {
			if c.Day >= d {
				stranded += c.Amount
			}
		}
		for _, r := range ev.of(TrRenewal) {
			assert.Less(t, r.Day, d, "sub %d renewed after its buyer left", sub)
		}
	}
	assert.Positive(t, stranded, "the leaver pays the rest of the term")
	assert.Equal(t, strandedFromTrace(tr), res.Get(StrandedSpend))
	assert.GreaterOrEqual(t, res.Get(StrandedSpend), stranded)
	assert.Equal(t, int64(orphaned(tr)), res.Get(OrphanedSubscriptions))
	assert.Positive(t, res.Get(OrphanedSubscriptions))
	for _, r := range res.Subscriptions {
		if _, gone := left[r.Buyer]; gone {
			assert.NotContains(t, r.Assigned, r.Buyer, "the leaver's seat is freed")
		}
	}

	// Without a stop, leavers' subscriptions renew until someone acts.
	p.LeaverStopsRenewal = 0
	_, tr = traced(t, cfg, 0)
	left = tr.departures()
	after := 0
	for _, ev := range tr.subs() {
		buy, _ := ev.first(TrPurchase)
		if d, gone := left[buy.Employee]; gone {
			for _, r := range ev.of(TrRenewal) {
				if r.Day > d {
					after++
				}
			}
		}
	}
	assert.Positive(t, after, "orphaned subscriptions keep renewing")
}

// orphaned counts, from a trace, the subscriptions still usable when
// their buyer left.
func orphaned(tr trace) int {
	buyer := map[int32]int32{}
	done := map[int32]bool{}
	n := 0
	for _, e := range tr {
		switch e.Kind {
		case TrTrialStart, TrPurchase:
			buyer[e.Sub] = e.Employee
		case TrTermEnd, TrTrialExpire, TrCancel, TrCancelFault, TrTakeover:
			done[e.Sub] = true
		case TrDeparture:
			for sub, b := range buyer {
				if b == e.Employee && !done[sub] {
					n++
				}
			}
		}
	}
	return n
}

// R12: admins never create self-service subscriptions; they buy for the
// organisation.
func TestR12_AdminsBuyForTheOrganisation(t *testing.T) {
	cfg := small()
	cfg.Population.Admins = cfg.Population.Headcount
	res, tr := traced(t, cfg, 0)
	assert.Zero(t, tr.count(TrTrialStart)+tr.count(TrPurchase))
	assert.Zero(t, res.Get(BuyerSpend))
	require.Positive(t, res.Get(AdminPurchases))
	assert.Equal(t, res.Get(AdminPurchases), int64(tr.count(TrOrgPurchase)))
	assert.Equal(t, tr.charges(PayOrg), res.Get(OrgSpend))
	assert.Positive(t, res.Get(OrgSpend))
	assert.Equal(t, res.Get(AdminPurchases), res.Get(OrgSeatsEnd), "admins never leave: every seat is in use")
}

// R13: an employee who wants a disabled product may send a licence
// request, approved (the org buys) or denied.
func TestR13_DisabledProductLicenceRequest(t *testing.T) {
	for _, approve := range []float64{0, 1} {
		cfg := small()
		p := &cfg.Products[0]
		p.Policy, p.RequestWhenBlocked = Disabled, 1
		cfg.Admin.RequestApproval, cfg.Admin.RequestDelayDays = approve, 5
		res, tr := traced(t, cfg, 0)
		assert.Zero(t, tr.count(TrTrialStart)+tr.count(TrPurchase), "nothing self-service under disabled")
		reqs := tr.of(TrLicenceRequest)
		require.NotEmpty(t, reqs)
		decided := map[int32]sim.Time{}
		for _, e := range tr.of(TrRequestApproved, TrRequestDenied) {
			decided[e.Employee] = e.Day
			if approve == 1 {
				assert.Equal(t, TrRequestApproved, e.Kind)
			} else {
				assert.Equal(t, TrRequestDenied, e.Kind)
			}
		}
		for _, r := range reqs {
			if d, ok := decided[r.Employee]; ok && r.Day+5 < horizon(cfg) {
				assert.GreaterOrEqual(t, d, r.Day+5)
			}
		}
		if approve == 1 {
			assert.Equal(t, res.Get(RequestsApproved), res.Get(OrgSeatsEnd))
			assert.Positive(t, res.Get(OrgSpend))
		} else {
			assert.Zero(t, res.Get(OrgSpend))
			assert.Positive(t, res.Get(RequestsDenied))
		}
	}
	cfg := small()
	cfg.Products[0].Policy = Disabled
	assert.Zero(t, totals(t, cfg, 0).Get(LicenceRequests), "request_when_blocked = 0: no requests")
}

// R14: admins are told of trial starts, but the notice is not always
// delivered; they act on the notices they get.
func TestR14_TrialStartNoticeDelivery(t *testing.T) {
	cfg := small()
	cfg.Admin.Notices = NoticesPerTrial // the seed's reading; R24 has its own test
	cfg.Admin.NotifyDelivery = 0
	res := totals(t, cfg, 0)
	require.Positive(t, res.Get(TrialsStarted))
	assert.Zero(t, res.Get(NotificationsAdmin))

	cfg.Admin.NotifyDelivery = 1
	cfg.Admin.OnNotice, cfg.Admin.NoticeDelayDays = ActCancel, 7
	res, tr := traced(t, cfg, 0)
	assert.Equal(t, res.Get(TrialsStarted), res.Get(NotificationsAdmin))
	for sub, ev := range tr.subs() {
		start, ok := ev.first(TrTrialStart)
		if !ok || start.Day+7 >= horizon(cfg) {
			continue
		}
		c, ok := ev.first(TrCancel)
		require.True(t, ok, "sub %d not cancelled after the notice", sub)
		assert.Equal(t, start.Day+7, c.Day)
		assert.Zero(t, ev.count(TrConvert))
		// The cancel ends the trial: its pending end does nothing.
		assert.Zero(t, ev.count(TrTrialExpire), "sub %d expired after its cancel", sub)
		assert.Zero(t, ev.count(TrTrialExtend), "sub %d extended after its cancel", sub)
	}

	// Delivery is a probability: the share delivered is near it.
	cfg.Admin.NotifyDelivery, cfg.Admin.OnNotice = 0.3, ActNone
	var started, delivered int64
	for rep := range 20 {
		res := totals(t, cfg, rep)
		started += res.Get(TrialsStarted)
		delivered += res.Get(NotificationsAdmin)
	}
	assertProportion(t, 0.3, delivered, started)
}

// R15: the subscriptions list shows who bought each one and who holds its
// seats, and what the buyer paid.
func TestR15_SubscriptionRecordsShowBuyerAndAssignees(t *testing.T) {
	cfg := small()
	p := &cfg.Products[0]
	p.SeatsMean, p.SeatChangePerYear = 2.5, 1
	cfg.Population.AttritionPerYear = 0.3
	res, tr := traced(t, cfg, 0)
	require.Len(t, res.Subscriptions, int(res.Get(TrialsStarted)+res.Get(Purchases)))
	bySub := tr.subs()
	var paid, stranded Cents
	multi := 0
	for _, r := range res.Subscriptions {
		ev := bySub[r.ID]
		start := ev[0]
		require.Contains(t, []TraceKind{TrTrialStart, TrPurchase}, start.Kind)
		assert.Equal(t, start.Employee, r.Buyer)
		assert.Equal(t, "p", r.Product)
		assert.LessOrEqual(t, len(r.Assigned), r.Seats)
		var sum Cents
		for _, c := range ev.of(TrCharge) {
			sum += c.Amount
		}
		assert.Equal(t, sum, r.BuyerPaid, "sub %d", r.ID)
		paid += r.BuyerPaid
		stranded += r.Stranded
		if len(r.Assigned) > 1 {
			multi++
		}
	}
	assert.Equal(t, res.Get(BuyerSpend), paid)
	assert.Equal(t, res.Get(StrandedSpend), stranded)
	assert.Positive(t, multi, "seats bought for colleagues are listed")
}

// R16: a paying buyer can turn auto-renew off and change the seat count;
// the new count is charged from the next charge on.
func TestR16_BuyerChangesSeatsAndQuits(t *testing.T) {
	cfg := small()
	p := &cfg.Products[0]
	p.TrialDays, p.SeatChangePerYear = 0, 6
	_, tr := traced(t, cfg, 0)
	require.Positive(t, tr.count(TrSeatChange))
	ups, downs := 0, 0
	for sub, ev := range tr.subs() {
		seats := int32(0)
		for _, e := range ev {
			switch e.Kind {
			case TrPurchase, TrSeatChange:
				if e.Kind == TrSeatChange {
					switch e.Seats - seats {
					case 1:
						ups++
					case -1:
						downs++
					default:
						t.Errorf("sub %d: seats %d -> %d, want one more or one less", sub, seats, e.Seats)
					}
				}
				seats = e.Seats
				require.GreaterOrEqual(t, seats, int32(1), "sub %d", sub)
			case TrCharge:
				if e.Reason == "purchase" || e.Reason == "renewal" { // R22: seat-add and refund lines prorate
					assert.Equal(t, Cents(seats)*1200, e.Amount, "sub %d charged for %d seats", sub, seats)
				}
			}
		}
	}
	assert.Positive(t, ups, "buyers add seats")
	assert.Positive(t, downs, "buyers remove seats")

	p.SeatChangePerYear, p.QuitPerYear = 0, 6
	res, tr := traced(t, cfg, 0)
	require.Positive(t, res.Get(AutorenewOff))
	for sub, ev := range tr.subs() {
		assert.False(t, ev.followedBy(TrAutorenewOff, TrRenewal), "sub %d renewed after auto-renew off", sub)
	}
}

// R17: a takeover gives every holder an equivalent org licence and
// cancels the subscription; the buyer still pays the rest of the term.
func TestR17_TakeoverGivesOrgLicencesBuyerStillPays(t *testing.T) {
	base := func() *Config {
		cfg := small()
		p := &cfg.Products[0]
		p.TrialDays, p.MonthlyTerm, p.SeatsMean = 0, 0, 2
		cfg.Admin.ReviewEveryDays, cfg.Admin.OnReview = 120, ActTakeover
		return cfg
	}
	cfg := base()
	cfg.Products[0].OrgSpare = 10_000
	res, tr := traced(t, cfg, 0)
	require.Positive(t, res.Get(Takeovers))
	assert.Zero(t, res.Get(OrgSpend), "spare licences are sunk")
	assert.Positive(t, res.Get(OrgSeatsEnd))
	cal := newCalendar(cfg.Start, cfg.Months)
	for sub, ev := range tr.subs() {
		to, ok := ev.first(TrTakeover)
		if !ok {
			continue
		}
		buy, _ := ev.first(TrPurchase)
		assert.Zero(t, ev.count(TrRenewal))
		if end := cal.addMonths(buy.Day, 12); end < cal.horizon {
			assert.Len(t, ev.of(TrCharge), 12, "sub %d: the buyer pays the whole term", sub)
		}
		assert.Equal(t, to.Seats, ev.of(TrTakeover)[0].Seats)
	}
	orgAssign := 0
	for _, e := range tr.of(TrAssign) {
		if e.Sub < 0 {
			orgAssign++
		}
	}
	assert.Equal(t, int(res.Get(OrgSeatsEnd)), orgAssign, "holders got org licences (nobody leaves)")

	for _, c := range []struct {
		short Short
		check func(t *testing.T, res Result)
	}{
		{ShortBuy, func(t *testing.T, res Result) {
			assert.Positive(t, res.Get(Takeovers))
			assert.Equal(t, res.Get(OrgLicencesBought), res.Get(OrgSeatsEnd))
			assert.Positive(t, res.Get(OrgSpend))
		}},
		{ShortCancel, func(t *testing.T, res Result) {
			assert.Zero(t, res.Get(Takeovers))
			assert.Positive(t, res.Get(AdminCancels))
			assert.Zero(t, res.Get(OrgSeatsEnd))
		}},
		{ShortSkip, func(t *testing.T, res Result) {
			assert.Zero(t, res.Get(Takeovers)+res.Get(AdminCancels)+res.Get(StrandedSpend))
		}},
	} {
		t.Run(c.short.String(), func(t *testing.T) {
			cfg := base()
			cfg.Admin.WhenShort = c.short
			c.check(t, totals(t, cfg, 0))
		})
	}
}

// R18: a failed cancel only turns auto-renew off; the subscription runs,
// usable and paid, to the end of its term.
func TestR18_FailedCancelOnlyTurnsAutorenewOff(t *testing.T) {
	cfg := small()
	p := &cfg.Products[0]
	p.TrialDays, p.MonthlyTerm = 0, 0
	cfg.Admin.ReviewEveryDays, cfg.Admin.OnReview, cfg.Admin.CancelFault = 90, ActCancel, 1
	res, tr := traced(t, cfg, 0)
	require.Positive(t, res.Get(CancelFaults))
	assert.Zero(t, res.Get(AdminCancels))
	assert.Zero(t, res.Get(StrandedSpend), "a usable subscription is not stranded")
	for sub, ev := range tr.subs() {
		assert.False(t, ev.followedBy(TrCancelFault, TrRenewal), "sub %d renewed after the failed cancel", sub)
		if ev.count(TrCancelFault) > 0 {
			assert.Positive(t, ev.count(TrAutorenewOff), "sub %d: the fault turned auto-renew off", sub)
		}
	}
	assert.Equal(t, res.Get(CancelFaults), int64(tr.count(TrCancelFault)))

	cfg.Admin.CancelFault = 0.25
	var faults, tries int64
	for rep := range 10 {
		res := totals(t, cfg, rep)
		faults += res.Get(CancelFaults)
		tries += res.Get(CancelFaults) + res.Get(AdminCancels)
	}
	assertProportion(t, 0.25, faults, tries)
}

// R19: the buyer gets one mail for every change to their subscription.
func TestR19_BuyerMailedOnEveryChange(t *testing.T) {
	cfg := small()
	p := &cfg.Products[0]
	p.AutorenewOffInTrial, p.ExtendTrial, p.QuitPerYear, p.SeatChangePerYear = 0.3, 0.3, 1, 1
	cfg.Admin.ReviewEveryDays, cfg.Admin.OnReview, cfg.Admin.CancelFault = 200, ActTakeover, 0.2
	cfg.Admin.WhenShort = ShortBuy
	cfg.Admin.NotifyDelivery, cfg.Admin.OnNotice, cfg.Admin.NoticeDelayDays = 0.3, ActCancel, 3
	res, tr := traced(t, cfg, 0)
	changes := map[TraceKind]bool{
		TrTrialStart: true, TrPurchase: true, TrConvert: true, TrRenewal: true, TrAutorenewOff: true,
		TrSeatChange: true, TrTakeover: true, TrCancel: true, TrTermEnd: true, TrTrialExtend: true,
		TrTrialExpire: true,
	}
	seen := map[TraceKind]bool{}
	want := 0
	for i, e := range tr {
		if !changes[e.Kind] {
			continue
		}
		seen[e.Kind] = true
		want++
		require.Less(t, i+1, len(tr))
		m := tr[i+1]
		assert.Equal(t, TrNotifyBuyer, m.Kind, "%s of sub %d is followed by a mail", e.Kind, e.Sub)
		assert.Equal(t, e.Sub, m.Sub)
		assert.Equal(t, e.Employee, m.Employee, "the mail goes to the buyer")
	}
	assert.Equal(t, int64(want), res.Get(NotificationsBuyer))
	assert.Equal(t, want, tr.count(TrNotifyBuyer))
	for k := range changes {
		assert.True(t, seen[k], "the scenario exercises %s", k)
	}
}
