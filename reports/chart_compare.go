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

// forest is one panel of a comparison chart: each metric's paired
// difference b − a with its 95% confidence interval as whiskers.
func forest(c *Comparison, metrics []model.Metric, title, xLabel string, money bool, col color.RGBA) (*plot.Plot, error) {
	p := newPlot(title, xLabel, "", 0.95)
	p.Title.TextStyle.Font = sans(17, true)
	n := len(metrics)
	pts := make(plotter.XYs, n)
	errs := make(plotter.Errors, n)
	labels := make([]string, n)
	var ticks []plot.Tick
	lo, hi := 0.0, 0.0
	for i, m := range metrics {
		d := c.Get(m)
		y := float64(n - 1 - i) // first metric on top
		pts[i] = plotter.XY{X: d.Diff.Mean, Y: y}
		errs[i].Low = d.Diff.Mean - d.Diff.CI95[0]
		errs[i].High = d.Diff.CI95[1] - d.Diff.Mean
		labels[i] = signedShort(d.Diff.Mean, money)
		ticks = append(ticks, plot.Tick{Value: y, Label: label(m)})
		lo, hi = math.Min(lo, d.Diff.CI95[0]), math.Max(hi, d.Diff.CI95[1])
	}
	span := hi - lo
	if span == 0 {
		span = 1
	}
	p.X.Min, p.X.Max = lo-0.08*span, hi+0.16*span
	p.Y.Min, p.Y.Max = -0.7, float64(n)-0.3
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Label.Font = sans(14, false)
	p.Y.Tick.Label.Color = colInk
	p.X.Tick.Marker = amountTicks{money: money}
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.7}, {X: 0, Y: float64(n) - 0.3}})
	if err != nil {
		return nil, err
	}
	zero.Color, zero.Width = colZero, 1.5
	zero.Dashes = []vg.Length{5, 4}
	p.Add(zero)
	eb, err := plotter.NewXErrorBars(struct {
		plotter.XYs
		plotter.XErrors
	}{pts, plotter.XErrors(errs)})
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
	// Labels sit right of each interval, clear of the zero line.
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

// CompareMoney and CompareCounts are the metrics the comparison chart
// shows: what each party pays, then what happens to subscriptions.
var (
	CompareMoney  = []model.Metric{model.BuyerSpend, model.OrgSpend, model.StrandedSpend}
	CompareCounts = []model.Metric{
		model.SelfserviceSeatsEnd, model.SubscriptionsEnd, model.OrphanedSubscriptions,
		model.TrialsStarted, model.Purchases, model.Takeovers, model.AdminCancels, model.LicenceRequests,
	}
)

// ChartCompare shows B − A for the money metrics (top, in currency) and
// the main counts (bottom), each as the mean paired difference with its
// 95% confidence interval as whiskers. An interval that does not cross
// the dashed zero line is a difference the replications can tell apart
// from noise.
func ChartCompare(c *Comparison) (*Chart, error) {
	top, err := forest(c, CompareMoney, "Money over the horizon: B − A", "Difference in "+c.Currency+" (mean of paired differences, 95% CI)", true, colBuyer)
	if err != nil {
		return nil, fmt.Errorf("chart compare: %w", err)
	}
	bottom, err := forest(c, CompareCounts, "Subscriptions and events: B − A", "Difference in count (mean of paired differences, 95% CI)", false, colOrg)
	if err != nil {
		return nil, fmt.Errorf("chart compare: %w", err)
	}
	return &Chart{
		Name:  "compare",
		Title: "B − A with 95% confidence intervals",
		Caption: fmt.Sprintf("Mean paired difference B − A over %d replications run on the same seeds (common random numbers), with its 95%% confidence interval. Whiskers that do not cross the dashed zero line mark a difference larger than the simulation noise.",
			c.Replications),
		draw: func(dc draw.Canvas) { drawCompare(dc, c, top, bottom) },
	}, nil
}

// drawCompare lays out the comparison chart: a header line naming A and
// B, the money panel above the counts panel.
func drawCompare(dc draw.Canvas, c *Comparison, top, bottom *plot.Plot) {
	dc = padded(dc, 14)
	// A header line says which scenario is A and which is B.
	dc = header(dc, top, truncate("B: "+c.B+"   vs   A: "+c.A, 110))
	// Both panels get the same left edge for their data areas
	// (plot.Align), and heights in proportion to their rows.
	aligned := plot.Align([][]*plot.Plot{{top}, {bottom}}, draw.Tiles{Rows: 2, Cols: 1}, dc)
	h := dc.Max.Y - dc.Min.Y
	split := dc.Min.Y + h*0.60
	up, down := dc, dc
	up.Min.X, up.Max.X = aligned[0][0].Min.X, aligned[0][0].Max.X
	down.Min.X, down.Max.X = aligned[1][0].Min.X, aligned[1][0].Max.X
	up.Min.Y = split + 10
	down.Max.Y = split - 10
	top.Draw(up)
	bottom.Draw(down)
}
