package sim

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// Replicate runs fn for replications 0..n-1 on up to workers goroutines
// and returns the results indexed by replication. Replications are
// independent, so the results are the same for any number of workers;
// worker (0..workers-1) lets fn keep scratch memory per goroutine.
//
// The first error (lowest replication among those that failed) stops the
// remaining work and is returned. Cancelling ctx stops handing out new
// replications; fn should watch ctx to stop a long one early.
func Replicate[R any](ctx context.Context, n, workers int, fn func(ctx context.Context, worker, rep int) (R, error)) ([]R, error) {
	if n <= 0 {
		return nil, nil
	}
	workers = max(1, min(workers, n))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	out := make([]R, n)
	var (
		next    atomic.Int64
		mu      sync.Mutex
		errRep  = -1
		errRun  error
		wg      sync.WaitGroup
		failure = func(rep int, err error) {
			mu.Lock()
			if errRep < 0 || rep < errRep {
				errRep, errRun = rep, err
			}
			mu.Unlock()
			cancel()
		}
	)
	for w := range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				rep := int(next.Add(1) - 1)
				if rep >= n {
					return
				}
				r, err := fn(ctx, w, rep)
				if err != nil {
					failure(rep, err)
					return
				}
				out[rep] = r
			}
		})
	}
	wg.Wait()
	if errRun != nil {
		return nil, fmt.Errorf("replication %d: %w", errRep, errRun)
	}
	if err := ctx.Err(); err != nil {
		// Only the parent context can be done here: cancel() runs on
		// failure, and failure sets errRun.
		return nil, err
	}
	return out, nil
}

// ReplicateEach runs fn for replications 0..n-1 on up to workers
// goroutines, like Replicate, and hands each result to sink in
// replication order, on the calling goroutine, instead of returning them
// all: sink sees rep 0, 1, 2, ... whatever the number of workers, and
// may keep what it needs of each result and drop the rest.
//
// At most window replications are running or waiting for their turn at
// sink at any time: a worker starts replication i only once those before
// i−window+1 have been delivered. Memory is then window results, not n;
// window is raised to at least workers, so that no worker waits on
// a window smaller than the pool (0 gives 4·workers).
//
// The first error, of fn or of sink (the lowest replication among those
// that failed), stops the remaining work and is returned; fn's errors
// are wrapped with their replication, as Replicate does, sink's are
// returned as they are. Cancelling ctx stops handing out replications
// and returns ctx's error. Replications before the failure or the
// cancellation have been delivered; none after. Every goroutine has
// returned when ReplicateEach does.
func ReplicateEach[R any](ctx context.Context, n, workers, window int, fn func(ctx context.Context, worker, rep int) (R, error), sink func(rep int, r R) error) error {
	if n <= 0 {
		return nil
	}
	workers = max(1, min(workers, n))
	if window <= 0 {
		window = 4 * workers
	}
	window = min(max(window, workers), n)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type finished struct {
		rep int
		r   R
		err error
	}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		// slots holds a token for each replication started and not yet
		// delivered (or dropped): a worker puts one before taking a
		// replication, the delivery takes it back.
		slots = make(chan struct{}, window)
		done  = make(chan finished, workers)
	)
	for w := range workers {
		wg.Go(func() {
			for {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
				if ctx.Err() != nil {
					return
				}
				rep := int(next.Add(1) - 1)
				if rep >= n {
					return
				}
				r, err := fn(ctx, w, rep)
				// The loop below reads done until every worker has
				// returned, so this send cannot block for ever.
				done <- finished{rep, r, err}
				if err != nil {
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	// The replications started and not delivered are [deliver,
	// deliver+window): ring[rep%window] holds those that finished.
	var (
		ring    = make([]R, window)
		ready   = make([]bool, window)
		deliver = 0
		errRep  = -1
		errRun  error
		failed  = func(rep int, err error) {
			if errRep < 0 || rep < errRep {
				errRep, errRun = rep, err
			}
			cancel()
		}
	)
	for f := range done {
		if f.err != nil {
			// After a failure, replications still running stop with
			// the cancellation: that is not theirs to report.
			if errRep < 0 || parent.Err() != nil || !errors.Is(f.err, context.Canceled) {
				failed(f.rep, fmt.Errorf("replication %d: %w", f.rep, f.err))
			}
			continue
		}
		if errRep >= 0 {
			continue // drain until the workers have stopped
		}
		i := f.rep % window
		ring[i], ready[i] = f.r, true
		for i := deliver % window; ready[i] && errRep < 0; i = deliver % window {
			r := ring[i]
			var zero R
			ring[i], ready[i] = zero, false
			if err := sink(deliver, r); err != nil {
				failed(deliver, err)
				break
			}
			deliver++
			<-slots
		}
	}
	if errRun != nil {
		return errRun
	}
	if deliver < n {
		// Only the parent context stops the run without a failure.
		return ctx.Err()
	}
	return nil
}
