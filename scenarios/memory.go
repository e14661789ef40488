package scenarios

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"

	"licsim/model"
)

// Bytes the model holds per employee record, per (employee, product) pair
// of the employees who attempted something (the others have no row of
// slots) and per subscription, and per value of a replication's result.
// Measured on model.Runner (12 bytes per pair, up to twice that after
// slice growth), then rounded up to leave room for garbage not yet
// collected; TestEstimateMemoryCovers keeps the estimate above the
// measurement.
const (
	bytesPerEmployee = 192
	bytesPerSlot     = 32
	bytesPerSub      = 128
	subsPerAttempt   = 0.2 // most attempts hold a seat for long, are blocked or abandoned
	bytesPerResult   = 8
	resultOverhead   = 512 // a Result's totals and headers
	fixedOverhead    = 64 << 20
)

// fallbackMemory is the limit when the machine's memory cannot be read
// (not Linux): 16 GiB.
const fallbackMemory int64 = 16 << 30

// EstimateMemory is a deliberately generous estimate of the bytes a run of
// cfg takes with the given number of workers: each worker holds one
// replication's employees (headcount plus the expected hires over the
// horizon, with margin) and their state per product (configured plus the
// expected catalog growth, with margin); the results of every
// replication are held until reports are written.
func EstimateMemory(cfg *model.Config, workers int) int64 {
	workers = max(1, min(workers, cfg.Replications))
	return int64(workers)*workerBytes(cfg) + resultBytes(cfg) + fixedOverhead
}

// expectedEmployees is headcount plus 1.5 times the expected hires.
func expectedEmployees(cfg *model.Config) float64 {
	return float64(cfg.Population.Headcount) + 1.5*cfg.Population.HiresPerMonth*float64(cfg.Months) + 16
}

// expectedProducts is the configured products plus 1.5 times the
// expected growth, plus a few for the Poisson tail.
func expectedProducts(cfg *model.Config) float64 {
	return float64(len(cfg.Products)) + 1.5*cfg.Growth.PerYear*float64(cfg.Months)/12 + 4
}

// workerBytes is one worker's replication state: employees, their state
// per product, and the subscriptions their attempts create.
func workerBytes(cfg *model.Config) int64 {
	years := float64(cfg.Months) / 12
	attempts := cfg.Growth.InterestPerYear * years * (expectedProducts(cfg) - float64(len(cfg.Products)))
	for i := range cfg.Products {
		attempts += cfg.Products[i].InterestPerYear * years
	}
	// An employee gets a row of slots at their first attempt: the share
	// of employees with a row is P(at least one attempt).
	withRow := 1 - math.Exp(-attempts)
	perEmployee := bytesPerEmployee + bytesPerSlot*expectedProducts(cfg)*withRow + bytesPerSub*subsPerAttempt*attempts
	return int64(expectedEmployees(cfg) * perEmployee)
}

func resultBytes(cfg *model.Config) int64 {
	series := len(model.Series(cfg))
	return int64(cfg.Replications) * (int64(cfg.Months)*int64(series)*bytesPerResult + resultOverhead)
}

// explainMemory says where the estimate comes from, for a message.
func explainMemory(cfg *model.Config) string {
	return fmt.Sprintf("%s for a replication of about %s employees × %s products, %s for the results of %s replications × %d months × %d series",
		bytesText(workerBytes(cfg)), groupInt(int64(expectedEmployees(cfg))), groupInt(int64(expectedProducts(cfg))),
		bytesText(resultBytes(cfg)), groupInt(int64(cfg.Replications)), cfg.Months, len(model.Series(cfg)))
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
