package scenarios

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// TestEstimateMemoryCovers runs one replication and checks that the
// estimate of a worker's memory is above what the model really keeps.
func TestEstimateMemoryCovers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 20,000-employee replication")
	}
	for _, sets := range [][]string{
		{"population.headcount=20000", "population.hires_per_month=250", "months=60"},
		{"population.headcount=5000", "months=120", "catalog_growth.per_year=20", "product.*.interest_per_year=1"},
	} {
		cfg, err := Load("baseline", mustSets(t, sets...)...)
		require.NoError(t, err)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r, err := model.NewRunner(cfg)
		require.NoError(t, err)
		res, err := r.Run(context.Background(), 0, model.Options{})
		require.NoError(t, err)
		runtime.GC()
		runtime.ReadMemStats(&after)
		used := int64(after.HeapAlloc) - int64(before.HeapAlloc)
		est := model.WorkerBytes(cfg)
		t.Logf("%v: %d employees, heap %s, estimate %s", sets, res.Employees, bytesText(used), bytesText(est))
		assert.Greater(t, est, used)
		assert.Less(t, est, 8*used, "the estimate should not be absurdly generous either")
		runtime.KeepAlive(r)
	}
}

func TestReadMemTotal(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "meminfo")
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	assert.Equal(t, int64(2048<<10), readMemTotal(write("MemFree: 1 kB\nMemTotal:       2048 kB\n")))
	assert.Equal(t, int64(0), readMemTotal(write("MemTotal: lots\n")))
	assert.Equal(t, int64(0), readMemTotal(write("")))
}

func TestBytesText(t *testing.T) {
	assert.Equal(t, "512 B", bytesText(512))
	assert.Equal(t, "1.5 KiB", bytesText(1536))
	assert.Equal(t, "2.0 GiB", bytesText(2<<30))
}
