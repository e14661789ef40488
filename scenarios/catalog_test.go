package scenarios

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// TestCatalogFacts pins the built-in catalog to ../shared/catalog.md:
// ids, MSCommerce ids, annual-term prices and trial lengths.
func TestCatalogFacts(t *testing.T) {
	cat, err := Catalog()
	require.NoError(t, err)
	want := []struct {
		id, mscommerce string
		annual         model.Cents
		trial          int
	}{
		{"power-bi-pro", "CFQ7TTC0L3PB", 1400, 60},
		{"power-bi-premium-per-user", "CFQ7TTC0KXG7", 2400, 60},
		{"power-apps-per-user", "CFQ7TTC0KP0P", 2000, 30},
		{"power-automate-per-user", "CFQ7TTC0KP0N", 1500, 30},
		{"power-automate-rpa", "CFQ7TTC0KXG6", 4000, 30},
		{"visio-plan-1", "CFQ7TTC0KXN9", 500, 30},
		{"visio-plan-2", "CFQ7TTC0KXN8", 1500, 30},
		{"project-plan-1", "CFQ7TTC0KXND", 1000, 30},
		{"project-plan-3", "CFQ7TTC0KXNC", 3000, 30},
		{"windows-365-business", "CFQ7TTC0J203", 3100, 0},
		{"clipchamp-premium", "", 1199, 30},
	}
	require.Len(t, cat, len(want))
	for i, w := range want {
		p := cat[i]
		assert.Equal(t, w.id, p.ID)
		assert.Equal(t, w.mscommerce, p.MSCommerceID, w.id)
		assert.Equal(t, w.annual, p.PriceAnnual, w.id)
		assert.Equal(t, monthlyPremium(w.annual), p.PriceMonthly, w.id)
		assert.Equal(t, w.trial, p.TrialDays, w.id)
		assert.NotEmpty(t, p.Name)
		assert.NotEmpty(t, p.Source, w.id)
		assert.False(t, p.AsOf.IsZero(), w.id)
		assert.False(t, p.Added.IsZero(), w.id)
	}
	clip, _ := catalogProduct("clipchamp-premium")
	assert.Equal(t, time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC), clip.Added, "seed: added November 2023")

	// Catalog returns a copy: callers cannot change the built-in data.
	cat[0].PriceAnnual = 1
	again, _ := Catalog()
	assert.Equal(t, model.Cents(1400), again[0].PriceAnnual)
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
}

func TestParseCatalogStrict(t *testing.T) {
	good := "[[product]]\nid = \"x\"\nname = \"X\"\nmscommerce_id = \"\"\nadded = 2020-01-01\ntrial_days = 30\ntrial_needs_card = true\nprice_annual = 1.00\nas_of = 2025-01-01\nsource = \"s\"\n"
	_, err := parseCatalog(good)
	require.NoError(t, err)
	for name, src := range map[string]string{
		"unknown key":  good + "colour = \"red\"\n",
		"duplicate id": good + good,
		"bad money":    good[:len(good)-len("source = \"s\"\n")] + "price_monthly = 1.005\nsource = \"s\"\n",
		"missing":      "[[product]]\nid = \"x\"\n",
		"bad date":     good + "[[product.earlier_price]]\nuntil = \"2025\"\nprice_annual = 1.0\n",
		"syntax":       "[[product]\n",
		"bad trial":    good[:len(good)-len("source = \"s\"\n")] + "source = \"s\"\n" + "[[product]]\nid = \"y\"\nname = \"Y\"\nmscommerce_id = \"\"\nadded = 2020-01-01\ntrial_days = 90\ntrial_needs_card = true\nprice_annual = 1.00\nas_of = 2025-01-01\nsource = \"s\"\n",
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
