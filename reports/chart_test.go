package reports

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"licsim/model"
)

// allCharts draws every chart the commands write, from the fixture.
func allCharts(t *testing.T, cfg *model.Config, results []model.Result) []*Chart {
	t.Helper()
	s := Summarize(cfg, results)
	charts := RunCharts(cfg, s, results)
	require.Len(t, charts, 3)
	c, err := Compare(cfg, cfg, totals(results), totals(results))
	require.NoError(t, err)
	ch, err := ChartCompare(c)
	require.NoError(t, err)
	charts = append(charts, ch)
	for _, values := range [][]string{{"0.2", "0.5", "0.8"}, {"none", "cancel", "takeover"}, {"7"}} {
		sw := &Sweep{Header: Header{Scenario: cfg.Name, Replications: len(results), Seed: 1, Currency: cfg.Currency}, Key: "k"}
		for _, v := range values {
			sw.Points = append(sw.Points, SweepPoint{Value: v, Summary: s})
		}
		ch, err := ChartSweep(sw)
		require.NoError(t, err)
		charts = append(charts, ch)
	}
	return charts
}

func TestCharts_RenderAt1200x800(t *testing.T) {
	cfg, results := fixture(t)
	for _, ch := range allCharts(t, cfg, results) {
		t.Run(ch.Name, func(t *testing.T) {
			b, err := ch.Render("png")
			require.NoError(t, err)
			img, err := png.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			assert.Equal(t, 1200, img.Bounds().Dx())
			assert.Equal(t, 800, img.Bounds().Dy())
			svg, err := ch.Render("svg")
			require.NoError(t, err)
			assert.Contains(t, string(svg), "<svg")
			inline, err := ch.InlineSVG()
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(inline, "<svg"), "no XML prolog inside HTML")
			assert.Contains(t, inline, `width="100%"`)
			_, err = ch.Render("gif")
			assert.Error(t, err)
		})
	}
}

// TestCharts_Deterministic: the same data give the same bytes, so that
// the output folder is byte-identical across runs.
func TestCharts_Deterministic(t *testing.T) {
	cfg, results := fixture(t)
	a, b := allCharts(t, cfg, results), allCharts(t, cfg, results)
	for i := range a {
		for _, f := range []string{"png", "svg"} {
			x, err := a[i].Render(f)
			require.NoError(t, err)
			y, err := b[i].Render(f)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(x, y), "%s.%s differs between two renderings", a[i].Name, f)
		}
	}
}

// TestCharts_DegenerateInputs: one replication, all zeros, no monthly
// data: charts are drawn or refused with an error, never a panic.
func TestCharts_DegenerateInputs(t *testing.T) {
	cfg, results := fixture(t)
	zero := []model.Result{{Monthly: make([]int64, len(results[0].Monthly))}}
	for _, rs := range [][]model.Result{zero, {{}}, nil} {
		s := Summarize(cfg, rs)
		for _, ch := range RunCharts(cfg, s, rs) {
			for _, f := range []string{"png", "svg"} {
				_, _ = ch.Render(f)
			}
		}
		c, err := Compare(cfg, cfg, totals(rs), totals(rs))
		require.NoError(t, err)
		if ch, err := ChartCompare(c); err == nil {
			_, _ = ch.Render("png")
		}
		var buf bytes.Buffer
		require.NoError(t, WriteReportHTML(&buf, &Report{Config: cfg, Summary: s, Charts: RunCharts(cfg, s, rs)}))
	}
	_, err := ChartSweep(&Sweep{})
	assert.Error(t, err)
	_, err = ChartDistribution("x", "x", "x", nil, Stats{}, "EUR")
	assert.Error(t, err)
}

// TestWriteRun_RendersEachChartOnce: the charts are drawn once per
// format, in parallel, and report.html inlines the very bytes of the SVG
// files; the files are the same whatever GOMAXPROCS is.
func TestWriteRun_RendersEachChartOnce(t *testing.T) {
	cfg, results := fixture(t)
	write := func() (map[string][]byte, []*Chart) {
		s := Summarize(cfg, results)
		charts := RunCharts(cfg, s, results)
		dir := t.TempDir() + "/out"
		st, err := OpenStage(dir, Set)
		require.NoError(t, err)
		defer st.Abort()
		require.NoError(t, WriteCharts(context.Background(), st, charts))
		require.NoError(t, st.Commit(t.Context()))
		var html bytes.Buffer
		require.NoError(t, WriteReportHTML(&html, &Report{Config: cfg, Summary: s, Charts: charts}))
		files := map[string][]byte{"report.html": html.Bytes()}
		for _, ch := range charts {
			for _, f := range []string{"png", "svg"} {
				b, err := os.ReadFile(filepath.Join(dir, ch.Name+"."+f))
				require.NoError(t, err)
				files[ch.Name+"."+f] = b
			}
		}
		return files, charts
	}
	files, charts := write()
	for _, ch := range charts {
		assert.Equal(t, 2, ch.draws, "%s: one PNG and one SVG rendering, none for report.html", ch.Name)
		svg := string(files[ch.Name+".svg"])
		body := svg[strings.Index(svg, "<svg"):]
		body = body[strings.Index(body, ">"):] // after the attributes InlineSVG rewrites
		assert.Contains(t, string(files["report.html"]), body, "%s: report.html inlines the SVG file's drawing", ch.Name)
	}
	prev := runtime.GOMAXPROCS(1)
	serial, _ := write()
	runtime.GOMAXPROCS(prev)
	for name, b := range files {
		assert.True(t, bytes.Equal(b, serial[name]), "%s differs between GOMAXPROCS=%d and 1", name, prev)
	}
}

// TestSeriesStyle_NeverRepeats: no two series of a plot share both a
// colour and a dash pattern, however many there are.
func TestSeriesStyle_NeverRepeats(t *testing.T) {
	seen := map[string]int{}
	for i := range 4 * len(palette) {
		c, d := seriesStyle(i)
		key := fmt.Sprint(c, d)
		if j, ok := seen[key]; ok {
			t.Fatalf("series %d and %d share colour and style %s", j, i, key)
		}
		seen[key] = i
	}
}

// TestWrapText_KeepsWholeNames: a long product name is wrapped onto
// lines that fit a small panel, never cut.
func TestWrapText_KeepsWholeNames(t *testing.T) {
	p := newPlot("", "", "", 0.72)
	style := p.Title.TextStyle
	style.Font = sans(12, true)
	name := "Microsoft Power Automate per user plan with attended RPA (Premium)"
	got := wrapText(name, style, 200)
	assert.Equal(t, name, strings.ReplaceAll(got, "\n", " "), "every word kept, in order")
	for _, line := range strings.Split(got, "\n") {
		assert.LessOrEqual(t, float64(style.Width(line)), 200.0, "%q is wider than the panel", line)
	}
}

// TestSeatsByProduct_SmallMultiples: with more products than one plot
// can tell apart, each gets its own panel, titled with its whole name.
func TestSeatsByProduct_SmallMultiples(t *testing.T) {
	cfg, results := fixture(t)
	many := *cfg
	many.Products = nil
	for i := range 12 {
		pr := cfg.Products[0]
		pr.ID, pr.Name = fmt.Sprintf("p%d", i), fmt.Sprintf("Product number %d with a rather long name", i)
		many.Products = append(many.Products, pr)
	}
	width := len(model.Series(&many))
	rs := make([]model.Result, len(results))
	for i := range rs {
		rs[i] = model.Result{Rep: i, Monthly: make([]int64, many.Months*width)}
		for k := range rs[i].Monthly {
			rs[i].Monthly[k] = int64(k % 7 * (i + 1))
		}
	}
	ch, err := ChartSeatsByProduct(&many, Summarize(&many, rs))
	require.NoError(t, err)
	svg, err := ch.Render("svg")
	require.NoError(t, err)
	for i := range 12 {
		assert.Contains(t, string(svg), fmt.Sprintf("Product number %d with a", i), "panel %d's title", i)
	}
	_, err = ch.Render("png")
	require.NoError(t, err)
}

// TestChartPNG_PixelsOfVgimg: the PNG of every chart holds the very
// pixels gonum/plot's own image canvas draws (vgimg.NewWith, the way
// before the reused images, the glyph fast path and the PNG writer of
// pngenc.go), so that those only make writing faster.
func TestChartPNG_PixelsOfVgimg(t *testing.T) {
	cfg, results := fixture(t)
	for _, ch := range allCharts(t, cfg, results) {
		t.Run(ch.Name, func(t *testing.T) {
			c := vgimg.NewWith(vgimg.UseWH(chartW, chartH), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))
			ch.draw(draw.New(c))
			want := c.Image()
			b, err := ch.Render("png")
			require.NoError(t, err)
			got, err := png.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			require.Equal(t, want.Bounds(), got.Bounds())
			for y := want.Bounds().Min.Y; y < want.Bounds().Max.Y; y++ {
				for x := want.Bounds().Min.X; x < want.Bounds().Max.X; x++ {
					if w, g := color.RGBAModel.Convert(want.At(x, y)), color.RGBAModel.Convert(got.At(x, y)); w != g {
						t.Fatalf("pixel (%d, %d): %v, vgimg draws %v", x, y, g, w)
					}
				}
			}
		})
	}
}

// TestChartBacktest: a back-test chart renders in both formats, counts
// the months inside the band in its caption, and refuses series of
// unequal lengths.
func TestChartBacktest(t *testing.T) {
	s := BacktestSeries{Name: "live_subscriptions", Label: "Live subscriptions",
		Observed: []float64{10, 12, 20}, P05: []float64{8, 9, 10}, P50: []float64{10, 11, 12}, P95: []float64{12, 13, 14}}
	ch, err := ChartBacktest(s, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), "USD")
	require.NoError(t, err)
	assert.Contains(t, ch.Caption, "2 of 3 held-out months")
	for _, f := range []string{"png", "svg"} {
		b, err := ch.Render(f)
		require.NoError(t, err)
		assert.NotEmpty(t, b)
	}
	s.P95 = s.P95[:2]
	_, err = ChartBacktest(s, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), "USD")
	assert.Error(t, err)
}
