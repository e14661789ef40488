package model

import (
	"math"
	"time"

	"licsim/sim"
)

// A history warm-up (Config.History) runs the same scenario from
// ClockStart up to Start and reports only from Start on: a tenant that
// has lived with self-service switched on, for tenants without an export
// of their state ([[existing]] gives it instead; the two exclude each
// other).
//
// Day 0 of the clock is ClockStart and the report starts on the day of
// Start (calendar.origin). The warm-up is the same event loop with no
// branch of its own: one dated event on Start (evWarmupEnd, the first on
// its day) ends it. Until then charges go to a scratch row of the monthly
// series and the trace is off; the event zeroes the totals, the products'
// spend (R27) and the R15 amounts, and records what the warm-up carries
// into the run (Result.Carried). What the warm-up leaves is the state at
// Start: employees, subscriptions with their terms, trials used, org
// licences and pending requests. Its events count in Result.Events.
//
// Money before Start is not reported anywhere: not in the totals, the
// monthly series, the R15 records or the trace, and a charge made before
// Start is outside the run's ledger as an existing subscription's is: it
// is not refunded (R21, R22) and its part paid ahead is not stranded.
//
// Rules for the dates of the warm-up: policy changes dated in it apply
// on their day, and one dated on Start applies on Start after the
// warm-up ended (evWarmupEnd is the first event of its day), before any
// attempt of that day; the products' prices are those of Start
// throughout (prices before Start are not in the scenario); catalog
// growth adds products from Start on only (the configured products are
// the ones Microsoft added before). The [admin] table is the admins'
// policy from Start on: in the warm-up admins decide licence requests
// and nothing else. Reviews run every review_every_days from Start, a
// notice or a departure before Start is not acted on, and
// disable_new_after_days applies to products added on or after Start.
// So two scenarios that differ only in [admin] and in policy changes
// dated on or after Start carry the same state into the run on the same
// seeds (the shipped what-ifs and baseline: under the status quo no
// attempt is blocked, so no request is decided in the warm-up), and
// compare the policies from Start on. The headcount is the expected headcount on Start: the
// warm-up starts from the headcount that hires and attrition bring, in
// expectation, to it on Start (see warmHeadcount).

// MaxHistoryYears bounds a warm-up: it starts at most this many years
// before Start (self-service purchase opened in 2020; ten years keep the
// warm-up's cost within a few times the run's).
const MaxHistoryYears = 10

// warmupDays is the length of cfg's history warm-up in days: 0 without
// one.
func (cfg *Config) warmupDays() sim.Time {
	return sim.Time(cfg.Start.Sub(cfg.ClockStart()).Hours() / 24)
}

// ClockStart is day 0 of a replication: Start, or with History the day
// the warm-up starts: HistoryStart, else the earliest product's Added
// date, no earlier than MaxHistoryYears before Start (and no later than
// Start).
func (cfg *Config) ClockStart() time.Time {
	if !cfg.History {
		return cfg.Start
	}
	if !cfg.HistoryStart.IsZero() {
		return cfg.HistoryStart
	}
	first := cfg.Start
	for i := range cfg.Products {
		if a := cfg.Products[i].Added; !a.IsZero() && a.Before(first) {
			first = a
		}
	}
	if lo := cfg.Start.AddDate(-MaxHistoryYears, 0, 0); first.Before(lo) {
		first = lo
	}
	return first
}

// Carried is what a history warm-up carries into the run, zero without
// one; Result.Verify reads it.
type Carried struct {
	Employees     int   // employees on staff on Start
	Trials        int64 // trials running on Start (they convert or expire in the run)
	Requests      int64 // licence requests pending on Start (decided in the run)
	Subscriptions int64 // subscriptions live on Start (listed in R15 with those of the run)
}

// checkHistory checks the warm-up's keys.
func (ps *problems) checkHistory(cfg *Config) {
	date := func(t time.Time) string { return t.Format(time.DateOnly) }
	switch {
	case !cfg.History && !cfg.HistoryStart.IsZero():
		ps.bad("history_start = %s: only with history = \"simulate\"", date(cfg.HistoryStart))
	case !cfg.History:
	case len(cfg.Existing) > 0:
		ps.bad("history = \"simulate\" with %d [[existing]] lines: the state at start comes from one or the other", len(cfg.Existing))
	case cfg.HistoryStart.After(cfg.Start):
		ps.bad("history_start = %s: must be on or before start (%s)", date(cfg.HistoryStart), date(cfg.Start))
	case !cfg.HistoryStart.IsZero() && cfg.HistoryStart.Before(cfg.Start.AddDate(-MaxHistoryYears, 0, 0)):
		ps.bad("history_start = %s: must be at most %d years before start (%s)", date(cfg.HistoryStart), MaxHistoryYears, date(cfg.Start))
	}
}

// warmHeadcount is the headcount on day 0 of a warm-up of t days that
// brings, in expectation, headcount n on Start: with hires h per day and
// departures λ per employee per day, n(t) = h/λ + (n(0) − h/λ)·e^(−λt),
// so n(0) = h/λ + (n − h/λ)·e^(λt) (n − h·t without attrition). It is
// rounded and kept within [admins, MaxEmployees]: a tenant that grew
// faster than hires and attrition allow starts with its admins.
func warmHeadcount(n, admins int, h, lambda float64, t sim.Time) int {
	var n0 float64
	if lambda > 0 {
		n0 = h/lambda + (float64(n)-h/lambda)*math.Exp(lambda*float64(t))
	} else {
		n0 = float64(n) - h*float64(t)
	}
	return int(min(max(math.Round(n0), float64(admins)), MaxEmployees))
}

// endWarmup ends a history warm-up on Start (evWarmupEnd): the money so
// far is dropped and the state carried into the run recorded.
func (s *state) endWarmup() {
	s.totals = [NumMetrics]int64{}
	clear(s.spend) // the warm-up's charges went to the first period's row
	clear(s.warmRow)
	s.setMonth(0)
	s.tracer = s.heldTracer
	s.carried = Carried{Employees: len(s.active)}
	s.leftBefore = len(s.emps) - s.nGone - len(s.active)
	for i := range s.subs {
		sb := &s.subs[i]
		switch sb.state {
		case stTrial:
			s.carried.Trials++
			s.carried.Subscriptions++
		case stPaid:
			s.carried.Subscriptions++
		default:
			sb.flags |= fHistory
		}
		if s.wantSubs {
			s.recs[i].paid, s.recs[i].stranded = 0, 0
		}
	}
	for _, sl := range s.slots {
		if sl.flags()&slRequest != 0 {
			s.carried.Requests++
		}
	}
}
