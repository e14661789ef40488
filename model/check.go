package model

import (
	"errors"
	"fmt"
	"time"
)

// Limits the model relies on. The scenarios package reports violations
// to users with file and line; Check is the backstop for any Config.
const (
	MaxMonths        = 240
	MaxReplications  = 1_000_000
	MaxProducts      = 4096 // configured plus expected growth; event args are 16-bit
	MaxTrialDays     = 60   // R03
	MaxPriceSteps    = 64   // R20: dated prices per product
	MaxWindowDays    = 366  // R21: refund window
	MaxOrgTermMonths = 36   // R26
	MaxEmployees     = 10_000_000
	MaxSeatsMean     = 1000.0 // seats are drawn by counting; keep it small
	ExtensionDays    = 30     // R06
	DaysPerYear      = 365.0  // rates per year become rates per day with this
	// MaxCents is the largest price: 10,000,000.00 currency units.
	MaxCents Cents = 1_000_000_000
	// GrowthPrefix starts the ids of products added during a run
	// ("new-product-1", ...): configured products may not use it.
	GrowthPrefix = "new-product"
)

// EmployeeBound is the most employees a replication of cfg is allowed to
// reach, for the check against MaxEmployees: headcount plus twice the
// expected hires over the horizon and a history warm-up plus 1,000.
func EmployeeBound(cfg *Config) float64 {
	p := cfg.Population
	warmMonths := float64(cfg.warmupDays()) / DaysPerYear * 12
	return float64(p.Headcount) + p.HiresPerMonth*(float64(cfg.Months)+warmMonths)*2 + 1000
}

// GrowthBound is the most products catalog growth is allowed to add over
// the horizon: three times the expected number.
func GrowthBound(cfg *Config) float64 { return cfg.Growth.PerYear * float64(cfg.Months) / 12 * 3 }

// ProductBound is the most products a replication of cfg is allowed to
// reach, for the check against MaxProducts: the configured ones, the
// growth bound and 10.
func ProductBound(cfg *Config) float64 { return float64(len(cfg.Products)) + GrowthBound(cfg) + 10 }

// ConfigError is a Config that Check refuses: bad input, not a failure of
// the program.
type ConfigError struct {
	Name string // the scenario's name
	Err  error  // Check's problems, joined
}

func (e *ConfigError) Error() string { return fmt.Sprintf("scenario %q: %v", e.Name, e.Err) }

// Unwrap returns Check's problems.
func (e *ConfigError) Unwrap() error { return e.Err }

// Check reports every way cfg breaks the model's assumptions, joined.
// A Config that passes runs without panicking.
func Check(cfg *Config) error {
	var ps problems
	ps.checkRun(cfg)
	ps.checkPopulation(cfg)
	ps.checkAdmin(&cfg.Admin)
	ids := ps.checkProducts(cfg.Products)
	ps.checkPolicyChanges(cfg.PolicyChanges, ids)
	ps.checkGrowth(cfg)
	ps.checkCommerce(&cfg.Commerce)
	ps.checkExisting(cfg)
	ps.checkHistory(cfg)
	return errors.Join(ps...)
}

// problems collects Check's findings, in the order of the Config's
// sections.
type problems []error

func (ps *problems) bad(format string, a ...any) { *ps = append(*ps, fmt.Errorf(format, a...)) }

// prob requires a probability.
func (ps *problems) prob(name string, v float64) {
	if !(v >= 0 && v <= 1) {
		ps.bad("%s = %v: must be a probability in [0, 1]", name, v)
	}
}

// rate requires a value in [0, limit].
func (ps *problems) rate(name string, v float64, limit float64) {
	if !(v >= 0 && v <= limit) {
		ps.bad("%s = %v: must be in [0, %v]", name, v, limit)
	}
}

// checkRun checks the start, the horizon and the replications.
func (ps *problems) checkRun(cfg *Config) {
	if cfg.Start.IsZero() {
		ps.bad("start: missing")
	}
	if cfg.Months < 1 || cfg.Months > MaxMonths {
		ps.bad("months = %d: must be in [1, %d]", cfg.Months, MaxMonths)
	}
	if cfg.Replications < 1 || cfg.Replications > MaxReplications {
		ps.bad("replications = %d: must be in [1, %d]", cfg.Replications, MaxReplications)
	}
}

func (ps *problems) checkPopulation(cfg *Config) {
	p := cfg.Population
	if p.Headcount < 0 || p.Headcount > MaxEmployees {
		ps.bad("population.headcount = %d: must be in [0, %d]", p.Headcount, MaxEmployees)
	}
	if p.Admins < 0 || p.Admins > p.Headcount {
		ps.bad("population.admins = %d: must be in [0, headcount %d]", p.Admins, p.Headcount)
	}
	ps.rate("population.hires_per_month", p.HiresPerMonth, 1e6)
	if !(p.AttritionPerYear >= 0 && p.AttritionPerYear < 1) {
		ps.bad("population.attrition_per_year = %v: must be in [0, 1)", p.AttritionPerYear)
	}
	if EmployeeBound(cfg) > MaxEmployees {
		ps.bad("population: headcount plus hires over %d months and any history warm-up exceeds %d employees", cfg.Months, MaxEmployees)
	}
}

func (ps *problems) checkAdmin(a *Admin) {
	for _, d := range []struct {
		name string
		v    int
	}{{"admin.review_every_days", a.ReviewEveryDays}, {"admin.notice_delay_days", a.NoticeDelayDays},
		{"admin.departure_delay_days", a.DepartureDelayDays}, {"admin.request_delay_days", a.RequestDelayDays}} {
		if d.v < 0 || d.v > 100_000 {
			ps.bad("%s = %d: must be in [0, 100000]", d.name, d.v)
		}
	}
	if a.DisableNewAfterDays < -1 || a.DisableNewAfterDays > 100_000 {
		ps.bad("admin.disable_new_after_days = %d: must be -1 (never) or in [0, 100000]", a.DisableNewAfterDays)
	}
	ps.prob("admin.notify_delivery", a.NotifyDelivery)
	ps.prob("admin.request_approval", a.RequestApproval)
	ps.prob("admin.cancel_fault", a.CancelFault)
	if a.OrgTermMonths < 0 || a.OrgTermMonths > MaxOrgTermMonths {
		ps.bad("admin.org_term_months = %d: must be in [0, %d]", a.OrgTermMonths, MaxOrgTermMonths)
	}
	if a.OnReview > ActTakeover || a.OnNotice > ActTakeover || a.WhenShort > ShortSkip || a.OnDeparture > DepReassign ||
		a.Notices > NoticesPerTrial || a.OrgOnDeparture > OrgKeep {
		ps.bad("admin: unknown action value")
	}
}

// checkBehaviour checks the behaviour of a product or of catalog growth,
// found at where.
func (ps *problems) checkBehaviour(where string, b *Behaviour) {
	ps.rate(where+".interest_per_year", b.InterestPerYear, 1000)
	ps.prob(where+".card_given", b.CardGiven)
	ps.prob(where+".autorenew_off_in_trial", b.AutorenewOffInTrial)
	ps.prob(where+".extend_trial", b.ExtendTrial)
	ps.prob(where+".monthly_term", b.MonthlyTerm)
	ps.prob(where+".request_when_blocked", b.RequestWhenBlocked)
	ps.prob(where+".leaver_stops_renewal", b.LeaverStopsRenewal)
	ps.rate(where+".quit_per_year", b.QuitPerYear, 1000)
	ps.rate(where+".seat_change_per_year", b.SeatChangePerYear, 1000)
	ps.rate(where+".leaver_stop_per_year", b.LeaverStopPerYear, 1000)
	ps.prob(where+".expensed_share", b.ExpensedShare)
	if !(b.SeatsMean >= 1 && b.SeatsMean <= MaxSeatsMean) {
		ps.bad("%s.seats_mean = %v: must be in [1, %v]", where, b.SeatsMean, MaxSeatsMean)
	}
	if b.AnnualBilling > BillUpfront {
		ps.bad("%s.annual_billing: unknown value", where)
	}
}

// checkProducts checks the configured products and returns their ids.
func (ps *problems) checkProducts(products []Product) map[string]bool {
	ids := map[string]bool{}
	for i := range products {
		pr := &products[i]
		where := fmt.Sprintf("product[%d]", i)
		if pr.ID == "" || pr.ID == AllProducts {
			ps.bad("%s.id = %q: must be a non-empty name other than %q", where, pr.ID, AllProducts)
		} else if ids[pr.ID] {
			ps.bad("%s.id = %q: used by an earlier product", where, pr.ID)
		}
		ids[pr.ID] = true
		if pr.Added.IsZero() {
			ps.bad("%s.added: missing", where)
		}
		if pr.Policy > Disabled {
			ps.bad("%s.policy: unknown value", where)
		}
		if pr.TrialDays < 0 || pr.TrialDays > MaxTrialDays {
			ps.bad("%s.trial_days = %d: must be in [0, %d]", where, pr.TrialDays, MaxTrialDays)
		}
		for _, m := range []struct {
			name string
			v    Cents
		}{{"price_annual", pr.PriceAnnual}, {"price_monthly", pr.PriceMonthly}, {"org_price", pr.OrgPrice}} {
			if m.v < 0 || m.v > MaxCents {
				ps.bad("%s.%s = %d cents: must be in [0, %s]", where, m.name, m.v, FormatCents(MaxCents))
			}
		}
		ps.checkPriceSteps(where, pr.PriceSteps)
		if pr.OrgSpare < 0 || pr.OrgSpare > MaxEmployees {
			ps.bad("%s.org_spare = %d: must be in [0, %d]", where, pr.OrgSpare, MaxEmployees)
		}
		ps.checkBehaviour(where, &pr.Behaviour)
	}
	return ids
}

// checkPolicyChanges checks the dated policy changes against the
// products' ids.
func (ps *problems) checkPolicyChanges(changes []PolicyChange, ids map[string]bool) {
	for i, pc := range changes {
		if pc.Product != AllProducts && !ids[pc.Product] {
			ps.bad("policy_change[%d].product = %q: no such product", i, pc.Product)
		}
		if pc.Date.IsZero() {
			ps.bad("policy_change[%d].date: missing", i)
		}
		if pc.Policy > Disabled {
			ps.bad("policy_change[%d].policy: unknown value", i)
		}
	}
}

// checkGrowth checks catalog growth and the products it may add.
func (ps *problems) checkGrowth(cfg *Config) {
	g := cfg.Growth
	ps.rate("catalog_growth.per_year", g.PerYear, 100)
	if g.PerYear > 0 {
		if g.PriceAnnualMin < 0 || g.PriceAnnualMin > g.PriceAnnualMax || g.PriceAnnualMax > MaxCents {
			ps.bad("catalog_growth.price_annual = [%d, %d] cents: need 0 <= min <= max", g.PriceAnnualMin, g.PriceAnnualMax)
		}
		if !(g.MonthlyPremium >= 0 && g.MonthlyPremium <= 10) {
			ps.bad("catalog_growth.monthly_premium = %v: must be in [0, 10]", g.MonthlyPremium)
		}
		if g.TrialDays < 0 || g.TrialDays > MaxTrialDays {
			ps.bad("catalog_growth.trial_days = %d: must be in [0, %d]", g.TrialDays, MaxTrialDays)
		}
		ps.checkBehaviour("catalog_growth", &g.Behaviour)
	}
	if ProductBound(cfg) > MaxProducts {
		ps.bad("products: %d configured plus catalog growth may exceed %d", len(cfg.Products), MaxProducts)
	}
}

// checkPriceSteps checks a product's dated prices (R20): dates strictly
// increasing, prices within bounds.
func (ps *problems) checkPriceSteps(where string, steps []PriceStep) {
	if len(steps) > MaxPriceSteps {
		ps.bad("%s.price: %d dated prices, at most %d", where, len(steps), MaxPriceSteps)
	}
	for k, st := range steps {
		if st.From.IsZero() {
			ps.bad("%s.price[%d].from: missing", where, k+1)
		}
		if k > 0 && !steps[k-1].From.Before(st.From) {
			ps.bad("%s.price[%d].from = %s: must be after the step before it (%s)", where, k+1,
				st.From.Format(time.DateOnly), steps[k-1].From.Format(time.DateOnly))
		}
		if st.Annual < 0 || st.Annual > MaxCents || st.Monthly < 0 || st.Monthly > MaxCents {
			ps.bad("%s.price[%d]: prices must be in [0, 10000000.00]", where, k+1)
		}
	}
}

// checkCommerce checks the billing rules (R20–R22).
func (ps *problems) checkCommerce(c *Commerce) {
	if c.RefundWindowDays < 0 || c.RefundWindowDays > MaxWindowDays {
		ps.bad("billing.refund_window_days = %d: must be in [0, %d]", c.RefundWindowDays, MaxWindowDays)
	}
	if c.AdminCancel > CancelEndAccess {
		ps.bad("billing.admin_cancel: unknown value")
	}
	if !(c.MonthlyBillingPremium >= 0 && c.MonthlyBillingPremium <= 1) {
		ps.bad("billing.monthly_billing_premium = %v: must be in [0, 1]", c.MonthlyBillingPremium)
	}
}
