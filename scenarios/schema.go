package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"licsim/model"
)

// kind is a key's value type as written in the file.
type kind uint8

const (
	kString     kind = iota
	kInt             // a whole number (an integral float such as 1e5 is accepted)
	kFloat           // a number
	kBool            // true or false
	kDate            // a TOML local date: 2025-01-01
	kMoney           // currency units with at most 2 decimals: 5.00
	kMoneyRange      // [min, max] in currency units
	kEnum            // one of choices, as a string
)

// typeName is how messages and docs call a kind.
func (k kind) typeName() string {
	return [...]string{"string", "whole number", "number", "true or false", "date", "amount", "[min, max] amounts", "string"}[k]
}

// spec is one key of the scenario format. The table of specs below is the
// single source of truth: decoding, range checks, messages, `licsim
// init`, `--set` and the key tables of README.md are all built from it,
// so they cannot drift apart.
type spec struct {
	table   string // "" for top-level keys, else the table's name
	name    string
	kind    kind
	def     any    // the default as a Go value (int64, float64, string, bool, [2]float64); nil: see defDoc
	defDoc  string // the default when it is not a plain value ("required", "from the catalog, else 30")
	lo, hi  float64
	hiOpen  bool     // hi itself is not allowed ([0, 1))
	choices []string // kEnum
	allowed string   // how the allowed values read, when not derived from lo/hi/choices
	unit    string
	rule    string // the domain rule it belongs to (R01–R19), if any
	doc     string
	example string // TOML value text for docs; the default when empty
}

// path is the key as written in a file: "population.headcount",
// "product.price.from".
func (s *spec) path() string {
	switch s.table {
	case "":
		return s.name
	case tPrice:
		return tProduct + "." + tPrice + "." + s.name
	}
	return s.table + "." + s.name
}

// Limits of the format, stricter than model.Check where a tighter bound
// is plainly sane; README.md documents each.
const (
	maxDays    = 3650                 // delays and review periods: ten years
	maxRate    = 365.0                // events per year: at most one a day on average
	maxHires   = 100_000.0            // hires per month
	maxMoney   = model.MaxCents / 100 // currency units per seat per month
	maxNameLen = 200
	maxIDLen   = 64
	maxGrowth  = 100.0 // new products per year
	minYear    = 1970
	maxYear    = 2199
)

// Table names, in the order they appear in a file.
const (
	tTop        = ""
	tPopulation = "population"
	tAdmin      = "admin"
	tProduct    = "product"
	tChange     = "policy_change"
	tGrowth     = "catalog_growth"
	tBilling    = "billing"
	tPrice      = "price" // [[product.price]], inside a product
	tExisting   = "existing"
	tUncertain  = "uncertain"
)

func prob(tableName, name string, def float64, rule, doc string) *spec {
	return &spec{table: tableName, name: name, kind: kFloat, def: def, lo: 0, hi: 1, unit: "probability", rule: rule, doc: doc}
}

func days(tableName, name string, def int64, rule, doc string) *spec {
	return &spec{table: tableName, name: name, kind: kInt, def: def, lo: 0, hi: maxDays, unit: "days", rule: rule, doc: doc}
}

func perYear(tableName, name string, def float64, rule, doc string) *spec {
	return &spec{table: tableName, name: name, kind: kFloat, def: def, lo: 0, hi: maxRate, unit: "per year", rule: rule, doc: doc}
}

// behaviour lists the keys of how employees treat a product; they appear
// in [[product]] and in [catalog_growth] (tableName).
func behaviour(tableName string, interest float64) []*spec {
	return []*spec{
		perYear(tableName, "interest_per_year", interest, "R01", "expected attempts (a trial or a purchase) per eligible employee per year, while the employee holds no seat of the product"),
		prob(tableName, "card_given", 0.6, "R04", "at a trial, probability the employee enters a payment card"),
		prob(tableName, "autorenew_off_in_trial", 0.5, "R05", "probability a buyer turns auto-renew off before a trial with a card ends"),
		prob(tableName, "extend_trial", 0.1, "R06", fmt.Sprintf("probability a trial is extended once by %d days", model.ExtensionDays)),
		prob(tableName, "monthly_term", 0.7, "R09", "share of paid subscriptions on a monthly term (the rest are annual)"),
		{table: tableName, name: "annual_billing", kind: kEnum, def: "monthly", choices: model.BillingNames(), rule: "R09", doc: `how an annual term is charged: "monthly" (price_annual × seats every month) or "upfront" (12 × price_annual × seats at the start)`},
		{table: tableName, name: "seats_mean", kind: kFloat, def: 1.2, lo: 1, hi: model.MaxSeatsMean, unit: "seats", rule: "R16", doc: "mean seats per subscription: 1 + Poisson(seats_mean − 1)"},
		perYear(tableName, "quit_per_year", 0.3, "R05", "hazard that a paying buyer turns auto-renew off"),
		perYear(tableName, "seat_change_per_year", 0.1, "R16", "hazard that a paying buyer adds or removes one seat"),
		prob(tableName, "request_when_blocked", 0.3, "R13", "probability a blocked employee sends the admins a licence request"),
		prob(tableName, "leaver_stops_renewal", 0.0, "R11", "probability a leaving buyer's subscription will not renew, decided once at the departure (the contract's coin; leaver_stop_per_year replaces it)"),
		perYear(tableName, "leaver_stop_per_year", 0.7, "R25", "hazard, after the buyer left, that their subscription stops renewing (card expiry, noticing the charge); 0.7 stops about half within a year (U4: undocumented)"),
		{table: tableName, name: "expensed_share", kind: kFloat, defDoc: "billing.expensed_share", lo: 0, hi: 1, unit: "share", rule: "R27", doc: "share of the buyers' spend on it that the company reimburses as expense claims", example: "0.5"},
	}
}

// specs is every key of the format, in file order.
var specs = func() []*spec {
	s := []*spec{
		{table: tTop, name: "name", kind: kString, defDoc: "required", allowed: fmt.Sprintf("1 to %d characters, one line", maxNameLen), doc: "title of the scenario, shown in reports", example: `"Baseline: self-service left on"`},
		{table: tTop, name: "start", kind: kDate, defDoc: "required", unit: "date", doc: "day 0 of the simulation; also picks the catalog price in force that day", example: "2025-01-01"},
		{table: tTop, name: "months", kind: kInt, def: int64(36), lo: 1, hi: model.MaxMonths, unit: "calendar months", doc: "horizon: start plus this many calendar months, exclusive"},
		{table: tTop, name: "currency", kind: kString, def: "USD", allowed: "a 3-letter ISO 4217 code in capitals, such as USD or EUR", doc: "currency of every amount in the file; the built-in catalog prices are USD"},
		{table: tTop, name: "seed", kind: kInt, def: int64(1), lo: 0, hi: math.MaxInt64, allowed: "0 to 9223372036854775807", doc: "base seed; replication r draws from a seed mixed from it and r"},
		{table: tTop, name: "replications", kind: kInt, def: int64(200), lo: 1, hi: model.MaxReplications, doc: "independent seeded runs whose results are summarised"},
		{table: tTop, name: "history", kind: kEnum, def: "none", choices: []string{"none", "simulate"}, doc: `"simulate" warms the tenant up: the same scenario runs from history_start up to start and reports only from start on (a tenant that has had self-service on for years: its subscriptions, used trials, leavers and pending requests on start). Money before start is reported nowhere (totals, monthly series, subscriptions.csv amounts, trace), and a charge made before start is never refunded or stranded; subscriptions that ended before start are not listed. Prices are start's throughout; catalog_growth adds products from start on; [admin] is the admins' policy from start on (in the warm-up they only decide licence requests); a policy change dated on start applies on start, after the warm-up; the warm-up starts from the headcount that hires and attrition bring to population.headcount on start, in expectation. Not with [[existing]], which gives the state at start instead`, example: `"simulate"`},
		{table: tTop, name: "history_start", kind: kDate, defDoc: fmt.Sprintf("the earliest product's added date, at most %d years before start", model.MaxHistoryYears), allowed: fmt.Sprintf("a date on or before start, at most %d years before it", model.MaxHistoryYears), unit: "date", doc: `where the warm-up of history = "simulate" starts`, example: "2020-01-01"},

		{table: tPopulation, name: "headcount", kind: kInt, def: int64(2000), lo: 0, hi: model.MaxEmployees, unit: "employees", doc: "employees at start, admins included"},
		{table: tPopulation, name: "admins", kind: kInt, def: int64(4), lo: 0, hi: model.MaxEmployees, allowed: "0 to headcount", unit: "employees", rule: "R12", doc: "billing/global admins among them; they never self-serve and never leave"},
		{table: tPopulation, name: "hires_per_month", kind: kFloat, def: 15.0, lo: 0, hi: maxHires, unit: "employees per month", doc: "expected hires per month (a Poisson process)"},
		{table: tPopulation, name: "attrition_per_year", kind: kFloat, def: 0.15, lo: 0, hi: 1, hiOpen: true, unit: "share per year", rule: "R11", doc: "expected share of non-admin employees leaving within a year (exponential tenure)"},

		days(tAdmin, "review_every_days", 0, "R10", "periodic review of live self-service subscriptions; 0 = never"),
		{table: tAdmin, name: "on_review", kind: kEnum, def: "none", choices: model.ActionNames(), rule: "R17", doc: "what a review does to each live self-service subscription"},
		{table: tAdmin, name: "when_short", kind: kEnum, def: "cancel", choices: model.ShortNames(), rule: "R17", doc: "a takeover with too few spare org licences: buy the missing ones, cancel without takeover, or skip"},
		prob(tAdmin, "notify_delivery", 0.5, "R14", "probability a notice (R24) reaches the admins"),
		{table: tAdmin, name: "on_notice", kind: kEnum, def: "none", choices: model.ActionNames(), rule: "R24", doc: "what admins do to a subscription whose notice reached them (see notices)"},
		days(tAdmin, "notice_delay_days", 7, "R14", "days from a notice to the admins' action"),
		{table: tAdmin, name: "on_departure", kind: kEnum, def: "none", choices: model.DepartureNames(), rule: "R11", doc: "what admins do to a leaver's subscriptions: nothing, cancel them, or reassign the freed seats"},
		days(tAdmin, "departure_delay_days", 30, "R11", "days from a buyer's departure to the admins' action"),
		prob(tAdmin, "request_approval", 0.5, "R13", "probability a licence request is approved (the org provides a licence)"),
		days(tAdmin, "request_delay_days", 5, "R13", "days from a licence request to its decision"),
		{table: tAdmin, name: "disable_new_after_days", kind: kInt, def: int64(-1), lo: -1, hi: maxDays, allowed: "-1 (never) or 0 to " + groupInt(maxDays), unit: "days", rule: "R01", doc: "admins disable a product added during the run this many days after it appears; -1 = never"},
		prob(tAdmin, "cancel_fault", 0.0, "R18", "probability an admin cancel only turns auto-renew off; an extra, off by default: the seed's failed cancel is R21's documented behaviour after the 7-day window"),
		{table: tAdmin, name: "review_trials", kind: kBool, def: false, rule: "R17", doc: "reviews act on trials too; by default only on paid subscriptions"},
		{table: tAdmin, name: "notices", kind: kEnum, def: "microsoft", choices: model.NoticeNames(), rule: "R24", doc: `which notices admins get: "microsoft" (a weekly digest of each product's first trial, and each purchase) or "per-trial" (the seed's reading: one per trial start, none for purchases)`},
		{table: tAdmin, name: "act_on_trial_digest", kind: kBool, def: false, rule: "R24", doc: "with notices = \"microsoft\", on_notice also acts on the trial a weekly digest reports (by default it acts on purchase notices only)"},
		{table: tAdmin, name: "org_term_months", kind: kInt, def: int64(12), lo: 1, hi: model.MaxOrgTermMonths, unit: "months", rule: "R26", doc: "term of the org licences bought for takeovers, requests and admins; charged monthly"},
		{table: tAdmin, name: "org_on_departure", kind: kEnum, def: "release", choices: model.OrgReleaseNames(), rule: "R26", doc: `a leaver's org licence: "release" (spare for the next employee who needs one, dropped at its term's end if nobody does) or "keep" (spare and charged to the horizon)`},

		{table: tProduct, name: "id", kind: kString, defDoc: "required", allowed: fmt.Sprintf("1 to %d letters, digits, - or _, unique, not starting with %q", maxIDLen, model.GrowthPrefix), rule: "R01", doc: "product id; a built-in catalog id (see `licsim catalog`) inherits the catalog's values", example: `"visio-plan-1"`},
		{table: tProduct, name: "name", kind: kString, defDoc: "the catalog's name, else the id", allowed: fmt.Sprintf("1 to %d characters, one line", maxNameLen), doc: "product name shown in reports", example: `"Visio Plan 1"`},
		{table: tProduct, name: "added", kind: kDate, defDoc: "the catalog's date; required for other products", unit: "date", rule: "R01", doc: "date the product entered the self-service catalog; it exists only from then", example: "2020-01-14"},
		{table: tProduct, name: "policy", kind: kEnum, def: "enabled", choices: model.PolicyNames(), rule: "R02", doc: "self-service policy at start (or when the product is added)"},
		{table: tProduct, name: "trial_days", kind: kInt, defDoc: "the catalog's, else 30", lo: 0, hi: model.MaxTrialDays, unit: "days", rule: "R03", doc: "length of the free trial; 0 = no trial offered", example: "30"},
		{table: tProduct, name: "trial_needs_card", kind: kBool, defDoc: "the catalog's, else true", rule: "R04", doc: "the trial requires a payment card", example: "true"},
		{table: tProduct, name: "price_annual", kind: kMoney, defDoc: "the catalog's price in force at start; required for other products", unit: "currency per seat per month", rule: "R09", doc: "price per seat per month on an annual term", example: "5.00"},
		{table: tProduct, name: "price_monthly", kind: kMoney, defDoc: "1.2 × price_annual when price_annual is in the file, else the catalog's", unit: "currency per seat per month", rule: "R09", doc: "price per seat per month on a monthly term", example: "6.00"},
		{table: tProduct, name: "org_price", kind: kMoney, defDoc: "price_annual", unit: "currency per seat per month", rule: "R17", doc: "price per seat per month of the equivalent org licence", example: "5.00"},
		{table: tProduct, name: "mscommerce_id", kind: kString, defDoc: "the catalog's ProductId, else none", allowed: "a ProductId such as CFQ7TTC0H9MP, unique", rule: "R02", doc: "the product's MSCommerce ProductId; a policy change may name the product by it (or by an older id the catalog lists)", example: `"CFQ7TTC0HD33"`},
		{table: tProduct, name: "org_spare", kind: kInt, def: int64(0), lo: 0, hi: model.MaxEmployees, unit: "licences", rule: "R17", doc: "unassigned equivalent org licences at start (already paid for, never charged)"},
		{table: tProduct, name: "org_assigned", kind: kInt, def: int64(0), lo: 0, hi: model.MaxEmployees, unit: "licences", rule: "R17", doc: "equivalent org licences held by employees at start (already paid for, never charged): their holders never attempt the product, and a leaver's becomes spare (R26)"},
		prob(tProduct, "trial_used_share", 0.0, "R08", "share of the employees at start who already used their one trial of the product"),
	}
	s = append(s, behaviour(tProduct, 0.05)...)
	s = append(s,
		&spec{table: tPrice, name: "from", kind: kDate, defDoc: "required", unit: "date", rule: "R20", doc: "the day this price applies from; dates strictly increasing within a product", example: "2026-07-01"},
		&spec{table: tPrice, name: "price_annual", kind: kMoney, defDoc: "required", unit: "currency per seat per month", rule: "R20", doc: "the annual-term price from that day", example: "16.00"},
		&spec{table: tPrice, name: "price_monthly", kind: kMoney, defDoc: "1.2 × price_annual", unit: "currency per seat per month", rule: "R20", doc: "the monthly-term price from that day", example: "19.20"},

		&spec{table: tChange, name: "date", kind: kDate, defDoc: "required", unit: "date", rule: "R02", doc: "the day the change applies (at its start); a date before start applies at start", example: "2026-07-01"},
		&spec{table: tChange, name: "product", kind: kString, defDoc: "required", allowed: "a product id of this scenario, its MSCommerce ProductId (current or older), or * for every product existing then", rule: "R02", doc: "the product whose policy changes", example: `"*"`},
		&spec{table: tChange, name: "policy", kind: kEnum, defDoc: "required", choices: model.PolicyNames(), rule: "R02", doc: "the new policy", example: `"disabled"`},

		&spec{table: tExisting, name: "product", kind: kString, defDoc: "required", allowed: "a product id of this scenario, or its MSCommerce ProductId (current or older)", rule: "R15", doc: "the product of a self-service subscription live on start", example: `"power-bi-pro"`},
		&spec{table: tExisting, name: "count", kind: kInt, def: int64(1), lo: 1, hi: model.MaxExistingCount, unit: "subscriptions", rule: "R15", doc: "identical subscriptions this line stands for, each with its own buyer"},
		&spec{table: tExisting, name: "seats", kind: kInt, def: int64(1), lo: 1, hi: model.MaxEmployees, unit: "seats", rule: "R16", doc: "seats paid for (Graph totalLicenses)"},
		&spec{table: tExisting, name: "assigned", kind: kInt, defDoc: "seats, or seats − 1 when the buyer left", lo: 0, hi: model.MaxEmployees, allowed: "0 to seats", unit: "seats", rule: "R16", doc: "seats held by employees on start, the buyer's included while employed", example: "1"},
		&spec{table: tExisting, name: "term", kind: kEnum, def: "monthly", choices: []string{"monthly", "annual"}, rule: "R09", doc: "the term (for a trial: the term it converts to)"},
		&spec{table: tExisting, name: "billing", kind: kEnum, def: "monthly", choices: model.BillingNames(), rule: "R09", doc: `how an annual term is charged: "monthly" or "upfront"`},
		&spec{table: tExisting, name: "term_start", kind: kDate, defDoc: "required", unit: "date", rule: "R09", doc: "the day the current term started (a trial: the day it started), on or before start and less than a term before it; the next renewal is a term later (the same day of the month, clamped), its refund window (R21) passed before the run", example: "2024-11-15"},
		&spec{table: tExisting, name: "started", kind: kDate, defDoc: "term_start", unit: "date", rule: "R15", doc: "the day the subscription was first created (its trial or purchase), shown in subscriptions.csv", example: "2023-03-01"},
		&spec{table: tExisting, name: "autorenew", kind: kBool, def: true, rule: "R05", doc: "auto-renew is on (a trial: it converts at its end when a card was given)"},
		&spec{table: tExisting, name: "trial", kind: kBool, def: false, rule: "R03", doc: "it is still a free trial"},
		&spec{table: tExisting, name: "trial_end", kind: kDate, defDoc: "required when trial = true", unit: "date", rule: "R05", doc: "the day the trial ends (Graph nextLifecycleDateTime), on or after start", example: "2025-01-20"},
		&spec{table: tExisting, name: "card", kind: kBool, defDoc: "the product's trial_needs_card", rule: "R04", doc: "a trial with a payment card: it converts to paid at its end unless auto-renew is off", example: "true"},
		&spec{table: tExisting, name: "buyer_left", kind: kBool, def: false, rule: "R25", doc: "the buyer left before start: the subscription is orphaned, every charge from start is stranded, and R25's hazard applies from start"},

		&spec{table: tGrowth, name: "per_year", kind: kFloat, def: 2.0, lo: 0, hi: maxGrowth, unit: "products per year", rule: "R01", doc: "expected products Microsoft adds to the self-service catalog per year (Poisson); they start enabled"},
		&spec{table: tGrowth, name: "price_annual", kind: kMoneyRange, def: [2]float64{4, 30}, unit: "currency per seat per month", rule: "R09", doc: "annual-term price of a new product, drawn uniformly from [min, max]"},
		&spec{table: tGrowth, name: "monthly_premium", kind: kFloat, def: 0.2, lo: 0, hi: 10, unit: "share", rule: "R09", doc: "a new product's price_monthly is price_annual × (1 + monthly_premium)"},
		&spec{table: tGrowth, name: "trial_days", kind: kInt, def: int64(30), lo: 0, hi: model.MaxTrialDays, unit: "days", rule: "R03", doc: "trial length of new products; 0 = no trial"},
		&spec{table: tGrowth, name: "trial_needs_card", kind: kBool, def: true, rule: "R04", doc: "new products' trials require a card"},
	)
	s = append(s, behaviour(tGrowth, 0.02)...)
	s = append(s,
		&spec{table: tBilling, name: "refund_window_days", kind: kInt, def: int64(7), lo: 0, hi: model.MaxWindowDays, unit: "days", rule: "R21", doc: "a cancel within this many days of a purchase or renewal ends the subscription with a prorated refund; seats can be removed within it of buying, renewing or adding them (R22); 0 = no refunds (U11: 7 days for self-service)"},
		&spec{table: tBilling, name: "admin_cancel", kind: kEnum, def: "window", choices: model.AdminCancelNames(), rule: "R21", doc: `an admin's cancel: "window" (as a buyer's: a refund within the window, else auto-renew off and the term runs out with access) or "end-access" (access ends at once, the buyer pays to the term's end: the contract's first reading) (U5)`},
		&spec{table: tBilling, name: "monthly_billing_premium", kind: kFloat, defDoc: "the catalog's: 0.05", lo: 0, hi: 1, unit: "share", rule: "R20", doc: "an annual term billed monthly costs this much more than one paid up front, on charges from monthly_billing_premium_from on", example: "0.05"},
		&spec{table: tBilling, name: "monthly_billing_premium_from", kind: kDate, defDoc: "the catalog's: 2025-04-01", unit: "date", rule: "R20", doc: "the day the monthly-billing premium starts", example: "2025-04-01"},
		&spec{table: tBilling, name: "expensed_share", kind: kFloat, def: 0.0, lo: 0, hi: 1, unit: "share", rule: "R27", doc: "share of the buyers' self-service spend the company reimburses as expense claims, for every product that does not set its own"},

		&spec{table: tUncertain, name: "key", kind: kString, defDoc: "required", allowed: "a numeric key as --set takes it (product.ID.KEY, product.*.KEY, population.KEY, ...), not seed or replications, once per file", doc: "an input the scenario's author is unsure of; licsim sensitivity varies it over [low, high] (and the run uses the value the file gives)", example: `"product.*.card_given"`},
		&spec{table: tUncertain, name: "low", kind: kFloat, defDoc: "required", lo: math.Inf(-1), hi: math.Inf(1), allowed: "a value key accepts, at most high", doc: "the lowest plausible value of key", example: "0.4"},
		&spec{table: tUncertain, name: "high", kind: kFloat, defDoc: "required", lo: math.Inf(-1), hi: math.Inf(1), allowed: "a value key accepts, at least low", doc: "the highest plausible value of key", example: "0.8"},
	)
	return s
}()

// tableSpecs lists the keys of each table, in file order.
var tableSpecs = func() map[string][]*spec {
	m := map[string][]*spec{}
	for _, s := range specs {
		m[s.table] = append(m[s.table], s)
	}
	return m
}()

// lookup finds the spec of key name in the table tableName.
func lookup(tableName, name string) *spec {
	for _, s := range tableSpecs[tableName] {
		if s.name == name {
			return s
		}
	}
	return nil
}

// tables are the sub-tables of a file: name → true when it is an array
// of tables ([[product]]).
var tables = map[string]bool{tPopulation: false, tAdmin: false, tProduct: true, tChange: true, tGrowth: false, tBilling: false, tExisting: true, tUncertain: true}

// subTables are the arrays of tables inside a table: [[product.price]].
var subTables = map[string][]string{tProduct: {tPrice}}

// tableOrder is the order tables are documented and templated in.
var tableOrder = []string{tTop, tPopulation, tAdmin, tProduct, tPrice, tChange, tGrowth, tBilling, tExisting, tUncertain}

// allowedText describes the values a key accepts, for messages and docs.
func (s *spec) allowedText() string {
	if s.allowed != "" {
		return s.allowed
	}
	switch s.kind {
	case kEnum:
		return strings.Join(s.choices, ", ")
	case kBool:
		return "true or false"
	case kDate:
		return fmt.Sprintf("a date from %d-01-01 to %d-12-31", minYear, maxYear)
	case kMoney:
		return fmt.Sprintf("0.00 to %s, at most 2 decimals", groupInt(maxMoney)+".00")
	case kMoneyRange:
		return fmt.Sprintf("[min, max] with 0.00 <= min <= max <= %s, at most 2 decimals", groupInt(maxMoney)+".00")
	case kInt:
		return groupInt(int64(s.lo)) + " to " + groupInt(int64(s.hi))
	case kFloat:
		if s.hiOpen {
			return fmt.Sprintf("%s up to, not including, %s", fnum(s.lo), fnum(s.hi))
		}
		return fnum(s.lo) + " to " + fnum(s.hi)
	}
	return ""
}

// defText is the default as docs show it.
func (s *spec) defText() string {
	if s.def == nil {
		return s.defDoc
	}
	return tomlText(s.def, s.kind)
}

// tomlText writes a default as TOML source.
func tomlText(v any, k kind) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if k == kMoney {
			return strconv.FormatFloat(x, 'f', 2, 64)
		}
		t := strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.ContainsAny(t, ".eE") {
			t += ".0"
		}
		return t
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case [2]float64:
		return fmt.Sprintf("[%.2f, %.2f]", x[0], x[1])
	}
	return fmt.Sprint(v)
}

// fnum prints a bound without needless digits.
func fnum(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return groupInt(int64(x))
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// groupInt writes an integer with thousands separators: 10,000,000.
func groupInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
