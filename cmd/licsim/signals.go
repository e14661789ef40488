package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/metrics"
	"syscall"
	"time"

	"licsim/scenarios"
)

// signalError is a run stopped by a signal: SIGINT (Ctrl-C), SIGTERM
// (Kubernetes evicting a pod, systemd, kill) or SIGHUP (a closed
// terminal). Its exit code is the shell's convention, 128 + the signal's
// number: 130, 143 and 129.
type signalError struct{ sig syscall.Signal }

func (e *signalError) Error() string {
	return fmt.Sprintf("stopped by %s; nothing was written", signalName(e.sig))
}

func (e *signalError) exitCode() int { return 128 + int(e.sig) }

// Is makes a signalError a context.Canceled, which is how the commands
// see it.
func (e *signalError) Is(target error) bool { return target == context.Canceled }

func signalName(sig syscall.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "SIGINT (Ctrl-C)"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}

// notifySignals cancels ctx (through cancel) with a *signalError at the
// first SIGINT, SIGTERM or SIGHUP: simulation and report rendering stop
// and nothing is left behind. A second one exits at once through exit,
// for a user who will not wait. stop undoes it.
func notifySignals(cancel context.CancelCauseFunc, stderr io.Writer, exit func(int)) (stop func()) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		first := true
		for {
			select {
			case <-done:
				return
			case s := <-ch:
				sig, _ := s.(syscall.Signal)
				if first {
					first = false
					cancel(&signalError{sig})
					continue
				}
				fmt.Fprintf(stderr, "licsim: %s again: exiting at once\n", signalName(sig))
				exit(128 + int(sig))
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// outOfMemoryError is a run stopped by guardMemory: an internal error
// (exit code 1), never bad input, since the scenario passed the memory
// estimate.
type outOfMemoryError struct{ used, limit int64 }

func (e *outOfMemoryError) Error() string {
	return fmt.Sprintf("out of memory: the run took %s, over its limit of %s; "+
		"the estimate that let it start was too low (please report it): lower --workers, "+
		"population.headcount, months or replications, or split the run with --shard K/N",
		scenarios.BytesText(e.used), scenarios.BytesText(e.limit))
}

// guardMemory polls used() every period and cancels ctx with an
// *outOfMemoryError when it exceeds limit. stop ends it.
func guardMemory(ctx context.Context, cancel context.CancelCauseFunc, limit int64, used func() int64, period time.Duration) (stop func()) {
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(period)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if n := used(); n > limit {
					cancel(&outOfMemoryError{used: n, limit: limit})
					return
				}
			}
		}
	}()
	return func() { close(done) }
}

// heapBytes is the memory the Go runtime holds from the system, less
// what it has given back.
func heapBytes() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()) - int64(s[1].Value.Uint64())
}

// withCause replaces a cancellation error by the reason ctx was
// cancelled (a signal, out of memory), so that exitCode maps it.
func withCause(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil || !errors.Is(err, context.Canceled) {
		return err
	}
	if cause := context.Cause(ctx); isCause(cause) {
		return cause
	}
	return err
}

// isCause reports whether err is one of the causes withCause reports.
func isCause(err error) bool {
	var se *signalError
	var oe *outOfMemoryError
	return errors.As(err, &se) || errors.As(err, &oe)
}
