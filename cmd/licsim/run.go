package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"licsim/model"
	"licsim/reports"
	"licsim/reports/part"
	"licsim/scenarios"
)

// maxWorkers bounds --workers: far more than any machine's cores.
const maxWorkers = 1 << 16

// runFlags are the flags shared by commands that run replications.
type runFlags struct {
	scenarioFlags
	workers int
	out     string
	quiet   bool
	// shards is N of --shard K/N (0: not sharded): the memory a shard
	// needs counts its own replications only.
	shards int
	// kept, when not nil, is what the command keeps of cfg's
	// replications instead of run's compact columns (compare keeps
	// totals of every policy), and the workers are fitted to that.
	kept func(cfg *model.Config) int64
}

func (f *runFlags) register(fs *flag.FlagSet) {
	f.scenarioFlags.register(fs)
	wholeVar(fs, &f.workers, "workers", runtime.NumCPU(), 1, maxWorkers, "replications run in `parallel`; results do not depend on it")
	fs.StringVar(&f.out, "out", "out", "output `directory`")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar or timing line on stderr")
}

// load reads a scenario through loadScenario with sets, then --reps and
// --seed, applied as if they were in the file, so that they are checked
// like every other key, the memory estimate included; then it lowers
// --workers to what the machine's memory allows (results do not depend
// on the worker count). Every command that runs replications loads
// through it.
func (f *runFlags) load(ref string, stderr io.Writer, sets ...scenarios.Set) (*model.Config, error) {
	if f.workers < 1 {
		return nil, usageErr("--workers %d: must be at least 1", f.workers)
	}
	cfg, err := loadShard(ref, f.shards, append(slices.Clip(sets), f.overrides()...)...)
	if err != nil {
		return nil, err
	}
	f.fitWorkers(cfg, stderr)
	return cfg, nil
}

// fitWorkers lowers f.workers until the memory estimate of running them
// at once fits the machine, and says so.
func (f *runFlags) fitWorkers(cfg *model.Config, stderr io.Writer) {
	limit := scenarios.MemoryLimit()
	w := f.workers
	need := func(w int) int64 {
		if f.kept != nil {
			return model.EstimateMemoryStreamed(cfg, w) + f.kept(cfg)
		}
		return scenarios.RunMemory(cfg, f.shards, w)
	}
	for w > 1 && need(w) > limit {
		w--
	}
	if w < f.workers {
		fmt.Fprintf(stderr, "licsim: %d workers would not fit in this machine's memory; running %d\n", f.workers, w)
		f.workers = w
	}
}

// progress starts the replication counter of a command that runs total
// replications.
func (f *runFlags) progress(stderr io.Writer, total int, what string) *progress {
	return startProgress(stderr, total, what, displayFor(stderr, f.quiet))
}

var runHelp = fmt.Sprintf("\nWrites into --out: %s, %s, %s, %s, the charts (PNG and SVG) and %s.\n"+
	"--out then holds this run's files and no other: they replace the previous set as a whole,\n"+
	"and only when the whole run succeeded; an interrupted run changes nothing. Each name is a\n"+
	"symbolic link into the hidden folder .licsim (see the README). A second licsim writing into\n"+
	"the same --out is refused.\n"+
	"\nWith --shard K/N it runs only shard K (0-based) of N, replications [K*R/N, (K+1)*R/N),\n"+
	"and writes only part-K-of-N.json into --out, so that all shards can share one folder;\n"+
	"\"licsim merge\" then writes the outputs of the unsharded run, byte for byte.\n",
	reports.FileSummary, reports.FileReplications, reports.FileMonthly, reports.FileSubscriptions, reports.FileReport)

// cmdRun runs a scenario's replications, or one shard of them, and
// writes the reports.
func cmdRun(fs *flag.FlagSet) action {
	var f runFlags
	f.register(fs)
	f.registerSet(fs)
	var sh shardFlag
	fs.Var(&sh, "shard", "run only shard `K/N` of the replications (K from 0) and write a part for \"licsim merge\"")
	var pf precisionFlags
	pf.register(fs)
	drawUnc := fs.Bool("draw-uncertain", false, "each replication draws the scenario's [[uncertain]] inputs, [low, high] read as 95% intervals (parameter uncertainty on top of the process noise)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		name := scenarios.DefaultName
		if len(args) == 1 {
			name = args[0]
		}
		if *drawUnc && (sh.set || pf.target.set) {
			return usageErr("--draw-uncertain with --shard or --precision: not supported; run the replications in one go")
		}
		if sh.set {
			f.shards = sh.n
		}
		var sets []scenarios.Set
		var ms []model.Metric
		if pf.target.set {
			if sh.set {
				return usageErr("--shard and --precision: a precision run decides its replications as it goes, and cannot be split")
			}
			var err error
			if ms, err = pf.parse(f.repsSet); err != nil {
				return err
			}
			sets = append(sets, repsSet(pf.maxReps)) // the memory check counts what may run
		}
		cfg, err := f.load(name, stderr, sets...)
		if err != nil {
			return err
		}
		if sh.set {
			return runShard(ctx, name, cfg, &f, sh, stderr)
		}
		printWarnings(stdout, scenarios.Warnings(cfg))
		st, err := openOutputs(f.out, reports.Set)
		if err != nil {
			return err
		}
		defer st.Abort()
		prog := f.progress(stderr, cfg.Replications, "run")
		// Each replication goes into the columns as it finishes, in
		// order: the run keeps their compact form, not their Results.
		cols := reports.NewColumns(cfg)
		if pf.target.set {
			err = runToPrecision(ctx, cfg, &f, &pf, ms, prog, stdout, cols)
		} else if *drawUnc {
			// Drawn inputs vary per replication, each on its own Runner.
			err = replicateDrawn(ctx, name, cfg, &f, prog, stdout, keepIn(cols))
		} else {
			err = model.ReplicateEach(ctx, cfg, 0, cfg.Replications, f.workers, prog.add, keepIn(cols))
		}
		prog.replicated()
		if err != nil {
			prog.finish(true, "")
			return err
		}
		var sum *reports.Summary
		err = writeOutputs(ctx, st, prog, func(st *reports.Stage) (err error) {
			sum, err = reports.WriteRunColumns(ctx, st, cfg, cols, provenance(name, cfg))
			return err
		})
		if err != nil {
			return err
		}
		reports.PrintTable(stdout, sum)
		prog.finish(f.quiet, "; reports written to "+f.out+"/")
		return nil
	}
}

// keepIn adds each replication to cols, for model.ReplicateEach.
func keepIn(cols *reports.Columns) func(r *model.Result) error {
	return func(r *model.Result) error {
		cols.Add(r)
		return nil
	}
}

// openOutputs opens the stage of a command's outputs in out before any
// work, so that an empty, unwritable or locked --out is refused at once,
// as bad input (exit code 2). The caller defers Abort.
func openOutputs(out string, mode reports.Mode) (*reports.Stage, error) {
	st, err := reports.OpenStage(out, mode)
	var oe *reports.OutputError
	if errors.As(err, &oe) {
		return nil, usageErr("%v", err)
	}
	return st, err
}

// writeOutputs writes a command's files through st, opened by
// openOutputs: all of them appear when write and the commit succeed,
// none otherwise (a failed or interrupted command leaves --out as it
// was). The progress bar, if any, is gone when it returns.
func writeOutputs(ctx context.Context, st *reports.Stage, prog *progress, write func(st *reports.Stage) error) error {
	if prog != nil {
		defer prog.stopBar()
	}
	defer st.Abort()
	if err := write(st); err != nil {
		return err
	}
	return st.Commit(ctx)
}

// runShard runs shard sh of cfg's replications and writes its part file
// into --out, through a stage like every output: a shard that fails or
// is interrupted leaves no part, so a merge never reads half of one.
// Each replication is encoded as it finishes onto a scratch file beside
// the part (part.Writer), so that a shard holds none of their Results.
func runShard(ctx context.Context, name string, cfg *model.Config, f *runFlags, sh shardFlag, stderr io.Writer) error {
	first, end := part.ShardRange(sh.k, sh.n, cfg.Replications)
	st, err := openOutputs(f.out, reports.Add)
	if err != nil {
		return err
	}
	defer st.Abort()
	file := part.Name(sh.k, sh.n)
	// Named like the stage's own temporary files, which a merge's glob
	// never matches.
	scratch, err := os.CreateTemp(f.out, "."+file+".tmp-results-*")
	if errors.Is(err, fs.ErrNotExist) {
		// Out is created again if a shard that gave up removed it meanwhile.
		if err = os.MkdirAll(f.out, 0o755); err == nil {
			scratch, err = os.CreateTemp(f.out, "."+file+".tmp-results-*")
		}
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	defer func() {
		scratch.Close()
		os.Remove(scratch.Name())
	}()
	pw, err := part.NewWriter(name, runtime.GOARCH, cfg, sh.k, sh.n, scratch)
	if err != nil {
		return err
	}
	prog := f.progress(stderr, end-first, fmt.Sprintf("shard %d/%d", sh.k, sh.n))
	err = model.ReplicateEach(ctx, cfg, first, end, f.workers, prog.add, pw.Add)
	prog.replicated()
	if err != nil {
		prog.finish(true, "")
		return err
	}
	err = writeOutputs(ctx, st, prog, func(st *reports.Stage) error {
		return st.Write(file, pw.Finish)
	})
	if err != nil {
		return err
	}
	prog.finish(f.quiet, fmt.Sprintf("; shard %d of %d (replications [%d, %d) of %d) written to %s",
		sh.k, sh.n, first, end, cfg.Replications, filepath.Join(f.out, file)))
	return nil
}

// shardFlag is --shard K/N: shard K (0-based, like Kubernetes'
// JOB_COMPLETION_INDEX) of N.
type shardFlag struct {
	k, n int
	set  bool
}

func (s *shardFlag) String() string {
	if !s.set {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.k, s.n)
}

func (s *shardFlag) Set(v string) error {
	ks, ns, ok := strings.Cut(v, "/")
	k, err1 := scenarios.ParseWhole(ks, math.MinInt64, math.MaxInt64)
	n, err2 := scenarios.ParseWhole(ns, math.MinInt64, math.MaxInt64)
	if !ok || err1 != nil || err2 != nil {
		return fmt.Errorf("want K/N, such as 0/4")
	}
	if n < 1 || n > model.MaxReplications {
		return fmt.Errorf("N = %d: must be in [1, %d]", n, model.MaxReplications)
	}
	if k < 0 || k >= n {
		return fmt.Errorf("K = %d: must be in [0, %d) (shards count from 0)", k, n)
	}
	s.k, s.n, s.set = int(k), int(n), true
	return nil
}
