package model

import (
	"context"

	"licsim/sim"
)

// Replicate runs every replication of cfg on workers goroutines; see
// ReplicateRange.
func Replicate(ctx context.Context, cfg *Config, workers int, done func()) ([]Result, error) {
	return ReplicateRange(ctx, cfg, 0, cfg.Replications, workers, done)
}

// ReplicateRange runs replications [first, end) of cfg, one Runner per
// worker, and calls done (when not nil) after each. Results keep their
// global replication number and seed, so that a shard's results equal the
// same replications of an unsharded run, for any worker count.
// Replication 0 also lists its subscriptions for subscriptions.csv (R15).
// A cfg that Check refuses gives a *ConfigError.
func ReplicateRange(ctx context.Context, cfg *Config, first, end, workers int, done func()) ([]Result, error) {
	runners, err := newRunners(cfg, workers, end-first)
	if err != nil {
		return nil, err
	}
	return sim.Replicate(ctx, end-first, len(runners), replicateFn(cfg, runners, first, done))
}

// ReplicateWindow is how many replications per worker ReplicateEach lets
// run ahead of the next one it delivers: enough that a slow replication
// seldom leaves a worker idle, few enough that the Results waiting for
// it take little memory.
const ReplicateWindow = 4

// ReplicateEach runs replications [first, end) of cfg like ReplicateRange
// but hands each Result to each, in replication order, as soon as those
// before it have been handed over (sim.ReplicateEach), instead of
// returning them all: at most ReplicateWindow·workers Results exist at
// once, so that the caller's memory is what each keeps. each runs on the
// calling goroutine and may keep r (it is not reused); an error from it
// stops the run and is returned.
func ReplicateEach(ctx context.Context, cfg *Config, first, end, workers int, done func(), each func(r *Result) error) error {
	runners, err := newRunners(cfg, workers, end-first)
	if err != nil {
		return err
	}
	return sim.ReplicateEach(ctx, end-first, len(runners), ReplicateWindow*len(runners), replicateFn(cfg, runners, first, done),
		func(_ int, r Result) error { return each(&r) })
}

// newRunners makes a Runner for each of up to workers goroutines running
// n replications.
func newRunners(cfg *Config, workers, n int) ([]*Runner, error) {
	runners := make([]*Runner, max(1, min(workers, n)))
	for i := range runners {
		r, err := NewRunner(cfg)
		if err != nil {
			return nil, err
		}
		runners[i] = r
	}
	return runners, nil
}

// replicateFn runs replication first+i on worker w's Runner.
func replicateFn(cfg *Config, runners []*Runner, first int, done func()) func(ctx context.Context, w, i int) (Result, error) {
	return func(ctx context.Context, w, i int) (Result, error) {
		rep := first + i
		res, err := runners[w].Run(ctx, rep, Options{Subscriptions: rep == 0})
		res.Rep, res.Seed = rep, RepSeed(cfg, rep)
		if err == nil && done != nil {
			done()
		}
		return res, err
	}
}

// ReplicateVariedEach runs replications [0, n) each on its own
// configuration, vary(rep), on workers goroutines: parameter uncertainty
// on top of the process noise (run --draw-uncertain). A replication keeps
// the seed of base's (RepSeed), so that a key varied by nothing gives
// base's results; replication 0 lists its subscriptions. Each
// configuration gets a Runner of its own, so it costs a little more than
// ReplicateEach, which it is otherwise like: each Result goes to each in
// replication order, and at most ReplicateWindow·workers exist at once.
func ReplicateVariedEach(ctx context.Context, base *Config, n, workers int, vary func(rep int) (*Config, error), done func(), each func(r *Result) error) error {
	workers = max(1, min(workers, n))
	return sim.ReplicateEach(ctx, n, workers, ReplicateWindow*workers, variedFn(base, vary, done),
		func(_ int, r Result) error { return each(&r) })
}

// variedFn runs replication rep on vary(rep) with base's seed.
func variedFn(base *Config, vary func(rep int) (*Config, error), done func()) func(ctx context.Context, w, rep int) (Result, error) {
	return func(ctx context.Context, w, rep int) (Result, error) {
		cfg, err := vary(rep)
		if err != nil {
			return Result{}, err
		}
		cfg.Seed = base.Seed
		res, err := Run(ctx, cfg, rep, Options{Subscriptions: rep == 0})
		res.Rep, res.Seed = rep, RepSeed(base, rep)
		if err == nil && done != nil {
			done()
		}
		return res, err
	}
}
