package scenarios

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

var update = flag.Bool("update", false, "rewrite golden files (testdata/bad/*.golden, README.md key tables)")

var reMachine = regexp.MustCompile(`this machine allows [0-9.]+ [KMGTP]?i?B`)

// badFiles lists the corpus of files that must be refused.
func badFiles(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.toml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

// TestBadFiles checks every file of the bad corpus against the message
// it must produce (testdata/bad/NAME.golden). Run with -update to rewrite
// the golden files, then read the diff: the messages are for people.
func TestBadFiles(t *testing.T) {
	for _, file := range badFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			cfg, err := Load(file)
			require.Error(t, err, "a bad file loaded")
			assert.Nil(t, cfg)
			var ie *InputError
			require.True(t, errors.As(err, &ie), "not an *InputError: %v", err)
			require.NotEmpty(t, ie.Problems)
			for _, p := range ie.Problems {
				assert.Equal(t, file, p.File)
				assert.NotEmpty(t, p.Key, "every problem names its key: %s", p)
				var pe *Problem
				assert.True(t, errors.As(err, &pe))
			}
			// The machine's memory varies; the rest must not.
			got := reMachine.ReplaceAllString(err.Error(), "this machine allows (LIMIT)") + "\n"
			golden := strings.TrimSuffix(file, ".toml") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "no golden file; run go test ./scenarios -update")
			assert.Equal(t, string(want), got)
		})
	}
}

// TestShipped loads, checks and runs one short replication of every
// shipped scenario, by name and by path.
func TestShipped(t *testing.T) {
	names := Shipped()
	for _, want := range []string{"baseline", "disable-all", "trials-only", "quarterly-takeover", "leaver-exposure", "new-products", "enterprise"} {
		assert.Contains(t, names, want)
	}
	assert.NotContains(t, names, "catalog", "the catalog is not a scenario")
	assert.Contains(t, names, DefaultName)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			src, ok := ShippedSource(name)
			require.True(t, ok)
			assert.True(t, strings.HasPrefix(string(src), "# Question:"), "a shipped scenario opens with the question it answers")

			cfg, err := Load(name)
			require.NoError(t, err)
			require.NoError(t, model.Check(cfg))
			byFile, err := Load(filepath.Join(".", name+".toml"))
			require.NoError(t, err)
			assert.Equal(t, cfg, byFile)
			withExt, err := Load(name + ".toml")
			require.NoError(t, err)
			assert.Equal(t, cfg, withExt)

			short := *cfg
			short.Months = min(short.Months, 12)
			res, err := model.Run(context.Background(), &short, 0, model.Options{})
			require.NoError(t, err)
			assert.Positive(t, res.Events)
		})
	}
}

// TestWhatIfsDifferOnlyInPolicy keeps the promise of the shipped files:
// disable-all, trials-only and quarterly-takeover are baseline with other
// admin decisions, so a paired comparison isolates the policy.
func TestWhatIfsDifferOnlyInPolicy(t *testing.T) {
	base, err := Load("baseline")
	require.NoError(t, err)
	for _, name := range []string{"disable-all", "trials-only", "quarterly-takeover"} {
		cfg, err := Load(name)
		require.NoError(t, err)
		cfg.Name, cfg.Admin, cfg.PolicyChanges = base.Name, base.Admin, base.PolicyChanges
		assert.Equal(t, base, cfg, name)
	}
}

// TestWhatIfsStartInBaselinesState (issue 13): every shipped scenario
// warms up, and the what-ifs' warm-up is baseline's: their policy
// change is dated on start and [admin] acts from start on, so on the
// same seeds they carry exactly baseline's state into the run.
func TestWhatIfsStartInBaselinesState(t *testing.T) {
	for _, name := range Shipped() {
		cfg, err := Load(name)
		require.NoError(t, err)
		assert.True(t, cfg.History, "%s warms up", name)
		assert.Equal(t, "2020-01-14", cfg.ClockStart().Format(time.DateOnly), "%s: self-service opened", name)
		for _, pc := range cfg.PolicyChanges {
			assert.False(t, pc.Date.Before(cfg.Start), "%s: the warm-up runs the status quo", name)
		}
	}
	carried := func(name string, rep int) model.Carried {
		cfg, err := Load(name)
		require.NoError(t, err)
		cfg.Months = 1
		res, err := model.Run(context.Background(), cfg, rep, model.Options{})
		require.NoError(t, err)
		return res.Carried
	}
	for rep := range 2 {
		base := carried("baseline", rep)
		assert.Positive(t, base.Subscriptions)
		for _, name := range []string{"disable-all", "trials-only", "quarterly-takeover"} {
			assert.Equal(t, base, carried(name, rep), "%s, replication %d", name, rep)
		}
	}
}

func TestLoadNotFound(t *testing.T) {
	for _, path := range []string{"no-such-scenario", "testdata/no-such.toml", "catalog", "testdata"} {
		_, err := Load(path)
		var ie *InputError
		require.True(t, errors.As(err, &ie), "%s: %v", path, err)
		assert.Contains(t, err.Error(), path)
	}
	_, err := Load("no-such-scenario")
	assert.Contains(t, err.Error(), "baseline", "lists the shipped names")
}

// TestTemplate: `licsim init` prints a file that validates as printed,
// mentions every key, and whose values are the defaults.
func TestTemplate(t *testing.T) {
	src := Template()
	cfg, err := Parse("init.toml", []byte(src))
	require.NoError(t, err)
	for _, s := range specs {
		switch {
		case s.path() == "history_start": // commented out: only with history = "simulate"
			assert.Contains(t, src, "\n# "+s.name+" = ", "template misses %s", s.path())
		case s.table != tChange && s.table != tPrice && s.table != tExisting && s.table != tUncertain:
			assert.Contains(t, src, "\n"+s.name+" = ", "template misses %s", s.path())
		}
	}
	for _, s := range append(tableSpecs[tChange], tableSpecs[tUncertain]...) {
		assert.Contains(t, src, "\n# "+s.name+" = ")
	}
	// Deleting every key the template sets to its default gives the same
	// scenario: the template shows the defaults.
	minimal, err := Parse("minimal.toml", []byte("name = \"My scenario\"\nstart = 2026-01-01\n[[product]]\nid = \"visio-plan-1\"\n"))
	require.NoError(t, err)
	assert.Equal(t, minimal, cfg)
	res, err := model.Run(context.Background(), cfg, 0, model.Options{})
	require.NoError(t, err)
	assert.Positive(t, res.Events)
}

// TestDefaults pins the defaults the contract leaves implicit.
func TestDefaults(t *testing.T) {
	cfg, err := Parse("min.toml", []byte("name = \"x\"\nstart = 2025-03-15\n"))
	require.NoError(t, err)
	want := &model.Config{
		Name: "x", Start: time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC), Months: 36, Currency: "USD", Seed: 1, Replications: 200,
		Population: model.Population{Headcount: 2000, Admins: 4, HiresPerMonth: 15, AttritionPerYear: 0.15},
		Admin: model.Admin{NotifyDelivery: 0.5, NoticeDelayDays: 7, DepartureDelayDays: 30, RequestApproval: 0.5,
			RequestDelayDays: 5, DisableNewAfterDays: -1, WhenShort: model.ShortCancel, OrgTermMonths: 12},
		Commerce: model.Commerce{RefundWindowDays: 7, MonthlyBillingPremium: 0.05,
			MonthlyBillingPremiumFrom: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)},
		Growth: model.Growth{PerYear: 2, PriceAnnualMin: 400, PriceAnnualMax: 3000, MonthlyPremium: 0.2, TrialDays: 30, TrialNeedsCard: true,
			Behaviour: model.Behaviour{InterestPerYear: 0.02, CardGiven: 0.6, AutorenewOffInTrial: 0.5, ExtendTrial: 0.1, MonthlyTerm: 0.7,
				SeatsMean: 1.2, QuitPerYear: 0.3, SeatChangePerYear: 0.1, RequestWhenBlocked: 0.3, LeaverStopPerYear: 0.7}},
	}
	assert.Equal(t, want, cfg)
	for _, s := range specs {
		if s.def == nil {
			continue
		}
		v, msg := convert(s, toTOMLValue(t, tomlText(s.def, s.kind)))
		assert.Empty(t, msg, "default of %s is not valid", s.path())
		assert.NotNil(t, v)
	}
}

// toTOMLValue parses one TOML value.
func toTOMLValue(t *testing.T, text string) any {
	var m map[string]any
	_, err := toml.Decode("v = "+text, &m)
	require.NoError(t, err, text)
	return m["v"]
}

// TestProductInheritance: a catalog id inherits its facts, any field
// overrides them, and prices follow the scenario's start date.
func TestProductInheritance(t *testing.T) {
	load := func(start, product string) model.Product {
		t.Helper()
		cfg, err := Parse("p.toml", []byte("name = \"p\"\nstart = "+start+"\n[[product]]\n"+product))
		require.NoError(t, err)
		return cfg.Products[0]
	}
	p := load("2025-01-01", `id = "visio-plan-1"`)
	assert.Equal(t, "Visio Plan 1", p.Name)
	assert.Equal(t, model.Cents(500), p.PriceAnnual)
	assert.Equal(t, model.Cents(600), p.PriceMonthly)
	assert.Equal(t, model.Cents(500), p.OrgPrice)
	assert.Equal(t, 30, p.TrialDays)
	assert.False(t, p.TrialNeedsCard, "A1 (Oct 2024): Visio Plan 1's trial needs no card")
	assert.Equal(t, time.Date(2020, 1, 14, 0, 0, 0, 0, time.UTC), p.Added)

	// Power BI Pro: 10.00 before 2025-04-01, 14.00 from then (R20): a run
	// starting before the step gets it as a dated price.
	before := load("2025-03-31", `id = "power-bi-pro"`)
	assert.Equal(t, model.Cents(1000), before.PriceAnnual)
	assert.Equal(t, model.Cents(1200), before.PriceMonthly)
	assert.Equal(t, []model.PriceStep{{From: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Annual: 1400, Monthly: 1680}}, before.PriceSteps)
	after := load("2025-04-01", `id = "power-bi-pro"`)
	assert.Equal(t, model.Cents(1400), after.PriceAnnual)
	assert.Empty(t, after.PriceSteps)
	assert.Equal(t, 30, after.TrialDays)

	// A scenario's own dated prices replace the catalog's.
	own := load("2025-01-01", "id = \"power-bi-pro\"\nprice_annual = 9.00\n[[product.price]]\nfrom = 2026-01-01\nprice_annual = 12.00\n")
	assert.Equal(t, model.Cents(900), own.PriceAnnual)
	assert.Equal(t, []model.PriceStep{{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Annual: 1200, Monthly: 1440}}, own.PriceSteps)
	// A product the catalog has no price for needs one.
	_, err := Parse("p.toml", []byte("name = \"p\"\nstart = 2025-01-01\n[[product]]\nid = \"python-in-excel\"\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "price_annual: missing: the built-in catalog has no price")

	// Clipchamp: 11.99 × 1.2 = 14.388 rounds to 14.39.
	assert.Equal(t, model.Cents(1439), load("2025-01-01", `id = "clipchamp-premium"`).PriceMonthly)

	// Overriding price_annual derives price_monthly and org_price from it.
	p = load("2025-01-01", "id = \"visio-plan-1\"\nprice_annual = 7.50\nname = \"Visio\"\ntrial_days = 0\ntrial_needs_card = false\nadded = 2024-05-01")
	assert.Equal(t, model.Cents(750), p.PriceAnnual)
	assert.Equal(t, model.Cents(900), p.PriceMonthly)
	assert.Equal(t, model.Cents(750), p.OrgPrice)
	assert.Equal(t, "Visio", p.Name)
	assert.Equal(t, 0, p.TrialDays)
	assert.False(t, p.TrialNeedsCard)
	assert.Equal(t, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), p.Added)

	p = load("2025-01-01", "id = \"visio-plan-1\"\nprice_monthly = 9.99\norg_price = 4")
	assert.Equal(t, model.Cents(500), p.PriceAnnual)
	assert.Equal(t, model.Cents(999), p.PriceMonthly)
	assert.Equal(t, model.Cents(400), p.OrgPrice)

	// A product outside the catalog: name defaults to the id.
	p = load("2025-01-01", "id = \"contoso-crm\"\nadded = 2019-01-01\nprice_annual = 12")
	assert.Equal(t, "contoso-crm", p.Name)
	assert.Equal(t, model.Cents(1200), p.PriceAnnual)
	assert.Equal(t, model.Cents(1440), p.PriceMonthly)
	assert.Equal(t, 30, p.TrialDays)
	assert.True(t, p.TrialNeedsCard)
}

func TestMoney(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want model.Cents
		bad  string
	}{
		{5, 500, ""}, {11.99, 1199, ""}, {0.1 + 0.2, 30, ""}, {14.39, 1439, ""}, {0, 0, ""},
		{10_000_000, 1_000_000_000, ""},
		{14.388, 0, "more than 2 decimals"}, {-1, 0, "negative"}, {10_000_000.01, 0, "out of range"},
	} {
		got, msg := toCents(c.in)
		if c.bad != "" {
			assert.Contains(t, msg, c.bad, "%v", c.in)
			continue
		}
		assert.Empty(t, msg, "%v", c.in)
		assert.Equal(t, c.want, got, "%v", c.in)
	}
}

// TestIntegralFloats: 1e5 is accepted where a whole number is wanted.
func TestIntegralFloats(t *testing.T) {
	cfg, err := Parse("f.toml", []byte("name = \"f\"\nstart = 2025-01-01\n[population]\nheadcount = 1e4\nhires_per_month = 12\n"))
	require.NoError(t, err)
	assert.Equal(t, 10000, cfg.Population.Headcount)
	assert.Equal(t, 12.0, cfg.Population.HiresPerMonth)
}

// TestInlineProducts: products written as an inline array read the same.
func TestInlineProducts(t *testing.T) {
	a, err := Parse("a.toml", []byte("name = \"x\"\nstart = 2025-01-01\nproduct = [{id = \"visio-plan-1\"}, {id = \"power-bi-pro\", interest_per_year = 0.2}]\n"))
	require.NoError(t, err)
	b, err := Parse("a.toml", []byte("name = \"x\"\nstart = 2025-01-01\n[[product]]\nid = \"visio-plan-1\"\n[[product]]\nid = \"power-bi-pro\"\ninterest_per_year = 0.2\n"))
	require.NoError(t, err)
	assert.Equal(t, b, a)
}

func TestMemoryLimit(t *testing.T) {
	assert.Positive(t, MemoryLimit())
	assert.Equal(t, int64(0), readMemTotal("testdata/no-such-meminfo"))
	cfg, err := Load("enterprise")
	require.NoError(t, err)
	assert.Less(t, model.EstimateMemory(cfg, 2), int64(4<<30), "the enterprise benchmark fits a small machine")
	assert.Greater(t, model.EstimateMemory(cfg, 2), model.EstimateMemory(cfg, 1))
}

// TestHistoryKeys: history = "simulate" and history_start reach the
// model; the model's refusals come back with the key.
func TestHistoryKeys(t *testing.T) {
	base := "[[product]]\nid = \"visio-plan-1\"\n"
	head := "name = \"h\"\nstart = 2026-01-01\n"
	cfg, err := Parse("h.toml", []byte(head+"history = \"simulate\"\nhistory_start = 2021-06-01\n"+base))
	require.NoError(t, err)
	assert.True(t, cfg.History)
	assert.Equal(t, "2021-06-01", cfg.ClockStart().Format(time.DateOnly))
	cfg, err = Parse("h.toml", []byte(head+base))
	require.NoError(t, err)
	assert.False(t, cfg.History)
	_, err = Parse("h.toml", []byte(head+"history_start = 2021-06-01\n"+base))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "history_start")
	_, err = Parse("h.toml", []byte(head+"history = \"always\"\n"+base))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "none, simulate")
}
