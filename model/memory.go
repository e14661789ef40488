package model

import (
	"math"
	"unsafe"
)

// The rest of the estimate; the bytes per employee, slot and subscription
// sit with those records in state.go. A subscription is created by about
// one attempt in five.
const (
	subsPerAttempt = 0.2 // most attempts hold a seat for long, are blocked or abandoned
	bytesPerResult = 8
	resultOverhead = 512 // a Result's totals and headers
	fixedOverhead  = 64 << 20
)

// What reports.Columns keeps of a replication besides its row (a Result
// without its slices): a varint per monthly value, stored as its change
// from the month before, and one per cost sum (per period and per group,
// each kind), all measured on every shipped scenario (TestResultBytes_CoversColumns in
// reports): on average 1.1–1.6 bytes per monthly value, 2.3–3.5 per cost
// sum, at most 4 and 5 in any column of the enterprise tenant. The
// estimate takes 3 and 6, which leaves room for tenants a hundred times
// larger (a byte more per 128 times larger changes). A column wastes at
// most its last block (4 KiB) and its block list.
const (
	columnBytesPerMonthly = 3
	columnBytesPerCost    = 6
	columnSlack           = 4<<10 + 256
)

// EstimateMemory is a deliberately generous estimate of the bytes a run of
// cfg takes with the given number of workers when it keeps its
// replications as `licsim run` does (reports.Columns, filled as they
// finish): each worker holds one replication's employees (headcount plus
// the expected hires over the horizon, with margin) and their state per
// product (configured plus the expected catalog growth, with margin);
// every replication's compact form is held until reports are written
// (ResultBytes), and up to ReplicateWindow full Results per worker wait
// for their turn (model.ReplicateEach).
func EstimateMemory(cfg *Config, workers int) int64 {
	return EstimateMemoryStreamed(cfg, workers) + ResultBytes(cfg)
}

// EstimateMemoryStreamed is EstimateMemory for a run that keeps nothing
// of a replication once it is handed over (a shard, which writes each
// to its part as it finishes): the workers' state and the Results
// waiting for their turn, whatever the number of replications.
func EstimateMemoryStreamed(cfg *Config, workers int) int64 {
	workers = max(1, min(workers, cfg.Replications))
	return int64(workers)*WorkerBytes(cfg) + int64(workers)*ReplicateWindow*ResultSize(cfg) + fixedOverhead
}

// EstimateMemoryMerge is the memory `licsim merge` takes for cfg's
// replications: every one in reports.Columns (ResultBytes), read from
// the parts one replication at a time, and no simulation.
func EstimateMemoryMerge(cfg *Config) int64 {
	return ResultBytes(cfg) + ResultSize(cfg) + fixedOverhead
}

// ExpectedEmployees is headcount plus 1.5 times the expected hires.
// With a history warm-up the table also holds those hired before Start
// (leavers keep their record): the headcount is the warm-up's first
// (warmHeadcount) and the hires are those of the whole clock, at the
// run's rate per day (setupPopulation).
func ExpectedEmployees(cfg *Config) float64 {
	pop := &cfg.Population
	headcount, months := float64(pop.Headcount), float64(cfg.Months)
	if warm := cfg.warmupDays(); warm > 0 {
		run := AddMonths(cfg.Start, cfg.Months).Sub(cfg.Start).Hours() / 24
		hires := pop.HiresPerMonth * months / run // per day
		leave := 0.0
		if pop.AttritionPerYear > 0 {
			leave = -math.Log(1-pop.AttritionPerYear) / DaysPerYear
		}
		headcount = float64(warmHeadcount(pop.Headcount, pop.Admins, hires, leave, warm))
		months *= 1 + float64(warm)/run
	}
	return headcount + 1.5*pop.HiresPerMonth*months + 16
}

// ExpectedProducts is the configured products plus 1.5 times the
// expected growth, plus a few for the Poisson tail.
func ExpectedProducts(cfg *Config) float64 {
	return float64(len(cfg.Products)) + 1.5*cfg.Growth.PerYear*float64(cfg.Months)/12 + 4
}

// WorkerBytes is one worker's replication state: employees, their state
// per product, and the subscriptions their attempts create.
func WorkerBytes(cfg *Config) int64 {
	years := float64(cfg.Months) / 12
	attempts := cfg.Growth.InterestPerYear * years * (ExpectedProducts(cfg) - float64(len(cfg.Products)))
	for i := range cfg.Products {
		attempts += cfg.Products[i].InterestPerYear * years
	}
	// An employee gets a row of slots at their first attempt: the share
	// of employees with a row is P(at least one attempt).
	withRow := 1 - math.Exp(-attempts)
	perEmployee := bytesPerEmployee + bytesPerSlot*ExpectedProducts(cfg)*withRow + bytesPerSub*subsPerAttempt*attempts
	return int64(ExpectedEmployees(cfg) * perEmployee)
}

// ResultBytes is what `licsim run` keeps of every replication of cfg
// until reports are written, in reports.Columns: a row of totals (a
// Result without its slices) and a few bytes per monthly value and cost
// sum (KeptBytes each), plus the columns' slack.
func ResultBytes(cfg *Config) int64 {
	columns := int64(cfg.Months)*int64(len(Series(cfg))) + 1 + int64(Periods(cfg)+len(CostGroups(cfg)))*int64(NumCostKinds)
	return int64(cfg.Replications)*KeptBytes(cfg) + columns*columnSlack
}

// KeptBytes is the estimate of what reports.Columns keeps per
// replication of cfg: its row, a varint per monthly value (and one for
// the seats' sum), a varint per cost sum over groups and over periods.
func KeptBytes(cfg *Config) int64 {
	monthly := int64(cfg.Months)*int64(len(Series(cfg))) + 1
	costs := int64(Periods(cfg)+len(CostGroups(cfg))) * int64(NumCostKinds)
	return int64(unsafe.Sizeof(Result{})) + monthly*columnBytesPerMonthly + costs*columnBytesPerCost
}

// ResultSize is one full Result of cfg: its monthly series and its costs
// per period and product group.
func ResultSize(cfg *Config) int64 {
	return (int64(cfg.Months)*int64(len(Series(cfg)))+int64(CostsLen(cfg)))*bytesPerResult + resultOverhead
}
