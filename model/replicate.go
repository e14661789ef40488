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
	runners := make([]*Runner, max(1, min(workers, end-first)))
	for i := range runners {
		r, err := NewRunner(cfg)
		if err != nil {
			return nil, err
		}
		runners[i] = r
	}
	return sim.Replicate(ctx, end-first, len(runners), func(ctx context.Context, w, i int) (Result, error) {
		rep := first + i
		res, err := runners[w].Run(ctx, rep, Options{Subscriptions: rep == 0})
		res.Rep, res.Seed = rep, RepSeed(cfg, rep)
		if err == nil && done != nil {
			done()
		}
		return res, err
	})
}

// ReplicateVaried runs replications [0, n) each on its own
// configuration, vary(rep), on workers goroutines: parameter uncertainty
// on top of the process noise (run --draw-uncertain). A replication keeps
// the seed of base's (RepSeed), so that a key varied by nothing gives
// base's results; replication 0 lists its subscriptions. Each
// configuration gets a Runner of its own, so it costs a little more than
// Replicate.
func ReplicateVaried(ctx context.Context, base *Config, n, workers int, vary func(rep int) (*Config, error), done func()) ([]Result, error) {
	return sim.Replicate(ctx, n, max(1, min(workers, n)), func(ctx context.Context, w, rep int) (Result, error) {
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
	})
}
