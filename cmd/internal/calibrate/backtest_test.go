package calibrate

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// TestBacktestCoverage (issue 14): on simulated history, about 90% of
// the held-out months fall in the 90% band. Ten tenants of 800
// employees over 36 months, the last 12 held out, 100 replications each
// with the fitted keys drawn per replication: the months of live
// subscriptions and seats pooled. Months of one tenant move together (a
// band missed in one month is likely missed in the next), so the
// tolerance is wide; buyer spend is reported, not asserted (the export
// does not carry charges: it is rebuilt, see Backtest.Notes).
func TestBacktestCoverage(t *testing.T) {
	inside, total := map[string]int{}, map[string]int{}
	for seed := range uint64(10) {
		exp, cfg := simulateExport(t, truth(800, 36, 50+seed))
		bt, err := RunBacktest(context.Background(), exp, BacktestOptions{
			Options: Options{AsOf: model.AddMonths(cfg.Start, cfg.Months), Since: cfg.Start},
			Holdout: 12, Replications: 100, Seed: 1, Draws: true})
		require.NoError(t, err)
		require.Len(t, bt.Months, 12)
		for _, m := range bt.Metrics {
			inside[m.Name] += m.Inside
			total[m.Name] += len(m.Observed)
		}
	}
	for _, name := range backtestSeries {
		t.Logf("%-20s %d of %d held-out months in the 90%% band: %.3f", name, inside[name], total[name], float64(inside[name])/float64(total[name]))
	}
	pooled := float64(inside["live_subscriptions"]+inside["selfservice_seats"]) / float64(total["live_subscriptions"]+total["selfservice_seats"])
	t.Logf("pooled (subscriptions and seats): %.3f", pooled)
	assert.InDelta(t, 0.9, pooled, 0.12)
}
