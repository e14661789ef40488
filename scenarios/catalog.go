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

// rawPrice is an earlier_price of the catalog file, as written.
type rawPrice struct {
	Until        toml.Primitive `toml:"until"`
	PriceAnnual  *float64       `toml:"price_annual"`
	PriceMonthly *float64       `toml:"price_monthly"`
}

// rawCatalogProduct is a [[product]] of the catalog file, as written:
// pointers tell a missing key from a zero one.
type rawCatalogProduct struct {
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
}

// catalogReader converts the catalog file's raw values and collects every
// problem with them.
type catalogReader struct {
	md   toml.MetaData
	errs []error
}

func (c *catalogReader) bad(format string, a ...any) {
	c.errs = append(c.errs, fmt.Errorf("built-in catalog: "+format, a...))
}

// date reads a date; where names it in the message.
func (c *catalogReader) date(where string, p toml.Primitive) time.Time {
	var t time.Time
	if err := c.md.PrimitiveDecode(p, &t); err != nil || t.IsZero() {
		c.bad("%s: want a date", where)
		return time.Time{}
	}
	return utcDate(t)
}

// money reads a required amount as cents.
func (c *catalogReader) money(where string, p *float64) model.Cents {
	if p == nil {
		c.bad("%s: missing", where)
		return 0
	}
	cents, msg := toCents(*p)
	if msg != "" {
		c.bad("%s: %s", where, msg)
	}
	return cents
}

// monthly reads an optional monthly-term price, defaulting to the
// premium on the annual one.
func (c *catalogReader) monthly(where string, p *float64, annual model.Cents) model.Cents {
	if p == nil {
		return monthlyPremium(annual)
	}
	return c.money(where, p)
}

// parseCatalog decodes a catalog strictly: unknown keys, missing fields,
// bad money and duplicate ids are errors.
func parseCatalog(src string) ([]CatalogProduct, error) {
	var raw struct {
		Product []rawCatalogProduct `toml:"product"`
	}
	md, err := toml.Decode(src, &raw)
	if err != nil {
		return nil, fmt.Errorf("built-in catalog: %w", err)
	}
	c := &catalogReader{md: md}
	for _, k := range md.Undecoded() {
		c.bad("unknown key %q", k.String())
	}
	var out []CatalogProduct
	seen := map[string]bool{}
	for i := range raw.Product {
		r := &raw.Product[i]
		if msg := checkID(r.ID); msg != "" {
			c.bad("id %q: %s", r.ID, msg)
		}
		if seen[r.ID] {
			c.bad("id %q: listed twice", r.ID)
		}
		seen[r.ID] = true
		if p, ok := c.product(r); ok {
			out = append(out, p)
		}
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	return out, nil
}

// product converts one catalog product; false when required facts are
// missing.
func (c *catalogReader) product(r *rawCatalogProduct) (CatalogProduct, bool) {
	w := "product " + r.ID
	if r.Name == "" || r.Source == "" || r.MSCommerceID == nil || r.TrialDays == nil || r.TrialNeedsCard == nil {
		c.bad("%s: name, mscommerce_id, trial_days, trial_needs_card and source are required", w)
		return CatalogProduct{}, false
	}
	p := CatalogProduct{
		ID: r.ID, Name: r.Name, MSCommerceID: *r.MSCommerceID,
		Added: c.date(w+".added", r.Added), TrialDays: *r.TrialDays, TrialNeedsCard: *r.TrialNeedsCard,
		PriceAnnual: c.money(w+".price_annual", r.PriceAnnual),
		AsOf:        c.date(w+".as_of", r.AsOf), Source: r.Source, Note: r.Note,
	}
	p.PriceMonthly = c.monthly(w+".price_monthly", r.PriceMonthly, p.PriceAnnual)
	if p.TrialDays < 0 || p.TrialDays > model.MaxTrialDays {
		c.bad("%s.trial_days = %d: want 0 to %d", w, p.TrialDays, model.MaxTrialDays)
	}
	for i, e := range r.EarlierPrice {
		ew := fmt.Sprintf("%s.earlier_price[%d]", w, i+1)
		pp := PricePeriod{Until: c.date(ew+".until", e.Until), PriceAnnual: c.money(ew+".price_annual", e.PriceAnnual)}
		pp.PriceMonthly = c.monthly(ew+".price_monthly", e.PriceMonthly, pp.PriceAnnual)
		p.EarlierPrices = append(p.EarlierPrices, pp)
	}
	sort.Slice(p.EarlierPrices, func(i, j int) bool { return p.EarlierPrices[i].Until.Before(p.EarlierPrices[j].Until) })
	return p, true
}

// monthlyPremium is the monthly-term price of an annual-term price: 20%
// more (the new-commerce premium), rounded half up to the cent.
func monthlyPremium(annual model.Cents) model.Cents { return (annual*12 + 5) / 10 }
