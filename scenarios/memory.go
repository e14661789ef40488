package scenarios

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"licsim/model"
)

// fallbackMemory is the limit when the machine's memory cannot be read
// (not Linux): 16 GiB.
const fallbackMemory int64 = 16 << 30

// RunMemory is the memory estimate of a run of cfg split into shards
// (1 or less: not split) with workers replications at a time. A whole
// run keeps each replication compactly as it finishes
// (model.EstimateMemory); a shard writes each to its part file as it
// finishes and keeps none (model.EstimateMemoryStreamed of ShardConfig).
func RunMemory(cfg *model.Config, shards, workers int) int64 {
	if shards > 1 {
		return model.EstimateMemoryStreamed(ShardConfig(cfg, shards), workers)
	}
	return model.EstimateMemory(cfg, workers)
}

// resultBytes is the results' part of RunMemory for held, the
// replications a run or one of its shards holds, with one worker: a
// shard's do not grow with its replications.
func resultBytes(held *model.Config, shards int) int64 {
	if shards > 1 {
		return model.ReplicateWindow * model.ResultSize(held)
	}
	return model.ResultBytes(held)
}

// explainMemory says where the estimate comes from, for a message; held
// is the replications a run or one of its shards holds.
func explainMemory(held *model.Config, shards int) string {
	results := fmt.Sprintf("the results of %s replications × %d months × %d series", groupInt(int64(held.Replications)), held.Months, len(model.Series(held)))
	if shards > 1 {
		results = fmt.Sprintf("the results of %d replications × %d months × %d series waiting to be written", model.ReplicateWindow, held.Months, len(model.Series(held)))
	}
	return fmt.Sprintf("%s for a replication of about %s employees × %s products, %s for %s",
		bytesText(model.WorkerBytes(held)), groupInt(int64(model.ExpectedEmployees(held))), groupInt(int64(model.ExpectedProducts(held))),
		bytesText(resultBytes(held, shards)), results)
}

// MemoryLimit is the most memory a scenario may need: 80% of the least
// of the machine's physical memory (MemTotal of /proc/meminfo), the
// memory limit of the process's cgroup and of every cgroup above it
// (v2 memory.max, v1 memory.limit_in_bytes: a container's limit), and
// RLIMIT_AS; 16 GiB when none can be read. Load refuses larger scenarios
// before taking any memory for them.
func MemoryLimit() int64 { return memoryLimit() }

var memoryLimit = sync.OnceValue(func() int64 { return hostMemory.limit() })

// memorySystem is where MemoryLimit looks: the files under root ("/" on
// a real system, a folder of fake files in tests) and RLIMIT_AS.
type memorySystem struct {
	root   string
	rlimit func() (int64, bool) // the address-space limit, false when there is none
}

var hostMemory = memorySystem{root: "/", rlimit: rlimitAS}

// limit is MemoryLimit for this system.
func (m memorySystem) limit() int64 {
	least := readMemTotal(filepath.Join(m.root, "proc/meminfo"))
	lower := func(n int64) {
		if n > 0 && (least == 0 || n < least) {
			least = n
		}
	}
	lower(m.cgroupLimit())
	if m.rlimit != nil {
		if n, ok := m.rlimit(); ok {
			lower(n)
		}
	}
	if least <= 0 {
		return fallbackMemory
	}
	return least / 5 * 4
}

// cgroupLimit is the least memory limit of the cgroups the process is
// in, v2 and v1, and of their ancestors; 0 when there is none. Inside a
// container the cgroup's path may not exist under the mount (which then
// is the container's own cgroup): the walk up to the mount finds it.
func (m memorySystem) cgroupLimit() int64 {
	b, err := os.ReadFile(filepath.Join(m.root, "proc/self/cgroup"))
	if err != nil {
		return 0
	}
	var least int64
	for _, ln := range strings.Split(string(b), "\n") {
		fields := strings.SplitN(ln, ":", 3)
		if len(fields) != 3 {
			continue
		}
		var mount, file string
		switch {
		case fields[0] == "0" && fields[1] == "":
			mount, file = "sys/fs/cgroup", "memory.max"
		case contains(strings.Split(fields[1], ","), "memory"):
			mount, file = "sys/fs/cgroup/memory", "memory.limit_in_bytes"
		default:
			continue
		}
		base := filepath.Join(m.root, mount)
		for dir := filepath.Join(base, filepath.Clean("/"+fields[2])); ; dir = filepath.Dir(dir) {
			if n := readLimitFile(filepath.Join(dir, file)); n > 0 && (least == 0 || n < least) {
				least = n
			}
			if dir == base || len(dir) < len(base) {
				break
			}
		}
	}
	return least
}

// readLimitFile reads a cgroup memory limit in bytes; 0 for "max", for
// v1's "unlimited" (a number near 2^63) or when it cannot.
func readLimitFile(path string) int64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || n <= 0 || n >= 1<<62 {
		return 0
	}
	return n
}

// readMemTotal reads MemTotal (in bytes) from a meminfo file; 0 if it
// cannot.
func readMemTotal(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil || kb <= 0 {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// BytesText writes a size for people, as the messages of this package
// do: 1.5 GiB.
func BytesText(n int64) string { return bytesText(n) }

// bytesText writes a size for people: 1.5 GiB.
func bytesText(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n), 0
	for f >= unit && i < 5 {
		f /= unit
		i++
	}
	return fmt.Sprintf("%.1f %s", f, [...]string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}[i])
}
