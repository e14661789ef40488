package scenarios

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"licsim/model"
)

//go:embed catalog.toml
var catalogTOML string

// CatalogProduct is one product of the built-in self-service catalog, with
// where its facts come from. Money is USD cents per seat per month.
type CatalogProduct struct {
	ID             string
	Name           string
	MSCommerceID   string    // ProductId in the MSCommerce PowerShell module; "" if not listed
	Added          time.Time // entered self-service purchase (R01)
	TrialDays      int       // 0: no trial
	TrialNeedsCard bool
	PriceAnnual    model.Cents // current annual-term list price
	PriceMonthly   model.Cents // current monthly-term list price
	EarlierPrices  []PricePeriod
	AsOf           time.Time // when the facts were last checked
	Source         string
	Note           string
}

// PricePeriod is a list price that held until a date.
type PricePeriod struct {
	Until        time.Time // first day the next price applied
	PriceAnnual  model.Cents
	PriceMonthly model.Cents
}

// CatalogCurrency is the currency of the catalog's prices.
const CatalogCurrency = "USD"

// PriceAt returns the annual- and monthly-term prices in force on day t:
// the earliest earlier price whose Until is after t, else the current one.
// The model has one price per product for a whole run, so a scenario
// takes the price in force on its start date.
func (p *CatalogProduct) PriceAt(t time.Time) (annual, monthly model.Cents) {
	for _, e := range p.EarlierPrices { // sorted by Until
		if t.Before(e.Until) {
			return e.PriceAnnual, e.PriceMonthly
		}
	}
	return p.PriceAnnual, p.PriceMonthly
}

// Catalog returns the built-in products, in catalog order. The slice is
// a fresh copy on each call.
func Catalog() ([]CatalogProduct, error) {
	c, err := builtinCatalog()
	if err != nil {
		return nil, err
	}
	out := make([]CatalogProduct, len(c))
	copy(out, c)
	return out, nil
}

// catalogProduct finds a built-in product by id.
func catalogProduct(id string) (*CatalogProduct, error) {
	c, err := builtinCatalog()
	if err != nil {
		return nil, err
	}
	for i := range c {
		if c[i].ID == id {
			return &c[i], nil
		}
	}
	return nil, nil
}

// builtinCatalog decodes the embedded catalog once. It is data shipped in
// the binary, so a problem with it is a bug (tests catch it), not bad
// input: the error is not an *InputError.
var builtinCatalog = sync.OnceValues(func() ([]CatalogProduct, error) {
	return parseCatalog(catalogTOML)
})

// parseCatalog decodes a catalog strictly: unknown keys, missing fields,
// bad money and duplicate ids are errors.
func parseCatalog(src string) ([]CatalogProduct, error) {
	type rawPrice struct {
		Until        toml.Primitive `toml:"until"`
		PriceAnnual  *float64       `toml:"price_annual"`
		PriceMonthly *float64       `toml:"price_monthly"`
	}
	var raw struct {
		Product []struct {
			ID             string         `toml:"id"`
			Name           string         `toml:"name"`
			MSCommerceID   *string        `toml:"mscommerce_id"`
			Added          toml.Primitive `toml:"added"`
			TrialDays      *int           `toml:"trial_days"`
			TrialNeedsCard *bool          `toml:"trial_needs_card"`
			PriceAnnual    *float64       `toml:"price_annual"`
			PriceMonthly   *float64       `toml:"price_monthly"`
			EarlierPrice   []rawPrice     `toml:"earlier_price"`
			AsOf           toml.Primitive `toml:"as_of"`
			Source         string         `toml:"source"`
			Note           string         `toml:"note"`
		} `toml:"product"`
	}
	md, err := toml.Decode(src, &raw)
	if err != nil {
		return nil, fmt.Errorf("built-in catalog: %w", err)
	}
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf("built-in catalog: "+format, a...)) }
	date := func(where string, p toml.Primitive) time.Time {
		var t time.Time
		if err := md.PrimitiveDecode(p, &t); err != nil || t.IsZero() {
			bad("%s: want a date", where)
			return time.Time{}
		}
		return utcDate(t)
	}
	money := func(where string, p *float64) model.Cents {
		if p == nil {
			bad("%s: missing", where)
			return 0
		}
		c, msg := toCents(*p)
		if msg != "" {
			bad("%s: %s", where, msg)
		}
		return c
	}
	for _, k := range md.Undecoded() {
		bad("unknown key %q", k.String())
	}
	var out []CatalogProduct
	seen := map[string]bool{}
	for _, r := range raw.Product {
		w := "product " + r.ID
		if msg := checkID(r.ID); msg != "" {
			bad("id %q: %s", r.ID, msg)
		}
		if seen[r.ID] {
			bad("id %q: listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Name == "" || r.Source == "" || r.MSCommerceID == nil || r.TrialDays == nil || r.TrialNeedsCard == nil {
			bad("%s: name, mscommerce_id, trial_days, trial_needs_card and source are required", w)
			continue
		}
		p := CatalogProduct{
			ID: r.ID, Name: r.Name, MSCommerceID: *r.MSCommerceID,
			Added: date(w+".added", r.Added), TrialDays: *r.TrialDays, TrialNeedsCard: *r.TrialNeedsCard,
			PriceAnnual: money(w+".price_annual", r.PriceAnnual),
			AsOf:        date(w+".as_of", r.AsOf), Source: r.Source, Note: r.Note,
		}
		p.PriceMonthly = monthlyPremium(p.PriceAnnual)
		if r.PriceMonthly != nil {
			p.PriceMonthly = money(w+".price_monthly", r.PriceMonthly)
		}
		if p.TrialDays < 0 || p.TrialDays > model.MaxTrialDays {
			bad("%s.trial_days = %d: want 0 to %d", w, p.TrialDays, model.MaxTrialDays)
		}
		for i, e := range r.EarlierPrice {
			ew := fmt.Sprintf("%s.earlier_price[%d]", w, i+1)
			pp := PricePeriod{Until: date(ew+".until", e.Until), PriceAnnual: money(ew+".price_annual", e.PriceAnnual)}
			pp.PriceMonthly = monthlyPremium(pp.PriceAnnual)
			if e.PriceMonthly != nil {
				pp.PriceMonthly = money(ew+".price_monthly", e.PriceMonthly)
			}
			p.EarlierPrices = append(p.EarlierPrices, pp)
		}
		sort.Slice(p.EarlierPrices, func(i, j int) bool { return p.EarlierPrices[i].Until.Before(p.EarlierPrices[j].Until) })
		out = append(out, p)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// monthlyPremium is the monthly-term price of an annual-term price: 20%
// more (the new-commerce premium), rounded half up to the cent.
func monthlyPremium(annual model.Cents) model.Cents { return (annual*12 + 5) / 10 }
