package reports

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// ChartTornado draws the one-at-a-time swings: per input (largest swing
// on top) a bar from the objective at the input's low value to its high
// value, measured from the scenario as written (the dashed line); the
// low end is marked by the lighter half.
func ChartTornado(s *Sensitivity) (*Chart, error) {
	money := s.Unit != "count"
	p := newPlot("What moves "+s.Objective, "Change of the mean "+s.Objective+" from the scenario as written ("+s.Unit+")", "", 0.95)
	p.Title.TextStyle.Font = sans(17, true)
	n := len(s.Tornado)
	if n == 0 {
		return nil, fmt.Errorf("chart tornado: no inputs")
	}
	var ticks []plot.Tick
	lo, hi := 0.0, 0.0
	for i, b := range s.Tornado {
		y := float64(n - 1 - i)
		ticks = append(ticks, plot.Tick{Value: y, Label: truncate(fmt.Sprintf("%s %g–%g", b.Key, b.Lo, b.Hi), 48)})
		for _, half := range []struct {
			v   float64
			low bool
		}{{b.Low - s.Base, true}, {b.High - s.Base, false}} {
			l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: y}, {X: half.v, Y: y}})
			if err != nil {
				return nil, err
			}
			l.Width = 16
			l.Color = colBuyer
			if half.low {
				l.Color = fade(colBuyer, 0.45)
			}
			p.Add(l)
			lo, hi = math.Min(lo, half.v), math.Max(hi, half.v)
		}
	}
	rowAxes(p, n, ticks, lo, hi, 0.08, 13, money)
	if err := addZeroLine(p, n); err != nil {
		return nil, err
	}
	return &Chart{
		Name:  "tornado",
		Title: "What drives " + s.Objective + ": one input at a time",
		Caption: fmt.Sprintf("Each input set to the low (light) and high (dark) end of its range, the others as the scenario writes them, %d replications on the same seeds each; bars longest first. As written: %s.",
			s.Reps, Human(s.Base, money, s.Unit)),
		draw: func(dc draw.Canvas) { p.Draw(padded(dc, 14)) },
	}, nil
}
