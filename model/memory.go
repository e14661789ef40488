package model

import (
	"math"

	"licsim/sim"
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

// EstimateMemory is a deliberately generous estimate of the bytes a run of
// cfg takes with the given number of workers: each worker holds one
// replication's employees (headcount plus the expected hires over the
// horizon, with margin) and their state per product (configured plus the
// expected catalog growth, with margin); the results of every
// replication are held until reports are written.
func EstimateMemory(cfg *Config, workers int) int64 {
	workers = max(1, min(workers, cfg.Replications))
	return int64(workers)*WorkerBytes(cfg) + ResultBytes(cfg) + fixedOverhead
}

// ExpectedEmployees is headcount plus 1.5 times the expected hires.
// With a history warm-up the table also holds those hired before Start
// (leavers keep their record): the headcount is the warm-up's first
// (warmHeadcount) and the hires are those of the whole clock, at the
// run's rate per day (setupPopulation).
func ExpectedEmployees(cfg *Config) float64 {
	pop := &cfg.Population
	headcount, months := float64(pop.Headcount), float64(cfg.Months)
	if warm := sim.Time(cfg.Start.Sub(cfg.ClockStart()).Hours() / 24); warm > 0 {
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

// ResultBytes is what the results of every replication of cfg take
// until reports are written: the monthly series and the costs per period
// and product group.
func ResultBytes(cfg *Config) int64 {
	series := len(Series(cfg))
	return int64(cfg.Replications) * ((int64(cfg.Months)*int64(series)+int64(CostsLen(cfg)))*bytesPerResult + resultOverhead)
}
