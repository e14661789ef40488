package reports

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"licsim/model"
)

// seatSeries lists the per-product seat series with their display names.
func seatSeries(cfg *model.Config, s *Summary) (names []string, ser []*SeriesStats) {
	for i, pr := range cfg.Products {
		if x := s.ProductSeats(i); x != nil {
			name := pr.Name
			if name == "" {
				name = pr.ID
			}
			names, ser = append(names, name), append(ser, x)
		}
	}
	if x := s.NewProductSeats(len(cfg.Products)); x != nil {
		names, ser = append(names, "Products added during the run"), append(ser, x)
	}
	return
}

// maxOverlaid is the most series one seats plot overlays: up to it, each
// product has a colour of its own from the palette; beyond it, lines
// and bands are no longer told apart, so each product gets its own
// small panel (small multiples, on one shared scale).
const maxOverlaid = 6

// seriesStyle is series i's colour and dash pattern: the palette's
// colours in turn, then the same colours dashed, dotted and so on, so
// that no two series share both for any number of series.
func seriesStyle(i int) (color.RGBA, []vg.Length) {
	c := palette[i%len(palette)]
	switch (i / len(palette)) % 4 {
	case 1:
		return c, []vg.Length{7, 4}
	case 2:
		return c, []vg.Length{2, 3}
	case 3:
		return c, []vg.Length{9, 3, 2, 3}
	}
	return c, nil
}

// ChartSeatsByProduct is the live self-service seats of each product at
// each month's end: mean and 90% band. Up to maxOverlaid products share
// one plot, each in its own colour; more are drawn as small multiples,
// one panel per product titled with its full name, on a common y scale.
func ChartSeatsByProduct(cfg *model.Config, s *Summary) (*Chart, error) {
	names, ser := seatSeries(cfg, s)
	if len(ser) == 0 {
		return nil, errors.New("chart seats_by_product: no seat series")
	}
	ch := &Chart{
		Name:  "seats_by_product",
		Title: "Shadow seats by product",
		Caption: fmt.Sprintf("Seats of live self-service subscriptions (bought on employees' cards) at each month's end: mean over %d replications, shaded 90%% band.",
			s.Replications),
	}
	if len(ser) <= maxOverlaid {
		p := monthlyPlot(s, "Live self-service seats by product", "Seats at month end", false)
		for i := range ser {
			c, dashes := seriesStyle(i)
			if err := addSeries(p, ser[i], names[i], c, 0.09, dashes != nil); err != nil {
				return nil, err
			}
		}
		finishMonthlyPlot(p)
		ch.draw = single(p)
		return ch, nil
	}
	draw, err := seatPanels(s, names, ser)
	if err != nil {
		return nil, err
	}
	ch.Caption += " One panel per product, all on the same scale."
	ch.draw = draw
	return ch, nil
}

// seatPanels draws one small plot per series in a grid of at most four
// columns under a common title, every panel on the same y scale.
func seatPanels(s *Summary, names []string, ser []*SeriesStats) (func(draw.Canvas), error) {
	cols := min(4, int(math.Ceil(math.Sqrt(float64(len(ser))))))
	rows := (len(ser) + cols - 1) / cols
	top := 0.0
	for _, x := range ser {
		for _, b := range x.Months {
			top = math.Max(top, b.P95)
		}
	}
	top = math.Max(1, top*1.08)
	panelW := (chartW - 28) / vg.Length(cols)
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
	}
	for i := range ser {
		p := newPlot("", "", "", 0.72)
		p.Title.TextStyle.Font = sans(12, true)
		p.Title.Padding = 4
		p.Title.Text = wrapText(names[i], p.Title.TextStyle, panelW-16)
		p.X.Tick.Marker = panelMonthTicks{s.Start, s.Months}
		p.Y.Tick.Marker = amountTicks{}
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, float64(s.Months), 0, top
		if err := addSeries(p, ser[i], names[i], colSeats, 0.18, false); err != nil {
			return nil, err
		}
		p.Legend = plot.NewLegend() // the panel's title names it
		grid[i/cols][i%cols] = p
	}
	const title = "Live self-service seats by product (seats at month end; line: mean, shaded: 90% band)"
	return func(c draw.Canvas) {
		c = padded(c, 14)
		style := draw.TextStyle{Color: colInk, Font: sans(18, true), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.New().TextHandler}
		c.FillText(style, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y}, title)
		c.Max.Y -= 34
		tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: 14, PadY: 10}
		canvases := plot.Align(grid, tiles, c)
		for r := range grid {
			for k, p := range grid[r] {
				if p != nil {
					p.Draw(canvases[r][k])
				}
			}
		}
	}, nil
}

// wrapText breaks s at spaces into lines no wider than w in style, so
// that a product's name is shown whole however long it is; a single
// word wider than w keeps its own line.
func wrapText(s string, style draw.TextStyle, w vg.Length) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && style.Width(line+" "+word) > w {
			lines, line = append(lines, line), word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}

// panelMonthTicks labels a small panel's month axis with at most four
// labels ("Jan 2026"), a minor tick at every other label step.
type panelMonthTicks struct {
	start  time.Time
	months int
}

// Ticks implements plot.Ticker.
func (t panelMonthTicks) Ticks(lo, hi float64) []plot.Tick {
	every := 1
	for _, e := range []int{1, 2, 3, 6, 12, 24, 36, 60, 120} {
		every = e
		if t.months/e <= 3 {
			break
		}
	}
	var ticks []plot.Tick
	for m := 0; m <= t.months; m++ {
		switch {
		case float64(m) < lo || float64(m) > hi:
		case m%every == 0:
			ticks = append(ticks, plot.Tick{Value: float64(m), Label: MonthStart(t.start, m).Format("Jan 2006")})
		case every >= 2 && m%(every/2) == 0:
			ticks = append(ticks, plot.Tick{Value: float64(m)})
		}
	}
	return ticks
}
