package model

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"licsim/sim"
)

// day parses an ISO date as a UTC midnight.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// plain is a behaviour with every option off: every trial gets a card and
// converts, every term is monthly, one seat, nobody quits.
func plain(interest float64) Behaviour {
	return Behaviour{InterestPerYear: interest, CardGiven: 1, MonthlyTerm: 1, SeatsMean: 1}
}

// small is a scenario whose numbers are easy to check: 300 employees
// who never leave, no hires, one product with a 30-day card trial at
// 10.00 a month (12.00 monthly term), 24 months, admins doing nothing.
func small() *Config {
	return &Config{
		Name: "test", Start: day("2025-01-01"), Months: 24, Currency: "USD", Seed: 7, Replications: 1,
		Population: Population{Headcount: 300},
		Admin:      Admin{DisableNewAfterDays: -1},
		Products: []Product{{
			ID: "p", Name: "Product P", Added: day("2020-01-01"), TrialDays: 30, TrialNeedsCard: true,
			PriceAnnual: 1000, PriceMonthly: 1200, OrgPrice: 1000, Behaviour: plain(1),
		}},
	}
}

// recorder keeps every trace event.
type recorder struct{ ev []TraceEvent }

func (r *recorder) Trace(e *TraceEvent) { r.ev = append(r.ev, *e) }

// traced runs replication rep of cfg with tracing and subscription
// records on.
func traced(t testing.TB, cfg *Config, rep int) (Result, trace) {
	t.Helper()
	var rec recorder
	res, err := Run(context.Background(), cfg, rep, Options{Trace: &rec, Subscriptions: true})
	require.NoError(t, err)
	return res, trace(rec.ev)
}

// totals runs replication rep without tracing.
func totals(t testing.TB, cfg *Config, rep int) Result {
	t.Helper()
	res, err := Run(context.Background(), cfg, rep, Options{})
	require.NoError(t, err)
	return res
}

// trace is a replication's events with small queries for the tests.
type trace []TraceEvent

// where keeps the events for which keep holds.
func (tr trace) where(keep func(e *TraceEvent) bool) trace {
	var out trace
	for i := range tr {
		if keep(&tr[i]) {
			out = append(out, tr[i])
		}
	}
	return out
}

func (tr trace) of(kinds ...TraceKind) trace {
	return tr.where(func(e *TraceEvent) bool { return slices.Contains(kinds, e.Kind) })
}

func (tr trace) forSub(sub int32) trace {
	return tr.where(func(e *TraceEvent) bool { return e.Sub == sub })
}

func (tr trace) forProduct(id string) trace {
	return tr.where(func(e *TraceEvent) bool { return e.Product == id })
}

func (tr trace) count(k TraceKind) int { return len(tr.of(k)) }

// charges sums the amounts charged to a payer.
func (tr trace) charges(p Payer) Cents {
	var sum Cents
	for _, e := range tr.of(TrCharge) {
		if e.Payer == p {
			sum += e.Amount
		}
	}
	return sum
}

// subs groups events by subscription, in trace order.
func (tr trace) subs() map[int32]trace {
	m := map[int32]trace{}
	for _, e := range tr {
		if e.Sub >= 0 {
			m[e.Sub] = append(m[e.Sub], e)
		}
	}
	return m
}

// departures maps each employee who left to the day they left.
func (tr trace) departures() map[int32]sim.Time {
	m := map[int32]sim.Time{}
	for _, e := range tr.of(TrDeparture) {
		m[e.Employee] = e.Day
	}
	return m
}

// first returns the first event of a kind and whether there was one.
func (tr trace) first(k TraceKind) (TraceEvent, bool) {
	for _, e := range tr {
		if e.Kind == k {
			return e, true
		}
	}
	return TraceEvent{}, false
}

// horizon is the first day after cfg's run.
func horizon(cfg *Config) sim.Time { return newCalendar(cfg.Start, cfg.Months).horizon }

// followedBy reports whether an event of kind b comes after the first
// event of kind a.
func (tr trace) followedBy(a, b TraceKind) bool {
	seen := false
	for _, e := range tr {
		if e.Kind == a {
			seen = true
		} else if seen && e.Kind == b {
			return true
		}
	}
	return false
}
