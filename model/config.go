package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Policy is a product's self-service setting (R02). MSCommerce calls them
// Enabled, OnlyTrialsWithoutPaymentMethod and Disabled.
type Policy uint8

// The self-service policies.
const (
	Enabled Policy = iota
	TrialsOnly
	Disabled
)

var policyNames = [...]string{"enabled", "trials-only", "disabled"}

// PolicyNames lists the spellings of every Policy, in order: the scenario
// format's allowed values.
func PolicyNames() []string { return slices.Clone(policyNames[:]) }

func (p Policy) String() string { return enumString(policyNames[:], p, "Policy") }

// ParsePolicy reads "enabled", "trials-only" or "disabled".
func ParsePolicy(s string) (Policy, error) {
	return parseEnum[Policy](policyNames[:], "policy", s)
}

// Action is what admins do to a self-service subscription on a review or
// a trial-start notice (R10, R17).
type Action uint8

// The admin actions.
const (
	ActNone Action = iota
	ActCancel
	ActTakeover
)

var actionNames = [...]string{"none", "cancel", "takeover"}

// ActionNames lists the spellings of every Action, in order: the scenario
// format's allowed values.
func ActionNames() []string { return slices.Clone(actionNames[:]) }

func (a Action) String() string { return enumString(actionNames[:], a, "Action") }

// ParseAction reads "none", "cancel" or "takeover".
func ParseAction(s string) (Action, error) {
	return parseEnum[Action](actionNames[:], "action", s)
}

// Short is what a takeover does when too few spare org licences exist.
type Short uint8

// The choices when a takeover is short of org licences.
const (
	ShortBuy Short = iota
	ShortCancel
	ShortSkip
)

var shortNames = [...]string{"buy", "cancel", "skip"}

// ShortNames lists the spellings of every Short, in order: the scenario
// format's allowed values.
func ShortNames() []string { return slices.Clone(shortNames[:]) }

func (s Short) String() string { return enumString(shortNames[:], s, "Short") }

// ParseShort reads "buy", "cancel" or "skip".
func ParseShort(s string) (Short, error) {
	return parseEnum[Short](shortNames[:], "when_short", s)
}

// Departure is what admins do to a leaver's subscriptions (R11).
type Departure uint8

// The admin reactions to a buyer's departure.
const (
	DepNone Departure = iota
	DepCancel
	DepReassign
)

var departureNames = [...]string{"none", "cancel", "reassign"}

// DepartureNames lists the spellings of every Departure, in order: the scenario
// format's allowed values.
func DepartureNames() []string { return slices.Clone(departureNames[:]) }

func (d Departure) String() string { return enumString(departureNames[:], d, "Departure") }

// ParseDeparture reads "none", "cancel" or "reassign".
func ParseDeparture(s string) (Departure, error) {
	return parseEnum[Departure](departureNames[:], "on_departure", s)
}

// Billing is how an annual term is charged (R09).
type Billing uint8

// The billing plans of an annual term.
const (
	BillMonthly Billing = iota // price_annual × seats every month of the term
	BillUpfront                // 12 × price_annual × seats at the start
)

var billingNames = [...]string{"monthly", "upfront"}

// BillingNames lists the spellings of every Billing, in order: the scenario
// format's allowed values.
func BillingNames() []string { return slices.Clone(billingNames[:]) }

func (b Billing) String() string { return enumString(billingNames[:], b, "Billing") }

// ParseBilling reads "monthly" or "upfront".
func ParseBilling(s string) (Billing, error) {
	return parseEnum[Billing](billingNames[:], "annual_billing", s)
}

// Config is one scenario, fully resolved: every default applied, money in
// cents, rates per year, dates as UTC midnights. The scenarios package
// builds it from TOML; the model reads it and never changes it, so one
// Config can serve many goroutines.
type Config struct {
	Name         string
	Start        time.Time // day 0
	Months       int       // horizon: Start plus Months calendar months, exclusive
	Currency     string    // ISO 4217 code, for reports
	Seed         uint64    // base seed; replication r uses Mix(Seed, r)
	Replications int

	Population    Population
	Admin         Admin
	Products      []Product
	PolicyChanges []PolicyChange
	Growth        Growth
	Commerce      Commerce
	// Existing are the self-service subscriptions live on Start (the
	// tenant's state; see existing.go).
	Existing []Existing
	// History warms the tenant up: the run starts at HistoryStart and
	// reports from Start on (see history.go). It excludes Existing.
	// (Omitted when unset, so the hash of a Config without it, which
	// names a run's parts, is what it was before it existed.)
	History bool `json:",omitempty"`
	// HistoryStart is where a warm-up starts; zero: the earliest
	// product's Added date, at most MaxHistoryYears before Start.
	HistoryStart time.Time `json:",omitzero"`
}

// Existing is one line of a tenant's state at start: Count identical
// self-service subscriptions, each with its own buyer, live on Start.
// From Start on they live by the same rules as subscriptions bought
// during the run.
type Existing struct {
	Product   string // a product id of Config.Products
	Count     int    // identical subscriptions, different buyers; at least 1
	Seats     int    // seats paid for, at least 1
	Assigned  int    // seats held by employees, 0..Seats (the buyer's included while employed)
	Monthly   bool   // monthly term, else annual
	Upfront   bool   // an annual term billed up front, else monthly
	Autorenew bool   // auto-renew is on
	BuyerLeft bool   // the buyer left before Start: its charges are stranded
	// TermStart is the day the current term started (a paid
	// subscription) or the trial started, on or before Start. A paid
	// monthly term renews one month after it, an annual term twelve.
	TermStart time.Time
	// Started is the day the subscription was first created (its trial
	// or purchase), on or before TermStart; zero: TermStart.
	Started time.Time
	// Trial: it is still a free trial, ending on TrialEnd (on or after
	// Start); Card: a card was given, so it converts then unless
	// auto-renew is off.
	Trial    bool
	TrialEnd time.Time
	Card     bool
}

// Commerce is how Microsoft bills and refunds self-service purchases
// (R20–R22, microsoft-program.md §4): the rules that are the same for
// every product.
type Commerce struct {
	// RefundWindowDays (R21, R22): a cancel within this many days of a
	// purchase or renewal ends the subscription with a prorated refund; a
	// seat can be removed within it of buying, renewing or adding it.
	// 7 for self-service (B1, B4; U11); 0 turns refunds off.
	RefundWindowDays int
	// AdminCancel is what an admin's cancel does (U5).
	AdminCancel AdminCancel
	// MonthlyBillingPremium (R20): an annual term billed monthly costs
	// this share more than one paid up front (0.05, B3, B11), on charges
	// dated on or after MonthlyBillingPremiumFrom (zero: always).
	MonthlyBillingPremium     float64
	MonthlyBillingPremiumFrom time.Time
}

// AdminCancel is what an admin's cancel of a paid subscription does (R21, U5).
type AdminCancel uint8

// The admin cancel modes.
const (
	// CancelWindow: as a buyer's cancel (R21): within the refund window
	// it ends the subscription with a prorated refund; after it, it
	// turns auto-renew off and the term runs (with access) to its end.
	CancelWindow AdminCancel = iota
	// CancelEndAccess: the contract's first reading: access ends at
	// once, nothing is refunded and the buyer pays to the term's end.
	CancelEndAccess
)

var adminCancelNames = [...]string{"window", "end-access"}

// AdminCancelNames lists the spellings of every AdminCancel, in order.
func AdminCancelNames() []string { return slices.Clone(adminCancelNames[:]) }

func (a AdminCancel) String() string { return enumString(adminCancelNames[:], a, "AdminCancel") }

// ParseAdminCancel reads "window" or "end-access".
func ParseAdminCancel(s string) (AdminCancel, error) {
	return parseEnum[AdminCancel](adminCancelNames[:], "admin_cancel", s)
}

// Notices is how admins learn of self-service activity (R14, R24).
type Notices uint8

// The notice modes.
const (
	// NoticesMicrosoft (R24): a weekly digest of each product's first
	// trial in the tenant, and a notice of each purchase (a trial's
	// conversion included).
	NoticesMicrosoft Notices = iota
	// NoticesPerTrial: the seed's reading (R14): a notice per trial start.
	NoticesPerTrial
)

var noticeNames = [...]string{"microsoft", "per-trial"}

// NoticeNames lists the spellings of every Notices, in order.
func NoticeNames() []string { return slices.Clone(noticeNames[:]) }

func (n Notices) String() string { return enumString(noticeNames[:], n, "Notices") }

// ParseNotices reads "microsoft" or "per-trial".
func ParseNotices(s string) (Notices, error) {
	return parseEnum[Notices](noticeNames[:], "notices", s)
}

// OrgRelease is what happens to an org licence whose holder left (R26).
type OrgRelease uint8

// The choices for a leaver's org licence.
const (
	// OrgReleaseAtTerm: it becomes spare, goes to the next employee who
	// needs one, and is dropped (no longer charged) at its batch's term
	// end if nobody took it.
	OrgReleaseAtTerm OrgRelease = iota
	// OrgKeep: it stays spare and charged until the horizon.
	OrgKeep
)

var orgReleaseNames = [...]string{"release", "keep"}

// OrgReleaseNames lists the spellings of every OrgRelease, in order.
func OrgReleaseNames() []string { return slices.Clone(orgReleaseNames[:]) }

func (o OrgRelease) String() string { return enumString(orgReleaseNames[:], o, "OrgRelease") }

// ParseOrgRelease reads "release" or "keep".
func ParseOrgRelease(s string) (OrgRelease, error) {
	return parseEnum[OrgRelease](orgReleaseNames[:], "org_on_departure", s)
}

// Population is the workforce.
type Population struct {
	Headcount        int     // employees at start, admins included
	Admins           int     // billing/global admins among them (R12); they never leave
	HiresPerMonth    float64 // expected hires per month (Poisson process)
	AttritionPerYear float64 // share of employees leaving within a year
}

// Admin is what the organisation does.
type Admin struct {
	ReviewEveryDays     int       // periodic review; 0 = never
	OnReview            Action    // what a review does to each live subscription
	WhenShort           Short     // takeover with too few spare org licences
	NotifyDelivery      float64   // R14: probability a trial-start notice arrives
	OnNotice            Action    // what admins do on a notice
	NoticeDelayDays     int       // days from notice to action
	OnDeparture         Departure // R11: what admins do to a leaver's subscriptions
	DepartureDelayDays  int       // days from departure to action
	RequestApproval     float64   // R13: probability a licence request is approved
	RequestDelayDays    int       // days from request to decision
	DisableNewAfterDays int       // R01: disable products added during the run N days after; -1 never
	CancelFault         float64   // R18: probability a cancel within the refund window only turns auto-renew off (an extra; 0 by default)
	ReviewTrials        bool      // reviews act on trials too, not only on paid subscriptions
	Notices             Notices   // R14, R24: which notices admins get
	ActOnTrialDigest    bool      // R24: on_notice also acts on the trial digest's subscriptions
	OrgTermMonths       int       // R26: term of an org licence batch, in months
	OrgOnDeparture      OrgRelease
}

// Behaviour is how employees treat one product.
type Behaviour struct {
	InterestPerYear     float64 // attempts per eligible employee per year
	CardGiven           float64 // probability of entering a card at a trial
	AutorenewOffInTrial float64 // R05: auto-renew turned off before trial end
	ExtendTrial         float64 // R06: trial extended once by 30 days
	MonthlyTerm         float64 // R09: share of paid subscriptions on a monthly term
	AnnualBilling       Billing // how annual terms are charged
	SeatsMean           float64 // seats per subscription: 1 + Poisson(SeatsMean-1)
	QuitPerYear         float64 // hazard a paying buyer turns auto-renew off
	SeatChangePerYear   float64 // R16: hazard a paying buyer adds or removes a seat
	RequestWhenBlocked  float64 // R13: a blocked employee sends a licence request
	LeaverStopsRenewal  float64 // R11: a leaver's subscription will not renew (a coin at departure)
	LeaverStopPerYear   float64 // R25: hazard per year after the buyer left that the subscription stops renewing
	ExpensedShare       float64 // R27: share of the buyer's spend the company reimburses
}

// Product is one self-service product (R01–R09).
type Product struct {
	ID             string
	Name           string
	Added          time.Time // entered the self-service catalog (R01)
	Policy         Policy    // policy at start, or when added during the run
	TrialDays      int       // 0: no trial (R03); at most 60
	TrialNeedsCard bool      // R04
	PriceAnnual    Cents     // per seat per month, annual term
	PriceMonthly   Cents     // per seat per month, monthly term
	OrgPrice       Cents     // per seat per month, equivalent org licence
	OrgSpare       int       // unassigned org licences at start (sunk)
	OrgAssigned    int       // org licences held by employees at start (sunk)
	// TrialUsedShare (R08) is the share of the employees at start who
	// have used their one trial of the product already.
	TrialUsedShare float64
	// PriceSteps (R20): list prices from a date on, dates strictly
	// increasing. On a day before the first step, PriceAnnual and
	// PriceMonthly apply; from a step's date on, its prices.
	PriceSteps []PriceStep
	Behaviour
}

// PriceStep is a product's list price from a date on (R20).
type PriceStep struct {
	From    time.Time
	Annual  Cents // per seat per month, annual term
	Monthly Cents // per seat per month, monthly term
}

// PolicyChange is an admin changing a policy on a date (R02).
type PolicyChange struct {
	Date    time.Time
	Product string // a product id, or "*" for every product existing then
	Policy  Policy
}

// AllProducts is the PolicyChange.Product that means every product.
const AllProducts = "*"

// Growth is Microsoft adding products during the run (R01). New products
// are enabled unless admins act.
type Growth struct {
	PerYear        float64 // expected new products per year (Poisson)
	PriceAnnualMin Cents   // price_annual drawn uniformly from [min, max]
	PriceAnnualMax Cents
	MonthlyPremium float64 // price_monthly = price_annual × (1 + premium); 0.2 by default
	TrialDays      int
	TrialNeedsCard bool
	Behaviour
}

// enumString is an enum's spelling, or typ(v) for a value out of range.
func enumString[E ~uint8](names []string, v E, typ string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

// parseEnum reads one of names as the enum value at its index; key names
// the scenario key in the error.
func parseEnum[E ~uint8](names []string, key, s string) (E, error) {
	if i := slices.Index(names, s); i >= 0 {
		return E(i), nil
	}
	return 0, fmt.Errorf("unknown %s %q (allowed: %s)", key, s, strings.Join(names, ", "))
}
