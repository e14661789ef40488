package part

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"licsim/model"
)

// config is a scenario as a part file holds it: model.Config under names
// of the part format's own, so that renaming a Go field cannot change the
// file format unnoticed, and enums by their scenario-file spellings
// rather than their numbers.
type config struct {
	Name          string         `json:"name"`
	Start         time.Time      `json:"start"`
	Months        int            `json:"months"`
	Currency      string         `json:"currency"`
	Seed          uint64         `json:"seed"`
	Replications  int            `json:"replications"`
	Population    population     `json:"population"`
	Admin         admin          `json:"admin"`
	Products      []product      `json:"products"`
	PolicyChanges []policyChange `json:"policy_changes"`
	Growth        growth         `json:"growth"`
	Commerce      commerce       `json:"billing"`
	Existing      []existing     `json:"existing"`
	History       bool           `json:"history,omitempty"`      // a history warm-up (model.Config.History)
	HistoryStart  time.Time      `json:"history_start,omitzero"` // zero: the default start of the warm-up
}

// existing is model.Existing: a tenant's subscriptions live on start.
type existing struct {
	Product   string    `json:"product"`
	Count     int       `json:"count"`
	Seats     int       `json:"seats"`
	Assigned  int       `json:"assigned"`
	Monthly   bool      `json:"monthly"`
	Upfront   bool      `json:"upfront"`
	Autorenew bool      `json:"autorenew"`
	BuyerLeft bool      `json:"buyer_left"`
	TermStart time.Time `json:"term_start"`
	Started   time.Time `json:"started"`
	Trial     bool      `json:"trial"`
	TrialEnd  time.Time `json:"trial_end"`
	Card      bool      `json:"card"`
}

// commerce is model.Commerce (R20–R22), under the scenario file's table
// name.
type commerce struct {
	RefundWindowDays          int       `json:"refund_window_days"`
	AdminCancel               string    `json:"admin_cancel"`
	MonthlyBillingPremium     float64   `json:"monthly_billing_premium"`
	MonthlyBillingPremiumFrom time.Time `json:"monthly_billing_premium_from"`
}

type priceStep struct {
	From    time.Time   `json:"from"`
	Annual  model.Cents `json:"annual"`
	Monthly model.Cents `json:"monthly"`
}

type population struct {
	Headcount        int     `json:"headcount"`
	Admins           int     `json:"admins"`
	HiresPerMonth    float64 `json:"hires_per_month"`
	AttritionPerYear float64 `json:"attrition_per_year"`
}

type admin struct {
	ReviewEveryDays     int     `json:"review_every_days"`
	OnReview            string  `json:"on_review"`
	WhenShort           string  `json:"when_short"`
	NotifyDelivery      float64 `json:"notify_delivery"`
	OnNotice            string  `json:"on_notice"`
	NoticeDelayDays     int     `json:"notice_delay_days"`
	OnDeparture         string  `json:"on_departure"`
	DepartureDelayDays  int     `json:"departure_delay_days"`
	RequestApproval     float64 `json:"request_approval"`
	RequestDelayDays    int     `json:"request_delay_days"`
	DisableNewAfterDays int     `json:"disable_new_after_days"`
	CancelFault         float64 `json:"cancel_fault"`
	ReviewTrials        bool    `json:"review_trials"`
	Notices             string  `json:"notices"`
	ActOnTrialDigest    bool    `json:"act_on_trial_digest"`
	OrgTermMonths       int     `json:"org_term_months"`
	OrgOnDeparture      string  `json:"org_on_departure"`
}

type behaviour struct {
	InterestPerYear     float64 `json:"interest_per_year"`
	CardGiven           float64 `json:"card_given"`
	AutorenewOffInTrial float64 `json:"autorenew_off_in_trial"`
	ExtendTrial         float64 `json:"extend_trial"`
	MonthlyTerm         float64 `json:"monthly_term"`
	AnnualBilling       string  `json:"annual_billing"`
	SeatsMean           float64 `json:"seats_mean"`
	QuitPerYear         float64 `json:"quit_per_year"`
	SeatChangePerYear   float64 `json:"seat_change_per_year"`
	RequestWhenBlocked  float64 `json:"request_when_blocked"`
	LeaverStopsRenewal  float64 `json:"leaver_stops_renewal"`
	LeaverStopPerYear   float64 `json:"leaver_stop_per_year"`
	ExpensedShare       float64 `json:"expensed_share"`
}

type product struct {
	ID             string      `json:"id"`
	Name           string      `json:"name"`
	Added          time.Time   `json:"added"`
	Policy         string      `json:"policy"`
	TrialDays      int         `json:"trial_days"`
	TrialNeedsCard bool        `json:"trial_needs_card"`
	PriceAnnual    model.Cents `json:"price_annual"`
	PriceMonthly   model.Cents `json:"price_monthly"`
	OrgPrice       model.Cents `json:"org_price"`
	OrgSpare       int         `json:"org_spare"`
	OrgAssigned    int         `json:"org_assigned"`
	TrialUsedShare float64     `json:"trial_used_share"`
	PriceSteps     []priceStep `json:"price_steps"`
	Behaviour      behaviour   `json:"behaviour"`
}

type policyChange struct {
	Date    time.Time `json:"date"`
	Product string    `json:"product"`
	Policy  string    `json:"policy"`
}

type growth struct {
	PerYear        float64     `json:"per_year"`
	PriceAnnualMin model.Cents `json:"price_annual_min"`
	PriceAnnualMax model.Cents `json:"price_annual_max"`
	MonthlyPremium float64     `json:"monthly_premium"`
	TrialDays      int         `json:"trial_days"`
	TrialNeedsCard bool        `json:"trial_needs_card"`
	Behaviour      behaviour   `json:"behaviour"`
}

// configOf spells cfg in the part format.
func configOf(cfg *model.Config) *config {
	if cfg == nil {
		return nil
	}
	p, a := cfg.Population, cfg.Admin
	c := &config{
		Name: cfg.Name, Start: cfg.Start, Months: cfg.Months, Currency: cfg.Currency,
		Seed: cfg.Seed, Replications: cfg.Replications,
		Population: population{Headcount: p.Headcount, Admins: p.Admins, HiresPerMonth: p.HiresPerMonth, AttritionPerYear: p.AttritionPerYear},
		Admin: admin{
			ReviewEveryDays: a.ReviewEveryDays, OnReview: a.OnReview.String(), WhenShort: a.WhenShort.String(),
			NotifyDelivery: a.NotifyDelivery, OnNotice: a.OnNotice.String(), NoticeDelayDays: a.NoticeDelayDays,
			OnDeparture: a.OnDeparture.String(), DepartureDelayDays: a.DepartureDelayDays,
			RequestApproval: a.RequestApproval, RequestDelayDays: a.RequestDelayDays,
			DisableNewAfterDays: a.DisableNewAfterDays, CancelFault: a.CancelFault,
			ReviewTrials: a.ReviewTrials, Notices: a.Notices.String(), ActOnTrialDigest: a.ActOnTrialDigest,
			OrgTermMonths: a.OrgTermMonths, OrgOnDeparture: a.OrgOnDeparture.String(),
		},
		Commerce: commerce{
			RefundWindowDays: cfg.Commerce.RefundWindowDays, AdminCancel: cfg.Commerce.AdminCancel.String(),
			MonthlyBillingPremium: cfg.Commerce.MonthlyBillingPremium, MonthlyBillingPremiumFrom: cfg.Commerce.MonthlyBillingPremiumFrom,
		},
		Growth: growth{
			PerYear: cfg.Growth.PerYear, PriceAnnualMin: cfg.Growth.PriceAnnualMin, PriceAnnualMax: cfg.Growth.PriceAnnualMax,
			MonthlyPremium: cfg.Growth.MonthlyPremium, TrialDays: cfg.Growth.TrialDays, TrialNeedsCard: cfg.Growth.TrialNeedsCard,
			Behaviour: behaviourOf(cfg.Growth.Behaviour),
		},
	}
	// Empty and absent lists stay apart: the hash, taken of the
	// model.Config read back, tells "[]" from "null".
	c.Products = makeLike[product](cfg.Products)
	c.PolicyChanges = makeLike[policyChange](cfg.PolicyChanges)
	for _, pr := range cfg.Products {
		steps := makeLike[priceStep](pr.PriceSteps)
		for _, st := range pr.PriceSteps {
			steps = append(steps, priceStep{From: st.From, Annual: st.Annual, Monthly: st.Monthly})
		}
		c.Products = append(c.Products, product{
			ID: pr.ID, Name: pr.Name, Added: pr.Added, Policy: pr.Policy.String(),
			TrialDays: pr.TrialDays, TrialNeedsCard: pr.TrialNeedsCard,
			PriceAnnual: pr.PriceAnnual, PriceMonthly: pr.PriceMonthly, OrgPrice: pr.OrgPrice, OrgSpare: pr.OrgSpare,
			OrgAssigned: pr.OrgAssigned, TrialUsedShare: pr.TrialUsedShare,
			PriceSteps: steps, Behaviour: behaviourOf(pr.Behaviour),
		})
	}
	c.History, c.HistoryStart = cfg.History, cfg.HistoryStart
	c.Existing = makeLike[existing](cfg.Existing)
	for _, ex := range cfg.Existing {
		c.Existing = append(c.Existing, existing(ex))
	}
	for _, pc := range cfg.PolicyChanges {
		c.PolicyChanges = append(c.PolicyChanges, policyChange{Date: pc.Date, Product: pc.Product, Policy: pc.Policy.String()})
	}
	return c
}

func behaviourOf(b model.Behaviour) behaviour {
	return behaviour{
		InterestPerYear: b.InterestPerYear, CardGiven: b.CardGiven, AutorenewOffInTrial: b.AutorenewOffInTrial,
		ExtendTrial: b.ExtendTrial, MonthlyTerm: b.MonthlyTerm, AnnualBilling: b.AnnualBilling.String(),
		SeatsMean: b.SeatsMean, QuitPerYear: b.QuitPerYear, SeatChangePerYear: b.SeatChangePerYear,
		RequestWhenBlocked: b.RequestWhenBlocked, LeaverStopsRenewal: b.LeaverStopsRenewal,
		LeaverStopPerYear: b.LeaverStopPerYear, ExpensedShare: b.ExpensedShare,
	}
}

// makeLike is an empty list with room for from's elements, or nil when
// from is nil.
func makeLike[T, F any](from []F) []T {
	if from == nil {
		return nil
	}
	return make([]T, 0, len(from))
}

// enums collects the first bad enum spelling of a config being read, so
// that the conversion reads as a list of fields.
type enums struct{ err error }

func parse[T any](e *enums, field, s string, parse func(string) (T, error)) T {
	v, err := parse(s)
	if err != nil && e.err == nil {
		e.err = fmt.Errorf("config %s: %w", field, err)
	}
	return v
}

// model converts c back to a model.Config: exactly the config configOf
// was given.
func (c *config) model() (*model.Config, error) {
	var e enums
	p, a := c.Population, c.Admin
	cfg := &model.Config{
		Name: c.Name, Start: c.Start, Months: c.Months, Currency: c.Currency,
		Seed: c.Seed, Replications: c.Replications,
		Population: model.Population{Headcount: p.Headcount, Admins: p.Admins, HiresPerMonth: p.HiresPerMonth, AttritionPerYear: p.AttritionPerYear},
		Admin: model.Admin{
			ReviewEveryDays: a.ReviewEveryDays, OnReview: parse(&e, "admin.on_review", a.OnReview, model.ParseAction),
			WhenShort: parse(&e, "admin.when_short", a.WhenShort, model.ParseShort), NotifyDelivery: a.NotifyDelivery,
			OnNotice: parse(&e, "admin.on_notice", a.OnNotice, model.ParseAction), NoticeDelayDays: a.NoticeDelayDays,
			OnDeparture:        parse(&e, "admin.on_departure", a.OnDeparture, model.ParseDeparture),
			DepartureDelayDays: a.DepartureDelayDays, RequestApproval: a.RequestApproval, RequestDelayDays: a.RequestDelayDays,
			DisableNewAfterDays: a.DisableNewAfterDays, CancelFault: a.CancelFault,
			ReviewTrials: a.ReviewTrials, Notices: parse(&e, "admin.notices", a.Notices, model.ParseNotices),
			ActOnTrialDigest: a.ActOnTrialDigest, OrgTermMonths: a.OrgTermMonths,
			OrgOnDeparture: parse(&e, "admin.org_on_departure", a.OrgOnDeparture, model.ParseOrgRelease),
		},
		Commerce: model.Commerce{
			RefundWindowDays:      c.Commerce.RefundWindowDays,
			AdminCancel:           parse(&e, "billing.admin_cancel", c.Commerce.AdminCancel, model.ParseAdminCancel),
			MonthlyBillingPremium: c.Commerce.MonthlyBillingPremium, MonthlyBillingPremiumFrom: c.Commerce.MonthlyBillingPremiumFrom,
		},
		Growth: model.Growth{
			PerYear: c.Growth.PerYear, PriceAnnualMin: c.Growth.PriceAnnualMin, PriceAnnualMax: c.Growth.PriceAnnualMax,
			MonthlyPremium: c.Growth.MonthlyPremium, TrialDays: c.Growth.TrialDays, TrialNeedsCard: c.Growth.TrialNeedsCard,
			Behaviour: c.Growth.Behaviour.model(&e, "growth"),
		},
	}
	cfg.Products = makeLike[model.Product](c.Products)
	cfg.PolicyChanges = makeLike[model.PolicyChange](c.PolicyChanges)
	for _, pr := range c.Products {
		steps := makeLike[model.PriceStep](pr.PriceSteps)
		for _, st := range pr.PriceSteps {
			steps = append(steps, model.PriceStep{From: st.From, Annual: st.Annual, Monthly: st.Monthly})
		}
		cfg.Products = append(cfg.Products, model.Product{
			ID: pr.ID, Name: pr.Name, Added: pr.Added, Policy: parse(&e, "product policy", pr.Policy, model.ParsePolicy),
			TrialDays: pr.TrialDays, TrialNeedsCard: pr.TrialNeedsCard,
			PriceAnnual: pr.PriceAnnual, PriceMonthly: pr.PriceMonthly, OrgPrice: pr.OrgPrice, OrgSpare: pr.OrgSpare,
			OrgAssigned: pr.OrgAssigned, TrialUsedShare: pr.TrialUsedShare,
			PriceSteps: steps, Behaviour: pr.Behaviour.model(&e, "product"),
		})
	}
	cfg.History, cfg.HistoryStart = c.History, c.HistoryStart
	cfg.Existing = makeLike[model.Existing](c.Existing)
	for _, ex := range c.Existing {
		cfg.Existing = append(cfg.Existing, model.Existing(ex))
	}
	for _, pc := range c.PolicyChanges {
		cfg.PolicyChanges = append(cfg.PolicyChanges, model.PolicyChange{
			Date: pc.Date, Product: pc.Product, Policy: parse(&e, "policy change", pc.Policy, model.ParsePolicy),
		})
	}
	if e.err != nil {
		return nil, e.err
	}
	return cfg, nil
}

func (b behaviour) model(e *enums, where string) model.Behaviour {
	return model.Behaviour{
		InterestPerYear: b.InterestPerYear, CardGiven: b.CardGiven, AutorenewOffInTrial: b.AutorenewOffInTrial,
		ExtendTrial: b.ExtendTrial, MonthlyTerm: b.MonthlyTerm,
		AnnualBilling: parse(e, where+" annual_billing", b.AnnualBilling, model.ParseBilling),
		SeatsMean:     b.SeatsMean, QuitPerYear: b.QuitPerYear, SeatChangePerYear: b.SeatChangePerYear,
		RequestWhenBlocked: b.RequestWhenBlocked, LeaverStopsRenewal: b.LeaverStopsRenewal,
		LeaverStopPerYear: b.LeaverStopPerYear, ExpensedShare: b.ExpensedShare,
	}
}

// ConfigHash is the hex SHA-256 of cfg as encoding/json writes a
// model.Config, with Seed and Replications zeroed: equal hashes mean the
// same scenario, whatever its seed and replication count. model.Config is
// plain data and encoding/json writes struct fields in a fixed order and
// floats in shortest round-trip form, so the JSON is canonical. The hash
// is an identity, not a file format (the part file spells the config its
// own way): it names Kubernetes runs (cluster run ids), so it stays what
// it has always been.
func ConfigHash(cfg *model.Config) (string, error) {
	if cfg == nil {
		return "", errors.New("no scenario config")
	}
	c := *cfg
	c.Seed, c.Replications = 0, 0
	b, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("scenario %q: %w", cfg.Name, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}
