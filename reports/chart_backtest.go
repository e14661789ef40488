package reports

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BacktestSeries is one metric of a back-test (licsim calibrate
// --holdout): what the tenant's history shows each held-out month and
// the 90% band (p05, p50, p95) the calibrated scenario forecast for it
// from the month before the first.
type BacktestSeries struct {
	Name          string // "live_subscriptions"
	Label         string // for the title: "Live subscriptions"
	Money         bool   // charged within the month (else a count at its end)
	Observed      []float64
	P05, P50, P95 []float64
}

// ChartBacktest draws observed months against the forecast band: the
// band shaded, the median dashed, the observed values as a line with a
// dot per month, dots outside the band in the buyers' colour. start is
// the first held-out month.
func ChartBacktest(s BacktestSeries, start time.Time, currency string) (*Chart, error) {
	months := len(s.Observed)
	if months == 0 || len(s.P05) != months || len(s.P50) != months || len(s.P95) != months {
		return nil, fmt.Errorf("chart backtest_%s: %d observed months, %d/%d/%d in the band", s.Name, months, len(s.P05), len(s.P50), len(s.P95))
	}
	yLabel := "At the month's end"
	if s.Money {
		yLabel = "Charged in the month (" + currency + ")"
	}
	inside := 0
	p := newPlot("Back-test: "+s.Label+", observed against the forecast", "", yLabel, 1)
	p.X.Tick.Marker = monthTicks{start, months}
	p.Y.Tick.Marker = amountTicks{money: s.Money}
	p.X.Min, p.X.Max = 0, float64(months)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = 12, -8
	xs := make([]float64, months)
	var in, out plotter.XYs
	for m := range months {
		xs[m] = float64(m) + 1 // counts are taken at the month's end
		if s.Money {
			xs[m] = float64(m) + 0.5
		}
		pt := plotter.XY{X: xs[m], Y: s.Observed[m]}
		if s.Observed[m] >= s.P05[m] && s.Observed[m] <= s.P95[m] {
			in, inside = append(in, pt), inside+1
		} else {
			out = append(out, pt)
		}
	}
	poly, err := bandPolygon(xs, s.P05, s.P95, colOrg, 0.20)
	if err != nil {
		return nil, err
	}
	median, err := meanLine(xs, s.P50, colOrg, 2)
	if err != nil {
		return nil, err
	}
	median.Dashes = []vg.Length{7, 4}
	observed, err := meanLine(xs, s.Observed, colInk, 2.5)
	if err != nil {
		return nil, err
	}
	p.Add(poly, median, observed)
	p.Legend.Add("Forecast: median and 90% band", poly, median)
	p.Legend.Add("Observed", observed)
	for _, set := range []struct {
		pts    plotter.XYs
		c      color.RGBA
		legend string // "" for none
	}{{in, colInk, ""}, {out, colBuyer, "Observed, outside the band"}} {
		if len(set.pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(set.pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle.Shape, sc.GlyphStyle.Radius, sc.GlyphStyle.Color = draw.CircleGlyph{}, 4, set.c
		p.Add(sc)
		if set.legend != "" {
			p.Legend.Add(set.legend, sc)
		}
	}
	headroom(p, 1.15)
	return &Chart{
		Name:  "backtest_" + s.Name,
		Title: "Back-test: " + s.Label,
		Caption: fmt.Sprintf("%d of %d held-out months observed inside the forecast's 90%% band (shaded, p05–p95 of the replications; dashed: the median). The forecast starts from the tenant's state on the month before the first shown and knows nothing after it.",
			inside, months),
		draw: single(p),
	}, nil
}
