package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/sim"
)

// TestHistory_MoneyBeforeStartNotReported: small()'s tenant has had
// self-service on since 2020; after five years of warm-up nearly every
// employee holds one seat of p on a monthly term, so no month can charge
// more than headcount × price_monthly. Charges made in the warm-up would
// put years of them into the first month, the totals, the trace and the
// R15 amounts.
func TestHistory_MoneyBeforeStartNotReported(t *testing.T) {
	cfg := small()
	cfg.History = true
	require.Equal(t, day("2020-01-01"), cfg.ClockStart(), "the warm-up starts with the product")
	res, tr := traced(t, cfg, 0)
	require.NoError(t, res.Verify(cfg))

	p := cfg.Products[0].PriceMonthly
	first := res.Monthly[SerBuyerSpend]
	assert.LessOrEqual(t, first, int64(cfg.Population.Headcount)*p, "month 1 holds at most one monthly charge per employee")
	assert.Greater(t, first, int64(cfg.Population.Headcount)*p/2, "the stock of subscriptions at start pays in month 1")
	assert.Greater(t, res.Carried.Subscriptions, int64(cfg.Population.Headcount)*9/10)
	assert.Equal(t, cfg.Population.Headcount, res.Carried.Employees, "nobody leaves or is hired")
	assert.Equal(t, cfg.Population.Headcount, res.Employees)

	for _, e := range tr {
		require.GreaterOrEqual(t, e.Day, int32(0), "nothing before start is traced: %+v", e)
	}
	assert.Equal(t, res.Totals[BuyerSpend], int64(tr.charges(PayBuyer)), "the trace's charges are the totals")
	var month1 Cents
	charged := map[int32]bool{}
	for _, e := range tr.of(TrCharge) {
		if e.Day < 31 { // January 2025
			month1 += e.Amount
			assert.False(t, charged[e.Sub], "sub %d charged twice in month 1", e.Sub)
			charged[e.Sub] = true
		}
	}
	assert.Equal(t, first, int64(month1))
	assert.Len(t, res.Subscriptions, int(res.Carried.Subscriptions+res.Totals[TrialsStarted]+res.Totals[Purchases]),
		"those live on start and those of the run are listed, not those that ended before start")
	// Without warm-up the same tenant starts empty: month 1 has no
	// charge (every trial takes 30 days to convert).
	cold := small()
	r0 := totals(t, cold, 0)
	assert.Less(t, r0.Monthly[SerBuyerSpend], first/10)
	assert.Equal(t, Carried{}, r0.Carried)

}

// TestHistory_Check: the warm-up's keys are refused where they make no
// sense.
func TestHistory_Check(t *testing.T) {
	for name, c := range map[string]struct {
		edit func(*Config)
		want string
	}{
		"start without history": {func(c *Config) { c.HistoryStart = day("2022-01-01") }, `only with history = "simulate"`},
		"after start":           {func(c *Config) { c.History, c.HistoryStart = true, day("2025-02-01") }, "on or before start"},
		"too early":             {func(c *Config) { c.History, c.HistoryStart = true, day("2014-12-31") }, "at most 10 years before start"},
		"with existing": {func(c *Config) {
			c.History = true
			c.Existing = []Existing{{Product: "p", Count: 1, Seats: 1, Monthly: true, TermStart: day("2024-12-15")}}
		}, "[[existing]]"},
		// 40,000 hires a month over 12 months is within the limit; over
		// a 10-year warm-up as well it is not (employees are numbered in
		// 28 bits, slLinkBits).
		"hires over the warm-up": {func(c *Config) {
			c.Months, c.Population.HiresPerMonth = 12, 40_000
			c.History, c.HistoryStart = true, day("2015-01-01")
		}, "exceeds"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := small()
			c.edit(cfg)
			err := Check(cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	cfg := small()
	cfg.History = true
	cfg.Products[0].Added = day("1990-01-01")
	assert.Equal(t, day("2015-01-01"), cfg.ClockStart(), "bounded at MaxHistoryYears")
	require.NoError(t, Check(cfg))
}

func TestWarmHeadcount(t *testing.T) {
	// Balanced hires and attrition keep the headcount.
	lambda := 0.15 / DaysPerYear
	assert.Equal(t, 2000, warmHeadcount(2000, 4, 2000*lambda, lambda, 3650))
	// Without attrition, n(0) = n − h·t; never below the admins.
	assert.Equal(t, 1000, warmHeadcount(2000, 4, 1, 0, 1000))
	assert.Equal(t, 4, warmHeadcount(2000, 4, 10, 0, 1000))
}

// churning is small() warmed up, with buyers who quit (2 a year) and
// hires who replace the 35% who leave each year, so that after five years
// of warm-up employees still attempt the product and new ones try it.
func churning() *Config {
	cfg := small()
	cfg.History = true
	cfg.Population = Population{Headcount: 300, HiresPerMonth: 10, AttritionPerYear: 0.35}
	cfg.Products[0].QuitPerYear = 2
	return cfg
}

// TestHistory_PolicyChangeOnStart (issue 13): a policy change dated on
// start applies on start, after the warm-up, which ran under the status
// quo: the state carried is the one without the change, nothing starts
// from start on, not even on start's day, and the trials running on
// start carry on and convert (R23).
func TestHistory_PolicyChangeOnStart(t *testing.T) {
	cfg := churning()
	cfg.PolicyChanges = []PolicyChange{{Date: cfg.Start, Product: AllProducts, Policy: Disabled}}
	for rep := range 3 {
		quo := totals(t, churning(), rep)
		res, tr := traced(t, cfg, rep)
		require.NoError(t, res.Verify(cfg))
		assert.Equal(t, quo.Carried, res.Carried, "rep %d: the warm-up ran under the status quo", rep)
		assert.Positive(t, res.Carried.Subscriptions)
		assert.Positive(t, res.Carried.Trials)

		changes := tr.of(TrPolicyChange)
		require.Len(t, changes, 1)
		assert.Equal(t, sim.Time(0), changes[0].Day, "applied on start")
		assert.Equal(t, Disabled.String(), changes[0].Policy)
		assert.Equal(t, TrPolicyChange, tr[0].Kind, "before anything else of start's day")
		assert.Zero(t, res.Totals[TrialsStarted]+res.Totals[Purchases])
		assert.Positive(t, res.Totals[AttemptsBlocked])
		assert.Positive(t, res.Totals[TrialsConverted], "R23: trials running on start convert")
		assert.LessOrEqual(t, res.Totals[TrialsConverted], res.Carried.Trials)
	}
}

// TestHistory_AdminsActFromStart (issue 13): [admin] is the admins'
// policy from start on. Reviews, takeovers on notice, cancels on
// departure and disabling new products change nothing in the warm-up,
// so the state carried is that of admins who do nothing, and they act
// in the run; a product added in the warm-up is not new to the run.
func TestHistory_AdminsActFromStart(t *testing.T) {
	quo := func() *Config {
		cfg := churning()
		second := cfg.Products[0]
		second.ID, second.Name, second.Added = "q", "Product Q", day("2022-06-01")
		cfg.Products = append(cfg.Products, second)
		return cfg
	}
	cfg := quo()
	cfg.Admin = Admin{
		ReviewEveryDays: 91, OnReview: ActTakeover, WhenShort: ShortBuy,
		NotifyDelivery: 1, OnNotice: ActCancel, NoticeDelayDays: 7,
		OnDeparture: DepCancel, DepartureDelayDays: 30,
		DisableNewAfterDays: 0, OrgTermMonths: 12,
	}
	for rep := range 3 {
		base := totals(t, quo(), rep)
		res, tr := traced(t, cfg, rep)
		require.NoError(t, res.Verify(cfg))
		assert.Equal(t, base.Carried, res.Carried, "rep %d: admins did nothing in the warm-up", rep)
		assert.Positive(t, res.Carried.Subscriptions)
		assert.Empty(t, tr.of(TrPolicyChange), "q was added in the warm-up: not disabled as new")
		assert.Positive(t, res.Totals[Takeovers], "reviews and notices act in the run")
		assert.Positive(t, res.Totals[AdminCancels])
		for _, e := range tr.of(TrTakeover) {
			assert.GreaterOrEqual(t, e.Day, sim.Time(7), "a notice before start is not acted on")
		}
	}
}
