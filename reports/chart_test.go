package reports

import (
	"bytes"
	htmlpkg "html"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// allCharts draws every chart the commands write, from the fixture.
func allCharts(t *testing.T, cfg *model.Config, results []model.Result) []*Chart {
	t.Helper()
	s := Summarize(cfg, results)
	charts := RunCharts(cfg, s, results)
	require.Len(t, charts, 3)
	c, err := Compare(cfg, cfg, results, results)
	require.NoError(t, err)
	ch, err := ChartCompare(c)
	require.NoError(t, err)
	charts = append(charts, ch)
	for _, values := range [][]string{{"0.2", "0.5", "0.8"}, {"none", "cancel", "takeover"}, {"7"}} {
		sw := &Sweep{Scenario: cfg.Name, Key: "k", Replications: len(results), Seed: 1, Currency: cfg.Currency}
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
		c, err := Compare(cfg, cfg, rs, rs)
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

func TestReportHTML_SelfContained(t *testing.T) {
	cfg, results := fixture(t)
	cfg.PolicyChanges = []model.PolicyChange{{Date: mustDate(t, "2025-02-01"), Product: "*", Policy: model.Disabled}}
	cfg.Growth.PerYear = 1
	s := Summarize(cfg, results)
	charts := RunCharts(cfg, s, results)
	var b bytes.Buffer
	require.NoError(t, WriteReportHTML(&b, &Report{Config: cfg, Summary: s, Command: "licsim run x.toml --reps 3 --seed 7", Charts: charts, Files: []string{"summary.json"}}))
	html := b.String()

	has := func(sub string) {
		t.Helper()
		assert.True(t, strings.Contains(html, sub), "report.html lacks %q", sub)
	}
	has("<title>Golden &#34;fixture&#34;, with a comma</title>")
	assert.Equal(t, len(charts), strings.Count(html, "<svg"), "every chart inlined")
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url("} {
		assert.False(t, strings.Contains(html, bad), "the report must load nothing, found %q", bad)
	}
	// The only URLs are SVG namespace names, which browsers never fetch.
	for _, u := range regexp.MustCompile(`https?://[^"' )]+`).FindAllString(html, -1) {
		assert.Contains(t, []string{"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, u)
	}
	for _, want := range []string{"Employees pay", "Organisation pays", "Stranded spend", "Shadow seats at end",
		"90% band", "licsim run x.toml --reps 3 --seed 7", "Visio Plan 1", "every product", "New products Microsoft adds"} {
		has(want)
	}
	for _, m := range model.Metrics() {
		has("<code>" + m.Name() + "</code>")
		has(htmlpkg.EscapeString(m.Help()))
	}
}

func TestPrintTables(t *testing.T) {
	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	var b bytes.Buffer
	PrintTable(&b, s)
	assert.Contains(t, b.String(), "buyer spend (EUR)")
	assert.Contains(t, b.String(), "744.87")
	c, err := Compare(cfg, cfg, results, results)
	require.NoError(t, err)
	b.Reset()
	PrintCompareTable(&b, c)
	assert.Contains(t, b.String(), "B − A")
	b.Reset()
	PrintSweepTable(&b, &Sweep{Key: "k", Points: []SweepPoint{{Value: "1", Summary: s}}})
	assert.Contains(t, b.String(), "744.87")
	_ = io.Discard
}
