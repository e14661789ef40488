package model

import (
	"math"
	"unsafe"

	"licsim/sim"
)

// state is one replication in progress. Its tables are indexed by
// int32: throughout the package e is an employee's index in emps, p a
// product's in prods, i a subscription's in subs and subx, and j an org
// batch's in batches.
type state struct {
	cfg    *Config
	cal    *calendar
	epochs *priceEpochs // R20: the epochs of constant prices (see prices.go)
	sim    *sim.Sim
	seed   uint64
	// The mixed prefixes of the streams' keys (see sim.Absorb).
	employeeKey, arrivalKey uint64
	tracer                  Tracer
	traceLine               TraceEvent // the event being traced (see emit)

	prods    []prod
	priceTab []priceRow // every product's prices per epoch (prod.price)
	epoch    int32      // the current epoch of prices
	cumRate  []float64  // cumRate[p]: attempt rates per day of products 0..p
	guide    []int32    // see pick
	emps     []employee
	slots    []slot // rows of len(prods) slots, added on first use (see newRow)
	emptyRow []slot // one employee's slots before anything happens
	subs     []sub
	subx     []subExt
	recs     []subRecord // with wantSubs only: the R15 part of each subscription
	hired    []sim.Time  // with wantStaff only: each employee's day of joining (Result.Staff)
	batches  []orgBatch
	active   []int32 // employed employees, any order

	prefetchAddrs [64]uintptr // a batch of addresses to prefetch (see prefetchAhead)
	wantSubs      bool
	bulk          bool       // quiet month boundaries are charged in bulk (boundary.go)
	wantStaff     bool       // Options.Staff, with wantSubs
	prefetching   bool       // see prefetchAbove
	guideScale    float64    // guide entries per unit of attempt rate
	hireAt        float64    // real time of the next hire
	hireRate      float64    // per day
	leaveRate     float64    // per day
	hireStream    sim.Stream // draws the times of hires
	stale         uint64     // events of ended subscriptions, not counted as events
	nExisting     int32      // subscriptions 0..nExisting-1 existed at start (existing.go)
	admins        int32      // employees 0..admins-1 are the admins (R12)
	nGone         int        // employee records of buyers who left before start
	totals        [NumMetrics]int64
	monthly       []int64
	monthRow      []int64 // the current report month's row of monthly (see setMonth)
	quiet         []int64 // bulk charges per report month, as differences (see bookQuietMonths)
	spend         []int64 // per 12-month period: buyer spend per product, then org spend per product (costs.go)
	spendRow      []int64 // the current period's row of spend (see setMonth)
	nSeries       int
	live          int64 // subscriptions with access
	liveOrphan    int64
	ssSeats       int64
	orgInUse      int64
	seriesSeats   []int64 // live self-service seats per product series
	// A history warm-up (history.go): the row its charges go to, the
	// tracer it holds back, what it carries into the run and how many
	// employees left during it.
	warmRow    []int64
	heldTracer Tracer
	carried    Carried
	leftBefore int
}

// Random stream purposes: the first key after the replication seed.
const (
	purposeHires uint64 = iota + 1
	purposeGrowth
	purposeEmployee // tenure and first attempt
	purposeArrival  // one stream per attempt
	purposeInitial  // the tenant's state at start: trials used, org seats, existing buyers
	purposeExisting // one stream per existing subscription: draws its life
)

// noDay is a day that never comes: an employee's departure while
// employed, a subscription's strandFrom before anything strands it.
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
	cur        priceRow   // R20: per-seat prices today (prices.go)
	price      []priceRow // R20: per-seat prices per epoch
	noticed    bool       // R24: its first trial has been notified
}

// employee is one account.
type employee struct {
	next     float64  // real time of the next attempt (at any product)
	attempts uint32   // attempts drawn so far: the key of each attempt's stream
	left     sim.Time // noDay while employed
	active   int32    // index in state.active while employed
	firstSub int32    // subscriptions bought, linked through sub.nextOfBuyer
	row      int32    // row of product slots in state.slots, -1 until first used
	// leaves is the day of the employee's departure, drawn when they join
	// (noDay when they stay past the horizon): attempts from that day on
	// are never scheduled (see nextAttempt). Admins are not marked here:
	// they are the first employees (state.isAdmin).
	leaves sim.Time
}

// slot is an employee's relation to one product. It is 8 bytes: the
// table of slots is a large tenant's largest (a row of one per product
// for most employees), and every attempt reads one at random.
type slot struct {
	sub int32 // self-service subscription whose seat is held, or -1
	// bits holds the next holder of the same subscription, plus one
	// (0: none), in its low slLinkBits bits, and the flags above them.
	bits uint32
}

const (
	slTrialUsed uint8 = 1 << iota // R08
	slOrgSeat                     // holds an org licence
	slRequest                     // a licence request is pending (R13)
	slApprove                     // the pending request will be approved
)

// slLinkBits is the width of a slot's link: employees are numbered below
// 2^28 (MaxEmployees, with a warm-up's hires, stays far below).
const (
	slLinkBits = 28
	slLinkMask = 1<<slLinkBits - 1
)

var _ [slLinkMask - MaxEmployees*4]struct{} // room for 4× MaxEmployees

// emptySlot is a slot of a product the employee has nothing to do with.
var emptySlot = slot{sub: -1}

// link is the next holder of the same subscription, or -1.
func (sl slot) link() int32 { return int32(sl.bits&slLinkMask) - 1 }

// setLink sets the next holder (-1: none).
func (sl *slot) setLink(e int32) { sl.bits = sl.bits&^slLinkMask | uint32(e+1) }

// flags are the slot's slTrialUsed, slOrgSeat, slRequest and slApprove.
func (sl slot) flags() uint8 { return uint8(sl.bits >> slLinkBits) }

// set turns flags f on.
func (sl *slot) set(f uint8) { sl.bits |= uint32(f) << slLinkBits }

// clear turns flags f off.
func (sl *slot) clear(f uint8) { sl.bits &^= uint32(f) << slLinkBits }

// slotOf is employee e's slot of product p, for writing: it gives e a row
// of slots on first use. The pointer is valid until the next row is
// added, so callers do not keep it across a call that may add one.
func (s *state) slotOf(e, p int32) *slot {
	r := s.emps[e].row
	if r < 0 {
		r = s.newRow(e)
	}
	return &s.slots[int(r)*len(s.prods)+int(p)]
}

// newRow gives employee e a row of empty slots. Rows are added when an
// employee first uses one, not at hiring: most employees never do, and
// the table of the others stays small enough to stay in cache.
func (s *state) newRow(e int32) int32 {
	r := int32(len(s.slots) / len(s.prods))
	s.slots = append(s.slots, s.emptyRow...)
	s.emps[e].row = r
	return r
}

// slotValue is a copy of employee e's slot of product p, for reading:
// an empty slot when e has no row.
func (s *state) slotValue(e, p int32) slot {
	if r := s.emps[e].row; r >= 0 {
		return s.slots[int(r)*len(s.prods)+int(p)]
	}
	return emptySlot
}

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
	stream      sim.Stream // the stream of the attempt that created it: draws its life
	hazardAt    float64    // real time of the next buyer hazard
	assigned    int32
	holders     int32 // first holder, linked through slot.link
	nextOfBuyer int32
	start       sim.Time
	addedAt     sim.Time // R22: the day a seat was last added; -1 never
	drops       int32    // R22: seats to remove at the next renewal
}

// subRecord is what only the R15 records of a subscription need, kept
// (in state.recs, indexed like state.subs) only when a replication lists
// its subscriptions: the cold part of every subscription stays at 48
// bytes, which the charges and renewals of a large tenant touch.
type subRecord struct {
	paid     Cents
	stranded Cents
	trialEnd sim.Time // the day its trial ends (R05, R06)
	ended    sim.Time // the day nobody could use it any more; noDay while live
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
	fSeatDrop                       // R22: seats are to be removed at the next renewal (subExt.drops)
	fHistory                        // it ended during a history warm-up: not listed in R15
	fBoundary                       // see fWake and fEarly (boundary.go)
)

// orgBatch is org licences bought together, charged monthly until the
// horizon.
type orgBatch struct {
	prod   int32
	seats  int32
	anchor sim.Time
	month  int32
}

// Bytes per record that EstimateMemory (memory.go) counts for a worker's
// replication, measured on Runner and rounded up to leave room for
// garbage not yet collected; TestEstimateMemoryCovers keeps the estimate
// above the measurement, and the checks below keep each constant above
// the records it stands for.
const (
	// bytesPerEmployee: an employee (32 bytes) and its entry in
	// state.active (4), twice over for slice growth, with margin.
	bytesPerEmployee = 192
	// bytesPerSlot: a slot (8 bytes) of an employee with a row, up to
	// twice that after slice growth.
	bytesPerSlot = 32
	// bytesPerSub: a subscription's hot and cold parts, sub (32 bytes)
	// and subExt (48); the R15 part (subRecord) only when records are kept.
	bytesPerSub = 128
)

var _ [bytesPerEmployee - 2*(unsafe.Sizeof(employee{})+4)]struct{}
var _ [bytesPerSlot - 2*unsafe.Sizeof(slot{})]struct{}
var _ [bytesPerSub - unsafe.Sizeof(sub{}) - unsafe.Sizeof(subExt{})]struct{}

// isAdmin reports whether employee e is one of the tenant's admins (R12):
// the first population.admins of the headcount, who never leave.
func (s *state) isAdmin(e int32) bool { return e < s.admins }
