package model

import (
	"context"

	"licsim/sim"
)

// Options asks a replication for more than its totals.
type Options struct {
	// Trace receives every event; nil turns tracing off.
	Trace Tracer
	// Subscriptions fills Result.Subscriptions (R15).
	Subscriptions bool
	// EventCharges makes every month boundary of every paid subscription
	// an event of its own: the reference that bulk charging (the default)
	// is tested and measured against, with identical results (boundary.go).
	// A traced replication always charges this way: the trace shows each
	// charge on its day, in order.
	EventCharges bool
	// Staff fills Result.Staff (with Subscriptions: the records of a
	// tenant's export, scenarios/tenant.Simulated).
	Staff bool
}

// RepSeed is the seed of replication rep: every random stream of the
// replication is derived from it (see sim.Mix).
func RepSeed(cfg *Config, rep int) uint64 { return sim.Mix(cfg.Seed, uint64(rep)) }

// Run runs replication rep of cfg. For many replications, reuse a Runner.
func Run(ctx context.Context, cfg *Config, rep int, opt Options) (Result, error) {
	r, err := NewRunner(cfg)
	if err != nil {
		return Result{}, err
	}
	return r.Run(ctx, rep, opt)
}

// Runner runs replications of one scenario and keeps its memory between
// them. It is not safe for concurrent use: use one per goroutine.
type Runner struct {
	// Padding keeps the state of runners on parallel workers, written on
	// every event, off each other's cache lines (see sim.Sim).
	_      [64]byte
	cfg    *Config
	cal    *calendar
	epochs *priceEpochs
	st     state
	_      [64]byte
}

// NewRunner checks cfg and prepares what every replication shares.
func NewRunner(cfg *Config) (*Runner, error) {
	if err := Check(cfg); err != nil {
		return nil, &ConfigError{Name: cfg.Name, Err: err}
	}
	cal := newCalendarFrom(cfg.ClockStart(), cfg.Start, cfg.Months)
	r := &Runner{cfg: cfg, cal: cal, epochs: newPriceEpochs(cfg, cal)}
	r.st.nSeries = len(Series(cfg))
	// The calendar spans the whole horizon, so no event ever waits in
	// the queue's overflow heap. Its chunks hold about what a busy day
	// holds: an employee keeps about two events pending (departure, next
	// attempt), spread over the horizon. Small tenants thus get small
	// chunks that stay in cache, large ones long sequential runs.
	pop := cfg.Population
	employees := float64(pop.Headcount) + pop.HiresPerMonth*float64(cfg.Months)
	perDay := 2 * employees / float64(cal.horizon-cal.origin)
	r.st.sim = sim.New(sim.NewBucketsChunked[sim.Time](int(cal.horizon)+1, int(min(max(perDay, 8), 64))))
	return r, nil
}

// Run runs replication rep. It stops early, with ctx's error, when ctx is
// cancelled.
func (r *Runner) Run(ctx context.Context, rep int, opt Options) (Result, error) {
	s := &r.st
	s.epochs = r.epochs
	s.setup(r.cfg, r.cal, rep, opt)
	const checkEvery = 1 << 16
	n := 0
	for {
		// The events of a day come a run at a time (see sim.NextRun).
		run := s.sim.NextRun(s.cal.horizon)
		if len(run) == 0 {
			break
		}
		for i := range run {
			if n%prefetchBatch == 0 {
				if s.prefetching {
					s.prefetchAhead(run[i+1:])
				}
				if n%checkEvery == 0 && ctx.Err() != nil {
					return Result{}, ctx.Err()
				}
			}
			n++
			s.handle(&run[i])
		}
	}
	return s.finish(), nil
}

// Event kinds of the model. Dated changes are scheduled first during
// setup, so that FIFO order puts them before anything else on their day.
const (
	evMonthEnd     sim.Kind = iota // snapshot of month entity-1's end
	evProductAdded                 // R01
	evPolicyChange                 // R02
	evDisableNew                   // R01: admins disable a new product
	evReview                       // admin review (R10, R17)
	evHire
	evDeparture   // R11
	evAttempt     // entity employee
	evRequest     // R13 decision; entity employee, arg product
	evTrialEnd    // R05, R06, R07; entity subscription, stale once it ended
	evAnniversary // a month of a paid term has passed; entity subscription
	evHazard      // buyer quits or changes seats; stale once it ended
	evNotice      // R14: admins act on a trial-start notice
	evDepartAct   // R11: admins act on a leaver's subscription
	evOrgCharge   // a month of bought org licences
	evPriceStep   // R20: prices change; entity is the new epoch
	evWarmupEnd   // a history warm-up ends on start (history.go)
)

// handle dispatches one event.
func (s *state) handle(ev *sim.Event[sim.Time]) {
	switch ev.Kind {
	case evAttempt:
		s.attempt(ev.Entity, int32(ev.Arg))
	case evAnniversary:
		s.anniversary(ev.Entity)
	case evHazard:
		s.hazard(ev.Entity)
	case evTrialEnd:
		s.trialEnd(ev.Entity)
	case evDeparture:
		s.departure(ev.Entity)
	case evHire:
		s.hire()
	case evOrgCharge:
		s.orgCharge(ev.Entity)
	case evRequest:
		s.requestDecision(ev.Entity, int32(ev.Arg))
	case evNotice:
		s.notice(ev.Entity, ev.Arg)
	case evDepartAct:
		s.departAct(ev.Entity)
	case evMonthEnd:
		s.snapshot(int(ev.Entity) - 1)
		s.setMonth(int(ev.Entity))
	case evProductAdded:
		s.productAdded(int32(ev.Arg))
	case evPolicyChange:
		s.applyPolicy(&s.cfg.PolicyChanges[ev.Entity], true)
	case evDisableNew:
		s.disableNew(int32(ev.Arg))
	case evReview:
		s.review()
	case evPriceStep:
		s.priceStep(ev.Entity)
	case evWarmupEnd:
		s.endWarmup()
	}
}
