package scenarios

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAssumptions_EveryKey: the assumptions of a scenario list every key
// of the format's key table (every product's and every policy change's
// keys for each of them), so a key added to the format cannot be left out
// of the reports.
func TestAssumptions_EveryKey(t *testing.T) {
	// The imported example tenant has [[existing]] subscriptions.
	for _, name := range []string{"baseline", "disable-all", "new-products", "tenant/testdata/examples.toml"} {
		t.Run(name, func(t *testing.T) {
			cfg, err := Load(name)
			require.NoError(t, err)
			var got []Assumption
			require.NotPanics(t, func() { got = Assumptions(cfg) }, "a key has no getter in assumptions.go")
			have := map[[3]string]Assumption{}
			for _, a := range got {
				have[[3]string{a.Table, a.Item, a.Key}] = a
			}
			// [[uncertain]] ranges are not values the model runs on:
			// no rows.
			items := map[string][]string{tProduct: nil, tChange: nil, tPrice: nil, tExisting: nil, tUncertain: nil}
			for _, p := range cfg.Products {
				items[tProduct] = append(items[tProduct], p.ID)
				for k := range p.PriceSteps {
					items[tPrice] = append(items[tPrice], p.ID+"."+string(rune('1'+k)))
				}
			}
			for i := range cfg.PolicyChanges {
				items[tChange] = append(items[tChange], string(rune('1'+i)))
			}
			for i := range cfg.Existing {
				items[tExisting] = append(items[tExisting], string(rune('1'+i)))
			}
			want := 0
			for _, s := range specs {
				list, many := items[s.table]
				if !many {
					list = []string{""}
				}
				for _, item := range list {
					want++
					a, ok := have[[3]string{s.table, item, s.name}]
					if assert.True(t, ok, "%s (item %q) missing from the assumptions", s.path(), item) {
						assert.NotEmpty(t, a.Value, s.path())
						assert.Equal(t, s.doc, a.Doc)
					}
				}
			}
			assert.Len(t, got, want, "one row per key and item")
		})
	}
}

// TestAssumptions_FollowOverrides: an override changes the listed value,
// the example of keys that changed the numbers while the report
// stayed the same.
func TestAssumptions_FollowOverrides(t *testing.T) {
	base, err := Load("baseline")
	require.NoError(t, err)
	for _, set := range []Set{
		{Key: "product.*.quit_per_year", Value: "0.9"},
		{Key: "product.*.seats_mean", Value: "2.5"},
		{Key: "product.*.leaver_stops_renewal", Value: "0.1"},
		{Key: "product.*.annual_billing", Value: `"upfront"`},
		{Key: "admin.cancel_fault", Value: "0.3"},
		{Key: "catalog_growth.monthly_premium", Value: "0.5"},
	} {
		cfg, err := Load("baseline", set)
		require.NoError(t, err, set.String())
		assert.NotEqual(t, Assumptions(base), Assumptions(cfg), "%s changes the assumptions", set)
	}
}
