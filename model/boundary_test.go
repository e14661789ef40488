package model

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/sim"
)

// randomTenant is randomConfig with, one time in three, a history
// warm-up and, one time in three, subscriptions that exist on start: the
// three ways a replication's subscriptions begin. One time in two it
// starts on a day of February from the 1st to the 28th instead of
// January 31st, so that report months start on the same day of every
// month and bulk charging books runs of months at once
// (bookQuietMonths) rather than month by month.
func randomTenant(r *rand.Rand) *Config {
	cfg := randomConfig(r)
	if r.IntN(2) == 0 {
		cfg.Start = cfg.Start.AddDate(0, 0, 1+r.IntN(28))
	}
	switch r.IntN(3) {
	case 1:
		cfg.History = true
		cfg.HistoryStart = cfg.Start.AddDate(0, -1-r.IntN(30), -r.IntN(28))
	case 2:
		for range 1 + r.IntN(4) {
			p := cfg.Products[r.IntN(len(cfg.Products))]
			seats := 1 + r.IntN(3)
			ex := Existing{
				Product: p.ID, Count: 1 + r.IntN(6), Seats: seats, Assigned: r.IntN(seats + 1),
				Monthly: r.IntN(2) == 0, Upfront: r.IntN(2) == 0, Autorenew: r.IntN(3) > 0, BuyerLeft: r.IntN(4) == 0,
			}
			months := 12
			if ex.Monthly {
				months = 1
			}
			ex.TermStart = cfg.Start.AddDate(0, 0, -r.IntN(months*30))
			if ex.TermStart.Before(p.Added) {
				continue // not in the catalog yet
			}
			if r.IntN(4) == 0 && !ex.BuyerLeft {
				ex.Trial, ex.Card, ex.TermStart = true, r.IntN(2) == 0, cfg.Start.AddDate(0, 0, -r.IntN(10))
				ex.TrialEnd = cfg.Start.AddDate(0, 0, r.IntN(20))
				if ex.TermStart.Before(p.Added) {
					continue
				}
			}
			cfg.Existing = append(cfg.Existing, ex)
		}
	}
	return cfg
}

// TestBulkChargingMatchesPerEvent: on 300 random tenants, charging the
// quiet month boundaries in bulk gives exactly what charging each as an
// event gives (boundary.go): totals, monthly series, costs, the R15
// records (subscriptions.csv) and what a warm-up carries; only the
// number of events differs, and it is never higher.
func TestBulkChargingMatchesPerEvent(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 300))
	ran, fewer := 0, 0
	for k := range 300 {
		cfg := randomTenant(r)
		if err := Check(cfg); err != nil {
			t.Fatalf("tenant %d: the generator made a bad scenario: %v", k, err)
		}
		rep := r.IntN(3)
		bulk, err := Run(context.Background(), cfg, rep, Options{Subscriptions: true})
		require.NoError(t, err)
		each, err := Run(context.Background(), cfg, rep, Options{Subscriptions: true, EventCharges: true})
		require.NoError(t, err)
		name := fmt.Sprintf("tenant %d (history %v, %d existing)", k, cfg.History, len(cfg.Existing))
		assert.LessOrEqual(t, bulk.Events, each.Events, "%s: events", name)
		if bulk.Events < each.Events {
			fewer++
		}
		bulk.Events, each.Events = 0, 0
		if !assert.Equal(t, each, bulk, name) {
			t.Logf("%s: %+v", name, cfg)
			return
		}
		ran++
	}
	// The comparison means something only if bulk charging did skip
	// events in most tenants.
	assert.Greater(t, fewer, ran/2, "tenants where bulk charging dispatched fewer events")
}

// TestTracingChargesPerEvent: a traced replication charges per event, so
// that the trace shows each charge on its day; it is then the reference
// itself, events included, and tracing changes nothing.
func TestTracingChargesPerEvent(t *testing.T) {
	cfg := randomConfig(rand.New(rand.NewPCG(9, 9)))
	each, err := Run(context.Background(), cfg, 2, Options{Subscriptions: true, EventCharges: true})
	require.NoError(t, err)
	withTrace, _ := traced(t, cfg, 2)
	assert.Equal(t, each, withTrace)
}

// TestEventsFlatInHorizon: with bulk charging the work grows with what
// happens, not with the months that pass: events per employee-month of
// the baseline-like tenant stay about the same from 12 to 48 months,
// while per event they grow with every subscription's monthly
// anniversary.
func TestEventsFlatInHorizon(t *testing.T) {
	cfg := small()
	cfg.Population.Headcount, cfg.Population.HiresPerMonth, cfg.Population.AttritionPerYear = 2000, 15, 0.1
	p := &cfg.Products[0]
	p.CardGiven, p.SeatsMean, p.QuitPerYear, p.MonthlyTerm = 0.6, 1.5, 0.2, 0.6
	perEmployeeMonth := func(months int, opt Options) float64 {
		c := *cfg
		c.Months = months
		var events float64
		for rep := range 4 {
			res, err := Run(context.Background(), &c, rep, opt)
			require.NoError(t, err)
			events += float64(res.Events) / float64(res.Employees*months)
		}
		return events / 4
	}
	bulk12, bulk48 := perEmployeeMonth(12, Options{}), perEmployeeMonth(48, Options{})
	each12, each48 := perEmployeeMonth(12, Options{EventCharges: true}), perEmployeeMonth(48, Options{EventCharges: true})
	t.Logf("events per employee-month: bulk %.4f → %.4f, per event %.4f → %.4f", bulk12, bulk48, each12, each48)
	assert.Less(t, bulk48/bulk12, 1.25, "bulk: events per employee-month at 48 months over 12")
	assert.Greater(t, each48/each12, 1.3, "per event: the growth bulk charging removes")
}

// TestBookQuietMonthsMatchesEach books random runs of quiet boundaries
// of subscriptions charged every month both ways, by runs
// (bookQuietMonths) and one boundary at a time (bookQuietEach), on
// tenants with price steps and a warm-up or none, and compares every
// total, monthly row, report period's spend, record and the month each
// leaves the subscription at. The stranding day, the month to start from
// and the day to book through are drawn freely, beyond what a
// replication produces (there, a subscription is stranded on a day it
// was settled through), so that every split of a run is exercised.
func TestBookQuietMonthsMatchesEach(t *testing.T) {
	r := rand.New(rand.NewPCG(28, 12))
	cases, booked := 0, 0
	for k := range 40 {
		cfg := randomConfig(r)
		cfg.Start = cfg.Start.AddDate(0, 0, 1+r.IntN(28)) // report months start on the 1st to the 28th
		cfg.Months = 6 + r.IntN(40)
		if k%3 == 0 {
			cfg.History, cfg.HistoryStart = true, cfg.Start.AddDate(0, -1-r.IntN(20), -r.IntN(28))
		}
		for p := range cfg.Products { // a price step inside the run, at least
			if len(cfg.Products[p].PriceSteps) == 0 {
				cfg.Products[p].PriceSteps = []PriceStep{{From: cfg.Start.AddDate(0, 0, 20+r.IntN(cfg.Months*30)), Annual: 100, Monthly: 120}}
			}
		}
		require.NoError(t, Check(cfg))
		run, err := NewRunner(cfg)
		require.NoError(t, err)
		s := &run.st
		s.epochs = run.epochs
		s.setup(cfg, run.cal, 0, Options{Subscriptions: true})
		require.True(t, s.cal.regular)
		cal := s.cal
		s.subs = append(s.subs[:0], sub{})
		s.subx = append(s.subx[:0], subExt{})
		s.recs = append(s.recs[:0], subRecord{})
		type outcome struct {
			totals  [NumMetrics]int64
			monthly []int64
			spend   []int64
			rec     subRecord
			month   int32
		}
		book := func(sb sub, through sim.Time, byRuns bool) outcome {
			s.totals = [NumMetrics]int64{}
			clear(s.monthly)
			clear(s.spend)
			clear(s.quiet)
			s.recs[0] = subRecord{}
			s.subs[0] = sb
			if byRuns {
				s.bookQuietMonths(0, &s.subs[0], through)
				s.applyQuiet()
			} else {
				s.bookQuietEach(0, &s.subs[0], through)
			}
			return outcome{s.totals, slices.Clone(s.monthly), slices.Clone(s.spend), s.recs[0], s.subs[0].month}
		}
		for range 200 {
			anchor := sim.Time(r.IntN(int(cal.horizon)))
			flags := []uint16{fAutorenew, fAutorenew | fMonthly, fMonthly, 0, fAutorenew | fSeatDrop, fAutorenew | fNoAccess, fMonthly | fUpfront | fAutorenew}[r.IntN(7)]
			sb := sub{prod: int32(r.IntN(len(s.prods))), seats: 1 + int32(r.IntN(3)), anchor: anchor,
				month: int32(r.IntN(30) - 6), flags: flags, state: stPaid, strandFrom: noDay}
			if r.IntN(2) == 0 {
				sb.strandFrom = sim.Time(r.IntN(int(cal.horizon) + 60))
			}
			if cal.addMonths(sb.anchor, int(sb.month)) < 0 {
				continue
			}
			through := sim.Time(r.IntN(int(cal.horizon)))
			each, runs := book(sb, through, false), book(sb, through, true)
			require.Equal(t, each, runs, "tenant %d: %+v through day %d", k, sb, through)
			cases++
			if each.totals[BuyerSpend] != 0 {
				booked++
			}
		}
	}
	assert.Greater(t, booked, cases/6, "cases that booked a charge")
	assert.Greater(t, cases, 4000)
}
