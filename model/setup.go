package model

import (
	"math"
	"slices"
	"sort"
	"unsafe"

	"licsim/sim"
)

// setup resets the state for replication rep. The order matters: the
// dated events are scheduled before anything else (see the event kinds),
// and the employees of the headcount draw their first events last.
func (s *state) setup(cfg *Config, cal *calendar, rep int, opt Options) {
	s.reset(cfg, cal, rep, opt)
	s.setupProducts(cfg)
	s.setupSpend()
	s.setupAttemptRates()
	s.setupPrices()
	s.scheduleDated(cfg)
	s.setupPopulation(cfg)
	s.setupExisting(cfg)
}

// reset empties the tables, keeping their memory, and sets the
// replication's seeds and options.
func (s *state) reset(cfg *Config, cal *calendar, rep int, opt Options) {
	s.cfg, s.cal = cfg, cal
	s.seed = RepSeed(cfg, rep)
	s.employeeKey = sim.Mix(s.seed, purposeEmployee)
	s.arrivalKey = sim.Mix(s.seed, purposeArrival)
	s.tracer, s.heldTracer = opt.Trace, nil
	s.wantSubs = opt.Subscriptions
	s.bulk = opt.Trace == nil && !opt.EventCharges
	s.wantStaff = opt.Subscriptions && opt.Staff
	s.sim.Reset()
	s.totals = [NumMetrics]int64{}
	s.stale = 0
	s.emps, s.slots, s.subs, s.subx, s.recs, s.hired = s.emps[:0], s.slots[:0], s.subs[:0], s.subx[:0], s.recs[:0], s.hired[:0]
	s.batches, s.active = s.batches[:0], s.active[:0]
	s.live, s.liveOrphan, s.ssSeats, s.orgInUse = 0, 0, 0, 0
	s.epoch = 0

	s.monthly = make([]int64, cfg.Months*s.nSeries) // handed out with the Result
	s.quiet = slices.Grow(s.quiet[:0], 2*(cfg.Months+1))[:2*(cfg.Months+1)]
	clear(s.quiet)
	s.setMonth(0)
	s.carried, s.leftBefore = Carried{}, 0
	if cal.origin > 0 { // a history warm-up: its charges go to a scratch row, untraced
		s.warmRow = slices.Grow(s.warmRow[:0], s.nSeries)[:s.nSeries]
		clear(s.warmRow)
		s.monthRow = s.warmRow
		s.tracer, s.heldTracer = nil, opt.Trace
	}
	s.seriesSeats = slices.Grow(s.seriesSeats[:0], s.nSeries)[:s.nSeries]
	clear(s.seriesSeats)
}

// setupAttemptRates builds what attempts read per product: an employee's
// empty row of slots, the cumulative attempt rates and pick's guide.
func (s *state) setupAttemptRates() {
	s.emptyRow = s.emptyRow[:0]
	for range s.prods {
		s.emptyRow = append(s.emptyRow, emptySlot)
	}
	s.cumRate = s.cumRate[:0]
	sum := 0.0
	for i := range s.prods {
		sum += s.prods[i].attempt
		s.cumRate = append(s.cumRate, sum)
	}
	s.setGuide()
}

// scheduleDated schedules the dated events: month ends, products added,
// policy changes, disabling of new products, reviews. A policy change
// dated before the start applies at once, untraced.
func (s *state) scheduleDated(cfg *Config) {
	cal := s.cal
	if cal.origin > 0 {
		s.sim.Schedule(cal.origin, evWarmupEnd, 0, 0)
	}
	for m := 1; m < cfg.Months; m++ {
		s.sim.Schedule(cal.addMonths(cal.origin, m), evMonthEnd, int32(m), 0)
	}
	for i := range s.prods {
		if d := s.prods[i].added; d > 0 && d < cal.horizon {
			s.sim.Schedule(d, evProductAdded, int32(i), uint16(i))
		}
	}
	changes := make([]int, len(cfg.PolicyChanges))
	for i := range changes {
		changes[i] = i
	}
	sort.SliceStable(changes, func(a, b int) bool {
		return cfg.PolicyChanges[changes[a]].Date.Before(cfg.PolicyChanges[changes[b]].Date)
	})
	for _, i := range changes {
		d := cal.dayOf(cfg.PolicyChanges[i].Date)
		if d < 0 {
			s.applyPolicy(&cfg.PolicyChanges[i], false)
		} else if d < cal.horizon {
			s.sim.Schedule(d, evPolicyChange, int32(i), 0)
		}
	}
	// The admins' own acts start on start (history.go): a product added
	// during a warm-up is not new to the run, and reviews count from start.
	if n := cfg.Admin.DisableNewAfterDays; n >= 0 {
		for i := range s.prods {
			if d := s.prods[i].added; d >= cal.origin && d+sim.Time(n) < cal.horizon {
				s.sim.Schedule(d+sim.Time(n), evDisableNew, int32(i), uint16(i))
			}
		}
	}
	if n := cfg.Admin.ReviewEveryDays; n > 0 && cfg.Admin.OnReview != ActNone {
		for d := cal.origin + sim.Time(n); d < cal.horizon; d += sim.Time(n) {
			s.sim.Schedule(d, evReview, 0, 0)
		}
	}
}

// setupPopulation sets the rates of hires and departures, sizes the
// per-employee tables, hires the headcount and schedules the first hire.
func (s *state) setupPopulation(cfg *Config) {
	cal := s.cal
	pop := cfg.Population
	s.leaveRate = 0
	if pop.AttritionPerYear > 0 {
		s.leaveRate = -sim.Log(1-pop.AttritionPerYear) / DaysPerYear
	}
	s.hireRate = pop.HiresPerMonth * float64(cfg.Months) / float64(cal.horizon-cal.origin)
	headcount := pop.Headcount
	if cal.origin > 0 {
		headcount = warmHeadcount(headcount, pop.Admins, s.hireRate, s.leaveRate, cal.origin)
	}
	// Grow the per-employee tables once, for the headcount and generously
	// more hires than expected. Rows of slots are added on first use (see
	// newRow) and their table keeps its capacity from one replication to
	// the next.
	hires := pop.HiresPerMonth * float64(cfg.Months)
	if cal.origin > 0 {
		hires = s.hireRate * float64(cal.horizon)
	}
	room := headcount + int(hires+6*math.Sqrt(hires)) + 16
	s.emps = reserve(s.emps, room)
	s.active = reserve(s.active, room)
	s.prefetching = room*(int(unsafe.Sizeof(employee{}))+len(s.prods)*int(unsafe.Sizeof(slot{}))/2) > prefetchAboveBytes
	s.sizeTables(headcount, room)
	s.admins = int32(pop.Admins)
	for e := range headcount {
		s.addEmployee(0, e < pop.Admins)
	}
	if s.hireRate > 0 {
		s.hireStream = sim.NewStream(s.seed, purposeHires)
		s.hireAt = s.hireStream.Exp() / s.hireRate
		if d := sim.Time(s.hireAt); d < cal.horizon {
			s.sim.Schedule(d, evHire, 0, 0)
		}
	}
}

// subsPerExposedAttempt is the subscriptions a replication creates per
// attempt that its employees' exposure lets them make (attempt rate times
// employee-days, see sizeTables): about 0.5 on the shipped baseline and
// enterprise tenants, where an employee who holds a seat makes no
// attempts at it and most attempts start a trial.
const subsPerExposedAttempt = 0.6

// sizeTables gives the tables that grow during a replication the room it
// is expected to need, before the first event: rows of slots,
// subscriptions and the event queue's chunks (emps and active are sized
// by the caller, for employees). Grown by doubling as events come, they
// made a Runner's first replication of a large tenant cost two to three
// later ones: each growth copies the table and touches new pages. Later
// replications keep the capacity (see reset), so these are only first
// sizes; a replication that needs more still grows them.
//
// The expected employee-days in [0, horizon) are those of the headcount,
// each staying min(tenure, horizon) with exponential tenure of rate λ,
// and of hires at rate h over the horizon H:
//
//	headcount·(1 − e^(−λH))/λ + h·(H − (1 − e^(−λH))/λ)/λ
//
// (headcount·H + h·H²/2 without departures). An employee's attempts at
// all products are a Poisson process (the products' summed rate), so the
// share of employees with a row of slots is about 1 − e^(−attempts per
// employee).
func (s *state) sizeTables(headcount, employees int) {
	H := float64(s.cal.horizon)
	stay := H // mean days in [0, H) of an employee there on day 0
	days := float64(headcount)*H + s.hireRate*H*H/2
	if λ := s.leaveRate; λ > 0 {
		stay = -math.Expm1(-λ*H) / λ
		days = float64(headcount)*stay + s.hireRate*(H-stay)/λ
	}
	if n := len(s.cumRate); n > 0 {
		attempts := s.cumRate[n-1] * days
		rows := float64(employees) * -math.Expm1(-attempts/float64(employees))
		s.slots = reserve(s.slots, int(rows)*len(s.prods))
		subs := int(subsPerExposedAttempt * attempts)
		s.subs, s.subx = reserve(s.subs, subs), reserve(s.subx, subs)
		if s.wantSubs {
			s.recs = reserve(s.recs, subs)
		}
	}
	// Employees keep about two events pending (departure, next attempt),
	// spread over the horizon's days.
	s.sim.Reserve(2*headcount, int(s.cal.horizon))
}

// reserve is slices.Grow for a table emptied by reset: when it must grow,
// it takes a new array a quarter larger than asked (the estimates vary
// from one replication to the next, with the products catalog growth
// adds) without copying the old one, which slices.Grow copies whole,
// capacity included: tens of megabytes per replication of a large tenant.
func reserve[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	if len(s) == 0 {
		return make([]T, 0, n+n/4)
	}
	return slices.Grow(s, n)
}
