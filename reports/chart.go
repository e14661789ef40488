package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"runtime"
	"strings"
	"sync"

	"git.sr.ht/~sbinet/gg"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
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

	// mu guards the renderings already made, by format: a chart is
	// drawn at most once per format, however many outputs show it
	// (the SVG file and report.html share one rendering).
	mu       sync.Mutex
	rendered map[string][]byte
	draws    int // renderings made, for tests
}

// Render draws the chart as "png" or "svg", once per format: later calls
// return the same bytes, which the caller must not modify. It is safe to
// call from several goroutines.
func (ch *Chart) Render(format string) ([]byte, error) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if data, ok := ch.rendered[format]; ok {
		return data, nil
	}
	ch.draws++
	data, err := ch.render(format)
	if err != nil {
		return nil, err
	}
	if ch.rendered == nil {
		ch.rendered = map[string][]byte{}
	}
	ch.rendered[format] = data
	return data, nil
}

// chartImages keeps the pixels of PNG renderings (1200×800 RGBA, 3.8 MB)
// between charts: a new canvas would allocate and clear them twice (gg
// copies the image it is given), a quarter of a PNG's time. Every
// rendering paints the whole image white first, so a reused image
// gives the same bytes as a new one. It holds at most two images, as
// many as charts are drawn at once on this project's machines; unlike a
// sync.Pool it is not emptied by every other garbage collection, which
// a run's writing triggers several times.
var chartImages = make(chan *image.RGBA, 2)

// chartImage is an image of the PNG's size from chartImages, or a new
// one; putChartImage returns it.
func chartImage() *image.RGBA {
	select {
	case img := <-chartImages:
		return img
	default:
		w, h := chartW.Dots(chartDPI), chartH.Dots(chartDPI)
		return image.NewRGBA(image.Rect(0, 0, int(w+0.5), int(h+0.5)))
	}
}

func putChartImage(img *image.RGBA) {
	select {
	case chartImages <- img:
	default:
	}
}

// pngCanvas is a canvas that draws into img at chartDPI: vgimg.NewWith's
// own set-up (butt line caps, y up, a white background) on a gg context
// that draws into img itself rather than into a copy of it.
func pngCanvas(img *image.RGBA) *vgimg.Canvas {
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	ctx.SetInterpolator(glyphInterpolator{xdraw.BiLinear})
	return vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(chartDPI))
}

// render draws the chart as "png" or "svg".
func (ch *Chart) render(format string) (data []byte, err error) {
	// gonum/plot panics on some degenerate inputs (no data, NaN ranges);
	// a chart is never worth crashing a run for, so turn it into an error.
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("chart %s: %v", ch.Name, r)
		}
	}()
	var b bytes.Buffer
	switch format {
	case "png":
		img := chartImage()
		defer putChartImage(img)
		ch.draw(draw.New(&whiteCanvas{Canvas: pngCanvas(img), white: []bool{false}}))
		err = encodeChartPNG(&b, img)
	case "svg":
		c := vgsvg.New(chartW, chartH)
		ch.draw(draw.New(c))
		_, err = c.WriteTo(&b)
	default:
		return nil, fmt.Errorf("chart %s: unknown format %q", ch.Name, format)
	}
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", ch.Name, err)
	}
	return b.Bytes(), nil
}

// whiteCanvas is a PNG's canvas: it skips every fill in opaque white
// (color.White). Such fills are plot backgrounds (plot.Plot's
// BackgroundColor; the charts fill nothing else white), each drawn
// first in its own part of an image that is already white: painting
// them changes no pixel, and took a fifth of a chart's drawing, the
// whole plot area blended pixel by pixel. The SVG keeps them.
// TestChartPNG_PixelsOfVgimg checks that the pixels are the same.
type whiteCanvas struct {
	*vgimg.Canvas
	white []bool // whether the colour is color.White, per Push level
}

func (c *whiteCanvas) SetColor(clr color.Color) {
	c.white[len(c.white)-1] = clr == color.White
	c.Canvas.SetColor(clr)
}

func (c *whiteCanvas) Push() {
	c.white = append(c.white, c.white[len(c.white)-1])
	c.Canvas.Push()
}

func (c *whiteCanvas) Pop() {
	c.white = c.white[:len(c.white)-1]
	c.Canvas.Pop()
}

func (c *whiteCanvas) Fill(p vg.Path) {
	if !c.white[len(c.white)-1] {
		c.Canvas.Fill(p)
	}
}

// glyphInterpolator is how gg puts text on a PNG: each glyph's alpha
// mask is "transformed" onto the image with the canvas's matrix by
// x/image/draw's bilinear Kernel, which takes its generic path for a
// masked source, pixel by pixel through interfaces (text was a third of
// a chart's drawing). For upright text the matrix only moves the glyph
// by whole pixels, where bilinear sampling reads each mask pixel
// exactly: drawGlyph then composes the same pixels with the Kernel's own
// arithmetic, directly on the bytes. Rotated text (the y axis's label)
// and anything else still goes to the Kernel.
type glyphInterpolator struct{ *xdraw.Kernel }

// Transform implements xdraw.Transformer.
func (g glyphInterpolator) Transform(dst xdraw.Image, m f64.Aff3, src image.Image, sr image.Rectangle, op xdraw.Op, opts *xdraw.Options) {
	tx, ty := m[2], m[5]
	if m[0] == 1 && m[1] == 0 && m[3] == 0 && m[4] == 1 && tx == math.Trunc(tx) && ty == math.Trunc(ty) &&
		math.Abs(tx) < 1<<20 && math.Abs(ty) < 1<<20 && op == xdraw.Over && opts != nil && opts.DstMask == nil {
		d, dok := dst.(*image.RGBA)
		u, uok := src.(*image.Uniform)
		mask, mok := opts.SrcMask.(*image.Alpha)
		if dok && uok && mok {
			drawGlyph(d, sr.Add(image.Pt(int(tx), int(ty))), u, mask, opts.SrcMaskP.Add(sr.Min))
			return
		}
	}
	g.Kernel.Transform(dst, m, src, sr, op, opts)
}

// drawGlyph composes the uniform colour u through mask over dr of dst,
// mask point mp at dr.Min, as the bilinear Kernel's transform does at
// whole-pixel offsets: 16-bit premultiplied values, the source scaled
// by the mask's alpha, then Porter-Duff over, each step truncated as
// the Kernel truncates it (TestChartPNG_PixelsOfVgimg).
func drawGlyph(dst *image.RGBA, dr image.Rectangle, u *image.Uniform, mask *image.Alpha, mp image.Point) {
	sr, sg, sb, sa := u.C.RGBA()
	r := dr.Intersect(dst.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		my := mp.Y + y - dr.Min.Y
		for x := r.Min.X; x < r.Max.X; x++ {
			mx := mp.X + x - dr.Min.X
			if !(image.Point{mx, my}).In(mask.Rect) {
				continue
			}
			ma := uint32(mask.Pix[mask.PixOffset(mx, my)]) * 0x101
			if ma == 0 {
				continue // the Kernel writes the pixel back unchanged
			}
			pr, pg, pb, pa := sr*ma/0xffff, sg*ma/0xffff, sb*ma/0xffff, sa*ma/0xffff
			pr, pg, pb = min(pr, pa), min(pg, pa), min(pb, pa)
			pa1 := 0xffff - pa
			i := dst.PixOffset(x, y)
			d := dst.Pix[i : i+4 : i+4]
			d[0] = uint8((uint32(d[0])*0x101*pa1/0xffff + pr) >> 8)
			d[1] = uint8((uint32(d[1])*0x101*pa1/0xffff + pg) >> 8)
			d[2] = uint8((uint32(d[2])*0x101*pa1/0xffff + pb) >> 8)
			d[3] = uint8((uint32(d[3])*0x101*pa1/0xffff + pa) >> 8)
		}
	}
}

// RenderAll draws every chart in every format, charts in parallel on at
// most GOMAXPROCS goroutines (one chart's formats in turn: a gonum plot
// must not be drawn twice at once). Each rendering is independent of the
// others, so the bytes are the same for any parallelism. The first error,
// in chart order, is returned.
func RenderAll(charts []*Chart, formats ...string) error {
	return startRendering(charts, formats...)()
}

// startRendering starts RenderAll in the background and returns the
// function that waits for it and returns its error: the caller writes
// other files meanwhile.
func startRendering(charts []*Chart, formats ...string) (wait func() error) {
	errs := make([]error, len(charts))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, ch := range charts {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			for _, f := range formats {
				if _, err := ch.Render(f); err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	return func() error {
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	}
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
