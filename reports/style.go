package reports

import (
	"image/color"
	"math"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

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
	palette     = []color.RGBA{
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

// truncate shortens s to at most n runes, with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// header writes a line of text centred at the top of dc, in the style
// of an axis label, and returns the canvas below it. p supplies the text
// handler.
func header(dc draw.Canvas, p *plot.Plot, text string) draw.Canvas {
	style := draw.TextStyle{Color: colInk, Font: sans(15, false), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: p.TextHandler}
	dc.FillText(style, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y}, text)
	dc.Max.Y -= 30
	return dc
}

// styleLabels sets data labels in the house style: ink-coloured 13 point
// sans, bold or not, aligned on their point as xAlign says.
func styleLabels(lb *plotter.Labels, bold bool, xAlign draw.XAlignment) {
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font = sans(13, bold)
		lb.TextStyle[i].Color = colInk
		lb.TextStyle[i].XAlign = xAlign
	}
}
