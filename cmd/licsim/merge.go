package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"licsim/reports"
	"licsim/reports/part"
	"licsim/scenarios"
)

// cmdMerge puts the parts of a sharded run back together and writes the
// outputs of the unsharded run: the same bytes in every file, because the
// replications are the same and go into the columns in the same order,
// as run's do, with the same reproducing command. Gather reads only the
// parts' headers; Each then reads each part once, as a stream, checking
// every replication and the digest as it hands them to the columns: the
// merge keeps the columns and one replication, whatever the parts'
// size. A part refused at its very end has already fed the columns, so
// nothing is written until every part has been read.
func cmdMerge(fset *flag.FlagSet) action {
	out := fset.String("out", "out", "output `directory`")
	wait := fset.Duration("wait", 0, "while shards are missing, look again until all are there or this `duration` has passed (such as 30m or 2h); 0 does not wait")
	quiet := fset.Bool("quiet", false, "nothing on stderr but errors")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if *wait < 0 {
			return usageErr("--wait %s: must not be negative", *wait)
		}
		began := time.Now()
		var progress io.Writer
		if !*quiet {
			progress = stderr
		}
		st, err := openOutputs(*out, reports.Set)
		if err != nil {
			return err
		}
		defer st.Abort()
		parts, err := part.Gather(ctx, args, *wait, progress)
		if err != nil {
			return err
		}
		m, err := part.Merge(parts)
		if err != nil {
			return err
		}
		printWarnings(stdout, scenarios.Warnings(m.Config))
		cols := reports.NewColumns(m.Config)
		if err := m.Each(ctx, keepIn(cols)); err != nil {
			return err
		}
		var sum *reports.Summary
		err = writeOutputs(ctx, st, nil, func(st *reports.Stage) (err error) {
			sum, err = reports.WriteRunColumns(ctx, st, m.Config, cols, provenance(m.Scenario, m.Config))
			return err
		})
		if err != nil {
			return err
		}
		reports.PrintTable(stdout, sum)
		if !*quiet {
			fmt.Fprintf(stderr, "merged %d parts, %d replications, in %s; reports written to %s/\n",
				len(parts), cols.Len(), time.Since(began).Round(time.Millisecond), *out)
		}
		return nil
	}
}

var mergeHelp = fmt.Sprintf(`
PART is a part file written by "licsim run FILE --shard K/N", or a folder:
every %s in it. The parts must come from one run: the same scenario
(argument and content), seed, replication count and shard count, each
shard 0..N-1 exactly once, computed on one CPU architecture by one
licsim version. Each part must match its digest and hold plausible
numbers (counts not negative, spend totals equal to the sum of their
months). Otherwise merge writes nothing and exits with code 2, naming
the files and the problem.

Writes into --out what "licsim run FILE --reps R --seed S" writes, byte
for byte: %s, %s, %s, %s, the charts and %s.

With --wait, merge can start together with the shards (a Kubernetes merge
Job next to the shard Job): it polls the folders until every shard has
written its part. A shard writes its part atomically, so a merge never
reads half of one.
`, part.Glob, reports.FileSummary, reports.FileReplications, reports.FileMonthly,
	reports.FileSubscriptions, reports.FileReport)
