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

// progress counts finished replications and, on long runs whose stderr is
// a terminal, draws a bar with the rate and the time left. Short runs and
// redirected stderr (CI logs, files) get no bar at all.
type progress struct {
	w     io.Writer
	total int
	delay time.Duration // before the bar appears
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

// startProgress starts counting total replications. The bar is drawn on
// w only when show is true (stderr is a terminal and --quiet is off).
func startProgress(w io.Writer, total int, what string, show bool) *progress {
	p := &progress{w: w, total: total, delay: progressDelay, began: time.Now(), stop: make(chan struct{})}
	p.start(what, show)
	return p
}

// start launches the drawing goroutine when the bar is wanted.
func (p *progress) start(what string, show bool) {
	if show && p.total > 0 {
		p.wg.Add(1)
		go p.draw(what)
	}
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
	bar := progressbar.NewOptions(p.total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionSetWidth(32),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("reps"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
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
