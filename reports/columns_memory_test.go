package reports_test

import (
	"context"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

// TestResultBytes_CoversColumns: the memory estimate of what `licsim
// run` keeps (model.ResultBytes, model.KeptBytes per replication) is
// above what reports.Columns measurably holds, by its own count
// (Columns.Bytes) and as heap, for every shipped scenario. Replications
// are simulated (a few of the enterprise tenant) and then added over and
// over up to 20,000: a column stores each value as its change from the
// month before in the same replication, so repeating replications keeps
// the sizes of real ones, at the scale where the blocks are full.
func TestResultBytes_CoversColumns(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates every shipped scenario")
	}
	const kept = 20_000
	for _, name := range []string{"baseline", "copilot-wave", "disable-all", "leaver-exposure", "new-products", "quarterly-takeover", "trials-only", "enterprise"} {
		t.Run(name, func(t *testing.T) {
			reps := 50
			if name == "enterprise" {
				reps = 3 // 100,000 employees: seconds each
			}
			cfg, err := scenarios.Load(name, scenarios.Set{Key: "replications", Value: strconv.Itoa(reps)})
			require.NoError(t, err)
			results, err := model.Replicate(context.Background(), cfg, 2, nil)
			require.NoError(t, err)
			cfg.Replications = kept

			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cols := reports.NewColumns(cfg)
			for i := range kept {
				cols.Add(&results[i%reps])
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
			est := model.ResultBytes(cfg)
			t.Logf("%d replications: columns %d B (%d B/rep), heap %d B, estimate %d B (%d B/rep)",
				kept, cols.Bytes(), cols.Bytes()/kept, heap, est, model.KeptBytes(cfg))
			assert.Greater(t, est, cols.Bytes())
			assert.Greater(t, est, heap)
			assert.Less(t, est, 3*heap, "the estimate should not be absurdly generous either")
			runtime.KeepAlive(cols)
		})
	}
}
