package reports

import (
	"errors"
	"fmt"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"licsim/model"
)

// sweepPanels are the four panels of the sweep chart in reading order
// (left to right, top to bottom): a headline metric each, with its
// title and the colour it has in every chart.
var sweepPanels = [4]struct {
	metric model.Metric
	title  string
	colour color.RGBA
}{
	{model.BuyerSpend, "Employees' cards (buyer spend)", colBuyer},
	{model.OrgSpend, "Organisation (org spend)", colOrg},
	{model.StrandedSpend, "Stranded spend", colStranded},
	{model.SelfserviceSeatsEnd, "Shadow seats at the end", colSeats},
}

// ChartSweep is each of four headline metrics against the swept
// parameter: mean with 90% band and the mean's 95% confidence interval.
func ChartSweep(sw *Sweep) (*Chart, error) {
	if len(sw.Points) == 0 {
		return nil, errors.New("chart sweep: no points")
	}
	xs, numeric := sweepAxis(sw)
	plots := [][]*plot.Plot{make([]*plot.Plot, 2), make([]*plot.Plot, 2)}
	for i := range sweepPanels {
		p, err := sweepPanel(sw, i, xs, numeric)
		if err != nil {
			return nil, fmt.Errorf("chart sweep: %w", err)
		}
		plots[i/2][i%2] = p
	}
	return &Chart{
		Name:  "sweep",
		Title: "Headline metrics against " + sw.Key,
		Caption: fmt.Sprintf("Each point is a run of %d replications on the same seeds; lines join the means, shaded bands hold the middle 90%% of replications, whiskers the 95%% confidence interval of the mean.",
			sw.Replications),
		draw: func(dc draw.Canvas) { drawSweep(dc, sw, plots) },
	}, nil
}

// sweepAxis places the sweep's points on the x axis: at their values
// when every value is a number, else as categories 0, 1, 2, ... in the
// order given.
func sweepAxis(sw *Sweep) (xs []float64, numeric bool) {
	if xs, ok := sw.Numeric(); ok {
		return xs, true
	}
	xs = make([]float64, len(sw.Points))
	for i := range xs {
		xs[i] = float64(i)
	}
	return xs, false
}

// sweepSeries is one metric across the sweep's points: the mean with its
// 90% band, and the mean's 95% confidence interval as error bars.
type sweepSeries struct {
	xs, mean, lo, hi []float64
	points           plotter.XYs
	ci               plotter.YErrors
}

// sweepSeriesOf gathers metric m from every point of sw.
func sweepSeriesOf(sw *Sweep, m model.Metric, xs []float64) sweepSeries {
	n := len(xs)
	s := sweepSeries{xs: xs, mean: make([]float64, n), lo: make([]float64, n), hi: make([]float64, n),
		points: make(plotter.XYs, n), ci: make(plotter.YErrors, n)}
	for i, pt := range sw.Points {
		st := pt.Summary.Get(m)
		s.mean[i], s.lo[i], s.hi[i] = st.Mean, st.P05, st.P95
		s.points[i] = plotter.XY{X: xs[i], Y: st.Mean}
		s.ci[i].Low, s.ci[i].High = st.Mean-st.CI95[0], st.CI95[1]-st.Mean
	}
	return s
}

// sweepPanel draws panel i of sweepPanels; the first panel carries the
// legend for all four.
func sweepPanel(sw *Sweep, i int, xs []float64, numeric bool) (*plot.Plot, error) {
	panel, first := sweepPanels[i], i == 0
	p := sweepPlot(sw, panel.metric, panel.title, numeric)
	ser := sweepSeriesOf(sw, panel.metric, xs)
	marks, err := sweepMarks(ser, panel.colour, numeric)
	if err != nil {
		return nil, err
	}
	p.Add(marks.plotters...)
	if first {
		headroom(p, 1.3) // room for the legend
	} else {
		headroom(p, 1.08)
	}
	if numeric && len(xs) > 1 {
		pad := 0.04 * (slices.Max(xs) - slices.Min(xs))
		p.X.Min, p.X.Max = slices.Min(xs)-pad, slices.Max(xs)+pad
	}
	if first {
		sweepLegend(p, marks, numeric)
	}
	return p, nil
}

// sweepPlot is an empty panel for metric m: a money or seat axis from
// zero, and the values as labelled categories when they are not numbers.
func sweepPlot(sw *Sweep, m model.Metric, title string, numeric bool) *plot.Plot {
	yLabel := "Seats"
	if m.Money() {
		yLabel = "Total over horizon (" + sw.Currency + ")"
	}
	p := newPlot(title, sw.Key, yLabel, 0.85)
	p.Title.TextStyle.Font = sans(16, true)
	p.Y.Tick.Marker = amountTicks{money: m.Money()}
	p.Y.Min = 0
	if !numeric {
		var ticks []plot.Tick
		for i, pt := range sw.Points {
			ticks = append(ticks, plot.Tick{Value: float64(i), Label: pt.Value})
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		p.X.Min, p.X.Max = -0.3, float64(len(sw.Points)-1)+0.3
	}
	return p
}

// sweepMarkSet is what a panel draws, in drawing order, and the pieces
// the legend shows.
type sweepMarkSet struct {
	plotters []plot.Plotter
	band     *plotter.Polygon
	line     *plotter.Line
	dots     *plotter.Scatter
}

// sweepMarks draws a series: along a numeric axis, a band and a line
// through the means; on categories, which have no order to interpolate
// along, a wide translucent bar per value and no line. Both get the
// means as dots with their confidence intervals as whiskers.
func sweepMarks(ser sweepSeries, c color.RGBA, numeric bool) (sweepMarkSet, error) {
	var set sweepMarkSet
	var err error
	if set.band, err = bandPolygon(ser.xs, ser.lo, ser.hi, c, 0.18); err != nil {
		return set, err
	}
	if set.line, err = meanLine(ser.xs, ser.mean, c, 2.5); err != nil {
		return set, err
	}
	if set.dots, err = plotter.NewScatter(ser.points); err != nil {
		return set, err
	}
	set.dots.GlyphStyle.Color, set.dots.GlyphStyle.Radius, set.dots.GlyphStyle.Shape = c, 4, draw.CircleGlyph{}
	whiskers, err := yErrorBars(ser.points, ser.ci)
	if err != nil {
		return set, err
	}
	whiskers.Color, whiskers.Width, whiskers.CapWidth = colInk, 1.5, 8
	if numeric {
		set.plotters = []plot.Plotter{set.band, set.line, whiskers, set.dots}
		return set, nil
	}
	bars, err := yErrorBars(ser.points, bandErrs(ser.mean, ser.lo, ser.hi))
	if err != nil {
		return set, err
	}
	bars.Color, bars.Width, bars.CapWidth = fade(c, 0.25), 22, 0
	set.plotters = []plot.Plotter{bars, whiskers, set.dots}
	return set, nil
}

// yErrorBars are vertical error bars of the given lengths at points.
func yErrorBars(points plotter.XYs, errs plotter.YErrors) (*plotter.YErrorBars, error) {
	return plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{points, errs})
}

// sweepLegend explains the marks, once for the four panels.
func sweepLegend(p *plot.Plot, marks sweepMarkSet, numeric bool) {
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.TextStyle.Font = sans(11, false)
	if numeric {
		p.Legend.Add("mean", marks.line, marks.dots)
	} else {
		p.Legend.Add("mean", marks.dots)
	}
	p.Legend.Add("90% band (p05–p95)", marks.band)
}

// drawSweep lays out the chart: a header line naming the run, then the
// four panels in a grid with aligned data areas.
func drawSweep(dc draw.Canvas, sw *Sweep, plots [][]*plot.Plot) {
	dc = padded(dc, 10)
	dc = header(dc, plots[0][0], truncate(fmt.Sprintf("%s · sweep of %s · %d replications per value on the same seeds · whiskers: 95%% CI", truncate(sw.Scenario, 40), sw.Key, sw.Replications), 125))
	t := draw.Tiles{Rows: 2, Cols: 2, PadX: 30, PadY: 24}
	cs := plot.Align(plots, t, dc)
	for r := range plots {
		for c := range plots[r] {
			plots[r][c].Draw(cs[r][c])
		}
	}
}
