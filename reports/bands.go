package reports

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

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

// bandErrs turns a band into error-bar lengths around the mean.
func bandErrs(mean, lo, hi []float64) plotter.YErrors {
	e := make(plotter.YErrors, len(mean))
	for i := range mean {
		e[i].Low, e[i].High = mean[i]-lo[i], hi[i]-mean[i]
	}
	return e
}
