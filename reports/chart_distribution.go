package reports

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ChartDistribution is the histogram of a money total across
// replications (total buyer spend in the report), with the mean and the
// 90% band marked.
func ChartDistribution(name, title, xLabel string, values []float64, st Stats, currency string) (*Chart, error) {
	if len(values) == 0 {
		return nil, fmt.Errorf("chart %s: no values", name)
	}
	bins := int(math.Round(math.Sqrt(float64(len(values)))))
	bins = max(5, min(bins, 40))
	lo, hi := slices.Min(values), slices.Max(values)
	if hi-lo < 1e-9 {
		bins = 1
	}
	p := newPlot(title, xLabel+" ("+currency+")", "Replications", 1)
	p.X.Tick.Marker = amountTicks{money: true}
	p.Y.Tick.Marker = amountTicks{}
	h, err := plotter.NewHist(plotter.Values(values), bins)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", name, err)
	}
	h.FillColor = fade(colBuyer, 0.55)
	h.LineStyle.Color = color.White
	h.LineStyle.Width = 1
	p.Add(h)
	p.Y.Min = 0
	top := 0.0
	for _, b := range h.Bins {
		top = math.Max(top, b.Weight)
	}
	p.Y.Max = top * 1.18 // room for the markers' labels
	if err := markValue(p, top, st.Mean, "mean "+short(st.Mean, true), false); err != nil {
		return nil, err
	}
	if st.P95 > st.P05 {
		if err := markValue(p, top, st.P05, "p05 "+short(st.P05, true), true); err != nil {
			return nil, err
		}
		if err := markValue(p, top, st.P95, "p95 "+short(st.P95, true), true); err != nil {
			return nil, err
		}
	}
	return &Chart{
		Name:  name,
		Title: title,
		Caption: fmt.Sprintf("How the total varies across %d replications of the same scenario: 90%% of them fall between the dashed lines (p05 and p95).",
			len(values)),
		draw: single(p),
	}, nil
}

// markValue marks x on a histogram whose tallest bin is top: a vertical
// line with a label above it, solid and bold for the mean, dashed for the
// band's ends.
func markValue(p *plot.Plot, top, x float64, label string, dashed bool) error {
	l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: top * 1.08}})
	if err != nil {
		return err
	}
	l.Color, l.Width = colInk, 2
	if dashed {
		l.Dashes = []vg.Length{6, 4}
		l.Width = 1.5
	}
	p.Add(l)
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: top * 1.09}}, Labels: []string{label}})
	if err != nil {
		return err
	}
	styleLabels(lb, !dashed, draw.XCenter)
	p.Add(lb)
	return nil
}
