package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
