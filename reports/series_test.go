package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// TestSeriesIndices pins the typed lookups to model.Series: a series
// moved or added in the model fails here instead of vanishing from a
// chart.
func TestSeriesIndices(t *testing.T) {
	cfg, results := fixture(t)
	cfg.Growth.PerYear = 1
	names := model.Series(cfg)
	fixed := []struct {
		kind int
		name string
	}{
		{model.SerBuyerSpend, "buyer_spend"}, {model.SerOrgSpend, "org_spend"}, {model.SerStrandedSpend, "stranded_spend"},
		{model.SerSelfserviceSeats, "selfservice_seats"}, {model.SerOrgSeats, "org_seats"},
		{model.SerLiveSubscriptions, "live_subscriptions"}, {model.SerOrphanedSubscriptions, "orphaned_subscriptions"},
	}
	for _, f := range fixed {
		assert.Equal(t, f.name, names[f.kind].Name)
	}
	require.Len(t, names, firstProductSeries+len(cfg.Products)+1)
	for i, pr := range cfg.Products {
		assert.Equal(t, "seats:"+pr.ID, names[firstProductSeries+i].Name)
	}
	assert.Equal(t, "seats:new-products", names[firstProductSeries+len(cfg.Products)].Name)

	cfg.Growth.PerYear = 0
	s := Summarize(cfg, results)
	for _, f := range fixed {
		require.NotNil(t, s.MonthlySeries(f.kind))
		assert.Equal(t, f.name, s.MonthlySeries(f.kind).Name)
	}
	for i, pr := range cfg.Products {
		assert.Equal(t, "seats:"+pr.ID, s.ProductSeats(i).Name)
	}
	assert.Nil(t, s.NewProductSeats(len(cfg.Products)), "no catalog growth, no series")
	assert.Nil(t, (&Summary{}).MonthlySeries(model.SerBuyerSpend), "no monthly statistics")
}
