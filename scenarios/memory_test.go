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
// estimate of a worker's memory is above what the model really keeps,
// with and without a history warm-up (the shipped baseline warms up from
// 2020-01-14, six years before its start). The last tenant is mostly
// warm-up: a year's run after six years in which high attrition and
// hires fill the table with leavers (issue 13: an estimate that counted
// only the run's hires was two thirds of the heap).
func TestEstimateMemoryCovers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 20,000-employee replication")
	}
	for _, sets := range [][]string{
		{"history=none", "population.headcount=20000", "population.hires_per_month=250", "months=60"},
		{"history=none", "population.headcount=5000", "months=120", "catalog_growth.per_year=20", "product.*.interest_per_year=1"},
		{"population.headcount=20000", "population.hires_per_month=250", "months=60"},
		{"population.headcount=10000", "population.hires_per_month=350", "population.attrition_per_year=0.35", "months=12"},
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

// TestMemoryLimit_Cgroups: the limit is 80% of the least of MemTotal,
// the cgroup limits (v2 and v1, the process's cgroup and its ancestors)
// and RLIMIT_AS, read from fake files through the seam. A container's
// limit once went unseen: only MemTotal was read.
func TestMemoryLimit_Cgroups(t *testing.T) {
	const gib = int64(1) << 30
	type file struct{ path, text string }
	meminfo := file{"proc/meminfo", "MemTotal: 67108864 kB\n"} // 64 GiB
	for _, c := range []struct {
		name   string
		files  []file
		rlimit int64 // 0: none
		want   int64
	}{
		{"no cgroup: MemTotal", []file{meminfo, {"proc/self/cgroup", "0::/\n"}, {"sys/fs/cgroup/memory.max", "max\n"}}, 0, 64 * gib / 5 * 4},
		{"v2 container", []file{meminfo, {"proc/self/cgroup", "0::/\n"}, {"sys/fs/cgroup/memory.max", "4294967296\n"}}, 0, 4 * gib / 5 * 4},
		{"v2 nested, parent lower", []file{meminfo, {"proc/self/cgroup", "0::/a/b\n"},
			{"sys/fs/cgroup/a/b/memory.max", "max\n"}, {"sys/fs/cgroup/a/memory.max", "2147483648\n"}}, 0, 2 * gib / 5 * 4},
		{"v1 container whose path is not under the mount", []file{meminfo,
			{"proc/self/cgroup", "4:memory:/docker/abc\n3:cpu:/docker/abc\n"}, {"sys/fs/cgroup/memory/memory.limit_in_bytes", "1073741824\n"}}, 0, gib / 5 * 4},
		{"v1 unlimited", []file{meminfo, {"proc/self/cgroup", "4:cpuacct,memory:/x\n"},
			{"sys/fs/cgroup/memory/x/memory.limit_in_bytes", "9223372036854771712\n"}}, 0, 64 * gib / 5 * 4},
		{"RLIMIT_AS lowest", []file{meminfo, {"proc/self/cgroup", "0::/\n"}, {"sys/fs/cgroup/memory.max", "4294967296\n"}}, gib, gib / 5 * 4},
		{"nothing readable", nil, 0, fallbackMemory},
		{"a cgroup limit without meminfo", []file{{"proc/self/cgroup", "0::/\n"}, {"sys/fs/cgroup/memory.max", "4294967296\n"}}, 0, 4 * gib / 5 * 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range c.files {
				p := filepath.Join(root, f.path)
				require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
				require.NoError(t, os.WriteFile(p, []byte(f.text), 0o644))
			}
			sys := memorySystem{root: root, rlimit: func() (int64, bool) { return c.rlimit, c.rlimit > 0 }}
			assert.Equal(t, c.want, sys.limit())
		})
	}
}

// TestLoad_CgroupLimitedEstimate: a scenario that fits the machine but
// not its container is refused, naming the container's limit.
func TestLoad_CgroupLimitedEstimate(t *testing.T) {
	root := t.TempDir()
	for path, text := range map[string]string{
		"proc/meminfo": "MemTotal: 67108864 kB\n", "proc/self/cgroup": "0::/\n", "sys/fs/cgroup/memory.max": "1073741824\n",
	} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, filepath.Dir(path)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, path), []byte(text), 0o644))
	}
	withMemoryLimit(t, memorySystem{root: root}.limit())
	_, err := Load("baseline", mustSets(t, "population.headcount=3000000")...)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "this machine allows 819.2 MiB")
}

// withMemoryLimit makes MemoryLimit return limit for the test.
func withMemoryLimit(t *testing.T, limit int64) {
	saved := memoryLimit
	memoryLimit = func() int64 { return limit }
	t.Cleanup(func() { memoryLimit = saved })
}

// TestLoadShard_BudgetsItsOwnReplications: a shard writes each of its
// replications to its part as it finishes and keeps none, so a run too
// big for one machine can be sharded (1,000,000 replications in 1,000
// shards were once refused at 192 GiB per shard), in any number of
// shards; what refuses a shard is the tenant's size.
func TestLoadShard_BudgetsItsOwnReplications(t *testing.T) {
	withMemoryLimit(t, 2<<30) // 1,000,000 replications kept as columns take about 2.7 GiB (full Results: 5.6 GiB)
	sets := mustSets(t, "replications=1000000")
	_, err := Load("baseline", sets...)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "replications: a run would need about")
	assert.Contains(t, err.Error(), "or split the run with --shard K/N")

	cfg, err := LoadShard("baseline", 1000, sets...)
	require.NoError(t, err)
	assert.Equal(t, 1_000_000, cfg.Replications, "the configuration is the whole run's")
	assert.Equal(t, 1000, ShardConfig(cfg, 1000).Replications)
	assert.Equal(t, 334, ShardConfig(&model.Config{Replications: 1000}, 3).Replications, "the largest shard")

	_, err = LoadShard("baseline", 2, sets...)
	require.NoError(t, err, "half a million replications in one shard: none kept")

	big := mustSets(t, "replications=1000000", "population.headcount=3000000")
	withMemoryLimit(t, 512<<20)
	_, err = LoadShard("baseline", 2, big...)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "population.headcount: a shard (1 of 2) would need about")
	assert.Contains(t, err.Error(), "waiting to be written")
	assert.Contains(t, err.Error(), "lower population.headcount or months")
}
