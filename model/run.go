package model

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"unsafe"

	"licsim/sim"
)

// Options asks a replication for more than its totals.
type Options struct {
	// Trace receives every event; nil turns tracing off.
	Trace Tracer
	// Subscriptions fills Result.Subscriptions (R15).
	Subscriptions bool
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
	_   [64]byte
	cfg *Config
	cal *calendar
	st  state
	_   [64]byte
}

// NewRunner checks cfg and prepares what every replication shares.
func NewRunner(cfg *Config) (*Runner, error) {
	if err := Check(cfg); err != nil {
		return nil, &ConfigError{Name: cfg.Name, Err: err}
	}
	cal := newCalendar(cfg.Start, cfg.Months)
	r := &Runner{cfg: cfg, cal: cal}
	r.st.nSeries = len(Series(cfg))
	// The calendar spans the whole horizon, so no event ever waits in
	// the queue's overflow heap. Its chunks hold about what a busy day
	// holds: an employee keeps about two events pending (departure, next
	// attempt), spread over the horizon. Small tenants thus get small
	// chunks that stay in cache, large ones long sequential runs.
	pop := cfg.Population
	employees := float64(pop.Headcount) + pop.HiresPerMonth*float64(cfg.Months)
	perDay := 2 * employees / float64(cal.horizon)
	r.st.sim = sim.New(sim.NewBucketsChunked[sim.Time](int(cal.horizon)+1, int(min(max(perDay, 8), 64))))
	return r, nil
}

// Run runs replication rep. It stops early, with ctx's error, when ctx is
// cancelled.
func (r *Runner) Run(ctx context.Context, rep int, opt Options) (Result, error) {
	s := &r.st
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

// coming returns events k places after the one being handled, followed by
// rest in its run: from the run, else from the queue.
func (s *state) coming(rest []sim.Event[sim.Time], k int) []sim.Event[sim.Time] {
	if k < len(rest) {
		return rest[k:]
	}
	return s.sim.Ahead(k - len(rest))
}

// prefetchAhead runs the two stages of prefetching, every
// prefetchBatch events, over the coming events the calendar holds
// together. Stage one loads the record of each event prefetchFar to
// prefetchFar+prefetchBatch places ahead (its employee or subscription).
// Stage two, for the events prefetchNear to prefetchNear+prefetchBatch
// places ahead, whose stage one ran a batch earlier, follows that record
// to what the event reaches through it:
//
//   - an attempt: the employee's slot of the product;
//   - a departure: the employee's row of slots (its first lines) and the
//     last subscription they bought;
//   - a trial's end, a buyer's hazard and an anniversary that ends a
//     term: the buyer, the buyer's slot and the subscription's cold part.
//
// The addresses are gathered and prefetched in one call: with a call per
// line, prefetching cost a sixth of the model's instructions.
func (s *state) prefetchAhead(rest []sim.Event[sim.Time]) {
	pf := &s.pf
	n := 0
	// Stage one is a table lookup per event, in assembly: the table the
	// event's record lies in (employees or subscriptions), or none.
	var base [16]uintptr
	e0, s0 := uintptr(unsafe.Pointer(unsafe.SliceData(s.emps))), uintptr(unsafe.Pointer(unsafe.SliceData(s.subs)))
	base[evAttempt], base[evDeparture] = e0, e0
	base[evAnniversary], base[evHazard], base[evTrialEnd] = s0, s0, s0
	for k := prefetchFar; k < prefetchFar+prefetchBatch; {
		run := s.coming(rest, k)
		if len(run) == 0 {
			break
		}
		run = run[:min(len(run), prefetchFar+prefetchBatch-k)]
		k += len(run)
		sim.PrefetchEntities(run, &base, unsafe.Sizeof(employee{}))
	}
	np := len(s.prods)
	for k := prefetchNear; k < prefetchNear+prefetchBatch; { // stage two
		run := s.coming(rest, k)
		if len(run) == 0 {
			break
		}
		run = run[:min(len(run), prefetchNear+prefetchBatch-k)]
		k += len(run)
		for i := range run {
			switch ev := &run[i]; ev.Kind {
			case evAnniversary:
				// A term that ends frees its seats: the buyer's slot and
				// the holders in the cold part. Renewals need nothing more.
				if b := &s.subs[ev.Entity]; b.flags&fAutorenew == 0 && b.state == stPaid {
					pf[n&63] = uintptr(unsafe.Pointer(&s.emps[b.buyer]))
					pf[(n+1)&63] = uintptr(unsafe.Pointer(&s.slots[int(b.row)*np+int(b.prod)]))
					pf[(n+2)&63] = uintptr(unsafe.Pointer(&s.subx[ev.Entity]))
					n += 3
				}
			case evAttempt:
				if r := s.emps[ev.Entity].row; r >= 0 {
					pf[n&63] = uintptr(unsafe.Pointer(&s.slots[int(r)*np+int(ev.Arg)]))
					n++
				}
			case evTrialEnd, evHazard:
				b := &s.subs[ev.Entity]
				pf[n&63] = uintptr(unsafe.Pointer(&s.emps[b.buyer]))
				pf[(n+1)&63] = uintptr(unsafe.Pointer(&s.slots[int(b.row)*np+int(b.prod)]))
				pf[(n+2)&63] = uintptr(unsafe.Pointer(&s.subx[ev.Entity]))
				n += 3
			case evDeparture:
				emp := &s.emps[ev.Entity]
				if r := emp.row; r >= 0 {
					row := s.slots[int(r)*np:][:np]
					const perLine = 64 / int(unsafe.Sizeof(slot{}))
					for k := 0; k < len(row) && k < 3*perLine; k += perLine {
						pf[n&63] = uintptr(unsafe.Pointer(&row[k]))
						n++
					}
				}
				if f := emp.firstSub; f >= 0 { // the last subscription they bought
					pf[n&63] = uintptr(unsafe.Pointer(&s.subs[f]))
					pf[(n+1)&63] = uintptr(unsafe.Pointer(&s.subx[f]))
					n += 2
				}
			}
		}
	}
	// At most 8 events of stage two, at most 5 lines each: n never
	// exceeds the array.
	sim.PrefetchAll(pf[:min(n, len(pf))])
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
)

// Random stream purposes: the first key after the replication seed.
const (
	purposeHires uint64 = iota + 1
	purposeGrowth
	purposeEmployee // tenure and first attempt
	purposeArrival  // one stream per attempt
)

const noDay = sim.Time(math.MaxInt32)

// prod is a product during one replication.
type prod struct {
	*Product
	exists     bool
	policy     Policy
	added      sim.Time
	grown      bool
	attempt    float64 // attempts per day per eligible employee
	quit       float64 // per day
	seatChange float64 // per day
	spare      int     // unassigned org licences
	inUse      int     // assigned org licences
	series     int     // index of its seat series
	reassign   []int32 // subscriptions with seats admins freed for others
	grownCopy  Product
}

// employee is one account.
type employee struct {
	next     float64  // real time of the next attempt (at any product)
	n        uint32   // attempts drawn so far: the key of each attempt's stream
	left     sim.Time // noDay while employed
	active   int32    // index in state.active while employed
	firstSub int32    // subscriptions bought, linked through sub.nextOfBuyer
	row      int32    // row of product slots in state.slots, -1 until first used
	admin    bool
}

// slot is an employee's relation to one product.
type slot struct {
	sub   int32 // self-service subscription whose seat is held, or -1
	link  int32 // next holder of the same subscription, or -1
	flags uint8
}

const (
	slTrialUsed uint8 = 1 << iota // R08
	slOrgSeat                     // holds an org licence
	slRequest                     // a licence request is pending (R13)
	slApprove                     // the pending request will be approved
)

// sub is the hot part of a self-service subscription: what every charge,
// anniversary and access check reads. It is 32 bytes so that the
// subscriptions of a large tenant stay in cache; the rest lives in subExt.
type sub struct {
	buyer      int32
	prod       int32
	seats      int32
	anchor     sim.Time // first paid day; terms count months from it
	month      int32    // months from anchor of the next anniversary
	row        int32    // the buyer's row of slots (employee.row), for prefetching
	strandFrom sim.Time // buyer charges on or after this day are stranded
	flags      uint16
	state      uint8
}

// subExt is the cold part of a subscription, indexed like state.subs.
type subExt struct {
	rng         sim.Stream // the stream of the attempt that created it
	hazardAt    float64    // real time of the next buyer hazard
	paid        Cents      // kept for the R15 records only
	stranded    Cents
	assigned    int32
	holders     int32 // first holder, linked through slot.link
	nextOfBuyer int32
	start       sim.Time
}

const (
	stTrial uint8 = iota
	stPaid
	stEnded
)

const (
	fCard        uint16 = 1 << iota // a card was entered
	fAutorenew                      // auto-renew is on
	fMonthly                        // monthly term (else annual)
	fUpfront                        // annual term billed upfront
	fNoAccess                       // cancelled or taken over: nobody can use it
	fTakenOver                      // R17
	fOrphaned                       // the buyer left while it was live
	fExtended                       // R06 used
	fWillExtend                     // decided at start: extend if still employed
	fOffInTrial                     // decided at start: auto-renew off before trial end
	fLeaverStops                    // R11: it will not renew after the buyer left
	fCancelled                      // admins cancelled it (or took it over)
	fWasPaid                        // it had a paid term
)

// orgBatch is org licences bought together, charged monthly until the
// horizon.
type orgBatch struct {
	prod   int32
	seats  int32
	anchor sim.Time
	month  int32
}

// Stage one of prefetching (prefetchAhead) addresses employees and
// subscriptions with one stride (both records are 32 bytes) from a table
// of 16 kinds.
var _ [16 - evOrgCharge - 1]struct{}
var _ [unsafe.Sizeof(employee{}) - unsafe.Sizeof(sub{})]struct{}
var _ [unsafe.Sizeof(sub{}) - unsafe.Sizeof(employee{})]struct{}

// state is one replication in progress.
type state struct {
	cfg  *Config
	cal  *calendar
	sim  *sim.Sim
	seed uint64
	// The mixed prefixes of the streams' keys (see sim.Absorb).
	employeeKey, arrivalKey uint64
	trace                   Tracer
	tev                     TraceEvent

	prods    []prod
	cumRate  []float64 // cumRate[p]: attempt rates per day of products 0..p
	guide    []int32   // see pick
	emps     []employee
	slots    []slot // rows of len(prods) slots, added on first use (see newRow)
	emptyRow []slot // one employee's slots before anything happens
	subs     []sub
	subx     []subExt
	batches  []orgBatch
	active   []int32 // employed employees, any order

	pf          [64]uintptr // a batch of addresses to prefetch (see prefetchAhead)
	wantSubs    bool
	prefetching bool    // see prefetchAbove
	guideScale  float64 // guide entries per unit of attempt rate
	hireAt      float64 // real time of the next hire
	hireRate    float64 // per day
	leaveRate   float64 // per day
	rng         sim.Stream
	stale       uint64 // events of ended subscriptions, not counted as events
	totals      [NumMetrics]int64
	monthly     []int64
	monthRow    []int64 // the current report month's row of monthly (see setMonth)
	nSeries     int
	live        int64 // subscriptions with access
	liveOrphan  int64
	ssSeats     int64
	orgInUse    int64
	seriesSeats []int64 // live self-service seats per product series
}

// setup resets the state for replication rep.
func (s *state) setup(cfg *Config, cal *calendar, rep int, opt Options) {
	s.cfg, s.cal = cfg, cal
	s.seed = RepSeed(cfg, rep)
	s.employeeKey = sim.Mix(s.seed, purposeEmployee)
	s.arrivalKey = sim.Mix(s.seed, purposeArrival)
	s.trace = opt.Trace
	s.wantSubs = opt.Subscriptions
	s.sim.Reset()
	s.totals = [NumMetrics]int64{}
	s.stale = 0
	s.emps, s.slots, s.subs, s.subx = s.emps[:0], s.slots[:0], s.subs[:0], s.subx[:0]
	s.batches, s.active = s.batches[:0], s.active[:0]
	s.live, s.liveOrphan, s.ssSeats, s.orgInUse = 0, 0, 0, 0

	s.monthly = make([]int64, cfg.Months*s.nSeries) // handed out with the Result
	s.setMonth(0)
	s.seriesSeats = slices.Grow(s.seriesSeats[:0], s.nSeries)[:s.nSeries]
	clear(s.seriesSeats)

	s.setupProducts(cfg)
	s.emptyRow = s.emptyRow[:0]
	for range s.prods {
		s.emptyRow = append(s.emptyRow, slot{sub: -1, link: -1})
	}
	s.cumRate = s.cumRate[:0]
	sum := 0.0
	for i := range s.prods {
		sum += s.prods[i].attempt
		s.cumRate = append(s.cumRate, sum)
	}
	s.setGuide()

	// Dated events first: month ends, products added, policy changes,
	// disabling of new products, reviews (see the event kinds).
	for m := 1; m < cfg.Months; m++ {
		s.sim.Schedule(cal.addMonths(0, m), evMonthEnd, int32(m), 0)
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
	if n := cfg.Admin.DisableNewAfterDays; n >= 0 {
		for i := range s.prods {
			if d := s.prods[i].added; d >= 0 && d+sim.Time(n) < cal.horizon {
				s.sim.Schedule(d+sim.Time(n), evDisableNew, int32(i), uint16(i))
			}
		}
	}
	if n := cfg.Admin.ReviewEveryDays; n > 0 && cfg.Admin.OnReview != ActNone {
		for d := sim.Time(n); d < cal.horizon; d += sim.Time(n) {
			s.sim.Schedule(d, evReview, 0, 0)
		}
	}

	pop := cfg.Population
	s.leaveRate = 0
	if pop.AttritionPerYear > 0 {
		s.leaveRate = -sim.Log(1-pop.AttritionPerYear) / DaysPerYear
	}
	s.hireRate = pop.HiresPerMonth * float64(cfg.Months) / float64(cal.horizon)
	// Grow the per-employee tables once, for the headcount and generously
	// more hires than expected. Rows of slots are added on first use (see
	// newRow) and their table keeps its capacity from one replication to
	// the next.
	hires := pop.HiresPerMonth * float64(cfg.Months)
	room := pop.Headcount + int(hires+6*math.Sqrt(hires)) + 16
	s.emps = slices.Grow(s.emps, room)
	s.active = slices.Grow(s.active, room)
	s.prefetching = room*(int(unsafe.Sizeof(employee{}))+len(s.prods)*int(unsafe.Sizeof(slot{}))/2) > prefetchAboveBytes
	for e := range pop.Headcount {
		s.addEmployee(0, e < pop.Admins)
	}
	if s.hireRate > 0 {
		s.rng = sim.NewStream(s.seed, purposeHires)
		s.hireAt = s.rng.Exp() / s.hireRate
		if d := sim.Time(s.hireAt); d < cal.horizon {
			s.sim.Schedule(d, evHire, 0, 0)
		}
	}
}

// setupProducts copies the configured products and draws the ones
// Microsoft adds during this replication (R01).
func (s *state) setupProducts(cfg *Config) {
	s.prods = s.prods[:0]
	for i := range cfg.Products {
		p := &cfg.Products[i]
		s.prods = append(s.prods, prod{Product: p, added: max(s.cal.dayOf(p.Added), -1)})
	}
	g := &cfg.Growth
	if g.PerYear > 0 {
		rng := sim.NewStream(s.seed, purposeGrowth)
		t := 0.0
		for n := 1; len(s.prods) < MaxProducts; n++ {
			t += rng.Exp() / (g.PerYear / DaysPerYear)
			d := sim.Time(t)
			if d >= s.cal.horizon {
				break
			}
			price := g.PriceAnnualMin + Cents(rng.Float64()*float64(g.PriceAnnualMax-g.PriceAnnualMin+1))
			price = min(price, g.PriceAnnualMax)
			s.prods = append(s.prods, prod{added: d, grown: true, grownCopy: Product{
				ID:             fmt.Sprintf("new-product-%d", n),
				Name:           fmt.Sprintf("New product %d", n),
				Added:          s.cal.date(d),
				Policy:         Enabled,
				TrialDays:      g.TrialDays,
				TrialNeedsCard: g.TrialNeedsCard,
				PriceAnnual:    price,
				PriceMonthly:   roundCents(float64(price) * (1 + g.MonthlyPremium)),
				OrgPrice:       price,
				Behaviour:      g.Behaviour,
			}})
		}
	}
	fixed := serFixed + len(cfg.Products)
	for i := range s.prods {
		p := &s.prods[i]
		if p.grown {
			p.Product = &p.grownCopy
			p.series = fixed
		} else {
			p.series = serFixed + i
		}
		p.exists = p.added <= 0
		p.policy = p.Product.Policy
		p.attempt = p.InterestPerYear / DaysPerYear
		p.quit = p.QuitPerYear / DaysPerYear
		p.seatChange = p.SeatChangePerYear / DaysPerYear
		p.spare = p.OrgSpare
		p.inUse = 0
		p.reassign = p.reassign[:0]
	}
}

// roundCents rounds a non-negative amount to whole cents.
func roundCents(x float64) Cents { return Cents(x + 0.5) }

// finish takes the last snapshot and builds the result.
func (s *state) finish() Result {
	s.snapshot(s.cfg.Months - 1)
	s.totals[SelfserviceSeatsEnd] = s.ssSeats
	s.totals[OrgSeatsEnd] = s.orgInUse
	s.totals[SubscriptionsEnd] = s.live
	res := Result{
		Totals:    s.totals,
		Monthly:   s.monthly,
		Events:    s.sim.Dispatched() - s.stale,
		Employees: len(s.emps),
	}
	if s.wantSubs {
		res.Subscriptions = s.records()
	}
	return res
}

// records lists every self-service subscription as the admin center shows
// it at the horizon (R15).
func (s *state) records() []SubscriptionRecord {
	out := make([]SubscriptionRecord, len(s.subs))
	for i := range s.subs {
		b, x := &s.subs[i], &s.subx[i]
		r := SubscriptionRecord{
			ID: int32(i), Product: s.prods[b.prod].ID, Buyer: b.buyer,
			BuyerLeft: s.emps[b.buyer].left != noDay, Seats: int(b.seats),
			Term: termName(b), Started: x.start, State: subState(b),
			BuyerPaid: x.paid, Stranded: x.stranded,
		}
		if b.flags&fWasPaid == 0 {
			r.Term = "trial"
		}
		for h := x.holders; h >= 0; h = s.slot(h, b.prod).link {
			r.Assigned = append(r.Assigned, h)
		}
		sort.Slice(r.Assigned, func(x, y int) bool { return r.Assigned[x] < r.Assigned[y] })
		out[i] = r
	}
	return out
}

// subState names a subscription's state at the horizon.
func subState(b *sub) string {
	switch {
	case b.flags&fTakenOver != 0:
		return "taken-over"
	case b.flags&fCancelled != 0:
		return "cancelled"
	case b.state == stTrial:
		return "trial"
	case b.state == stPaid && b.flags&fAutorenew != 0:
		return "active"
	case b.state == stPaid:
		return "autorenew-off"
	case b.flags&fWasPaid == 0:
		return "expired"
	}
	return "ended"
}

// setMonth makes report month m the one that charges go to. Month m
// starts with its month-end event, which runs before anything else on its
// day (dated events are scheduled first), so this follows cal.period
// exactly without a lookup per charge.
func (s *state) setMonth(m int) {
	s.monthRow = s.monthly[m*s.nSeries : (m+1)*s.nSeries]
}

// snapshot records the end-of-month counts of month m.
func (s *state) snapshot(m int) {
	row := s.monthly[m*s.nSeries : (m+1)*s.nSeries]
	row[SerSelfserviceSeats] = s.ssSeats
	row[SerOrgSeats] = s.orgInUse
	row[SerLiveSubscriptions] = s.live
	row[SerOrphanedSubscriptions] = s.liveOrphan
	for i := serFixed; i < s.nSeries; i++ {
		row[i] = s.seriesSeats[i]
	}
}

// prefetchAbove is the size of the employee tables above which the loop
// prefetches: below it they stay in cache and prefetching only costs
// instructions.
const prefetchAbove = 4 << 20

// prefetchAboveBytes is prefetchAbove, lowered by tests to prefetch in
// small scenarios.
var prefetchAboveBytes = prefetchAbove

// Prefetching distances, in events (see prefetchAhead): far enough that
// memory arrives before the event is handled, near enough that it is
// still in cache then.
const (
	prefetchBatch = 8
	prefetchFar   = 12
	prefetchNear  = 4
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
		if s.hasAccess(ev.Entity) {
			s.adminAct(ev.Entity, s.cfg.Admin.OnNotice)
		}
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
		p := &s.prods[ev.Arg]
		p.policy = Disabled
		if s.trace != nil {
			s.emit(TrPolicyChange, -1, int32(ev.Arg), -1, 0)
			s.tev.Policy = Disabled.String()
			s.flush()
		}
	case evReview:
		for i := range s.subs {
			if s.hasAccess(int32(i)) {
				s.adminAct(int32(i), s.cfg.Admin.OnReview)
			}
		}
	}
}
