package main

import (
	"context"
	"flag"
	"io"

	"licsim/model"
	"licsim/scenarios"
)

const traceHelp = "\nOne JSON object per line, in simulation order; see the trace events of the contract.\n"

// cmdTrace prints the events of one replication as JSON lines.
func cmdTrace(fs *flag.FlagSet) action {
	rep := fs.Int("rep", 0, "replication to trace (0-based)")
	employee := fs.Int("employee", -1, "only events of this employee `id` (-1: all)")
	seed := fs.Uint64("seed", 0, "base seed (default: the scenario's `seed`)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		var sets []scenarios.Set
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "seed" {
				sets = append(sets, seedSet(*seed))
			}
		})
		cfg, err := loadScenario(args[0], sets...)
		if err != nil {
			return err
		}
		if *rep < 0 || *rep >= model.MaxReplications {
			return usageErr("--rep %d: must be in [0, %d)", *rep, model.MaxReplications)
		}
		tr := model.NewJSONTracer(stdout, cfg.Start, int32(*employee))
		if _, err := model.Run(ctx, cfg, *rep, model.Options{Trace: tr}); err != nil {
			return err
		}
		return tr.Flush()
	}
}
