package model

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Runner reused across replications gives exactly what a fresh one
// gives: no state leaks from one replication into the next.
func TestRunnerReuseIsDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for range 20 {
		cfg := randomConfig(r)
		runner, err := NewRunner(cfg)
		require.NoError(t, err)
		for _, rep := range []int{3, 0, 3, 1} {
			reused, err := runner.Run(context.Background(), rep, Options{Subscriptions: true})
			require.NoError(t, err)
			fresh, err := Run(context.Background(), cfg, rep, Options{Subscriptions: true})
			require.NoError(t, err)
			require.Equal(t, fresh, reused, "rep %d", rep)
		}
	}
}

// Tracing observes and changes nothing.
func TestTracingChangesNothing(t *testing.T) {
	cfg := randomConfig(rand.New(rand.NewPCG(9, 9)))
	plain := totals(t, cfg, 2)
	withTrace, _ := traced(t, cfg, 2)
	withTrace.Subscriptions = nil
	assert.Equal(t, plain, withTrace)
}

// Common random numbers: disabling one product changes nothing about
// another product, nor about who joins and leaves. Every employee draws
// from streams of their own per product and attempt, so a policy moves
// nobody else's draws.
func TestCommonRandomNumbersPolicyActsOnlyWhereItActs(t *testing.T) {
	cfg := small()
	cfg.Population.AttritionPerYear, cfg.Population.HiresPerMonth = 0.3, 8
	p := &cfg.Products[0]
	p.SeatsMean, p.QuitPerYear, p.SeatChangePerYear, p.AutorenewOffInTrial = 1.8, 0.5, 0.5, 0.3
	q := *p
	q.ID = "q"
	cfg.Products = append(cfg.Products, q)
	b := *cfg
	b.PolicyChanges = []PolicyChange{{Date: day("2025-03-01"), Product: "p", Policy: Disabled}}

	for rep := range 5 {
		_, ta := traced(t, cfg, rep)
		_, tb := traced(t, &b, rep)
		require.NotEqual(t, len(ta.forProduct("p")), len(tb.forProduct("p")), "the policy acts on p")
		// Subscription ids count across products, so q's are renumbered
		// in order of appearance before comparing.
		sameEvents(t, ta.forProduct("q").renumbered(), tb.forProduct("q").renumbered(), "rep %d: q is untouched", rep)
		sameEvents(t, ta.of(TrHire, TrDeparture), tb.of(TrHire, TrDeparture), "rep %d: people", rep)
	}
}

// Common random numbers: an admin policy that starts acting on a date
// leaves everything before that date exactly as it was.
func TestCommonRandomNumbersNothingChangesBeforeThePolicyActs(t *testing.T) {
	cfg := small()
	cfg.Population.AttritionPerYear, cfg.Population.HiresPerMonth = 0.3, 8
	cfg.Products[0].SeatsMean = 1.5
	b := *cfg
	b.Admin.ReviewEveryDays, b.Admin.OnReview, b.Admin.WhenShort = 200, ActTakeover, ShortBuy
	for rep := range 5 {
		resA, ta := traced(t, cfg, rep)
		resB, tb := traced(t, &b, rep)
		cut := 0
		for cut < len(tb) && tb[cut].Day < 200 {
			cut++
		}
		require.Greater(t, len(ta), cut)
		sameEvents(t, ta[:cut], tb[:cut], "rep %d: identical before the first review", rep)
		assert.NotEqual(t, resA.Get(Takeovers), resB.Get(Takeovers))
		assert.Equal(t, resA.Get(Hires), resB.Get(Hires))
		assert.Equal(t, resA.Get(Departures), resB.Get(Departures))
	}
}

// compare A A: the same scenario twice gives identical results, so every
// paired difference is exactly zero.
func TestSameScenarioTwiceIsIdentical(t *testing.T) {
	cfg := randomConfig(rand.New(rand.NewPCG(11, 3)))
	for rep := range 5 {
		assert.Equal(t, totals(t, cfg, rep), totals(t, cfg, rep))
	}
}

// renumbered replaces subscription ids by their order of appearance.
func (tr trace) renumbered() trace {
	ids := map[int32]int32{}
	out := make(trace, len(tr))
	for i, e := range tr {
		if e.Sub >= 0 {
			if _, ok := ids[e.Sub]; !ok {
				ids[e.Sub] = int32(len(ids))
			}
			e.Sub = ids[e.Sub]
		}
		out[i] = e
	}
	return out
}

// sameEvents compares two traces and reports the first difference (a
// full diff of long traces would take minutes).
func sameEvents(t *testing.T, a, b trace, msg string, args ...any) {
	t.Helper()
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			t.Errorf(msg+": event %d differs:\n  %+v\n  %+v", append(args, i, a[i], b[i])...)
			return
		}
	}
	if len(a) != len(b) {
		t.Errorf(msg+": %d events vs %d", append(args, len(a), len(b))...)
	}
}
