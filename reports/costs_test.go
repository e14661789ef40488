package reports_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

// The costs per year and per product of a real run add up to the
// totals: in every replication exactly (model.Result.Verify), so the
// means of the years and of the products add up to the metric's mean.
// The baseline runs 36 months, three periods; 30 months gives a short
// last period.
func TestCosts_AddUpToTheTotals(t *testing.T) {
	for _, months := range []int{36, 30} {
		cfg, err := scenarios.Load(scenarios.DefaultName)
		require.NoError(t, err)
		cfg.Months, cfg.Replications = months, 12
		results, err := model.Replicate(context.Background(), cfg, 2, nil)
		require.NoError(t, err)
		s := reports.Summarize(cfg, results)
		require.Len(t, s.Years, (months+11)/12)
		require.Len(t, s.Products, len(model.CostGroups(cfg)))
		assert.Equal(t, months-24, s.Years[2].Months)
		assert.Equal(t, reports.MonthLabel(cfg.Start, 24), s.Years[2].From)
		assert.Equal(t, reports.MonthLabel(cfg.Start, months-1), s.Years[2].To)
		for _, m := range []model.Metric{model.BuyerSpend, model.OrgSpend, model.TotalCost, model.CompanyCost} {
			var years, products float64
			for _, y := range s.Years {
				years += y.Get(m).Mean
			}
			for _, p := range s.Products {
				products += p.Get(m).Mean
			}
			assert.InDelta(t, s.Get(m).Mean, years, 1e-6, "%s: years", m.Name())
			assert.InDelta(t, s.Get(m).Mean, products, 1e-6, "%s: products", m.Name())
		}
		// The time-average of the seats is the mean of the monthly means.
		var avg float64
		for _, b := range s.Series[model.SerSelfserviceSeats].Months {
			avg += b.Mean
		}
		assert.InDelta(t, avg/float64(months), s.SeatsAverage.Mean, 1e-9)
		assert.Equal(t, 12, s.SeatsAverage.N)
	}
}
