package main

import (
	"context"
	"flag"
	"io"
	"math"

	"licsim/model"
)

const traceHelp = "\nOne JSON object per line, in simulation order; see the trace events of the contract.\n"

// cmdTrace prints the events of one replication as JSON lines.
func cmdTrace(fs *flag.FlagSet) action {
	var rep int
	var employee int32
	var sf scenarioFlags
	wholeVar(fs, &rep, "rep", 0, 0, model.MaxReplications-1, "`replication` to trace (0-based)")
	wholeVar(fs, &employee, "employee", -1, -1, model.MaxEmployees, "only events of this employee `id` (-1: all)")
	wholeVar(fs, &sf.seed, "seed", 0, 0, math.MaxInt64, "base seed (default: the scenario's `seed`)").set = &sf.seedSet
	sf.registerSet(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		cfg, err := loadScenario(args[0], sf.overrides()...)
		if err != nil {
			return err
		}
		tr := model.NewJSONTracer(stdout, cfg.Start, employee)
		if _, err := model.Run(ctx, cfg, rep, model.Options{Trace: tr}); err != nil {
			return err
		}
		return tr.Flush()
	}
}
