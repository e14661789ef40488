package sim

import (
	"context"
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
