package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"licsim/model"
	"licsim/scenarios"
)

func cmdTrace(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	rep := fs.Int("rep", 0, "replication to trace (0-based)")
	employee := fs.Int("employee", -1, "only events of this employee `id` (-1: all)")
	seed := fs.Uint64("seed", 0, "base seed (default: the scenario's `seed`)")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		helpFor(fs, "trace", stdout)
		fmt.Fprintln(stdout, "\nOne JSON object per line, in simulation order; see the trace events of the contract.")
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("trace: want one scenario FILE or NAME, got %d", len(pos))
	}
	var sets []scenarios.Set
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "seed" {
			sets = append(sets, scenarios.Set{Key: "seed", Value: strconv.FormatUint(*seed, 10)})
		}
	})
	cfg, err := scenarios.Load(pos[0], sets...)
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
