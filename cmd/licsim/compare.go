package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

const compareHelp = `
Both scenarios run with A's seed and A's replication count (or --seed and
--reps), whatever B's file says: replication r of A and of B then see the
same employees, hires, departures and wishes (common random numbers), and
the difference B − A is measured replication by replication. Comparing a
scenario with itself gives exactly zero.

Writes into --out: ` + reports.FileCompare + ` (per metric: a, b, diff = mean of B − A, ci95 of
diff) and compare.png/.svg. Files appear only when everything succeeded.
`

// cmdCompare runs two scenarios on the same seeds and reports, per
// metric, both means and the mean paired difference B − A with its 95%
// confidence interval.
func cmdCompare(fs *flag.FlagSet) action {
	var f runFlags
	f.register(fs)
	return func(ctx context.Context, files []string, stdout, stderr io.Writer) error {
		cfgA, err := f.load(files[0], stderr)
		if err != nil {
			return err
		}
		// Pair the replications: B runs on A's seeds, checked like A.
		cfgB, err := f.load(files[1], stderr, repsSet(cfgA.Replications), seedSet(cfgA.Seed))
		if err != nil {
			return err
		}
		if cfgA.Currency != cfgB.Currency {
			return &scenarios.InputError{File: files[1], Err: fmt.Errorf("currency %s differs from %s in %s: amounts cannot be compared", cfgB.Currency, cfgA.Currency, files[0])}
		}
		st, err := openOutputs(f.out, reports.Set)
		if err != nil {
			return err
		}
		defer st.Abort()
		prog := f.progress(stderr, 2*cfgA.Replications, "compare")
		var res [2][]model.Result
		for i, cfg := range []*model.Config{cfgA, cfgB} {
			res[i], err = model.Replicate(ctx, cfg, f.workers, prog.add)
			if err != nil {
				prog.finish(true, "")
				return err
			}
		}
		prog.replicated()
		cmp, err := reports.Compare(cfgA, cfgB, res[0], res[1])
		if err != nil {
			prog.finish(true, "")
			return err
		}
		err = writeOutputs(ctx, st, prog, func(st *reports.Stage) error { return reports.WriteCompare(st, cmp) })
		if err != nil {
			return err
		}
		reports.PrintCompareTable(stdout, cmp)
		prog.finish(f.quiet, "; "+reports.FileCompare+" and chart written to "+f.out+"/")
		return nil
	}
}
