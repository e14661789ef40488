package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"licsim/model"
)

// decoder builds a model.Config from a parsed TOML tree and collects
// every problem on the way, so that a user sees them all at once. It
// never stops at the first problem: a bad value is reported and replaced
// by its default so that the checks that depend on it can still run.
type decoder struct {
	file  string
	lines lineIndex
	sets  map[string]string // path → the --set override that gave its value
	probs []*Problem
	// unc is the file's [[uncertain]] inputs, which model.Config does
	// not hold.
	unc []Uncertain
	// shards is how many shards the run is split into (1: none); the
	// memory check counts the results of one shard.
	shards int
}

// table is one TOML table of the file being decoded.
type table struct {
	name  string         // its spec table: "", "population", "product", ...
	path  string         // where it is: "", "population", "product[2]"
	label string         // how messages call it: "product[2] (visio-plan-1)"
	raw   map[string]any // its keys' values as the TOML parser gave them
}

// keyPath is where key k of tbl is, for the line index and --set.
func (tbl *table) keyPath(k string) string {
	if tbl.path == "" {
		return k
	}
	return tbl.path + "." + k
}

// keyLabel is how messages call key k of tbl.
func (tbl *table) keyLabel(k string) string {
	if tbl.label == "" {
		return k
	}
	return tbl.label + "." + k
}

// sub returns the table name of root; an absent table is empty.
func (d *decoder) sub(root *table, name string) *table {
	tbl := &table{name: name, path: name, label: name, raw: map[string]any{}}
	switch v := root.raw[name].(type) {
	case nil:
	case map[string]any:
		tbl.raw = v
	default:
		d.report(name, name, fmt.Sprintf("want a table [%s], got %s", name, describe(v)), "")
	}
	return tbl
}

// array returns the elements of the array of tables name ([[product]]),
// or of one inside root ([[product.price]]).
func (d *decoder) array(root *table, name string) []*table {
	var elems []map[string]any
	switch v := root.raw[name].(type) {
	case nil:
	case []map[string]any:
		elems = v
	case []any:
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				d.report(root.keyPath(name), root.keyLabel(name), fmt.Sprintf("element %d: want a table, got %s", i+1, describe(e)), "")
				continue
			}
			elems = append(elems, m)
		}
	default:
		d.report(root.keyPath(name), root.keyLabel(name), fmt.Sprintf("want an array of tables [[%s]], got %s", root.keyPath(name), describe(v)), "")
	}
	out := make([]*table, len(elems))
	for i, m := range elems {
		p := fmt.Sprintf("%s[%d]", root.keyPath(name), i+1)
		label := fmt.Sprintf("%s[%d]", root.keyLabel(name), i+1)
		out[i] = &table{name: name, path: p, label: label, raw: m}
	}
	return out
}

// has reports whether key k is written in tbl (whatever its value).
func (tbl *table) has(k string) bool {
	_, ok := tbl.raw[k]
	return ok
}

// required reports key k of tbl as missing, when it is.
func (d *decoder) required(tbl *table, k, why string) bool {
	if tbl.has(k) {
		return true
	}
	s := lookup(tbl.name, k)
	msg := "missing"
	if why != "" {
		msg += ": " + why
	}
	allowed := ""
	if s != nil {
		allowed = s.allowedText()
		if s.example != "" {
			allowed += "; for example " + s.name + " = " + s.example
		}
	}
	d.bad(tbl, k, msg, allowed)
	return false
}

// name reads the name key of tbl (the scenario's or a product's) and
// reports a text that cannot serve as a title: empty, too long or not one
// line.
func (d *decoder) name(tbl *table) string {
	name := d.str(tbl, "name")
	if msg := checkText(name); msg != "" {
		if _, isStr := tbl.raw["name"].(string); isStr {
			d.bad(tbl, "name", "the name "+msg, lookup(tbl.name, "name").allowedText())
		}
	}
	return name
}

// config decodes the whole file.
func (d *decoder) config(root map[string]any) *model.Config {
	top := &table{name: tTop, raw: root}
	d.unknown(top)
	cfg := &model.Config{}

	if d.required(top, "name", "a short title for reports") {
		cfg.Name = d.name(top)
	}
	if d.required(top, "start", "day 0 of the simulation") {
		cfg.Start = d.date(top, "start")
	}
	cfg.Months = d.int(top, "months")
	cfg.Currency = d.str(top, "currency")
	if c := cfg.Currency; len(c) != 3 || strings.ToUpper(c) != c || strings.IndexFunc(c, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		d.bad(top, "currency", strconv.Quote(c)+" is not a currency code", lookup(tTop, "currency").allowedText())
		cfg.Currency = "USD"
	}
	cfg.Seed = uint64(d.int(top, "seed"))
	cfg.Replications = d.int(top, "replications")
	cfg.History = d.str(top, "history") == "simulate"
	if top.has("history_start") {
		cfg.HistoryStart = d.date(top, "history_start")
		allowed := lookup(tTop, "history_start").allowedText()
		switch h := cfg.HistoryStart; {
		case !cfg.History:
			d.bad(top, "history_start", "only with history = \"simulate\"", allowed)
		case !cfg.Start.IsZero() && h.After(cfg.Start):
			d.bad(top, "history_start", h.Format(time.DateOnly)+" is after start", allowed)
		case !cfg.Start.IsZero() && h.Before(cfg.Start.AddDate(-model.MaxHistoryYears, 0, 0)):
			d.bad(top, "history_start", h.Format(time.DateOnly)+" is more than "+strconv.Itoa(model.MaxHistoryYears)+" years before start", allowed)
		}
	}

	d.population(d.sub(top, tPopulation), cfg)
	d.admin(d.sub(top, tAdmin), cfg)
	share := d.billing(d.sub(top, tBilling), cfg)
	ids := d.products(d.array(top, tProduct), cfg, share)
	d.changes(d.array(top, tChange), cfg, ids)
	d.growth(d.sub(top, tGrowth), cfg, share)
	d.existing(d.array(top, tExisting), cfg, ids)
	if cfg.History && len(cfg.Existing) > 0 {
		d.bad(top, "history", "\"simulate\" with [[existing]] subscriptions: the state at start comes from one or the other", `"none" with [[existing]]`)
	}
	d.limits(cfg)
	d.unc = d.uncertain(d.array(top, tUncertain), cfg)
	return cfg
}

func (d *decoder) population(tbl *table, cfg *model.Config) {
	d.unknown(tbl)
	p := &cfg.Population
	p.Headcount = d.int(tbl, "headcount")
	p.Admins = d.int(tbl, "admins")
	if p.Admins > p.Headcount {
		d.bad(tbl, "admins", fmt.Sprintf("%s admins but a headcount of %s: admins are employees", groupInt(int64(p.Admins)), groupInt(int64(p.Headcount))),
			"0 to headcount")
		p.Admins = p.Headcount
	}
	p.HiresPerMonth = d.float(tbl, "hires_per_month")
	p.AttritionPerYear = d.float(tbl, "attrition_per_year")
}

func (d *decoder) admin(tbl *table, cfg *model.Config) {
	d.unknown(tbl)
	a := &cfg.Admin
	a.ReviewEveryDays = d.int(tbl, "review_every_days")
	a.OnReview = enum(d, tbl, "on_review", model.ParseAction)
	a.WhenShort = enum(d, tbl, "when_short", model.ParseShort)
	a.NotifyDelivery = d.float(tbl, "notify_delivery")
	a.OnNotice = enum(d, tbl, "on_notice", model.ParseAction)
	a.NoticeDelayDays = d.int(tbl, "notice_delay_days")
	a.OnDeparture = enum(d, tbl, "on_departure", model.ParseDeparture)
	a.DepartureDelayDays = d.int(tbl, "departure_delay_days")
	a.RequestApproval = d.float(tbl, "request_approval")
	a.RequestDelayDays = d.int(tbl, "request_delay_days")
	a.DisableNewAfterDays = d.int(tbl, "disable_new_after_days")
	a.CancelFault = d.float(tbl, "cancel_fault")
	a.ReviewTrials = d.bool(tbl, "review_trials")
	a.Notices = enum(d, tbl, "notices", model.ParseNotices)
	a.ActOnTrialDigest = d.bool(tbl, "act_on_trial_digest")
	a.OrgTermMonths = d.int(tbl, "org_term_months")
	a.OrgOnDeparture = enum(d, tbl, "org_on_departure", model.ParseOrgRelease)
}

// billing decodes [billing] (R20–R22, R27) and returns the global
// expensed share, the default of every product's.
func (d *decoder) billing(tbl *table, cfg *model.Config) float64 {
	d.unknown(tbl)
	rules, err := Rules()
	if err != nil {
		d.bad(tbl, "refund_window_days", "the built-in catalog is broken: "+err.Error(), "")
	}
	c := &cfg.Commerce
	c.RefundWindowDays = d.int(tbl, "refund_window_days")
	c.AdminCancel = enum(d, tbl, "admin_cancel", model.ParseAdminCancel)
	c.MonthlyBillingPremium = rules.MonthlyBillingPremium.Share
	if tbl.has("monthly_billing_premium") {
		c.MonthlyBillingPremium = d.float(tbl, "monthly_billing_premium")
	}
	c.MonthlyBillingPremiumFrom = rules.MonthlyBillingPremium.From
	if tbl.has("monthly_billing_premium_from") {
		c.MonthlyBillingPremiumFrom = d.date(tbl, "monthly_billing_premium_from")
	}
	return d.float(tbl, "expensed_share")
}

func (d *decoder) behaviour(tbl *table, b *model.Behaviour, share float64) {
	b.InterestPerYear = d.float(tbl, "interest_per_year")
	b.CardGiven = d.float(tbl, "card_given")
	b.AutorenewOffInTrial = d.float(tbl, "autorenew_off_in_trial")
	b.ExtendTrial = d.float(tbl, "extend_trial")
	b.MonthlyTerm = d.float(tbl, "monthly_term")
	b.AnnualBilling = enum(d, tbl, "annual_billing", model.ParseBilling)
	b.SeatsMean = d.float(tbl, "seats_mean")
	b.QuitPerYear = d.float(tbl, "quit_per_year")
	b.SeatChangePerYear = d.float(tbl, "seat_change_per_year")
	b.RequestWhenBlocked = d.float(tbl, "request_when_blocked")
	b.LeaverStopsRenewal = d.float(tbl, "leaver_stops_renewal")
	b.LeaverStopPerYear = d.float(tbl, "leaver_stop_per_year")
	b.ExpensedShare = share
	if tbl.has("expensed_share") {
		b.ExpensedShare = d.float(tbl, "expensed_share")
	}
}

func (d *decoder) changes(tbls []*table, cfg *model.Config, ids map[string]string) {
	for _, tbl := range tbls {
		d.unknown(tbl)
		var c model.PolicyChange
		if d.required(tbl, "date", "") {
			c.Date = d.date(tbl, "date")
		}
		if d.required(tbl, "product", `a product id, or "*" for every product`) {
			c.Product = d.str(tbl, "product")
			if id, known := ids[c.Product]; known {
				c.Product = id // a ProductId names its product
			} else if _, isStr := tbl.raw["product"].(string); isStr && c.Product != model.AllProducts {
				known := make([]string, 0, len(cfg.Products)+1)
				known = append(known, model.AllProducts)
				for _, p := range cfg.Products {
					if p.ID != "" {
						known = append(known, p.ID)
					}
				}
				allowed := strings.Join(known, ", ")
				if len(known) > 12 {
					allowed = strings.Join(known[:12], ", ") + ", ..."
				}
				d.bad(tbl, "product", strconv.Quote(c.Product)+" is not a product of this scenario", allowed)
			}
		}
		if d.required(tbl, "policy", "") {
			c.Policy = enum(d, tbl, "policy", model.ParsePolicy)
		}
		cfg.PolicyChanges = append(cfg.PolicyChanges, c)
	}
}

func (d *decoder) growth(tbl *table, cfg *model.Config, share float64) {
	d.unknown(tbl)
	g := &cfg.Growth
	g.PerYear = d.float(tbl, "per_year")
	def := lookup(tGrowth, "price_annual").def.([2]float64)
	g.PriceAnnualMin, _ = toCents(def[0])
	g.PriceAnnualMax, _ = toCents(def[1])
	if v, ok := d.get(tbl, "price_annual"); ok {
		r := v.([2]model.Cents)
		g.PriceAnnualMin, g.PriceAnnualMax = r[0], r[1]
	} else if !tbl.has("price_annual") && g.PerYear > 0 && cfg.Currency != CatalogCurrency {
		d.bad(tbl, "price_annual", fmt.Sprintf("the default range [%.2f, %.2f] is in %s but the scenario's currency is %s; give it in %s",
			def[0], def[1], CatalogCurrency, cfg.Currency, cfg.Currency), "")
	}
	g.MonthlyPremium = d.float(tbl, "monthly_premium")
	g.TrialDays = d.int(tbl, "trial_days")
	g.TrialNeedsCard = d.bool(tbl, "trial_needs_card")
	d.behaviour(tbl, &g.Behaviour, share)
}
