package reports

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/plot"
)

// amountTicks labels a money or count axis with about five to eight round values
// (steps of 1, 2, 2.5 or 5 times a power of ten) and thousands
// separators, with a minor tick between labels. Counts never get
// fractional labels.
type amountTicks struct{ money bool }

// Ticks implements plot.Ticker.
func (t amountTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return []plot.Tick{{Value: lo, Label: axisNumber(lo, 1)}}
	}
	step := niceStep((hi - lo) / 8)
	if !t.money && step < 1 {
		step = 1
	}
	var ticks []plot.Tick
	first := math.Ceil(lo/step-1e-9) * step
	for i := 0; i < 100; i++ {
		x := first + float64(i)*step
		if x > hi+step*1e-9 {
			break
		}
		label := axisNumber(x, step)
		if t.money {
			label = Human(x, true, "") // the money rule: two decimals
		}
		ticks = append(ticks, plot.Tick{Value: x, Label: label})
		if m := x + step/2; m <= hi && (t.money || step >= 2) {
			ticks = append(ticks, plot.Tick{Value: m})
		}
	}
	if m := first - step/2; m >= lo && (t.money || step >= 2) {
		ticks = append(ticks, plot.Tick{Value: m})
	}
	return ticks
}

// niceStep rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= f*p*(1+1e-9) {
			return f * p
		}
	}
	return 10 * p
}

// axisNumber formats a tick value with as many decimals as its step
// needs (2.5 → one, 0.25 → two).
func axisNumber(x, step float64) string {
	dec := 0
	for dec < 6 && step > 0 {
		scaled := step * math.Pow(10, float64(dec))
		if math.Abs(scaled-math.Round(scaled)) < 1e-6*scaled {
			break
		}
		dec++
	}
	if math.Abs(x) < 1e-9*math.Max(1, math.Abs(step)) {
		x = 0
	}
	return group(fmt.Sprintf("%.*f", dec, x))
}

// monthTicks labels a month-index axis with month names: a labelled tick
// every few months (at most about ten labels), a minor tick every month.
type monthTicks struct {
	start  time.Time
	months int
}

// Ticks implements plot.Ticker.
func (t monthTicks) Ticks(lo, hi float64) []plot.Tick {
	every := 1
	for _, e := range []int{1, 2, 3, 6, 12, 24, 60} {
		every = e
		if t.months/e <= 10 {
			break
		}
	}
	var ticks []plot.Tick
	for m := 0; m <= t.months; m++ {
		if float64(m) < lo || float64(m) > hi {
			continue
		}
		label := ""
		if m%every == 0 {
			label = MonthStart(t.start, m).Format("Jan 2006")
		}
		if every >= 12 || m%every == 0 || t.months <= 60 {
			ticks = append(ticks, plot.Tick{Value: float64(m), Label: label})
		}
	}
	return ticks
}
