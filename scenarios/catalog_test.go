package scenarios

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// TestCatalogFacts pins the built-in catalog to microsoft-program.md §1:
// every product sold through self-service, its ProductId today and the
// older ones, its trial (card, no-card, none), and its dated annual-term
// prices (USD; 0 where no source gave one). The sources are those of §1's
// table and §6.
func TestCatalogFacts(t *testing.T) {
	cat, err := Catalog()
	require.NoError(t, err)
	type price struct {
		from   string
		annual model.Cents
	}
	want := []struct {
		id, productID string
		older         []string
		trial         string // card, no-card, none
		prices        []price
		sources       string
	}{
		{"power-bi-pro", "CFQ7TTC0H9MP", []string{"CFQ7TTC0L3PB"}, "card", []price{{"", 1000}, {"2025-04-01", 1400}}, "A1, A2, P1, B5"},
		{"power-bi-premium-per-user", "CFQ7TTC0H6RP", []string{"CFQ7TTC0KXG7"}, "card", []price{{"", 2000}, {"2025-04-01", 2400}}, "A1, A2, P1, B5"},
		{"power-apps-per-user", "CFQ7TTC0LH2H", []string{"CFQ7TTC0KP0P"}, "card", []price{{"", 2000}}, "A1, A2, B6, P2, P3"},
		{"power-automate-per-user", "CFQ7TTC0LH3L", []string{"CFQ7TTC0KP0N"}, "card", []price{{"", 1500}}, "A1, A2, P4"},
		{"power-automate-rpa", "CFQ7TTC0LSGZ", []string{"CFQ7TTC0KXG6"}, "card", []price{{"", 4000}}, "A1, A2, P4"},
		{"visio-plan-1", "CFQ7TTC0HD33", []string{"CFQ7TTC0KXN9"}, "no-card", []price{{"", 500}}, "A1, A3, P5"},
		{"visio-plan-2", "CFQ7TTC0HD32", []string{"CFQ7TTC0KXN8"}, "card", []price{{"", 1500}}, "A1, P5"},
		{"planner-plan-1", "CFQ7TTC0HDB1", []string{"CFQ7TTC0KXND"}, "no-card", []price{{"", 1000}}, "A1, A3"},
		{"project-plan-3", "CFQ7TTC0HDB0", []string{"CFQ7TTC0KXNC"}, "card", []price{{"", 3000}}, "A1"},
		{"windows-365-business", "CFQ7TTC0J203", nil, "none", []price{{"", 3100}}, "A3, A4"},
		{"windows-365-enterprise", "CFQ7TTC0HHS9", nil, "none", nil, "A3, A4"},
		{"windows-365-business-hybrid", "CFQ7TTC0HX99", nil, "none", nil, "A3, A4"},
		{"dynamics-365-marketing", "CFQ7TTC0LH3N", nil, "none", nil, "A3"},
		{"clipchamp-premium", "CFQ7TTC0N8SS", nil, "card", []price{{"", 1199}}, "A1, C1"},
		{"microsoft-365-copilot", "CFQ7TTC0MM8R", nil, "card", []price{{"", 3000}}, "A1, B7, B8"},
		{"microsoft-365-f3", "CFQ7TTC0LH05", nil, "none", []price{{"", 800}, {"2026-07-01", 1000}}, "A1, B9"},
		{"python-in-excel", "CFQ7TTC0S3X1", nil, "card", nil, "A1"},
		{"teams-premium", "CFQ7TTC0RM8K", nil, "no-card", []price{{"", 1000}}, "A1, A3, C4"},
	}
	require.Len(t, cat, len(want))
	for i, w := range want {
		p := cat[i]
		assert.Equal(t, w.id, p.ID)
		assert.Equal(t, w.productID, p.MSCommerceID, w.id)
		assert.Equal(t, w.older, p.OlderIDs, w.id)
		assert.Equal(t, w.trial, p.Trial, w.id)
		assert.Equal(t, w.trial == "card", p.TrialNeedsCard, w.id)
		assert.Equal(t, w.trial == "none", p.TrialDays == 0, w.id)
		assert.Equal(t, len(w.prices) > 0, p.PriceKnown, w.id)
		if len(w.prices) > 0 {
			assert.Equal(t, w.prices[0].annual, p.PriceAnnual, w.id)
			assert.Equal(t, monthlyPremium(w.prices[0].annual), p.PriceMonthly, "%s: monthly = annual × 1.2 [derived]", w.id)
			require.Len(t, p.Steps, len(w.prices)-1, w.id)
			for k, st := range p.Steps {
				assert.Equal(t, w.prices[k+1].from, st.From.Format(time.DateOnly), w.id)
				assert.Equal(t, w.prices[k+1].annual, st.PriceAnnual, w.id)
				assert.NotEmpty(t, st.Sources, w.id)
			}
		}
		for _, letter := range strings.Split(w.sources, ", ") {
			assert.Contains(t, p.Sources, letter, "%s cites %s", w.id, letter)
		}
		assert.NotEmpty(t, p.Name)
		assert.NotEmpty(t, p.Derived, "%s says which figures are derived", w.id)
		assert.False(t, p.AsOf.IsZero(), w.id)
		assert.False(t, p.Added.IsZero(), w.id)
	}
	clip, _ := catalogProduct("clipchamp-premium")
	assert.Equal(t, time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC), clip.Added, "seed and C1: added November 2023")
	old, _ := catalogProduct("project-plan-1")
	require.NotNil(t, old, "the catalog's former id still finds Planner Plan 1")
	assert.Equal(t, "planner-plan-1", old.ID)

	rules, err := Rules()
	require.NoError(t, err)
	assert.Equal(t, 0.20, rules.MonthlyTermPremium.Share, "4.3")
	assert.Equal(t, 0.05, rules.MonthlyBillingPremium.Share, "4.4")
	assert.Equal(t, "2025-04-01", rules.MonthlyBillingPremium.From.Format(time.DateOnly), "4.4")
	assert.Equal(t, 7, rules.RefundWindowDays, "4.5, U11")

	// Catalog returns a copy: callers cannot change the built-in data.
	cat[0].PriceAnnual = 1
	again, _ := Catalog()
	assert.Equal(t, model.Cents(1000), again[0].PriceAnnual)
}

func TestPriceAt(t *testing.T) {
	p, err := catalogProduct("power-bi-premium-per-user")
	require.NoError(t, err)
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	for day, want := range map[string]model.Cents{"2019-01-01": 2000, "2025-03-31": 2000, "2025-04-01": 2400, "2030-01-01": 2400} {
		annual, monthly := p.PriceAt(d(day))
		assert.Equal(t, want, annual, day)
		assert.Equal(t, monthlyPremium(want), monthly, day)
	}
	assert.Len(t, p.StepsAfter(d("2025-01-01")), 1, "a run from 2025-01-01 gets the April step")
	assert.Empty(t, p.StepsAfter(d("2025-04-01")), "a run from the step's day starts at its price")
}

func TestParseCatalogStrict(t *testing.T) {
	rules := "[rules.monthly_term_premium]\nfrom = 2022-03-01\nshare = 0.2\nsources = \"B2\"\n" +
		"[rules.monthly_billing_premium]\nfrom = 2025-04-01\nshare = 0.05\nsources = \"B3\"\n" +
		"[rules.refund_window]\ndays = 7\nsources = \"B1\"\n"
	product := func(id, productID string) string {
		return "[[product]]\nid = \"" + id + "\"\nname = \"X\"\nmscommerce_id = \"" + productID + "\"\nadded = 2020-01-01\ntrial = \"card\"\ntrial_days = 30\nprice_annual = 1.00\nas_of = 2025-01-01\nsources = \"A1\"\nderived = \"-\"\n"
	}
	good := rules + product("x", "P1")
	_, err := parseCatalog(good)
	require.NoError(t, err)
	for name, src := range map[string]string{
		"unknown key":       good + "colour = \"red\"\n",
		"duplicate id":      good + product("x", "P2"),
		"alias collides":    good + product("y", "P2") + "older_ids = [\"P1\"]\n",
		"productId twice":   good + product("y", "P1"),
		"former id is used": good + product("y", "P2") + "former_catalog_ids = [\"x\"]\n",
		"bad money":         good + "price_monthly = 1.005\n",
		"missing":           rules + "[[product]]\nid = \"x\"\n",
		"bad date":          good + "[[product.price]]\nfrom = \"2025\"\nprice_annual = 1.0\nsources = \"s\"\n",
		"steps out of order": good + "[[product.price]]\nfrom = 2025-01-01\nprice_annual = 2.0\nsources = \"s\"\n" +
			"[[product.price]]\nfrom = 2024-01-01\nprice_annual = 3.0\nsources = \"s\"\n",
		"syntax":     "[[product]\n",
		"bad trial":  good + "[[product]]\nid = \"y\"\nname = \"Y\"\nmscommerce_id = \"P9\"\nadded = 2020-01-01\ntrial = \"maybe\"\ntrial_days = 90\nprice_annual = 1.00\nas_of = 2025-01-01\nsources = \"s\"\n",
		"no rules":   product("x", "P1"),
		"bad window": strings.Replace(good, "days = 7", "days = -1", 1),
	} {
		_, err := parseCatalog(src)
		assert.Error(t, err, name)
	}
}

func TestMonthlyPremium(t *testing.T) {
	for annual, monthly := range map[model.Cents]model.Cents{500: 600, 1199: 1439, 1: 1, 4: 5, 0: 0, 2499: 2999} {
		assert.Equal(t, monthly, monthlyPremium(annual), "%d", annual)
	}
}
