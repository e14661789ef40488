package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/reports"
)

// openReport runs `licsim run` (20 replications of the baseline) and
// opens its report.html in headless Chromium. It returns a context for
// further steps (with a timeout) and the run's summary.json.
func openReport(t *testing.T) (context.Context, map[string]any) {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"run", "--reps", "20", "--out", out, "--quiet"}, &stdout, &stderr), stderr.String())
	var sum map[string]any
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sum))

	step, _ := openInChromium(t, filepath.Join(out, "report.html"), 90*time.Second)
	return step, sum
}

// headlineNumbers are the headline amounts as the report prints them
// (the money rule: thousands separators, two decimals).
func headlineNumbers(t *testing.T, sum map[string]any) []string {
	metrics := sum["metrics"].(map[string]any)
	var out []string
	for _, name := range []string{"buyer_spend", "org_spend", "stranded_spend"} {
		mean := metrics[name].(map[string]any)["mean"].(float64)
		out = append(out, reports.Human(mean, true, ""))
	}
	return out
}

// pdfPages counts the pages of a PDF that Chromium printed: one
// "/Type /Page" object per page (Chromium does not hide them in object
// streams).
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
}

// TestReportHTML_Print prints report.html to PDF on Letter and on A4 as
// a browser's "Save as PDF" does: the whole report, with every
// assumption (about 300 keys for the baseline), fits ten pages (9 at
// the time of writing; before the print stylesheet it ran to 9 without
// the assumptions, tables cut off), no table is wider than the paper, and the headline (title, sentence, four cards with the headline
// numbers) is page one on its own.
func TestReportHTML_Print(t *testing.T) {
	ctx, sum := openReport(t)
	for _, paper := range []struct {
		name          string
		width, height float64 // inches
	}{{"Letter", 8.5, 11}, {"A4", 8.27, 11.69}} {
		t.Run(paper.name, func(t *testing.T) {
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
				p.PaperWidth, p.PaperHeight = paper.width, paper.height
				pref := true
				p.PreferCSSPageSize = &pref
			}))
			require.NoError(t, err)
			if keep := os.Getenv("LICSIM_PDF"); keep != "" {
				require.NoError(t, os.WriteFile(keep+"-"+paper.name+".pdf", pdf, 0o644))
			}
			pages := pdfPages(pdf)
			t.Logf("%s: %d pages", paper.name, pages)
			assert.GreaterOrEqual(t, pages, 2, "the headline page and the rest")
			// Every assumption (a row per key and product) and the costs per year
			// and product make the bulk; 12 pages leaves room for a product
			// more, not for a layout that breaks a table into a page per row.
			assert.LessOrEqual(t, pages, 12, "the whole report, every assumption included, in a few pages")

			// Lay the page out as the printer does (print media, the
			// paper's printable width at 96 px per inch, 12 mm margins)
			// and measure it.
			const margin = 12 / 25.4
			w, h := (paper.width-2*margin)*96, (paper.height-2*margin)*96
			require.NoError(t, chromedp.Do(ctx,
				func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
					_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
					return chromedp.Void{}, err
				},
				chromedp.EmulateViewport(int64(w), int64(h)),
			))
			headline, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("section.headline").getBoundingClientRect().bottom`))
			require.NoError(t, err)
			assert.LessOrEqual(t, headline, h, "the headline section fits page one")
			widest, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.max(...[...document.querySelectorAll("table, figure, .cards, pre")].map(e => e.getBoundingClientRect().right))`))
			require.NoError(t, err)
			if !assert.LessOrEqual(t, widest, w+1, "nothing is wider than the paper") {
				which, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("table, figure, .cards, pre")].filter(e => e.getBoundingClientRect().right > innerWidth).map(e => e.tagName + "." + e.className + " " + e.getBoundingClientRect().right + " vw " + innerWidth + " " + (e.closest("section") || {}).innerText.slice(0, 40)).join("; ")`))
				t.Log(which)
			}
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("section.headline").innerText`))
			require.NoError(t, err)
			for _, n := range headlineNumbers(t, sum) {
				assert.Contains(t, text, n, "the headline page shows %s", n)
			}
			require.NoError(t, chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
				return chromedp.Void{}, err
			}))
		})
	}
}

// TestReportHTML_Phone lays report.html out at phone widths: nothing
// overflows the screen sideways (wide tables scroll inside their box),
// the headline numbers are on screen in the first cards, and the charts
// shrink to the width.
func TestReportHTML_Phone(t *testing.T) {
	ctx, sum := openReport(t)
	for _, width := range []int64{360, 390, 420} {
		require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile)))
		over, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
		require.NoError(t, err)
		assert.LessOrEqual(t, over, float64(width), "at %d px the page scrolls sideways", width)
		svgW, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.max(...[...document.querySelectorAll("figure svg")].map(e => e.getBoundingClientRect().right))`))
		require.NoError(t, err)
		assert.LessOrEqual(t, svgW, float64(width), "charts scale to %d px", width)
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll(".card")].map(e => e.innerText).join("\n")`))
		require.NoError(t, err)
		for _, n := range headlineNumbers(t, sum) {
			assert.Contains(t, text, n, "at %d px the cards show %s", width, n)
		}
	}
}
