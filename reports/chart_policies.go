package reports

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"licsim/model"
)

// forestRow is one row of a forest panel: a mean with its 95% interval.
type forestRow struct {
	Label string
	Mean  float64
	CI    [2]float64
}

// forestPanel draws rows as dots with 95% whiskers around a dashed zero
// line, first row on top, the house style of the comparison charts; right
// is the room right of the widest interval for its label, as a share of
// the span.
func forestPanel(rows []forestRow, title, xLabel string, money bool, col color.RGBA, right float64) (*plot.Plot, error) {
	p := newPlot(title, xLabel, "", 0.95)
	p.Title.TextStyle.Font = sans(17, true)
	n := len(rows)
	pts := make(plotter.XYs, n)
	errs := make(plotter.XErrors, n)
	labels := make([]string, n)
	var ticks []plot.Tick
	lo, hi := 0.0, 0.0
	for i, r := range rows {
		y := float64(n - 1 - i)
		pts[i] = plotter.XY{X: r.Mean, Y: y}
		errs[i].Low, errs[i].High = r.Mean-r.CI[0], r.CI[1]-r.Mean
		labels[i] = signedShort(r.Mean, money)
		ticks = append(ticks, plot.Tick{Value: y, Label: truncate(r.Label, 38)})
		lo, hi = math.Min(lo, r.CI[0]), math.Max(hi, r.CI[1])
	}
	rowAxes(p, n, ticks, lo, hi, right, 14, money)
	if err := addZeroLine(p, n); err != nil {
		return nil, err
	}
	eb, err := plotter.NewXErrorBars(struct {
		plotter.XYs
		plotter.XErrors
	}{pts, errs})
	if err != nil {
		return nil, err
	}
	eb.Color, eb.Width, eb.CapWidth = col, 2.5, 14
	p.Add(eb)
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, err
	}
	sc.GlyphStyle.Color, sc.GlyphStyle.Radius, sc.GlyphStyle.Shape = col, 5.5, draw.CircleGlyph{}
	p.Add(sc)
	lpts := make(plotter.XYs, n)
	for i := range pts {
		lpts[i] = plotter.XY{X: pts[i].X + errs[i].High, Y: pts[i].Y}
	}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: lpts, Labels: labels})
	if err != nil {
		return nil, err
	}
	styleLabels(lb, true, draw.XLeft)
	for i := range lb.TextStyle {
		lb.TextStyle[i].YAlign = draw.YCenter
	}
	lb.Offset = vg.Point{X: 12}
	p.Add(lb)
	return p, nil
}

// ChartPolicies shows each policy's paired difference to the status quo
// in total cost (top) and company cost (bottom), per year, with 95%
// confidence intervals: left of the dashed line saves money.
func ChartPolicies(p *Policies) (*Chart, error) {
	panel := func(m model.Metric, col color.RGBA) (*plot.Plot, error) {
		pm := p.Get(m)
		scale := 12 / float64(p.Months)
		var rows []forestRow
		for i := 1; i < len(p.Names); i++ {
			d := pm.Diff[i]
			rows = append(rows, forestRow{Label: p.Names[i], Mean: d.Mean * scale, CI: [2]float64{d.CI95[0] * scale, d.CI95[1] * scale}})
		}
		return forestPanel(rows, label(m)+" per year: policy − status quo", "Difference in "+p.Currency+" per year (mean of paired differences, 95% CI)", true, col, 0.18)
	}
	top, err := panel(model.TotalCost, colBuyer)
	if err != nil {
		return nil, fmt.Errorf("chart policies: %w", err)
	}
	bottom, err := panel(model.CompanyCost, colOrg)
	if err != nil {
		return nil, fmt.Errorf("chart policies: %w", err)
	}
	return &Chart{
		Name:  "compare_policies",
		Title: "Each policy against the status quo, per year",
		Caption: fmt.Sprintf("Mean paired difference to %s per year (difference over the horizon ÷ %d months × 12), on the same seeds (common random numbers), with its 95%% confidence interval. Left of the dashed zero line the policy costs less.",
			p.Names[0], p.Months),
		draw: func(dc draw.Canvas) {
			drawStacked(dc, top, bottom, truncate("status quo: "+p.Names[0], 110), 0.5)
		},
	}, nil
}

// rowAxes lays out a chart of n horizontal rows (first on top, labelled
// by ticks) over values from lo to hi: a little room left, right × the
// span on the right, money or count ticks on the value axis.
func rowAxes(p *plot.Plot, n int, ticks []plot.Tick, lo, hi, right float64, tickSize vg.Length, money bool) {
	span := hi - lo
	if span == 0 {
		span = 1
	}
	p.X.Min, p.X.Max = lo-0.08*span, hi+right*span
	p.Y.Min, p.Y.Max = -0.7, float64(n)-0.3
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Label.Font = sans(tickSize, false)
	p.Y.Tick.Label.Color = colInk
	p.X.Tick.Marker = amountTicks{money: money}
}

// addZeroLine draws the dashed line at zero across n rows: no
// difference, the scenario as written.
func addZeroLine(p *plot.Plot, n int) error {
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.7}, {X: 0, Y: float64(n) - 0.3}})
	if err != nil {
		return err
	}
	zero.Color, zero.Width = colZero, 1.5
	zero.Dashes = []vg.Length{5, 4}
	p.Add(zero)
	return nil
}
