package model

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/sim"
)

// decayConfig: n existing monthly subscriptions of one seat, no new
// interest, quit hazard q per year, nobody leaves or joins, no refunds.
func decayConfig(n int, q float64) *Config {
	cfg := small()
	cfg.Months = 12
	cfg.Products[0].Behaviour = plain(0)
	cfg.Products[0].QuitPerYear = q
	cfg.Existing = []Existing{{Product: "p", Count: n, Seats: 1, Assigned: 1, Monthly: true, Autorenew: true,
		TermStart: day("2024-12-20")}}
	return cfg
}

// TestExisting_ClosedFormDecay: N existing monthly subscriptions with quit
// hazard q and nothing else going on renew on day d_k (the 20th of each
// month) when the buyer has not turned auto-renew off by then, so the
// expected renewals on d_k are N·e^(−q·d_k/365), each charging one
// monthly price. The means over closedFormReps replications are checked
// within a simultaneous 95% Student-t interval (assertMeansNear).
func TestExisting_ClosedFormDecay(t *testing.T) {
	const n, q = 40, 1.2
	cfg := decayConfig(n, q)
	cal := newCalendar(cfg.Start, cfg.Months)
	var renewals, first, last float64
	for k := range 12 {
		d := cal.dayOf(AddMonths(day("2025-01-20"), k))
		x := n * math.Exp(-q*float64(d)/DaysPerYear)
		renewals += x
		if k == 0 {
			first = x
		}
		if k == 11 {
			last = x
		}
	}
	ns := len(Series(cfg))
	price := float64(cfg.Products[0].PriceMonthly)
	assertMeansNear(t, cfg,
		expectation{"renewals", renewals, func(r Result) float64 { return float64(r.Totals[Renewals]) }},
		expectation{"buyer_spend", renewals * price, func(r Result) float64 { return float64(r.Totals[BuyerSpend]) }},
		expectation{"month 1 spend", first * price, func(r Result) float64 { return float64(r.Monthly[SerBuyerSpend]) }},
		expectation{"month 12 spend", last * price, func(r Result) float64 { return float64(r.Monthly[11*ns+SerBuyerSpend]) }},
	)
}

// TestExisting_LiveOnStart: an existing subscription is live on start
// with its seats and buyer, keeps its true start date (before start) in
// the R15 records, and renews on its anniversary.
func TestExisting_LiveOnStart(t *testing.T) {
	cfg := decayConfig(1, 0)
	cfg.Existing[0].Seats, cfg.Existing[0].Assigned = 3, 2
	cfg.Existing[0].Started = day("2023-06-01")
	require.NoError(t, Check(cfg))
	res, tr := traced(t, cfg, 0)
	require.NoError(t, res.Verify(cfg))
	require.Len(t, res.Subscriptions, 1)
	rec := res.Subscriptions[0]
	assert.Equal(t, 3, rec.Seats)
	assert.Len(t, rec.Assigned, 2)
	assert.Equal(t, "2023-06-01", cfg.Start.AddDate(0, 0, int(rec.Started)).Format("2006-01-02"))
	assert.Equal(t, "active", rec.State)
	ren := tr.where(func(e *TraceEvent) bool { return e.Kind == TrRenewal })
	require.Len(t, ren, 12)
	assert.Equal(t, cfg.Start.AddDate(0, 0, int(ren[0].Day)).Format("2006-01-02"), "2025-01-20")
	assert.Equal(t, int64(12*3*1200), res.Totals[BuyerSpend])
}

// TestExisting_AnnualUpfrontRenewsOnItsDay: an annual term paid up front
// before start is charged again only at its renewal, and a 31st keeps
// its day through short months.
func TestExisting_AnnualUpfrontRenewsOnItsDay(t *testing.T) {
	cfg := decayConfig(1, 0)
	cfg.Months = 24
	cfg.Existing[0].Monthly, cfg.Existing[0].Upfront = false, true
	cfg.Existing[0].TermStart = day("2024-03-31")
	cfg.Products[0].AnnualBilling = BillUpfront
	require.NoError(t, Check(cfg))
	res, tr := traced(t, cfg, 0)
	require.NoError(t, res.Verify(cfg))
	ch := tr.where(func(e *TraceEvent) bool { return e.Kind == TrCharge })
	require.Len(t, ch, 2)
	assert.Equal(t, "2025-03-31", cfg.Start.AddDate(0, 0, int(ch[0].Day)).Format("2006-01-02"))
	assert.Equal(t, "2026-03-31", cfg.Start.AddDate(0, 0, int(ch[1].Day)).Format("2006-01-02"))
	assert.Equal(t, int64(2*12*1000), res.Totals[BuyerSpend])
}

// TestExisting_AnnualBilledMonthly: an annual term billed monthly that
// started before start is charged each month and renews on the year.
func TestExisting_AnnualBilledMonthly(t *testing.T) {
	cfg := decayConfig(1, 0)
	cfg.Existing[0].Monthly = false
	cfg.Existing[0].TermStart = day("2024-05-15")
	require.NoError(t, Check(cfg))
	res, tr := traced(t, cfg, 0)
	require.NoError(t, res.Verify(cfg))
	ren := tr.where(func(e *TraceEvent) bool { return e.Kind == TrRenewal })
	require.Len(t, ren, 1)
	assert.Equal(t, "2025-05-15", cfg.Start.AddDate(0, 0, int(ren[0].Day)).Format("2006-01-02"))
	assert.Equal(t, 12, tr.count(TrCharge))
}

// TestR25_ExistingLeaverKeepsPaying: a subscription whose buyer left
// before start is orphaned on start and every charge of it is stranded.
func TestR25_ExistingLeaverKeepsPaying(t *testing.T) {
	cfg := decayConfig(2, 0)
	cfg.Existing[0].BuyerLeft, cfg.Existing[0].Assigned = true, 0
	cfg.Products[0].LeaverStopPerYear = 0
	res, _ := traced(t, cfg, 0)
	require.NoError(t, res.Verify(cfg))
	assert.Equal(t, int64(2*12*1200), res.Totals[StrandedSpend])
	assert.Equal(t, res.Totals[BuyerSpend], res.Totals[StrandedSpend])
	assert.Equal(t, int64(2), res.Monthly[SerOrphanedSubscriptions])
	for _, r := range res.Subscriptions {
		assert.True(t, r.BuyerLeft)
		assert.Empty(t, r.Assigned)
	}
}

// TestR05_ExistingTrialConverts: a running trial with a card converts at
// its end; R08: the buyer and the trial_used_share of employees make no
// new trial.
func TestR05_ExistingTrialConverts(t *testing.T) {
	cfg := decayConfig(1, 0)
	cfg.Products[0].AutorenewOffInTrial, cfg.Products[0].ExtendTrial = 0, 0
	cfg.Existing[0] = Existing{Product: "p", Count: 1, Seats: 1, Assigned: 1, Monthly: true, Autorenew: true,
		Trial: true, Card: true, TermStart: day("2024-12-15"), TrialEnd: day("2025-01-14")}
	require.NoError(t, Check(cfg))
	res, tr := traced(t, cfg, 0)
	require.NoError(t, res.Verify(cfg))
	conv := tr.where(func(e *TraceEvent) bool { return e.Kind == TrConvert })
	require.Len(t, conv, 1)
	assert.Equal(t, int32(13), int32(conv[0].Day))

	cfg = small()
	cfg.Products[0].TrialUsedShare = 1
	res = totals(t, cfg, 0)
	assert.Zero(t, res.Totals[TrialsStarted], "everyone at start used their trial")
	assert.Positive(t, res.Totals[Purchases])
}

// TestR17_OrgAssignedAtStart: org licences held at start count as org
// seats in use, and their holders make no attempts at the product.
func TestR17_OrgAssignedAtStart(t *testing.T) {
	cfg := small()
	cfg.Products[0].OrgAssigned = cfg.Population.Headcount
	res := totals(t, cfg, 0)
	assert.Zero(t, res.Totals[Attempts])
	assert.Equal(t, int64(cfg.Population.Headcount), res.Totals[OrgSeatsEnd])
	assert.Zero(t, res.Totals[OrgSpend], "sunk")
}

// TestExisting_Problems: contradictions are named by key.
func TestExisting_Problems(t *testing.T) {
	p := &Product{ID: "p", Added: day("2024-01-01"), TrialDays: 30}
	start := day("2025-01-01")
	base := Existing{Product: "p", Count: 1, Seats: 2, Assigned: 1, Monthly: true, TermStart: day("2024-12-20")}
	for name, c := range map[string]struct {
		edit func(*Existing)
		key  string
	}{
		"seats below assigned": {func(e *Existing) { e.Assigned = 3 }, "assigned"},
		"term after start":     {func(e *Existing) { e.TermStart = day("2025-02-01") }, "term_start"},
		"term renewed before":  {func(e *Existing) { e.TermStart = day("2024-11-01") }, "term_start"},
		"before product":       {func(e *Existing) { e.Monthly = false; e.TermStart = day("2023-12-31") }, "term_start"},
		"trial end before":     {func(e *Existing) { e.Trial = true; e.TrialEnd = day("2024-12-01") }, "trial_end"},
		"trial ended":          {func(e *Existing) { e.Trial = true; e.TrialEnd = day("2024-12-25") }, "trial_end"},
		"count":                {func(e *Existing) { e.Count = 0 }, "count"},
	} {
		t.Run(name, func(t *testing.T) {
			ex := base
			c.edit(&ex)
			ps := ex.Problems(start, p)
			require.NotEmpty(t, ps)
			assert.Equal(t, c.key, ps[0].Key, "%+v", ps)
		})
	}
	assert.Empty(t, base.Problems(start, p))
	assert.Equal(t, "product", base.Problems(start, nil)[0].Key)
}

// TestExisting_LeaverAndSeatInFirstPeriod: an existing subscription's
// current period began before start, outside the price epochs; its buyer
// leaving (strand) or adding a seat (R22) in that period must not ask for
// a price before the first epoch (it panicked with an index out of range).
func TestExisting_LeaverAndSeatInFirstPeriod(t *testing.T) {
	cfg := decayConfig(200, 0)
	cfg.Existing[0].Monthly, cfg.Existing[0].Upfront = false, true
	cfg.Existing[0].TermStart = day("2024-08-01")
	cfg.Population.Headcount, cfg.Population.AttritionPerYear = 400, 0.9
	cfg.Products[0].SeatChangePerYear = 6
	res, err := Run(t.Context(), cfg, 0, Options{})
	require.NoError(t, err)
	assert.Positive(t, res.Totals[SeatChanges])
	assert.Positive(t, res.Totals[OrphanedSubscriptions])
}

// TestRecords_StaffAndEnded: with Options{Subscriptions, Staff} a run
// lists every employee with the days they joined and left, as the trace
// has them, and every subscription that stopped with the day it did:
// the day of its trace's last term end, trial expiry, cancel or
// takeover. A live one has not ended by the horizon.
func TestRecords_StaffAndEnded(t *testing.T) {
	cfg := small()
	cfg.Population.HiresPerMonth, cfg.Population.AttritionPerYear = 6, 0.3
	cfg.Admin.OnNotice, cfg.Admin.NotifyDelivery = ActCancel, 0.2
	cfg.Products[0].QuitPerYear, cfg.Products[0].AutorenewOffInTrial, cfg.Products[0].CardGiven = 1, 0.3, 0.7
	var rec recorder
	res, err := Run(context.Background(), cfg, 0, Options{Trace: &rec, Subscriptions: true, Staff: true})
	require.NoError(t, err)
	horizon := newCalendar(cfg.Start, cfg.Months).horizon
	require.Len(t, res.Staff, res.Employees)
	hires, leavers := 0, 0
	ended := map[int32]sim.Time{}
	for _, ev := range rec.ev {
		switch ev.Kind {
		case TrHire:
			assert.Equal(t, ev.Day, res.Staff[ev.Employee].Hired)
			hires++
		case TrDeparture:
			assert.Equal(t, ev.Day, res.Staff[ev.Employee].Left)
			leavers++
		case TrTermEnd, TrTrialExpire, TrCancel, TrTakeover:
			ended[ev.Sub] = ev.Day
		}
	}
	assert.Positive(t, hires)
	assert.Positive(t, leavers)
	stopped := 0
	for _, r := range res.Subscriptions {
		if r.Live {
			assert.GreaterOrEqual(t, r.Ended, horizon, "sub %d", r.ID)
			continue
		}
		stopped++
		assert.Equal(t, ended[r.ID], r.Ended, "sub %d", r.ID)
		assert.GreaterOrEqual(t, r.Ended, r.Started)
	}
	assert.Positive(t, stopped)
	plain, err := Run(context.Background(), cfg, 0, Options{Subscriptions: true})
	require.NoError(t, err)
	assert.Nil(t, plain.Staff, "staff only on request")
}
