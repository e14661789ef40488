// Package scenarios turns TOML scenario files into model.Config: it
// decodes, rejects unknown keys, applies documented defaults and checks
// every value, and it ships the project's own scenarios embedded in the
// binary. The format is documented in README.md in this folder.
package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"licsim/model"
)

//go:embed *.toml
var shipped embed.FS

// DefaultName is the shipped scenario `licsim run` uses without a file.
const DefaultName = "baseline"

// Shipped lists the names of the embedded scenarios.
func Shipped() []string {
	entries, _ := shipped.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(names)
	return names
}

// Load reads a scenario from a file path or, when no such file exists, a
// shipped scenario by name ("baseline" or "baseline.toml").
func Load(path string) (*model.Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		name := strings.TrimSuffix(filepath.Base(path), ".toml")
		if b, e2 := shipped.ReadFile(name + ".toml"); e2 == nil && !strings.ContainsRune(path, os.PathSeparator) {
			return Parse(name+".toml", b)
		}
		return nil, &InputError{File: path, Err: err}
	}
	return Parse(path, data)
}

// InputError is bad input: a file that cannot be read, parsed or
// accepted. Commands exit with code 2 on it.
type InputError struct {
	File string
	Err  error
}

func (e *InputError) Error() string { return fmt.Sprintf("%s: %v", e.File, e.Err) }
func (e *InputError) Unwrap() error { return e.Err }

// raw mirrors the file; pointers tell a missing key from a zero.
type raw struct {
	Name         *string    `toml:"name"`
	Start        *time.Time `toml:"start"`
	Months       *int       `toml:"months"`
	Currency     *string    `toml:"currency"`
	Seed         *uint64    `toml:"seed"`
	Replications *int       `toml:"replications"`
	Population   struct {
		Headcount        *int     `toml:"headcount"`
		Admins           *int     `toml:"admins"`
		HiresPerMonth    *float64 `toml:"hires_per_month"`
		AttritionPerYear *float64 `toml:"attrition_per_year"`
	} `toml:"population"`
	Admin struct {
		ReviewEveryDays     *int     `toml:"review_every_days"`
		OnReview            *string  `toml:"on_review"`
		WhenShort           *string  `toml:"when_short"`
		NotifyDelivery      *float64 `toml:"notify_delivery"`
		OnNotice            *string  `toml:"on_notice"`
		NoticeDelayDays     *int     `toml:"notice_delay_days"`
		OnDeparture         *string  `toml:"on_departure"`
		DepartureDelayDays  *int     `toml:"departure_delay_days"`
		RequestApproval     *float64 `toml:"request_approval"`
		RequestDelayDays    *int     `toml:"request_delay_days"`
		DisableNewAfterDays *int     `toml:"disable_new_after_days"`
		CancelFault         *float64 `toml:"cancel_fault"`
	} `toml:"admin"`
	Product []struct {
		ID             *string    `toml:"id"`
		Name           *string    `toml:"name"`
		Added          *time.Time `toml:"added"`
		Policy         *string    `toml:"policy"`
		TrialDays      *int       `toml:"trial_days"`
		TrialNeedsCard *bool      `toml:"trial_needs_card"`
		PriceAnnual    *float64   `toml:"price_annual"`
		PriceMonthly   *float64   `toml:"price_monthly"`
		OrgPrice       *float64   `toml:"org_price"`
		OrgSpare       *int       `toml:"org_spare"`
		rawBehaviour
	} `toml:"product"`
	PolicyChange []struct {
		Date    *time.Time `toml:"date"`
		Product *string    `toml:"product"`
		Policy  *string    `toml:"policy"`
	} `toml:"policy_change"`
	CatalogGrowth struct {
		PerYear        *float64  `toml:"per_year"`
		PriceAnnual    []float64 `toml:"price_annual"`
		MonthlyPremium *float64  `toml:"monthly_premium"`
		TrialDays      *int      `toml:"trial_days"`
		TrialNeedsCard *bool     `toml:"trial_needs_card"`
		rawBehaviour
	} `toml:"catalog_growth"`
}

type rawBehaviour struct {
	InterestPerYear     *float64 `toml:"interest_per_year"`
	CardGiven           *float64 `toml:"card_given"`
	AutorenewOffInTrial *float64 `toml:"autorenew_off_in_trial"`
	ExtendTrial         *float64 `toml:"extend_trial"`
	MonthlyTerm         *float64 `toml:"monthly_term"`
	AnnualBilling       *string  `toml:"annual_billing"`
	SeatsMean           *float64 `toml:"seats_mean"`
	QuitPerYear         *float64 `toml:"quit_per_year"`
	SeatChangePerYear   *float64 `toml:"seat_change_per_year"`
	RequestWhenBlocked  *float64 `toml:"request_when_blocked"`
	LeaverStopsRenewal  *float64 `toml:"leaver_stops_renewal"`
}

// Parse decodes a scenario; name is used in messages.
func Parse(name string, data []byte) (*model.Config, error) {
	var r raw
	md, err := toml.Decode(string(data), &r)
	if err != nil {
		return nil, &InputError{File: name, Err: err}
	}
	var errs []error
	for _, k := range md.Undecoded() {
		errs = append(errs, fmt.Errorf("unknown key %q", k.String()))
	}
	cfg := &model.Config{
		Name:         or(r.Name, ""),
		Start:        date(or(r.Start, time.Time{})),
		Months:       or(r.Months, 36),
		Currency:     or(r.Currency, "USD"),
		Seed:         or(r.Seed, 1),
		Replications: or(r.Replications, 200),
	}
	if cfg.Name == "" {
		errs = append(errs, errors.New("name: required"))
	}
	p := &r.Population
	cfg.Population = model.Population{
		Headcount: or(p.Headcount, 2000), Admins: or(p.Admins, 4),
		HiresPerMonth: or(p.HiresPerMonth, 15), AttritionPerYear: or(p.AttritionPerYear, 0.15),
	}
	a := &r.Admin
	cfg.Admin = model.Admin{
		ReviewEveryDays: or(a.ReviewEveryDays, 0), NotifyDelivery: or(a.NotifyDelivery, 0.5),
		NoticeDelayDays: or(a.NoticeDelayDays, 7), DepartureDelayDays: or(a.DepartureDelayDays, 30),
		RequestApproval: or(a.RequestApproval, 0.5), RequestDelayDays: or(a.RequestDelayDays, 5),
		DisableNewAfterDays: or(a.DisableNewAfterDays, -1), CancelFault: or(a.CancelFault, 0),
	}
	enum(&errs, "admin.on_review", or(a.OnReview, "none"), model.ParseAction, &cfg.Admin.OnReview)
	enum(&errs, "admin.when_short", or(a.WhenShort, "cancel"), model.ParseShort, &cfg.Admin.WhenShort)
	enum(&errs, "admin.on_notice", or(a.OnNotice, "none"), model.ParseAction, &cfg.Admin.OnNotice)
	enum(&errs, "admin.on_departure", or(a.OnDeparture, "none"), model.ParseDeparture, &cfg.Admin.OnDeparture)
	for i, rp := range r.Product {
		pr := model.Product{
			ID: or(rp.ID, ""), Name: or(rp.Name, or(rp.ID, "")), Added: date(or(rp.Added, time.Time{})),
			TrialDays: or(rp.TrialDays, 30), TrialNeedsCard: or(rp.TrialNeedsCard, true),
			PriceAnnual: cents(or(rp.PriceAnnual, 0)), OrgSpare: or(rp.OrgSpare, 0),
		}
		pr.PriceMonthly = cents(or(rp.PriceMonthly, or(rp.PriceAnnual, 0)*1.2))
		pr.OrgPrice = cents(or(rp.OrgPrice, or(rp.PriceAnnual, 0)))
		enum(&errs, fmt.Sprintf("product[%d].policy", i), or(rp.Policy, "enabled"), model.ParsePolicy, &pr.Policy)
		pr.Behaviour = behaviour(&errs, fmt.Sprintf("product[%d]", i), &rp.rawBehaviour, 0.05)
		cfg.Products = append(cfg.Products, pr)
	}
	for i, rc := range r.PolicyChange {
		pc := model.PolicyChange{Date: date(or(rc.Date, time.Time{})), Product: or(rc.Product, "")}
		enum(&errs, fmt.Sprintf("policy_change[%d].policy", i), or(rc.Policy, ""), model.ParsePolicy, &pc.Policy)
		cfg.PolicyChanges = append(cfg.PolicyChanges, pc)
	}
	g := &r.CatalogGrowth
	cfg.Growth = model.Growth{
		PerYear: or(g.PerYear, 0), MonthlyPremium: or(g.MonthlyPremium, 0.2),
		TrialDays: or(g.TrialDays, 30), TrialNeedsCard: or(g.TrialNeedsCard, true),
		PriceAnnualMin: 400, PriceAnnualMax: 3000,
	}
	if len(g.PriceAnnual) == 2 {
		cfg.Growth.PriceAnnualMin, cfg.Growth.PriceAnnualMax = cents(g.PriceAnnual[0]), cents(g.PriceAnnual[1])
	} else if g.PriceAnnual != nil {
		errs = append(errs, errors.New("catalog_growth.price_annual: want [min, max]"))
	}
	cfg.Growth.Behaviour = behaviour(&errs, "catalog_growth", &g.rawBehaviour, 0.02)
	if len(errs) == 0 {
		if err := model.Check(cfg); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, &InputError{File: name, Err: errors.Join(errs...)}
	}
	return cfg, nil
}

func behaviour(errs *[]error, where string, b *rawBehaviour, interest float64) model.Behaviour {
	out := model.Behaviour{
		InterestPerYear: or(b.InterestPerYear, interest), CardGiven: or(b.CardGiven, 0.6),
		AutorenewOffInTrial: or(b.AutorenewOffInTrial, 0.5), ExtendTrial: or(b.ExtendTrial, 0.1),
		MonthlyTerm: or(b.MonthlyTerm, 0.7), SeatsMean: or(b.SeatsMean, 1.2),
		QuitPerYear: or(b.QuitPerYear, 0.3), SeatChangePerYear: or(b.SeatChangePerYear, 0.1),
		RequestWhenBlocked: or(b.RequestWhenBlocked, 0.3), LeaverStopsRenewal: or(b.LeaverStopsRenewal, 0.5),
	}
	enum(errs, where+".annual_billing", or(b.AnnualBilling, "monthly"), model.ParseBilling, &out.AnnualBilling)
	return out
}

func or[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func enum[T any](errs *[]error, key, v string, parse func(string) (T, error), dst *T) {
	x, err := parse(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %w", key, err))
		return
	}
	*dst = x
}

// date keeps a TOML local date's calendar day as a UTC midnight.
func date(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// cents converts a price in currency units to whole cents.
func cents(x float64) model.Cents { return model.Cents(math.Round(x * 100)) }
