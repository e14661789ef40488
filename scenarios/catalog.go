package scenarios

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"slices"
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
	ID               string
	FormerCatalogIDs []string // ids this catalog used before for it
	Name             string
	MSCommerceID     string    // ProductId in the MSCommerce PowerShell module today
	OlderIDs         []string  // ProductIds Microsoft used before (A1)
	Added            time.Time // entered self-service purchase (R01)
	Trial            string    // "card", "no-card" or "none" (R03, R04)
	TrialDays        int       // 0: no trial
	TrialNeedsCard   bool
	// PriceKnown is false when no source gave a price (U9): a scenario
	// that uses the product must give its own.
	PriceKnown   bool
	PriceAnnual  model.Cents // from Added on, until the first step
	PriceMonthly model.Cents
	Steps        []PriceStep // later list prices (R20), by date
	AsOf         time.Time   // when the facts were last checked
	Sources      string      // letters of microsoft-program.md's sources
	Derived      string      // which figures were worked out, not read
	Note         string
}

// PriceStep is a list price from a date on (R20).
type PriceStep struct {
	From         time.Time
	PriceAnnual  model.Cents
	PriceMonthly model.Cents
	Sources      string
}

// Premium is a dated billing rule of the catalog (R20): a share more on a
// price from a date on.
type Premium struct {
	From    time.Time
	Share   float64
	Sources string
}

// CatalogRules are the billing rules that hold for every product.
type CatalogRules struct {
	MonthlyTermPremium    Premium // a monthly term over an annual one (4.3)
	MonthlyBillingPremium Premium // an annual term paid monthly over paid up front (4.4)
	RefundWindowDays      int     // R21, R22 (4.5, 4.6)
	RefundWindowSources   string
}

// On returns the premium's share in force on day t: 0 before its date.
func (p Premium) On(t time.Time) float64 {
	if t.Before(p.From) {
		return 0
	}
	return p.Share
}

// CatalogCurrency is the currency of the catalog's prices.
const CatalogCurrency = "USD"

// PriceAt returns the annual- and monthly-term prices in force on day t:
// those of the last step dated on or before t, else the first prices.
func (p *CatalogProduct) PriceAt(t time.Time) (annual, monthly model.Cents) {
	annual, monthly = p.PriceAnnual, p.PriceMonthly
	for _, st := range p.Steps { // sorted by From
		if t.Before(st.From) {
			break
		}
		annual, monthly = st.PriceAnnual, st.PriceMonthly
	}
	return annual, monthly
}

// StepsAfter returns the price steps dated after t, as the model takes
// them: a scenario starting at t gets PriceAt(t) and these.
func (p *CatalogProduct) StepsAfter(t time.Time) []model.PriceStep {
	var out []model.PriceStep
	for _, st := range p.Steps {
		if st.From.After(t) {
			out = append(out, model.PriceStep{From: st.From, Annual: st.PriceAnnual, Monthly: st.PriceMonthly})
		}
	}
	return out
}

// Catalog returns the built-in products, in catalog order. The slice is
// a fresh copy on each call.
func Catalog() ([]CatalogProduct, error) {
	c, err := builtinCatalog()
	if err != nil {
		return nil, err
	}
	out := make([]CatalogProduct, len(c.products))
	copy(out, c.products)
	return out, nil
}

// Rules returns the catalog's billing rules.
func Rules() (CatalogRules, error) {
	c, err := builtinCatalog()
	if err != nil {
		return CatalogRules{}, err
	}
	return c.rules, nil
}

// catalogProduct finds a built-in product by its id or a former id of
// this catalog.
func catalogProduct(id string) (*CatalogProduct, error) {
	c, err := builtinCatalog()
	if err != nil {
		return nil, err
	}
	for i := range c.products {
		if c.products[i].ID == id || slices.Contains(c.products[i].FormerCatalogIDs, id) {
			return &c.products[i], nil
		}
	}
	return nil, nil
}

// catalog is the parsed catalog file.
type catalog struct {
	products []CatalogProduct
	rules    CatalogRules
}

// builtinCatalog decodes the embedded catalog once. It is data shipped in
// the binary, so a problem with it is a bug (tests catch it), not bad
// input: the error is not an *InputError.
var builtinCatalog = sync.OnceValues(func() (*catalog, error) {
	return parseCatalog(catalogTOML)
})

// rawPrice is a [[product.price]] of the catalog file, as written.
type rawPrice struct {
	From         toml.Primitive `toml:"from"`
	PriceAnnual  *float64       `toml:"price_annual"`
	PriceMonthly *float64       `toml:"price_monthly"`
	Sources      string         `toml:"sources"`
}

// rawCatalogProduct is a [[product]] of the catalog file, as written:
// pointers tell a missing key from a zero one.
type rawCatalogProduct struct {
	ID               string         `toml:"id"`
	FormerCatalogIDs []string       `toml:"former_catalog_ids"`
	Name             string         `toml:"name"`
	MSCommerceID     string         `toml:"mscommerce_id"`
	OlderIDs         []string       `toml:"older_ids"`
	Added            toml.Primitive `toml:"added"`
	Trial            string         `toml:"trial"`
	TrialDays        *int           `toml:"trial_days"`
	PriceAnnual      *float64       `toml:"price_annual"`
	PriceMonthly     *float64       `toml:"price_monthly"`
	Price            []rawPrice     `toml:"price"`
	AsOf             toml.Primitive `toml:"as_of"`
	Sources          string         `toml:"sources"`
	Derived          string         `toml:"derived"`
	Note             string         `toml:"note"`
}

type rawPremium struct {
	From    toml.Primitive `toml:"from"`
	Share   *float64       `toml:"share"`
	Sources string         `toml:"sources"`
}

type rawRules struct {
	MonthlyTerm    rawPremium `toml:"monthly_term_premium"`
	MonthlyBilling rawPremium `toml:"monthly_billing_premium"`
	RefundWindow   struct {
		Days    *int   `toml:"days"`
		Sources string `toml:"sources"`
	} `toml:"refund_window"`
}

// catalogReader converts the catalog file's raw values and collects every
// problem with them.
type catalogReader struct {
	md    toml.MetaData
	errs  []error
	rules CatalogRules
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
// monthly-term premium on the annual one.
func (c *catalogReader) monthly(where string, p *float64, annual model.Cents) model.Cents {
	if p == nil {
		return withPremium(annual, c.rules.MonthlyTermPremium.Share)
	}
	return c.money(where, p)
}

// premium reads a dated rule.
func (c *catalogReader) premium(where string, r rawPremium) Premium {
	if r.Share == nil || r.Sources == "" || !(*r.Share >= 0 && *r.Share <= 1) {
		c.bad("rules.%s: share in [0, 1], from and sources are required", where)
		return Premium{}
	}
	return Premium{From: c.date("rules."+where+".from", r.From), Share: *r.Share, Sources: r.Sources}
}

// parseCatalog decodes a catalog strictly: unknown keys, missing fields,
// bad money, duplicate ids and colliding ProductIds are errors.
func parseCatalog(src string) (*catalog, error) {
	var raw struct {
		Rules   rawRules            `toml:"rules"`
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
	c.rules = CatalogRules{
		MonthlyTermPremium:    c.premium("monthly_term_premium", raw.Rules.MonthlyTerm),
		MonthlyBillingPremium: c.premium("monthly_billing_premium", raw.Rules.MonthlyBilling),
		RefundWindowSources:   raw.Rules.RefundWindow.Sources,
	}
	if w := raw.Rules.RefundWindow.Days; w == nil || *w < 0 || *w > model.MaxWindowDays || raw.Rules.RefundWindow.Sources == "" {
		c.bad("rules.refund_window: days in [0, %d] and sources are required", model.MaxWindowDays)
	} else {
		c.rules.RefundWindowDays = *w
	}
	var out []CatalogProduct
	ids := map[string]string{}        // catalog id → product
	productIDs := map[string]string{} // ProductId → product
	for i := range raw.Product {
		r := &raw.Product[i]
		if msg := checkID(r.ID); msg != "" {
			c.bad("id %q: %s", r.ID, msg)
		}
		for _, id := range append([]string{r.ID}, r.FormerCatalogIDs...) {
			if prev, dup := ids[id]; dup {
				c.bad("id %q of %s: already an id of %s", id, r.ID, prev)
			}
			ids[id] = r.ID
		}
		for _, id := range append([]string{r.MSCommerceID}, r.OlderIDs...) {
			if prev, dup := productIDs[id]; dup {
				c.bad("product %s: ProductId %q collides with %s's", r.ID, id, prev)
			}
			productIDs[id] = r.ID
		}
		if p, ok := c.product(r); ok {
			out = append(out, p)
		}
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	return &catalog{products: out, rules: c.rules}, nil
}

// product converts one catalog product; false when required facts are
// missing.
func (c *catalogReader) product(r *rawCatalogProduct) (CatalogProduct, bool) {
	w := "product " + r.ID
	if r.Name == "" || r.Sources == "" || r.MSCommerceID == "" || r.TrialDays == nil {
		c.bad("%s: name, mscommerce_id, trial, trial_days and sources are required", w)
		return CatalogProduct{}, false
	}
	p := CatalogProduct{
		ID: r.ID, FormerCatalogIDs: r.FormerCatalogIDs, Name: r.Name, MSCommerceID: r.MSCommerceID, OlderIDs: r.OlderIDs,
		Added: c.date(w+".added", r.Added), Trial: r.Trial, TrialDays: *r.TrialDays,
		AsOf: c.date(w+".as_of", r.AsOf), Sources: r.Sources, Derived: r.Derived, Note: r.Note,
	}
	switch r.Trial {
	case "card":
		p.TrialNeedsCard = true
	case "no-card":
	case "none":
		if p.TrialDays != 0 {
			c.bad("%s: trial = \"none\" wants trial_days = 0", w)
		}
	default:
		c.bad("%s.trial = %q: want card, no-card or none", w, r.Trial)
	}
	if p.TrialDays < 0 || p.TrialDays > model.MaxTrialDays || r.Trial != "none" && p.TrialDays == 0 {
		c.bad("%s.trial_days = %d: want 1 to %d with a trial, 0 without", w, p.TrialDays, model.MaxTrialDays)
	}
	if r.PriceAnnual != nil {
		p.PriceKnown = true
		p.PriceAnnual = c.money(w+".price_annual", r.PriceAnnual)
		p.PriceMonthly = c.monthly(w+".price_monthly", r.PriceMonthly, p.PriceAnnual)
	} else if r.PriceMonthly != nil || len(r.Price) > 0 {
		c.bad("%s: dated prices without price_annual", w)
	}
	for i, e := range r.Price {
		ew := fmt.Sprintf("%s.price[%d]", w, i+1)
		st := PriceStep{From: c.date(ew+".from", e.From), PriceAnnual: c.money(ew+".price_annual", e.PriceAnnual), Sources: e.Sources}
		st.PriceMonthly = c.monthly(ew+".price_monthly", e.PriceMonthly, st.PriceAnnual)
		if e.Sources == "" {
			c.bad("%s.sources: required", ew)
		}
		if i > 0 && !p.Steps[i-1].From.Before(st.From) || !p.Added.Before(st.From) {
			c.bad("%s.from: dated prices must follow added and each other in time", ew)
		}
		p.Steps = append(p.Steps, st)
	}
	return p, true
}

// withPremium is a price with a premium share on it, rounded half up to
// the cent.
func withPremium(price model.Cents, share float64) model.Cents {
	return price + model.Cents(math.Floor(float64(price)*share+0.5))
}

// monthlyPremium is the monthly-term price of an annual-term price: 20%
// more (the new-commerce premium, 4.3), rounded half up to the cent. It
// is the default of a scenario's price_monthly.
func monthlyPremium(annual model.Cents) model.Cents { return (annual*12 + 5) / 10 }
