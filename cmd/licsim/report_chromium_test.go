package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/scenarios"
)

// chromiumPath finds Debian's chromium. The test does not skip without
// it: CI installs it (.ci/run), and a developer is told how to.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("LICSIM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is needed to check report.html as a browser shows it, and was not found: " +
		"install it with `apt-get install -y chromium` (as root; .ci/run does this), " +
		"or point LICSIM_CHROMIUM at a Chromium binary")
	return ""
}

// pageEvents records what the page logs: console errors, uncaught
// exceptions, browser log errors, and every URL it requests.
type pageEvents struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (p *pageEvents) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range e.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p.errors = append(p.errors, "console."+string(e.Type)+": "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		if d := e.ExceptionDetails; d != nil {
			p.errors = append(p.errors, "exception: "+d.Text)
		}
	case *log.EventEntryAdded:
		if e.Entry != nil && e.Entry.Level == log.EntryLevelError {
			p.errors = append(p.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		if e.Request != nil {
			p.requests = append(p.requests, e.Request.URL)
		}
	}
}

// openInChromium opens the HTML file page in a headless Chromium of its
// own (a fresh profile, no network services, a 1280×900 window) and
// returns a context for the test's steps, with a timeout, and the page's
// events (console errors, requests). The browser stops when the test
// ends.
func openInChromium(t *testing.T, page string, timeout time.Duration) (context.Context, *pageEvents) {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath(t)), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	t.Cleanup(cancelAlloc)
	events := &pageEvents{}
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(events.listen))
	t.Cleanup(cancel)
	// The first Run starts the browser and must not carry a timeout (it
	// would stop the browser); later steps get one.
	require.NoError(t, chromedp.Do(ctx), "start chromium")
	step, cancelStep := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelStep)
	pageURL := (&url.URL{Scheme: "file", Path: page}).String()
	require.NoError(t, chromedp.Do(step, chromedp.Navigate(pageURL)))
	return step, events
}

// TestReportHTML_InChromium runs `licsim run` and opens its report.html
// in headless Chromium as an analyst would: the page must have the
// scenario's name as title, log no error, fetch nothing but itself, and
// render to a screenshot that is not blank. Set LICSIM_SCREENSHOT to a
// file name to keep the screenshot.
func TestReportHTML_InChromium(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"run", "--reps", "20", "--out", out, "--quiet"}, &stdout, &stderr), stderr.String())
	cfg, err := scenarios.Load(scenarios.DefaultName)
	require.NoError(t, err)
	report := filepath.Join(out, "report.html")

	step, events := openInChromium(t, report, 60*time.Second)
	title, err := chromedp.Run(step, chromedp.Title())
	require.NoError(t, err)
	assert.Equal(t, cfg.Name, title, "document.title is the scenario's name")
	svgs, err := chromedp.Run(step, chromedp.Evaluate[float64](`document.querySelectorAll("figure svg").length`))
	require.NoError(t, err)
	assert.Equal(t, 3.0, svgs, "three charts inlined")
	width, err := chromedp.Run(step, chromedp.Evaluate[float64](`document.querySelector("figure svg").getBoundingClientRect().width`))
	require.NoError(t, err)
	assert.Greater(t, width, 600.0, "charts are drawn at a readable size")
	shot, err := chromedp.Run(step, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	if keep := os.Getenv("LICSIM_SCREENSHOT"); keep != "" {
		require.NoError(t, os.WriteFile(keep, shot, 0o644))
	}
	// Give late console messages a moment to arrive.
	time.Sleep(200 * time.Millisecond)

	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(t, err)
	b := img.Bounds()
	assert.GreaterOrEqual(t, b.Dx(), 1200)
	assert.Greater(t, b.Dy(), 2000, "the whole report, not one screen")
	sd, inked := pixelSpread(img)
	assert.Greater(t, sd, 20.0, "the screenshot is blank (luminance sd %.1f)", sd)
	assert.Greater(t, inked, 0.02, "too little is drawn on the page (%.1f%% of pixels)", 100*inked)

	events.mu.Lock()
	defer events.mu.Unlock()
	assert.Empty(t, events.errors, "the page logged errors")
	for _, u := range events.requests {
		assert.True(t, strings.HasPrefix(u, "file://") || strings.HasPrefix(u, "data:"),
			"report.html fetched %s: it must be self-contained", u)
	}
	assert.NotEmpty(t, events.requests, "the listener saw the page load")
}

// pixelSpread returns the standard deviation of the luminance over a grid
// of sampled pixels and the share of pixels that differ clearly from the
// most common (background) value.
func pixelSpread(img image.Image) (sd, inked float64) {
	b := img.Bounds()
	var lum []float64
	hist := map[int]int{}
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			l := (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(bl)) / 257
			lum = append(lum, l)
			hist[int(l)]++
		}
	}
	bg, most := 0, 0
	for v, n := range hist {
		if n > most {
			bg, most = v, n
		}
	}
	var sum, sq float64
	far := 0
	for _, l := range lum {
		sum += l
		if math.Abs(l-float64(bg)) > 40 {
			far++
		}
	}
	mean := sum / float64(len(lum))
	for _, l := range lum {
		sq += (l - mean) * (l - mean)
	}
	return math.Sqrt(sq / float64(len(lum))), float64(far) / float64(len(lum))
}
