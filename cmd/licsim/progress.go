package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress counts finished replications and shows them on long runs:
// on a terminal, a bar that fits its width, with the rate and the time
// left; elsewhere (CI logs, Kubernetes logs, files), a line every few
// seconds, so that a log shows a long run is alive. Short runs show
// nothing.
type progress struct {
	w     io.Writer
	total int
	shown display
	delay time.Duration // before the bar or the first line appears
	done  atomic.Int64
	began time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
	once  sync.Once
	// ran is the time the replications took (set by replicated), and
	// elapsed the time from start to stopBar, outputs included.
	ran, elapsed time.Duration
}

// replicated marks the end of the replications: the rate is theirs, not
// diluted by the time spent drawing charts.
func (p *progress) replicated() { p.ran = time.Since(p.began) }

// progressDelay is how long a run goes before its bar appears: a run
// that ends sooner was not worth a bar.
const progressDelay = 700 * time.Millisecond

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// display is how progress shows itself: a bar cols wide, or a line
// every interval, or nothing (the zero display).
type display struct {
	cols     int           // > 0: a bar that fits this many columns
	interval time.Duration // > 0: a line this often
}

// progressLines is how often progress writes a line when stderr is not a
// terminal.
const progressLines = 5 * time.Second

// displayFor is how progress shows itself on w: nothing when quiet, a bar
// as wide as a terminal, lines elsewhere.
func displayFor(w io.Writer, quiet bool) display {
	switch {
	case quiet:
		return display{}
	case isTerminal(w):
		cols := 80
		if c, _, err := term.GetSize(int(w.(*os.File).Fd())); err == nil && c > 0 {
			cols = c
		}
		return display{cols: cols}
	}
	return display{interval: progressLines}
}

// startProgress starts counting total replications, shown on w as d
// says.
func startProgress(w io.Writer, total int, what string, d display) *progress {
	p := &progress{w: w, total: total, delay: progressDelay, began: time.Now(), stop: make(chan struct{})}
	p.start(what, d)
	return p
}

// start launches the drawing goroutine when something is to be shown.
func (p *progress) start(what string, d display) {
	p.shown = d
	if p.total <= 0 {
		return
	}
	switch {
	case d.cols > 0:
		p.wg.Add(1)
		go p.draw(what)
	case d.interval > 0:
		p.wg.Add(1)
		go p.lines(what)
	}
}

// lines writes a progress line every interval until finish:
// "run: 1,200/5,000 replications (24%), 410/s, about 9s left".
func (p *progress) lines(what string) {
	defer p.wg.Done()
	tick := time.NewTicker(p.shown.interval)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-tick.C:
			fmt.Fprintln(p.w, p.line(what, int(p.done.Load()), time.Since(p.began)))
		}
	}
}

// line is one progress line: done of total after elapsed.
func (p *progress) line(what string, done int, elapsed time.Duration) string {
	s := fmt.Sprintf("%s: %d/%d replications (%.0f%%)", what, done, p.total, 100*float64(done)/float64(max(p.total, 1)))
	if done == 0 || elapsed <= 0 {
		return s + ", starting"
	}
	rate := float64(done) / elapsed.Seconds()
	left := time.Duration(float64(p.total-done) / rate * float64(time.Second))
	return s + fmt.Sprintf(", %.0f/s, about %s left", rate, left.Round(time.Second))
}

// barOptions fit the bar and its details in cols columns: with every
// detail when there is room, the time left when there is less, the bar
// alone (at least 10 wide, or what is left) when there is not. A bar wider than the terminal wraps, and each redraw
// then adds a line to the scrollback.
func barOptions(what string, total, cols int) []progressbar.Option {
	digits := len(fmt.Sprint(total))
	// "WHAT 100% |" and "| " around the bar; "(N/N, 9999 reps/s) " and
	// "[12h34m56s:12h34m56s]" after it; one column spare for the cursor.
	frame := len(what) + 9
	counts := 2*digits + 17
	times := 22
	if cols-1-frame < 10 {
		what, frame = "", 8 // too narrow for the description too
	}
	opts := []progressbar.Option{
		progressbar.OptionSetDescription(what),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	}
	room := cols - frame - 1
	switch {
	case room-counts-times >= 10:
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("reps"), progressbar.OptionSetPredictTime(true))
		room -= counts + times
	case room-times >= 10:
		opts = append(opts, progressbar.OptionSetPredictTime(true))
		room -= times
	default:
		opts = append(opts, progressbar.OptionSetPredictTime(false), progressbar.OptionSetElapsedTime(false))
	}
	return append(opts, progressbar.OptionSetWidth(max(1, min(32, room))))
}

// add counts one finished replication; safe from any goroutine.
func (p *progress) add() { p.done.Add(1) }

// draw polls the counter and updates the bar until finish.
func (p *progress) draw(what string) {
	defer p.wg.Done()
	delay := time.NewTimer(p.delay)
	defer delay.Stop()
	select {
	case <-p.stop:
		return
	case <-delay.C:
	}
	bar := progressbar.NewOptions(p.total, append(barOptions(what, p.total, p.shown.cols), progressbar.OptionSetWriter(p.w))...)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			bar.Set(int(p.done.Load()))
			bar.Clear()
			return
		case <-tick.C:
			bar.Set(int(p.done.Load()))
		}
	}
}

// stopBar removes the bar, if any; later calls do nothing.
func (p *progress) stopBar() {
	p.once.Do(func() {
		p.elapsed = time.Since(p.began)
		close(p.stop)
		p.wg.Wait()
	})
}

// finish removes the bar and, unless quiet, prints the last line: how
// many replications ran in how long, at what rate, then tail and the
// time the outputs took.
func (p *progress) finish(quiet bool, tail string) {
	p.stopBar()
	if quiet {
		return
	}
	n := p.done.Load()
	ran := p.ran
	if ran == 0 {
		ran = p.elapsed
	}
	rate := float64(n) / max(ran.Seconds(), 1e-9)
	fmt.Fprintf(p.w, "%d replications in %s (%.0f/s)%s", n, ran.Round(time.Millisecond), rate, tail)
	if rest := p.elapsed - ran; tail != "" && rest > 0 {
		fmt.Fprintf(p.w, " in %s", rest.Round(time.Millisecond))
	}
	fmt.Fprintln(p.w)
}
