package model

import (
	"bufio"
	"io"
	"strconv"
	"time"

	"licsim/sim"
)

// TraceKind is a trace event's name in the contract.
type TraceKind uint8

// The trace events of the contract.
const (
	TrHire TraceKind = iota
	TrDeparture
	TrProductAdded
	TrPolicyChange
	TrTrialStart
	TrTrialExtend
	TrAutorenewOff
	TrTrialExpire
	TrConvert
	TrPurchase
	TrCharge
	TrRenewal
	TrTermEnd
	TrSeatChange
	TrAssign
	TrTakeover
	TrCancel
	TrCancelFault
	TrLicenceRequest
	TrRequestApproved
	TrRequestDenied
	TrOrgPurchase
	TrNotifyBuyer
	TrNotifyAdmin
	TrStrand     // the part of a charge paid ahead for time after the subscription strands
	TrOrgRelease // R26: org licences dropped at their term's end
	numTraceKinds
)

var traceNames = [numTraceKinds]string{
	"hire", "departure", "product_added", "policy_change", "trial_start",
	"trial_extend", "autorenew_off", "trial_expire", "convert", "purchase", "charge",
	"renewal", "term_end", "seat_change", "assign", "takeover", "cancel",
	"cancel_fault", "licence_request", "request_approved", "request_denied",
	"org_purchase", "notify_buyer", "notify_admin", "strand", "org_release",
}

func (k TraceKind) String() string { return traceNames[k] }

// Payer says who a charge is for.
type Payer uint8

// The payers of a charge.
const (
	PayNone Payer = iota
	PayBuyer
	PayOrg
)

// TraceEvent is one line of `licsim trace`. Fields that do not apply hold
// their "none" value: -1 for ids, "" for strings, 0 for seats, PayNone.
type TraceEvent struct {
	Day      sim.Time
	Kind     TraceKind
	Employee int32
	Product  string
	Sub      int32
	Seats    int32
	Term     string // "monthly", "annual" or ""
	Payer    Payer
	Amount   Cents  // on charges
	Reason   string // on charges: purchase, conversion, renewal, monthly, seat-add, refund, org-licence
	Policy   string // on policy changes
	Stranded Cents  // on strand: the part paid ahead that is stranded
}

// Tracer receives every event of a traced replication, in simulation
// order. Tracing is off when Options.Trace is nil, and then costs one
// branch per event.
type Tracer interface {
	Trace(ev *TraceEvent)
}

// JSONTracer writes trace events as JSON lines, optionally only those of
// one employee. Call Flush at the end; Err reports the first write error.
type JSONTracer struct {
	w        *bufio.Writer
	start    time.Time
	employee int32 // -1: all
	buf      []byte
	err      error
}

// NewJSONTracer writes to w; dates count from start. With employee >= 0
// only events concerning that employee are written.
func NewJSONTracer(w io.Writer, start time.Time, employee int32) *JSONTracer {
	return &JSONTracer{w: bufio.NewWriterSize(w, 64<<10), start: start, employee: employee}
}

// Trace writes one event.
func (t *JSONTracer) Trace(ev *TraceEvent) {
	if t.err != nil || (t.employee >= 0 && ev.Employee != t.employee) {
		return
	}
	b := t.buf[:0]
	b = append(b, `{"day":"`...)
	b = t.start.AddDate(0, 0, int(ev.Day)).AppendFormat(b, time.DateOnly)
	b = append(b, `","event":"`...)
	b = append(b, traceNames[ev.Kind]...)
	b = append(b, '"')
	if ev.Employee >= 0 {
		b = append(b, `,"employee":`...)
		b = strconv.AppendInt(b, int64(ev.Employee), 10)
	}
	if ev.Product != "" {
		b = append(b, `,"product":`...)
		b = strconv.AppendQuote(b, ev.Product)
	}
	if ev.Sub >= 0 {
		b = append(b, `,"sub":`...)
		b = strconv.AppendInt(b, int64(ev.Sub), 10)
	}
	if ev.Seats > 0 {
		b = append(b, `,"seats":`...)
		b = strconv.AppendInt(b, int64(ev.Seats), 10)
	}
	if ev.Term != "" {
		b = append(b, `,"term":"`...)
		b = append(b, ev.Term...)
		b = append(b, '"')
	}
	if ev.Policy != "" {
		b = append(b, `,"policy":"`...)
		b = append(b, ev.Policy...)
		b = append(b, '"')
	}
	if ev.Payer != PayNone {
		b = append(b, `,"payer":"`...)
		if ev.Payer == PayBuyer {
			b = append(b, "buyer"...)
		} else {
			b = append(b, "org"...)
		}
		b = append(b, `","amount_cents":`...)
		b = strconv.AppendInt(b, ev.Amount, 10)
	}
	if ev.Stranded != 0 {
		b = append(b, `,"stranded_cents":`...)
		b = strconv.AppendInt(b, ev.Stranded, 10)
	}
	if ev.Reason != "" {
		b = append(b, `,"reason":"`...)
		b = append(b, ev.Reason...)
		b = append(b, '"')
	}
	b = append(b, "}\n"...)
	t.buf = b
	_, t.err = t.w.Write(b)
}

// Flush writes what is buffered and returns the first error.
func (t *JSONTracer) Flush() error {
	if t.err != nil {
		return t.err
	}
	return t.w.Flush()
}

// emit fills the trace line of an event of kind about employee e,
// product p and subscription i (-1 for none); flush hands it to the
// tracer. Callers check s.tracer != nil first, so that an untraced run
// pays one branch.
func (s *state) emit(kind TraceKind, e, p, i int32, seats int32) {
	s.traceLine = TraceEvent{Day: s.sim.Now() - s.cal.origin, Kind: kind, Employee: e, Sub: i, Seats: seats}
	if p >= 0 {
		s.traceLine.Product = s.prods[p].ID
	}
}

func (s *state) flush() { s.tracer.Trace(&s.traceLine) }

// trace traces an event that needs no more fields than emit's.
func (s *state) trace(kind TraceKind, e, p, i int32, seats int32) {
	if s.tracer != nil {
		s.emit(kind, e, p, i, seats)
		s.flush()
	}
}

// traceSub traces an event about subscription i, with its buyer.
func (s *state) traceSub(kind TraceKind, i int32) {
	if s.tracer != nil {
		sb := &s.subs[i]
		s.emit(kind, sb.buyer, sb.prod, i, sb.seats)
		if sb.state == stPaid || kind == TrConvert || kind == TrPurchase {
			s.traceLine.Term = termName(sb)
		}
		s.flush()
	}
}

// termName is the contract's name of a subscription's term.
func termName(sb *sub) string {
	if sb.flags&fMonthly != 0 {
		return "monthly"
	}
	return "annual"
}

// mail tells subscription i's buyer about a change (R19).
func (s *state) mail(i int32) {
	s.totals[NotificationsBuyer]++
	s.trace(TrNotifyBuyer, s.subs[i].buyer, s.subs[i].prod, i, 0)
}
