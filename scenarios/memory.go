package scenarios

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"licsim/model"
)

// fallbackMemory is the limit when the machine's memory cannot be read
// (not Linux): 16 GiB.
const fallbackMemory int64 = 16 << 30

// explainMemory says where the estimate comes from, for a message.
func explainMemory(cfg *model.Config) string {
	return fmt.Sprintf("%s for a replication of about %s employees × %s products, %s for the results of %s replications × %d months × %d series",
		bytesText(model.WorkerBytes(cfg)), groupInt(int64(model.ExpectedEmployees(cfg))), groupInt(int64(model.ExpectedProducts(cfg))),
		bytesText(model.ResultBytes(cfg)), groupInt(int64(cfg.Replications)), cfg.Months, len(model.Series(cfg)))
}

// MemoryLimit is the most memory a scenario may need: 80% of the
// machine's physical memory (MemTotal of /proc/meminfo), or 16 GiB when
// that cannot be read. Load refuses larger scenarios before taking any
// memory for them.
func MemoryLimit() int64 { return memoryLimit() }

var memoryLimit = sync.OnceValue(func() int64 {
	if total := readMemTotal("/proc/meminfo"); total > 0 {
		return total / 5 * 4
	}
	return fallbackMemory
})

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
