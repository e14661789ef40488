package reports

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"licsim/model"
)

// Chart size: 900×600 points, which is 1200×800 pixels at the PNG's 96
// dots per inch. Font sizes below are chosen for that size.
const (
	chartW   = vg.Length(900)
	chartH   = vg.Length(600)
	chartDPI = 96
)

// Chart is one figure of a report: drawn on demand as PNG or SVG.
type Chart struct {
	Name    string // file name without extension: "monthly_spend"
	Title   string // for the report's figure heading
	Caption string // one or two sentences on how to read it
	draw    func(c draw.Canvas)
}

// Render draws the chart as "png" or "svg".
func (ch *Chart) Render(format string) (data []byte, err error) {
	// gonum/plot panics on some degenerate inputs (no data, NaN ranges);
	// a chart is never worth crashing a run for, so turn it into an error.
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("chart %s: %v", ch.Name, r)
		}
	}()
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(chartW, chartH), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))}
	case "svg":
		c = vgsvg.New(chartW, chartH)
	default:
		return nil, fmt.Errorf("chart %s: unknown format %q", ch.Name, format)
	}
	ch.draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("chart %s: %w", ch.Name, err)
	}
	return b.Bytes(), nil
}

// InlineSVG renders the chart as an SVG element for embedding in HTML:
// no XML prolog, and a viewBox with a width of 100% so that it scales
// with the page.
func (ch *Chart) InlineSVG() (string, error) {
	b, err := ch.Render("svg")
	if err != nil {
		return "", err
	}
	s := string(b)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	// vgsvg writes width="900pt" height="600pt" viewBox="0 0 900 600".
	s = strings.Replace(s, fmt.Sprintf(`width="%gpt" height="%gpt"`, float64(chartW), float64(chartH)),
		fmt.Sprintf(`width="100%%" preserveAspectRatio="xMidYMid meet" role="img" aria-label=%q`, ch.Title), 1)
	return s, nil
}

// Palette: colour-blind safe (Okabe–Ito), with a fixed meaning where it
// matters: vermillion is employees' money, blue the organisation's.
var (
	colBuyer    = color.RGBA{0xD5, 0x5E, 0x00, 0xFF} // vermillion
	colOrg      = color.RGBA{0x00, 0x72, 0xB2, 0xFF} // blue
	colStranded = color.RGBA{0x7A, 0x1F, 0x1F, 0xFF} // dark red
	colInk      = color.RGBA{0x22, 0x2B, 0x38, 0xFF}
	colMuted    = color.RGBA{0x5B, 0x66, 0x75, 0xFF}
	colGrid     = color.RGBA{0xE3, 0xE7, 0xEC, 0xFF}
	colZero     = color.RGBA{0x8A, 0x94, 0xA3, 0xFF}
	colSeats    = color.RGBA{0x00, 0x9E, 0x73, 0xFF} // bluish green
	series      = []color.RGBA{
		{0x00, 0x72, 0xB2, 0xFF}, // blue
		{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
		{0x00, 0x9E, 0x73, 0xFF}, // bluish green
		{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
		{0xE6, 0x9F, 0x00, 0xFF}, // orange
		{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
		{0x4D, 0x4D, 0x4D, 0xFF}, // grey
		{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	}
)

// fade is c at the given opacity, premultiplied as image/color expects.
func fade(c color.RGBA, alpha float64) color.NRGBA {
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: uint8(math.Round(alpha * 255))}
}

func sans(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// newPlot is a plot in the house style: sans-serif fonts sized for
// 1200×800 pixels, a light grid, no top or right clutter.
func newPlot(title, xLabel, yLabel string, scale float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(vg.Length(20*scale), true)
	p.Title.TextStyle.Color = colInk
	p.Title.Padding = vg.Length(12 * scale)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sans(vg.Length(15*scale), false)
		ax.Label.TextStyle.Color = colInk
		ax.Tick.Label.Font = sans(vg.Length(13*scale), false)
		ax.Tick.Label.Color = colMuted
		ax.Tick.Color = colZero
		ax.LineStyle.Color = colZero
		ax.Padding = 0
	}
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.X.Label.Padding = vg.Length(6 * scale)
	p.Y.Label.Padding = vg.Length(6 * scale)
	p.Legend.TextStyle.Font = sans(vg.Length(13*scale), false)
	p.Legend.TextStyle.Color = colInk
	p.Legend.ThumbnailWidth = vg.Length(28 * scale)
	p.Legend.Padding = vg.Length(4 * scale)
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = colGrid, colGrid
	g.Vertical.Width, g.Horizontal.Width = 0.8, 0.8
	p.Add(g)
	return p
}

// single draws one plot on the whole canvas, with a margin.
func single(p *plot.Plot) func(draw.Canvas) {
	return func(c draw.Canvas) { p.Draw(padded(c, 14)) }
}

// padded shrinks a canvas by m points on every side.
func padded(c draw.Canvas, m vg.Length) draw.Canvas {
	return draw.Crop(c, m, -m, m, -m)
}

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
		ticks = append(ticks, plot.Tick{Value: x, Label: axisNumber(x, step)})
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

// short formats an amount for a label on a chart: whole units from a
// thousand up, where cents are noise.
func short(x float64, money bool) string {
	if money && math.Abs(x) >= 1000 {
		return Human(math.Round(x), false, "")
	}
	return Human(x, money, "")
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

// bandPolygon is the filled area between lo and hi over xs.
func bandPolygon(xs, lo, hi []float64, c color.RGBA, alpha float64) (*plotter.Polygon, error) {
	pts := make(plotter.XYs, 0, 2*len(xs))
	for i := range xs {
		pts = append(pts, plotter.XY{X: xs[i], Y: lo[i]})
	}
	for i := len(xs) - 1; i >= 0; i-- {
		pts = append(pts, plotter.XY{X: xs[i], Y: hi[i]})
	}
	poly, err := plotter.NewPolygon(pts)
	if err != nil {
		return nil, err
	}
	poly.Color = fade(c, alpha)
	poly.LineStyle.Width = 0
	return poly, nil
}

// meanLine is a series' mean as a solid line.
func meanLine(xs, ys []float64, c color.RGBA, width vg.Length) (*plotter.Line, error) {
	pts := make(plotter.XYs, len(xs))
	for i := range xs {
		pts[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return nil, err
	}
	l.Color, l.Width = c, width
	return l, nil
}

// seriesXY spreads a monthly series into x (month index, centred in the
// month: money is charged over the month) and its mean and band.
func seriesXY(ser *SeriesStats, centre bool) (xs, mean, lo, hi []float64) {
	for m, b := range ser.Months {
		x := float64(m)
		if centre {
			x += 0.5
		} else {
			x++ // counts are taken at the month's end
		}
		xs = append(xs, x)
		mean, lo, hi = append(mean, b.Mean), append(lo, b.P05), append(hi, b.P95)
	}
	return
}

// bandLegend adds a legend entry that explains the shaded bands.
func bandLegend(p *plot.Plot) {
	thumb, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		return
	}
	thumb.Color = fade(colMuted, 0.25)
	thumb.LineStyle.Width = 0
	p.Legend.Add("Shaded: middle 90% of replications (p05–p95)", thumb)
}

// headroom leaves space above the data for the legend.
func headroom(p *plot.Plot, f float64) {
	if p.Y.Max > p.Y.Min {
		p.Y.Max = p.Y.Min + (p.Y.Max-p.Y.Min)*f
	} else {
		p.Y.Max = p.Y.Min + 1
	}
}

// addSeries adds a band and a mean line for a series, with one legend
// entry that shows both.
func addSeries(p *plot.Plot, ser *SeriesStats, name string, c color.RGBA, alpha float64, dashed bool) error {
	xs, mean, lo, hi := seriesXY(ser, ser.Money)
	if len(xs) == 0 {
		return nil
	}
	poly, err := bandPolygon(xs, lo, hi, c, alpha)
	if err != nil {
		return err
	}
	line, err := meanLine(xs, mean, c, 2.5)
	if err != nil {
		return err
	}
	if dashed {
		line.Dashes = []vg.Length{7, 4}
	}
	if alpha > 0 {
		p.Add(poly)
		p.Legend.Add(name, poly, line)
	} else {
		p.Legend.Add(name, line)
	}
	p.Add(line)
	return nil
}

// ChartMonthlySpend is money charged per month, employees' cards against
// the organisation, each as the mean over replications with its 90% band
// (p05–p95), and the stranded part of buyer spend.
func ChartMonthlySpend(s *Summary) (*Chart, error) {
	buyer, org, stranded := s.SeriesByName("buyer_spend"), s.SeriesByName("org_spend"), s.SeriesByName("stranded_spend")
	if buyer == nil || org == nil {
		return nil, errors.New("chart monthly_spend: no monthly series")
	}
	p := newPlot("Spend per month: employees' cards vs the organisation", "", "Charged per month ("+s.Currency+")", 1)
	p.X.Tick.Marker = monthTicks{s.Start, s.Months}
	p.Y.Tick.Marker = amountTicks{money: true}
	p.X.Min, p.X.Max, p.Y.Min = 0, float64(s.Months), 0
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = 12, -8
	if err := addSeries(p, buyer, "Employees' cards (buyer spend)", colBuyer, 0.20, false); err != nil {
		return nil, err
	}
	if err := addSeries(p, org, "Organisation (org spend)", colOrg, 0.20, false); err != nil {
		return nil, err
	}
	if stranded != nil {
		if err := addSeries(p, stranded, "Stranded: paid after leaving, cancel or takeover", colStranded, 0, true); err != nil {
			return nil, err
		}
	}
	bandLegend(p)
	headroom(p, 1.15)
	return &Chart{
		Name:  "monthly_spend",
		Title: "Spend per month",
		Caption: fmt.Sprintf("Amount charged each month in %s: lines are the mean over %d replications, shaded bands hold the middle 90%% of replications (p05–p95). Stranded spend is the part of employees' spend paid for access they no longer have.",
			s.Currency, s.Replications),
		draw: single(p),
	}, nil
}

// seatSeries lists the per-product seat series with their display names.
func seatSeries(cfg *model.Config, s *Summary) (names []string, ser []*SeriesStats) {
	for _, pr := range cfg.Products {
		if x := s.SeriesByName("seats:" + pr.ID); x != nil {
			name := pr.Name
			if name == "" {
				name = pr.ID
			}
			names, ser = append(names, name), append(ser, x)
		}
	}
	if x := s.SeriesByName("seats:new-products"); x != nil {
		names, ser = append(names, "Products added during the run"), append(ser, x)
	}
	return
}

// ChartSeatsByProduct is the live self-service seats of each product at
// each month's end: mean and 90% band.
func ChartSeatsByProduct(cfg *model.Config, s *Summary) (*Chart, error) {
	names, ser := seatSeries(cfg, s)
	if len(ser) == 0 {
		return nil, errors.New("chart seats_by_product: no seat series")
	}
	p := newPlot("Live self-service seats by product", "", "Seats at month end", 1)
	p.X.Tick.Marker = monthTicks{s.Start, s.Months}
	p.Y.Tick.Marker = amountTicks{}
	p.X.Min, p.X.Max, p.Y.Min = 0, float64(s.Months), 0
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = 12, -8
	for i := range ser {
		if err := addSeries(p, ser[i], names[i], series[i%len(series)], 0.09, false); err != nil {
			return nil, err
		}
	}
	bandLegend(p)
	headroom(p, 1.15)
	return &Chart{
		Name:  "seats_by_product",
		Title: "Shadow seats by product",
		Caption: fmt.Sprintf("Seats of live self-service subscriptions (bought on employees' cards) at each month's end: mean over %d replications, shaded 90%% band.",
			s.Replications),
		draw: single(p),
	}, nil
}

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
	mark := func(x float64, label string, dashed bool) error {
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
		for i := range lb.TextStyle {
			lb.TextStyle[i].Font = sans(13, !dashed)
			lb.TextStyle[i].Color = colInk
			lb.TextStyle[i].XAlign = draw.XCenter
		}
		p.Add(lb)
		return nil
	}
	if err := mark(st.Mean, "mean "+short(st.Mean, true), false); err != nil {
		return nil, err
	}
	if st.P95 > st.P05 {
		if err := mark(st.P05, "p05 "+short(st.P05, true), true); err != nil {
			return nil, err
		}
		if err := mark(st.P95, "p95 "+short(st.P95, true), true); err != nil {
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
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font = sans(13, true)
		lb.TextStyle[i].Color = colInk
		lb.TextStyle[i].XAlign = draw.XLeft
		lb.TextStyle[i].YAlign = draw.YCenter
	}
	lb.Offset = vg.Point{X: 12}
	p.Add(lb)
	return p, nil
}

// bandErrs turns a band into error-bar lengths around the mean.
func bandErrs(mean, lo, hi []float64) plotter.YErrors {
	e := make(plotter.YErrors, len(mean))
	for i := range mean {
		e[i].Low, e[i].High = mean[i]-lo[i], hi[i]-mean[i]
	}
	return e
}

// truncate shortens s to at most n runes, with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
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
		draw: func(dc draw.Canvas) {
			dc = padded(dc, 14)
			// A header line says which scenario is A and which is B.
			head := draw.TextStyle{Color: colInk, Font: sans(15, false), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: top.TextHandler}
			dc.FillText(head, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y},
				truncate("B: "+c.B+"   vs   A: "+c.A, 110))
			dc.Max.Y -= 30
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
		},
	}, nil
}

// ChartSweep is each of four headline metrics against the swept
// parameter: mean with 90% band and the mean's 95% confidence interval.
func ChartSweep(sw *Sweep) (*Chart, error) {
	if len(sw.Points) == 0 {
		return nil, errors.New("chart sweep: no points")
	}
	metrics := []model.Metric{model.BuyerSpend, model.OrgSpend, model.StrandedSpend, model.SelfserviceSeatsEnd}
	xs, numeric := sw.Numeric()
	if !numeric {
		xs = make([]float64, len(sw.Points))
		for i := range xs {
			xs[i] = float64(i)
		}
	}
	var plots [][]*plot.Plot
	for r := 0; r < 2; r++ {
		var row []*plot.Plot
		for col := 0; col < 2; col++ {
			m := metrics[r*2+col]
			title := map[model.Metric]string{
				model.BuyerSpend: "Employees' cards (buyer spend)", model.OrgSpend: "Organisation (org spend)",
				model.StrandedSpend: "Stranded spend", model.SelfserviceSeatsEnd: "Shadow seats at the end",
			}[m]
			yl := "Seats"
			if m.Money() {
				yl = "Total over horizon (" + sw.Currency + ")"
			}
			p := newPlot(title, sw.Key, yl, 0.85)
			p.Title.TextStyle.Font = sans(16, true)
			p.Y.Tick.Marker = amountTicks{money: m.Money()}
			p.Y.Min = 0
			if !numeric {
				var ticks []plot.Tick
				for i, pt := range sw.Points {
					ticks = append(ticks, plot.Tick{Value: float64(i), Label: pt.Value})
				}
				p.X.Tick.Marker = plot.ConstantTicks(ticks)
				p.X.Min, p.X.Max = -0.3, float64(len(xs)-1)+0.3
			}
			mean, lo, hi := make([]float64, len(xs)), make([]float64, len(xs)), make([]float64, len(xs))
			errs := make(plotter.Errors, len(xs))
			pts := make(plotter.XYs, len(xs))
			for i, pt := range sw.Points {
				st := pt.Summary.Get(m)
				mean[i], lo[i], hi[i] = st.Mean, st.P05, st.P95
				pts[i] = plotter.XY{X: xs[i], Y: st.Mean}
				errs[i] = struct{ Low, High float64 }{st.Mean - st.CI95[0], st.CI95[1] - st.Mean}
			}
			c := map[model.Metric]color.RGBA{model.BuyerSpend: colBuyer, model.OrgSpend: colOrg, model.StrandedSpend: colStranded, model.SelfserviceSeatsEnd: colSeats}[m]
			poly, err := bandPolygon(xs, lo, hi, c, 0.18)
			if err != nil {
				return nil, fmt.Errorf("chart sweep: %w", err)
			}
			line, err := meanLine(xs, mean, c, 2.5)
			if err != nil {
				return nil, fmt.Errorf("chart sweep: %w", err)
			}
			sc, err := plotter.NewScatter(pts)
			if err != nil {
				return nil, fmt.Errorf("chart sweep: %w", err)
			}
			sc.GlyphStyle.Color, sc.GlyphStyle.Radius, sc.GlyphStyle.Shape = c, 4, draw.CircleGlyph{}
			eb, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{pts, plotter.YErrors(errs)})
			if err != nil {
				return nil, fmt.Errorf("chart sweep: %w", err)
			}
			eb.Color, eb.Width, eb.CapWidth = colInk, 1.5, 8
			if numeric {
				p.Add(poly, line, eb, sc)
			} else {
				// Categories have no order to interpolate along: the
				// band becomes a wide translucent bar per value, and
				// no line joins the means.
				bars, err := plotter.NewYErrorBars(struct {
					plotter.XYs
					plotter.YErrors
				}{pts, bandErrs(mean, lo, hi)})
				if err != nil {
					return nil, fmt.Errorf("chart sweep: %w", err)
				}
				bars.Color, bars.Width, bars.CapWidth = fade(c, 0.25), 22, 0
				p.Add(bars, eb, sc)
			}
			if r == 0 && col == 0 {
				headroom(p, 1.3) // room for the legend
			} else {
				headroom(p, 1.08)
			}
			if numeric && len(xs) > 1 {
				pad := 0.04 * (slices.Max(xs) - slices.Min(xs))
				p.X.Min, p.X.Max = slices.Min(xs)-pad, slices.Max(xs)+pad
			}
			if r == 0 && col == 0 {
				p.Legend.Top, p.Legend.Left = true, true
				p.Legend.TextStyle.Font = sans(11, false)
				if numeric {
					p.Legend.Add("mean", line, sc)
				} else {
					p.Legend.Add("mean", sc)
				}
				p.Legend.Add("90% band (p05–p95)", poly)
			}
			row = append(row, p)
		}
		plots = append(plots, row)
	}
	return &Chart{
		Name:  "sweep",
		Title: "Headline metrics against " + sw.Key,
		Caption: fmt.Sprintf("Each point is a run of %d replications on the same seeds; lines join the means, shaded bands hold the middle 90%% of replications, whiskers the 95%% confidence interval of the mean.",
			sw.Replications),
		draw: func(dc draw.Canvas) {
			dc = padded(dc, 10)
			head := draw.TextStyle{Color: colInk, Font: sans(15, false), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plots[0][0].TextHandler}
			dc.FillText(head, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y},
				truncate(fmt.Sprintf("%s · sweep of %s · %d replications per value on the same seeds · whiskers: 95%% CI", truncate(sw.Scenario, 40), sw.Key, sw.Replications), 125))
			dc.Max.Y -= 30
			t := draw.Tiles{Rows: 2, Cols: 2, PadX: 30, PadY: 24}
			cs := plot.Align(plots, t, dc)
			for r := range plots {
				for c := range plots[r] {
					plots[r][c].Draw(cs[r][c])
				}
			}
		},
	}, nil
}
