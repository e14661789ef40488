package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

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
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar or timing line on stderr")
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

// progress starts the replication counter of a command that runs total
// replications.
func (f *runFlags) progress(stderr io.Writer, total int, what string) *progress {
	return startProgress(stderr, total, what, !f.quiet && isTerminal(stderr))
}

// reproduce is the command line that gives the same files: the seed and
// replication count made explicit, --workers and --out left out because
// results do not depend on them (so report.html does not either).
func reproduce(cmd string, files []string, extra string, cfg *model.Config) string {
	quoted := make([]string, len(files))
	for i, f := range files {
		quoted[i] = shellQuote(f)
	}
	s := fmt.Sprintf("licsim %s %s", cmd, strings.Join(quoted, " "))
	if extra != "" {
		s += " " + extra
	}
	return fmt.Sprintf("%s --reps %d --seed %d", s, cfg.Replications, cfg.Seed)
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=,*:+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var f runFlags
	f.register(fs)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		helpFor(fs, "run", stdout)
		fmt.Fprintf(stdout, "\nWrites into --out: %s, %s, %s, %s, the charts (PNG and SVG) and %s.\n"+
			"Files appear only when the whole run succeeded; an interrupted run writes nothing.\n",
			reports.FileSummary, reports.FileReplications, reports.FileMonthly, reports.FileSubscriptions, reports.FileReport)
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
	prog := f.progress(stderr, cfg.Replications, "run")
	results, err := replicate(ctx, cfg, f.workers, prog.add)
	prog.replicated()
	if err != nil {
		prog.finish(true, "")
		return err
	}
	st, err := reports.NewStage(f.out)
	if err != nil {
		prog.finish(true, "")
		return err
	}
	defer st.Abort()
	sum, err := reports.WriteRun(st, cfg, results, reproduce("run", []string{name}, "", cfg))
	if err == nil {
		err = st.Commit(ctx)
	}
	prog.stopBar()
	if err != nil {
		return err
	}
	reports.PrintTable(stdout, sum)
	prog.finish(f.quiet, "; reports written to "+f.out+"/")
	return nil
}

// replicate runs every replication of cfg, one model.Runner per worker,
// and calls done after each. Replication 0 also lists its subscriptions
// for subscriptions.csv (R15).
func replicate(ctx context.Context, cfg *model.Config, workers int, done func()) ([]model.Result, error) {
	runners := make([]*model.Runner, max(1, min(workers, cfg.Replications)))
	for i := range runners {
		r, err := model.NewRunner(cfg)
		if err != nil {
			return nil, &scenarios.InputError{File: cfg.Name, Err: err}
		}
		runners[i] = r
	}
	return sim.Replicate(ctx, cfg.Replications, len(runners), func(ctx context.Context, w, rep int) (model.Result, error) {
		res, err := runners[w].Run(ctx, rep, model.Options{Subscriptions: rep == 0})
		res.Rep, res.Seed = rep, model.RepSeed(cfg, rep)
		if err == nil && done != nil {
			done()
		}
		return res, err
	})
}
