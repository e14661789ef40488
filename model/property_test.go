package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/sim"
)

// randomConfig draws a small scenario that exercises every option.
func randomConfig(r *rand.Rand) *Config {
	prob := func() float64 { return []float64{0, 1, r.Float64(), r.Float64()}[r.IntN(4)] }
	b := func() Behaviour {
		return Behaviour{
			InterestPerYear: r.Float64() * 3, CardGiven: prob(), AutorenewOffInTrial: prob(),
			ExtendTrial: prob(), MonthlyTerm: prob(), AnnualBilling: Billing(r.IntN(2)),
			SeatsMean: 1 + r.Float64()*2, QuitPerYear: r.Float64() * 2, SeatChangePerYear: r.Float64() * 2,
			RequestWhenBlocked: prob(), LeaverStopsRenewal: prob(),
			LeaverStopPerYear: []float64{0, r.Float64() * 3}[r.IntN(2)], ExpensedShare: prob(),
		}
	}
	start := day("2025-01-31")
	cfg := &Config{
		Name: "random", Start: start, Months: 1 + r.IntN(30), Currency: "EUR", Seed: r.Uint64(), Replications: 1,
		Population: Population{Headcount: 20 + r.IntN(200), Admins: r.IntN(4), HiresPerMonth: r.Float64() * 8,
			AttritionPerYear: r.Float64() * 0.6},
		Admin: Admin{
			ReviewEveryDays: []int{0, 30 + r.IntN(200)}[r.IntN(2)], OnReview: Action(r.IntN(3)),
			WhenShort: Short(r.IntN(3)), NotifyDelivery: prob(), OnNotice: Action(r.IntN(3)),
			NoticeDelayDays: r.IntN(40), OnDeparture: Departure(r.IntN(3)), DepartureDelayDays: r.IntN(40),
			RequestApproval: prob(), RequestDelayDays: r.IntN(20), DisableNewAfterDays: r.IntN(120) - 1,
			CancelFault: []float64{0, prob()}[r.IntN(2)], ReviewTrials: r.IntN(2) == 0,
			Notices: Notices(r.IntN(2)), ActOnTrialDigest: r.IntN(2) == 0,
			OrgTermMonths: []int{0, 1, 12}[r.IntN(3)], OrgOnDeparture: OrgRelease(r.IntN(2)),
		},
		Commerce: Commerce{
			RefundWindowDays: []int{0, 7, 7, 40}[r.IntN(4)], AdminCancel: AdminCancel(r.IntN(2)),
			MonthlyBillingPremium: []float64{0, 0.05}[r.IntN(2)], MonthlyBillingPremiumFrom: start.AddDate(0, 0, r.IntN(400)-100),
		},
	}
	for i := range 1 + r.IntN(4) {
		price := Cents(r.IntN(5000))
		cfg.Products = append(cfg.Products, Product{
			ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("P%d", i),
			Added: start.AddDate(0, 0, r.IntN(400)-300), Policy: Policy(r.IntN(3)),
			TrialDays: r.IntN(61), TrialNeedsCard: r.IntN(3) > 0,
			PriceAnnual: price, PriceMonthly: price * 6 / 5, OrgPrice: price, OrgSpare: r.IntN(10), Behaviour: b(),
		})
		from := start.AddDate(0, 0, -100)
		for range r.IntN(4) { // R20: dated prices, up or down
			from = from.AddDate(0, 0, 1+r.IntN(300))
			p := Cents(r.IntN(5000))
			cfg.Products[i].PriceSteps = append(cfg.Products[i].PriceSteps, PriceStep{From: from, Annual: p, Monthly: p * 6 / 5})
		}
	}
	for range r.IntN(4) {
		id := AllProducts
		if k := r.IntN(len(cfg.Products) + 1); k < len(cfg.Products) {
			id = cfg.Products[k].ID
		}
		cfg.PolicyChanges = append(cfg.PolicyChanges, PolicyChange{
			Date: start.AddDate(0, 0, r.IntN(900)-60), Product: id, Policy: Policy(r.IntN(3)),
		})
	}
	if r.IntN(2) == 0 {
		cfg.Growth = Growth{PerYear: r.Float64() * 4, PriceAnnualMin: 100, PriceAnnualMax: 4000,
			MonthlyPremium: 0.2, TrialDays: r.IntN(61), TrialNeedsCard: r.IntN(2) == 0, Behaviour: b()}
	}
	return cfg
}

// TestPropertiesOnRandomScenarios checks, on many random scenarios, the
// invariants that hold whatever the parameters.
func TestPropertiesOnRandomScenarios(t *testing.T) {
	r := rand.New(rand.NewPCG(20251124, 1))
	for n := range 300 {
		cfg := randomConfig(r)
		require.NoError(t, Check(cfg))
		res, tr := traced(t, cfg, n%3)
		name := fmt.Sprintf("scenario %d", n)
		checkTermEnds(t, name, tr)
		checkOneTrial(t, name, tr)
		checkPolicies(t, name, cfg, tr)
		checkTraceSums(t, name, res, tr)
		checkMonthlySpend(t, name, cfg, res, tr)
		checkLedger(t, name, cfg, res, tr)
		checkRefunds(t, name, tr)
		checkCompanyCost(t, name, cfg, res, tr)
		if t.Failed() {
			t.Logf("%s: %+v", name, cfg)
			return
		}
	}
}

// No buyer charge after a subscription's term has ended.
func checkTermEnds(t *testing.T, name string, tr trace) {
	for sub, ev := range tr.subs() {
		assert.False(t, ev.followedBy(TrTermEnd, TrCharge), "%s: sub %d charged after its term ended", name, sub)
		assert.False(t, ev.followedBy(TrTrialExpire, TrCharge), "%s: sub %d charged after its trial expired", name, sub)
		assert.LessOrEqual(t, ev.count(TrTermEnd)+ev.count(TrTrialExpire), 1, "%s: sub %d ended twice", name, sub)
	}
}

// At most one trial per employee and product (R08).
func checkOneTrial(t *testing.T, name string, tr trace) {
	seen := map[string]bool{}
	for _, e := range tr.of(TrTrialStart) {
		k := fmt.Sprint(e.Employee, e.Product)
		assert.False(t, seen[k], "%s: second trial of %s for employee %d", name, e.Product, e.Employee)
		seen[k] = true
	}
}

// No trial under disabled; no purchase under disabled or trials-only.
func checkPolicies(t *testing.T, name string, cfg *Config, tr trace) {
	policy := map[string]Policy{}
	for _, p := range cfg.Products {
		policy[p.ID] = p.Policy
	}
	cal := newCalendar(cfg.Start, cfg.Months)
	for _, pc := range cfg.PolicyChanges { // changes dated before the start apply at day 0
		if cal.dayOf(pc.Date) < 0 {
			for _, p := range cfg.Products {
				if (pc.Product == AllProducts && cal.dayOf(p.Added) <= 0) || pc.Product == p.ID {
					policy[p.ID] = pc.Policy
				}
			}
		}
	}
	for _, e := range tr {
		switch e.Kind {
		case TrProductAdded:
			if _, ok := policy[e.Product]; !ok {
				policy[e.Product] = Enabled // R01
			}
		case TrPolicyChange:
			p, err := ParsePolicy(e.Policy)
			require.NoError(t, err)
			policy[e.Product] = p
		case TrTrialStart:
			assert.NotEqual(t, Disabled, policy[e.Product], "%s: trial of disabled %s", name, e.Product)
		case TrPurchase:
			assert.Equal(t, Enabled, policy[e.Product], "%s: purchase of %s under %s", name, e.Product, policy[e.Product])
		}
	}
}

// The totals equal what the trace adds up to.
func checkTraceSums(t *testing.T, name string, res Result, tr trace) {
	counts := map[Metric]TraceKind{
		TrialsStarted: TrTrialStart, TrialsExtended: TrTrialExtend, TrialsConverted: TrConvert,
		TrialsExpired: TrTrialExpire, Purchases: TrPurchase, Renewals: TrRenewal,
		AutorenewOff: TrAutorenewOff, Takeovers: TrTakeover, AdminCancels: TrCancel,
		CancelFaults: TrCancelFault, LicenceRequests: TrLicenceRequest, RequestsApproved: TrRequestApproved,
		RequestsDenied: TrRequestDenied, Hires: TrHire, Departures: TrDeparture,
		NotificationsBuyer: TrNotifyBuyer, NotificationsAdmin: TrNotifyAdmin, SeatChanges: TrSeatChange,
		ProductsAdded: TrProductAdded,
	}
	for m, k := range counts {
		assert.Equal(t, res.Get(m), int64(tr.count(k)), "%s: %s vs %s lines", name, m.Name(), k)
	}
	bought := int64(0)
	for _, e := range tr.of(TrOrgPurchase) {
		bought += int64(e.Seats)
	}
	assert.Equal(t, res.Get(OrgLicencesBought), bought, "%s: org licences bought", name)
	released := int64(0)
	for _, e := range tr.of(TrOrgRelease) {
		released += int64(e.Seats)
	}
	assert.Equal(t, res.Get(OrgLicencesReleased), released, "%s: org licences released", name)
	var refunds int64
	var refunded Cents
	for _, e := range tr.of(TrCharge) {
		if e.Reason == "refund" {
			refunds++
			refunded -= e.Amount
		}
	}
	assert.Equal(t, res.Get(Refunds), refunds, "%s: refunds", name)
	assert.Equal(t, res.Get(RefundedSpend), refunded, "%s: refunded", name)
	for sub, ev := range tr.subs() {
		assert.LessOrEqual(t, ev.count(TrTakeover), 1, "%s: sub %d taken over more than once", name, sub)
	}
	assert.Equal(t, res.Get(BuyerSpend), tr.charges(PayBuyer), "%s: buyer spend", name)
	assert.Equal(t, res.Get(OrgSpend), tr.charges(PayOrg), "%s: org spend", name)
	assert.Equal(t, res.Get(OrphanedSubscriptions), int64(orphaned(tr)), "%s: orphaned", name)
	assert.Equal(t, res.Get(StrandedSpend), strandedFromTrace(tr), "%s: stranded", name)
}

// strandedFromTrace recomputes stranded spend: the part paid ahead that
// each strand line names, and every buyer charge (refunds negative) of
// the subscription after it in the trace.
func strandedFromTrace(tr trace) Cents {
	stranded := map[int32]bool{}
	var sum Cents
	for _, e := range tr {
		switch e.Kind {
		case TrStrand:
			stranded[e.Sub] = true
			sum += e.Stranded
		case TrCharge:
			if e.Payer == PayBuyer && stranded[e.Sub] {
				sum += e.Amount
			}
		}
	}
	return sum
}

// checkRefunds: a refund never exceeds what was charged for the period
// it refunds (the charge that opened it, seats added since, less refunds
// since), and nothing is charged after a refund ended a subscription
// (R21, R22).
func checkRefunds(t *testing.T, name string, tr trace) {
	for sub, ev := range tr.subs() {
		var period Cents
		ended := false
		for _, e := range ev {
			switch {
			case e.Kind == TrTermEnd || e.Kind == TrTrialExpire:
				ended = true
			case e.Kind != TrCharge:
			case ended:
				t.Errorf("%s: sub %d charged %d after it ended", name, sub, e.Amount)
			case e.Reason == "refund":
				assert.LessOrEqual(t, -e.Amount, period, "%s: sub %d refunded more than its period's charges", name, sub)
				period += e.Amount
			case e.Reason == "seat-add":
				period += e.Amount
			default:
				period = e.Amount
			}
		}
	}
}

// checkCompanyCost: R27's costs from the trace: each product's expensed
// share of its buyer charges, rounded half up, plus org spend.
func checkCompanyCost(t *testing.T, name string, cfg *Config, res Result, tr trace) {
	share := map[string]float64{}
	for _, p := range cfg.Products {
		share[p.ID] = p.ExpensedShare
	}
	spent := map[string]Cents{}
	groups := CostGroups(cfg)
	byGroup := map[string]int{}
	for g, id := range groups {
		byGroup[id] = g
	}
	costs := make([]int64, CostsLen(cfg))
	periodOf := func(d sim.Time) int {
		for k := range Periods(cfg) {
			end := cfg.Start.AddDate(0, MonthsPerPeriod*(k+1), 0)
			if float64(d) < math.Round(end.Sub(cfg.Start).Hours()/24) {
				return k
			}
		}
		return Periods(cfg) - 1
	}
	for _, e := range tr.of(TrCharge) {
		g, ok := byGroup[e.Product]
		if !ok {
			g = byGroup[NewProductsGroup]
		}
		i := CostIndex(len(groups), periodOf(e.Day), g, 0)
		if e.Payer == PayBuyer {
			spent[e.Product] += e.Amount
			costs[i+int(CostBuyer)] += e.Amount
		} else {
			costs[i+int(CostOrg)] += e.Amount
		}
	}
	for i := range costs {
		if CostKind(i%int(NumCostKinds)) != CostCompany {
			assert.Equal(t, costs[i], res.Costs[i], "%s: costs[%d] (buyer or org spend by period and product)", name, i)
		}
	}
	var reimbursed Cents
	for id, c := range spent {
		sh, ok := share[id]
		if !ok {
			sh = cfg.Growth.ExpensedShare
		}
		if c > 0 && sh > 0 {
			reimbursed += Cents(float64(c)*sh + 0.5)
		}
	}
	assert.Equal(t, reimbursed, res.Get(ReimbursedSpend), "%s: reimbursed", name)
	assert.Equal(t, res.Get(OrgSpend)+reimbursed, res.Get(CompanyCost), "%s: company cost", name)
	assert.Equal(t, res.Get(BuyerSpend)+res.Get(OrgSpend), res.Get(TotalCost), "%s: total cost", name)
}

// Every cent has exactly one payer, and the monthly series add up to the
// totals.
func checkLedger(t *testing.T, name string, cfg *Config, res Result, tr trace) {
	var all Cents
	for _, e := range tr.of(TrCharge) {
		assert.True(t, e.Payer == PayBuyer || e.Payer == PayOrg, "%s: charge without payer", name)
		assert.Equal(t, e.Reason == "refund", e.Amount < 0, "%s: only refunds are negative", name)
		assert.NotZero(t, e.Amount, "%s: empty charge", name)
		assert.Contains(t, []string{"purchase", "conversion", "renewal", "monthly", "seat-add", "refund", "org-licence"}, e.Reason,
			"%s: a charge names its reason", name)
		assert.Equal(t, e.Payer == PayOrg, e.Reason == "org-licence", "%s: org pays org licences only", name)
		all += e.Amount
		if e.Payer == PayBuyer {
			assert.GreaterOrEqual(t, e.Sub, int32(0), "%s: buyer charge without subscription", name)
		}
	}
	assert.Equal(t, all, res.Get(BuyerSpend)+res.Get(OrgSpend), "%s: ledger", name)
	ns := len(Series(cfg))
	require.Len(t, res.Monthly, cfg.Months*ns)
	var buyer, org, stranded int64
	for m := range cfg.Months {
		buyer += res.Monthly[m*ns+SerBuyerSpend]
		org += res.Monthly[m*ns+SerOrgSpend]
		stranded += res.Monthly[m*ns+SerStrandedSpend]
	}
	assert.Equal(t, res.Get(BuyerSpend), buyer, "%s: monthly buyer spend", name)
	assert.Equal(t, res.Get(OrgSpend), org, "%s: monthly org spend", name)
	assert.Equal(t, res.Get(StrandedSpend), stranded, "%s: monthly stranded", name)
	last := (cfg.Months - 1) * ns
	assert.Equal(t, res.Get(SelfserviceSeatsEnd), res.Monthly[last+SerSelfserviceSeats], "%s: seats at the end", name)
	for _, rec := range res.Subscriptions {
		assert.LessOrEqual(t, len(rec.Assigned), rec.Seats, "%s: sub %d over-assigned", name, rec.ID)
		assert.LessOrEqual(t, rec.Stranded, rec.BuyerPaid)
	}
}

// Prefetching only reads: forced on in small random scenarios, it leaves
// every result as it is, and it never indexes outside a table (which
// would panic).
func TestPrefetchingChangesNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(20261124, 2))
	for n := range 100 {
		cfg := randomConfig(r)
		cfg.Population.Headcount *= 5
		off, err := Run(t.Context(), cfg, n, Options{Subscriptions: true})
		require.NoError(t, err)
		prefetchAboveBytes = 0
		on, err := Run(t.Context(), cfg, n, Options{Subscriptions: true})
		prefetchAboveBytes = prefetchAbove
		require.NoError(t, err)
		require.Equal(t, off, on, "scenario %d", n)
	}
}

// checkMonthlySpend: every charge of the trace lands in the report month
// of its day (calendar.period), for the buyer and the organisation.
func checkMonthlySpend(t *testing.T, name string, cfg *Config, res Result, tr trace) {
	cal := newCalendar(cfg.Start, cfg.Months)
	n := len(Series(cfg))
	want := make([]int64, cfg.Months*n)
	for _, e := range tr.of(TrCharge) {
		m := int(cal.period[e.Day])
		switch e.Payer {
		case PayBuyer:
			want[m*n+SerBuyerSpend] += e.Amount
		case PayOrg:
			want[m*n+SerOrgSpend] += e.Amount
		}
	}
	for m := range cfg.Months {
		for _, ser := range []int{SerBuyerSpend, SerOrgSpend} {
			assert.Equal(t, want[m*n+ser], res.Monthly[m*n+ser], "%s: month %d, series %d", name, m, ser)
		}
	}
}
