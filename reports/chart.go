package reports

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
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
