package reports_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

// TestTotals_KeepFarLessThanAResult: what `licsim compare` keeps of a
// replication (reports.Totals) is a small fraction of the full Result it
// kept before (model.ResultSize per replication), measured as heap
// over 20,000 replications of two shipped scenarios, and below even what
// `licsim run` keeps (model.KeptBytes). Replications are simulated (a
// few) and then kept over and over, as compare keeps them.
func TestTotals_KeepFarLessThanAResult(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates shipped scenarios")
	}
	const kept = 20_000
	for _, name := range []string{"baseline", "new-products"} {
		t.Run(name, func(t *testing.T) {
			cfg, err := scenarios.Load(name, scenarios.Set{Key: "replications", Value: "20"}, scenarios.Set{Key: "history", Value: "none"})
			require.NoError(t, err)
			results, err := model.Replicate(context.Background(), cfg, 2, nil)
			require.NoError(t, err)
			cfg.Replications = kept

			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			totals := make([]reports.Totals, 0, kept)
			for i := range kept {
				totals = append(totals, reports.TotalsOf(&results[i%len(results)]))
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
			full := model.ResultSize(cfg)
			t.Logf("%d replications: heap %d B (%d B/rep); a full Result %d B, run's columns %d B per replication",
				kept, heap, heap/kept, full, model.KeptBytes(cfg))
			assert.Less(t, heap/kept, full/5, "compare should keep a small fraction of a full Result per replication")
			assert.Less(t, heap/kept, model.KeptBytes(cfg))
			runtime.KeepAlive(totals)
		})
	}
}

// TestComparePolicies_TotalsEqualResults: a comparison over the totals
// kept as replications finish (model.ReplicateEach, as compare does)
// equals, field for field, one computed from the full Results of
// model.Replicate: each policy's mean and every paired difference are
// recomputed here from the Results.
func TestComparePolicies_TotalsEqualResults(t *testing.T) {
	var cfgs []*model.Config
	var full [][]model.Result
	var kept [][]reports.Totals
	for _, name := range []string{"baseline", "trials-only", "disable-all"} {
		cfg, err := scenarios.Load(name, scenarios.Set{Key: "replications", Value: "7"}, scenarios.Set{Key: "seed", Value: "11"},
			scenarios.Set{Key: "history", Value: "none"})
		require.NoError(t, err)
		res, err := model.Replicate(context.Background(), cfg, 1, nil)
		require.NoError(t, err)
		var ts []reports.Totals
		require.NoError(t, model.ReplicateEach(context.Background(), cfg, 0, cfg.Replications, 3, nil, func(r *model.Result) error {
			ts = append(ts, reports.TotalsOf(r))
			return nil
		}))
		cfgs, full, kept = append(cfgs, cfg), append(full, res), append(kept, ts)
	}
	p, err := reports.ComparePolicies(cfgs, kept)
	require.NoError(t, err)
	assert.Equal(t, []int{7, 7, 7}, p.Reps)
	for _, pm := range p.Metrics {
		m := pm.Metric
		for i := range cfgs {
			xs, d := make([]float64, len(full[i])), make([]float64, len(full[i]))
			for r := range full[i] {
				xs[r] = reports.Value(m, full[i][r])
				d[r] = reports.Value(m, model.Result{Totals: diff(&full[i][r], &full[0][r])})
			}
			assert.Equal(t, reports.Describe(xs), pm.Each[i], "%s of policy %d", m.Name(), i)
			assert.Equal(t, reports.Describe(d), pm.Diff[i], "%s difference of policy %d", m.Name(), i)
		}
	}
	c, err := reports.Compare(cfgs[0], cfgs[1], kept[0], kept[1])
	require.NoError(t, err)
	assert.Equal(t, p.Pairwise(), c, "compare A B is the first two policies' pairwise comparison")
}

// diff is b − a, total by total, in integer units.
func diff(b, a *model.Result) (d [model.NumMetrics]int64) {
	for i := range d {
		d[i] = b.Totals[i] - a.Totals[i]
	}
	return d
}
