package reports_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

// TestBulkChargingSameFiles: replications.csv, monthly.csv and
// subscriptions.csv of every shipped scenario but the enterprise tenant
// are byte for byte the same whether month boundaries are charged in bulk
// (the default) or each as an event (model.Options.EventCharges, the
// reference); the model's own test compares the Results on random
// tenants.
func TestBulkChargingSameFiles(t *testing.T) {
	for _, name := range []string{"baseline", "disable-all", "trials-only", "quarterly-takeover", "leaver-exposure", "new-products", "copilot-wave"} {
		cfg, err := scenarios.Load(name)
		require.NoError(t, err, name)
		cfg.Population.Headcount = min(cfg.Population.Headcount, 1500)
		files := func(opt model.Options) [3][]byte {
			results := make([]model.Result, 4)
			for rep := range results {
				opt.Subscriptions = rep == 0
				res, err := model.Run(context.Background(), cfg, rep, opt)
				require.NoError(t, err, name)
				res.Rep, res.Seed = rep, model.RepSeed(cfg, rep)
				results[rep] = res
			}
			var reps, monthly, subs bytes.Buffer
			require.NoError(t, reports.WriteReplicationsCSV(&reps, results))
			require.NoError(t, reports.WriteMonthlyCSV(&monthly, reports.Summarize(cfg, results)))
			require.NoError(t, reports.WriteSubscriptionsCSV(&subs, cfg.Start, results[0].Subscriptions))
			return [3][]byte{reps.Bytes(), monthly.Bytes(), subs.Bytes()}
		}
		bulk, each := files(model.Options{}), files(model.Options{EventCharges: true})
		for k, file := range []string{"replications.csv", "monthly.csv", "subscriptions.csv"} {
			require.NotEmpty(t, bulk[k], "%s: %s", name, file)
			require.True(t, bytes.Equal(each[k], bulk[k]), "%s: %s differs between bulk and per-event charging", name, file)
		}
	}
}
