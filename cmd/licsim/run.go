package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
	"licsim/sim"
)

// runFlags are the flags shared by commands that run replications.
type runFlags struct {
	reps    int
	seed    uint64
	seedSet bool
	workers int
	out     string
	quiet   bool
}

func (f *runFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.reps, "reps", 0, "replications (default: the scenario's `replications`)")
	fs.Func("seed", "base seed (default: the scenario's `seed`)", func(s string) error {
		_, err := fmt.Sscan(s, &f.seed)
		f.seedSet = true
		return err
	})
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "replications run in parallel; results do not depend on it")
	fs.StringVar(&f.out, "out", "out", "output `directory`")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress or timing on stderr")
}

// apply overrides the scenario's replications and seed from the flags.
func (f *runFlags) apply(cfg *model.Config) error {
	if f.reps != 0 {
		if f.reps < 1 || f.reps > model.MaxReplications {
			return usageErr("--reps %d: must be in [1, %d]", f.reps, model.MaxReplications)
		}
		cfg.Replications = f.reps
	}
	if f.seedSet {
		cfg.Seed = f.seed
	}
	if f.workers < 1 {
		return usageErr("--workers %d: must be at least 1", f.workers)
	}
	return nil
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var f runFlags
	f.register(fs)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		helpFor(fs, "run", stdout)
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageErr("run: one scenario at a time, got %d", len(pos))
	}
	name := scenarios.DefaultName
	if len(pos) == 1 {
		name = pos[0]
	}
	cfg, err := scenarios.Load(name)
	if err != nil {
		return err
	}
	if err := f.apply(cfg); err != nil {
		return err
	}
	began := time.Now()
	results, err := replicate(ctx, cfg, f.workers)
	if err != nil {
		return err
	}
	sum := reports.Summarize(cfg, results)
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	if err := reports.WriteJSON(filepath.Join(f.out, "summary.json"), sum); err != nil {
		return err
	}
	reports.PrintTable(stdout, sum)
	if !f.quiet {
		el := time.Since(began)
		fmt.Fprintf(stderr, "\n%d replications in %s (%.1f/s); reports in %s/\n",
			len(results), el.Round(time.Millisecond), float64(len(results))/el.Seconds(), f.out)
	}
	return nil
}

// replicate runs every replication of cfg, one model.Runner per worker.
func replicate(ctx context.Context, cfg *model.Config, workers int) ([]model.Result, error) {
	runners := make([]*model.Runner, max(1, min(workers, cfg.Replications)))
	for i := range runners {
		r, err := model.NewRunner(cfg)
		if err != nil {
			return nil, &scenarios.InputError{File: cfg.Name, Err: err}
		}
		runners[i] = r
	}
	return sim.Replicate(ctx, cfg.Replications, len(runners), func(ctx context.Context, w, rep int) (model.Result, error) {
		res, err := runners[w].Run(ctx, rep, model.Options{})
		res.Rep, res.Seed = rep, model.RepSeed(cfg, rep)
		return res, err
	})
}
