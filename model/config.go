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
	CancelFault         float64   // R18: probability a cancel only turns auto-renew off
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
	LeaverStopsRenewal  float64 // R11: a leaver's subscription will not renew
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
	Behaviour
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
