package scenarios

import (
	"fmt"
	"strconv"

	"licsim/model"
)

// Assumption is one input of a run as it took effect: every key of the
// format, for every product and policy change, after defaults, the
// built-in catalog and overrides were applied. Reports list them so that
// a reader sees everything the numbers depend on. Its fields match
// reports.Assumption, so a slice converts element by element.
type Assumption struct {
	Table string // the key's table: "" (top level), "population", "admin", "product", "price" (a product's dated price), "policy_change", "catalog_growth", "billing"
	Item  string // in an array of tables: the product's id, the product's id and the price's number ("visio-plan-1.2"), or the policy change's number from 1; else ""
	Key   string // the key's name in its table: "price_annual"
	Value string // the effective value as TOML source: 5.00, "monthly", 2025-01-01
	Unit  string // the key's unit, "" when none
	Doc   string // what the key means, from the format's documentation
}

// Assumptions lists every key of the format for cfg in file order (top
// level, population, admin, each product, each policy change, catalog
// growth), generated from the format's key table, so that a key added to
// the format is listed without anyone remembering to: a key without a
// getter below makes Assumptions panic, which TestAssumptions_EveryKey
// catches.
func Assumptions(cfg *model.Config) []Assumption {
	var out []Assumption
	add := func(s *spec, item string, v any) {
		out = append(out, Assumption{Table: s.table, Item: item, Key: s.name, Value: valueText(v, s.kind), Unit: s.unit, Doc: s.doc})
	}
	for _, t := range tableOrder {
		switch t {
		case tProduct:
			for i := range cfg.Products {
				p := &cfg.Products[i]
				for _, s := range tableSpecs[t] {
					add(s, p.ID, productValue(s, p))
				}
			}
		case tPrice:
			for i := range cfg.Products {
				p := &cfg.Products[i]
				for k := range p.PriceSteps {
					for _, s := range tableSpecs[t] {
						add(s, p.ID+"."+strconv.Itoa(k+1), priceValue(s, &p.PriceSteps[k]))
					}
				}
			}
		case tExisting:
			for i := range cfg.Existing {
				e := &cfg.Existing[i]
				for _, s := range tableSpecs[t] {
					add(s, strconv.Itoa(i+1), existingValue(s, e))
				}
			}
		case tUncertain:
			// Ranges for licsim sensitivity, not values the model runs on.
		case tChange:
			for i := range cfg.PolicyChanges {
				c := &cfg.PolicyChanges[i]
				for _, s := range tableSpecs[t] {
					add(s, strconv.Itoa(i+1), changeValue(s, c))
				}
			}
		default:
			for _, s := range tableSpecs[t] {
				add(s, "", configValue(s, cfg))
			}
		}
	}
	return out
}

// valueText writes an effective value as TOML source.
func valueText(v any, k kind) string {
	switch x := v.(type) {
	case model.Cents:
		return model.FormatCents(x)
	case [2]model.Cents:
		return "[" + model.FormatCents(x[0]) + ", " + model.FormatCents(x[1]) + "]"
	case int:
		return strconv.Itoa(x)
	case uint64:
		return strconv.FormatUint(x, 10)
	case fmt.Stringer:
		if t, ok := v.(interface{ Format(string) string }); ok {
			return t.Format("2006-01-02")
		}
		return strconv.Quote(x.String())
	}
	return tomlText(v, k)
}

func missing(s *spec) any {
	panic(fmt.Sprintf("scenarios: key %s has no getter in assumptions.go", s.path()))
}

// configValue is the effective value of a key of a table that appears
// once.
func configValue(s *spec, cfg *model.Config) any {
	switch s.table {
	case tTop:
		switch s.name {
		case "name":
			return cfg.Name
		case "start":
			return cfg.Start
		case "months":
			return cfg.Months
		case "currency":
			return cfg.Currency
		case "seed":
			return cfg.Seed
		case "replications":
			return cfg.Replications
		case "history":
			if cfg.History {
				return "simulate"
			}
			return "none"
		case "history_start":
			if !cfg.History {
				return "no warm-up"
			}
			return cfg.ClockStart()
		}
	case tPopulation:
		p := cfg.Population
		switch s.name {
		case "headcount":
			return p.Headcount
		case "admins":
			return p.Admins
		case "hires_per_month":
			return p.HiresPerMonth
		case "attrition_per_year":
			return p.AttritionPerYear
		}
	case tAdmin:
		a := cfg.Admin
		switch s.name {
		case "review_every_days":
			return a.ReviewEveryDays
		case "on_review":
			return a.OnReview
		case "when_short":
			return a.WhenShort
		case "notify_delivery":
			return a.NotifyDelivery
		case "on_notice":
			return a.OnNotice
		case "notice_delay_days":
			return a.NoticeDelayDays
		case "on_departure":
			return a.OnDeparture
		case "departure_delay_days":
			return a.DepartureDelayDays
		case "request_approval":
			return a.RequestApproval
		case "request_delay_days":
			return a.RequestDelayDays
		case "disable_new_after_days":
			return a.DisableNewAfterDays
		case "cancel_fault":
			return a.CancelFault
		case "review_trials":
			return a.ReviewTrials
		case "notices":
			return a.Notices
		case "act_on_trial_digest":
			return a.ActOnTrialDigest
		case "org_term_months":
			return a.OrgTermMonths
		case "org_on_departure":
			return a.OrgOnDeparture
		}
	case tBilling:
		c := cfg.Commerce
		switch s.name {
		case "refund_window_days":
			return c.RefundWindowDays
		case "admin_cancel":
			return c.AdminCancel
		case "monthly_billing_premium":
			return c.MonthlyBillingPremium
		case "monthly_billing_premium_from":
			if c.MonthlyBillingPremiumFrom.IsZero() {
				return "always"
			}
			return c.MonthlyBillingPremiumFrom
		case "expensed_share":
			// The default of every product's expensed_share; the value
			// in effect is each product's, listed with it.
			return "see each product's expensed_share"
		}
	case tGrowth:
		g := &cfg.Growth
		switch s.name {
		case "per_year":
			return g.PerYear
		case "price_annual":
			return [2]model.Cents{g.PriceAnnualMin, g.PriceAnnualMax}
		case "monthly_premium":
			return g.MonthlyPremium
		case "trial_days":
			return g.TrialDays
		case "trial_needs_card":
			return g.TrialNeedsCard
		}
		if v, ok := behaviourValue(s, &g.Behaviour); ok {
			return v
		}
	}
	return missing(s)
}

// productValue is the effective value of a [[product]] key.
func productValue(s *spec, p *model.Product) any {
	switch s.name {
	case "id":
		return p.ID
	case "name":
		return p.Name
	case "added":
		return p.Added
	case "policy":
		return p.Policy
	case "trial_days":
		return p.TrialDays
	case "trial_needs_card":
		return p.TrialNeedsCard
	case "price_annual":
		return p.PriceAnnual
	case "price_monthly":
		return p.PriceMonthly
	case "org_price":
		return p.OrgPrice
	case "org_spare":
		return p.OrgSpare
	case "org_assigned":
		return p.OrgAssigned
	case "trial_used_share":
		return p.TrialUsedShare
	case "mscommerce_id":
		// It only names the product for policy changes, which are
		// listed with the product id they resolved to.
		if cat, err := catalogProduct(p.ID); err == nil && cat != nil && cat.MSCommerceID != "" {
			return cat.MSCommerceID
		}
		return "none"
	}
	if v, ok := behaviourValue(s, &p.Behaviour); ok {
		return v
	}
	return missing(s)
}

// existingValue is the effective value of an [[existing]] key.
func existingValue(s *spec, e *model.Existing) any {
	switch s.name {
	case "product":
		return e.Product
	case "count":
		return e.Count
	case "seats":
		return e.Seats
	case "assigned":
		return e.Assigned
	case "term":
		if e.Monthly {
			return "monthly"
		}
		return "annual"
	case "billing":
		if e.Upfront {
			return model.BillUpfront
		}
		return model.BillMonthly
	case "term_start":
		return e.TermStart
	case "started":
		if e.Started.IsZero() {
			return e.TermStart
		}
		return e.Started
	case "autorenew":
		return e.Autorenew
	case "trial":
		return e.Trial
	case "trial_end":
		if !e.Trial {
			return "none"
		}
		return e.TrialEnd
	case "card":
		return e.Card
	case "buyer_left":
		return e.BuyerLeft
	}
	return missing(s)
}

// priceValue is the effective value of a [[product.price]] key.
func priceValue(s *spec, st *model.PriceStep) any {
	switch s.name {
	case "from":
		return st.From
	case "price_annual":
		return st.Annual
	case "price_monthly":
		return st.Monthly
	}
	return missing(s)
}

// changeValue is the effective value of a [[policy_change]] key.
func changeValue(s *spec, c *model.PolicyChange) any {
	switch s.name {
	case "date":
		return c.Date
	case "product":
		return c.Product
	case "policy":
		return c.Policy
	}
	return missing(s)
}

// behaviourValue is the effective value of a key of how employees treat
// a product, shared by [[product]] and [catalog_growth].
func behaviourValue(s *spec, b *model.Behaviour) (any, bool) {
	switch s.name {
	case "interest_per_year":
		return b.InterestPerYear, true
	case "card_given":
		return b.CardGiven, true
	case "autorenew_off_in_trial":
		return b.AutorenewOffInTrial, true
	case "extend_trial":
		return b.ExtendTrial, true
	case "monthly_term":
		return b.MonthlyTerm, true
	case "annual_billing":
		return b.AnnualBilling, true
	case "seats_mean":
		return b.SeatsMean, true
	case "quit_per_year":
		return b.QuitPerYear, true
	case "seat_change_per_year":
		return b.SeatChangePerYear, true
	case "request_when_blocked":
		return b.RequestWhenBlocked, true
	case "leaver_stops_renewal":
		return b.LeaverStopsRenewal, true
	case "leaver_stop_per_year":
		return b.LeaverStopPerYear, true
	case "expensed_share":
		return b.ExpensedShare, true
	}
	return nil, false
}
