package scenarios

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

func TestParseSet(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Set
		bad  string
	}{
		{in: "months=12", want: Set{"months", "12"}},
		{in: " population.attrition_per_year = 0.2 ", want: Set{"population.attrition_per_year", "0.2"}},
		{in: "admin.on_departure=cancel", want: Set{"admin.on_departure", "cancel"}},
		{in: "product.visio-plan-1.card_given=1", want: Set{"product.visio-plan-1.card_given", "1"}},
		{in: "product.*.card_given=0.4", want: Set{"product.*.card_given", "0.4"}},
		{in: `name="a=b"`, want: Set{"name", `"a=b"`}},
		{in: "months", bad: "want KEY=VALUE"},
		{in: "=3", bad: "want KEY=VALUE"},
		{in: "months=", bad: "the value is empty"},
		{in: "monhts=3", bad: "did you mean months?"},
		{in: "population.hire_per_month=3", bad: "did you mean hires_per_month?"},
		{in: "populaton.headcount=3", bad: `unknown table "populaton"`},
		{in: "population=3", bad: "is a table"},
		{in: "product.card_given=1", bad: "product.ID.KEY"},
		{in: "product..card_given=1", bad: "id is empty"},
		{in: "product.visio-plan-1.id=x", bad: "cannot be overridden"},
		{in: "policy_change.date=2025-01-01", bad: "edit the file"},
		{in: "a.b.c.d=1", bad: "unknown key"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseSet(c.in)
			if c.bad == "" {
				require.NoError(t, err)
				assert.Equal(t, c.want, got)
				assert.Equal(t, c.want.Key+"="+c.want.Value, got.String())
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.bad)
			var ie *InputError
			assert.True(t, errors.As(err, &ie))
		})
	}
}

func mustSets(t *testing.T, ss ...string) []Set {
	t.Helper()
	var out []Set
	for _, s := range ss {
		set, err := ParseSet(s)
		require.NoError(t, err)
		out = append(out, set)
	}
	return out
}

func product(t *testing.T, cfg *model.Config, id string) *model.Product {
	t.Helper()
	for i := range cfg.Products {
		if cfg.Products[i].ID == id {
			return &cfg.Products[i]
		}
	}
	t.Fatalf("no product %s", id)
	return nil
}

func TestLoad_Overrides(t *testing.T) {
	base, err := Load("baseline")
	require.NoError(t, err)

	cfg, err := Load("baseline", mustSets(t,
		"months=12", "admin.on_departure=cancel", `admin.on_review="takeover"`, "population.attrition_per_year=0.3",
		"product.*.card_given=0.1", "product.visio-plan-1.card_given=0.9", "catalog_growth.per_year=0",
		"start=2025-02-01", "replications=1e3", "name=Sweep point")...)
	require.NoError(t, err)
	assert.Equal(t, 12, cfg.Months)
	assert.Equal(t, model.DepCancel, cfg.Admin.OnDeparture)
	assert.Equal(t, model.ActTakeover, cfg.Admin.OnReview)
	assert.Equal(t, 0.3, cfg.Population.AttritionPerYear)
	assert.Equal(t, 0.0, cfg.Growth.PerYear)
	assert.Equal(t, 1000, cfg.Replications)
	assert.Equal(t, "Sweep point", cfg.Name)
	for _, p := range cfg.Products {
		want := 0.1
		if p.ID == "visio-plan-1" {
			want = 0.9 // later overrides win
		}
		assert.Equal(t, want, p.CardGiven, p.ID)
	}
	// Starting before 2025-04-01 picks Power BI Pro's earlier price.
	assert.Equal(t, model.Cents(1000), product(t, cfg, "power-bi-pro").PriceAnnual)
	assert.Equal(t, model.Cents(1400), product(t, base, "power-bi-pro").PriceAnnual)

	// A price override derives the monthly price, as in a file.
	cfg, err = Load("baseline", mustSets(t, "product.power-bi-pro.price_annual=20")...)
	require.NoError(t, err)
	assert.Equal(t, model.Cents(2000), product(t, cfg, "power-bi-pro").PriceAnnual)
	assert.Equal(t, model.Cents(2400), product(t, cfg, "power-bi-pro").PriceMonthly)

	// No overrides: the same as Load.
	same, err := Load("baseline")
	require.NoError(t, err)
	assert.Equal(t, base, same)
}

// TestLoad_OverridesTableMissing: overriding a key of a table the file does not
// write creates it.
func TestLoad_OverridesTableMissing(t *testing.T) {
	cfg, err := Load("testdata/good/minimal.toml", mustSets(t, "admin.cancel_fault=0.25", "catalog_growth.trial_days=0")...)
	require.NoError(t, err)
	assert.Equal(t, 0.25, cfg.Admin.CancelFault)
	assert.Equal(t, 0, cfg.Growth.TrialDays)
}

func TestLoad_OverridesBadValues(t *testing.T) {
	for _, c := range []struct {
		set  string
		want string
	}{
		{"population.attrition_per_year=1.5", "baseline.toml: --set population.attrition_per_year=1.5: population.attrition_per_year: 1.5 is out of range (allowed: 0 up to, not including, 1)"},
		{"months=12.5", "baseline.toml: --set months=12.5: months: want a whole number, got the number 12.5 (allowed: 1 to 240)"},
		{"months=abc", `baseline.toml: --set months=abc: months: "abc" is not a valid whole number (allowed: 1 to 240)`},
		{"admin.on_departure=cancle", `baseline.toml: --set admin.on_departure=cancle: admin.on_departure: "cancle" is not one of the choices; did you mean "cancel"? (allowed: none, cancel, reassign)`},
		{"product.visio-plan-1.card_given=2", "baseline.toml: --set product.visio-plan-1.card_given=2: product[6] (visio-plan-1).card_given: 2 is out of range (allowed: 0 to 1)"},
		{"product.visio-plan-3.card_given=0.5", `baseline.toml: --set product.visio-plan-3.card_given=0.5: product.visio-plan-3.card_given: the scenario has no product with id "visio-plan-3" (allowed: power-bi-pro, power-bi-premium-per-user, power-apps-per-user, power-automate-per-user, power-automate-rpa, visio-plan-1, visio-plan-2, planner-plan-1, project-plan-3, windows-365-business, clipchamp-premium, microsoft-365-copilot, teams-premium, *)`},
		{"start=2025-02-30", `baseline.toml: --set start=2025-02-30: start: "2025-02-30" is not a valid date (allowed: a date from 1970-01-01 to 2199-12-31)`},
		{"product.*.trial_needs_card=yes", `baseline.toml: --set product.*.trial_needs_card=yes: product.*.trial_needs_card: "yes" is not a valid true or false (allowed: true or false)`},
		{"product.*.price_annual=5.555", "has more than 2 decimals"},
		{"months=1\nfoo=2", "line break"},
		{"replications=2000000", "--set replications=2000000: replications: 2,000,000 is out of range"},
	} {
		t.Run(c.set, func(t *testing.T) {
			k, v, _ := cut(c.set)
			_, err := Load("baseline", Set{k, v})
			require.Error(t, err)
			var ie *InputError
			require.True(t, errors.As(err, &ie))
			assert.Contains(t, err.Error(), c.want)
			for _, p := range ie.Problems {
				assert.NotEmpty(t, p.Set, "a problem with an override says so: %s", p)
			}
		})
	}
}

func cut(s string) (string, string, bool) {
	for i := range s {
		if s[i] == '=' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// TestSetReportsAllProblems: file and override problems come together.
func TestSetReportsAllProblems(t *testing.T) {
	_, err := Load("testdata/bad/out-of-range.toml", mustSets(t, "admin.cancel_fault=3")...)
	var ie *InputError
	require.True(t, errors.As(err, &ie))
	assert.Len(t, ie.Problems, 10)
	assert.Contains(t, err.Error(), "--set admin.cancel_fault=3: admin.cancel_fault: 3 is out of range")
	assert.Contains(t, err.Error(), "out-of-range.toml:3: months: 300 is out of range")
}
