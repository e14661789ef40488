package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"licsim/reports"
)

// cmdMerge puts the parts of a sharded run back together and writes the
// outputs of the unsharded run: the same bytes in every file, because the
// replications are the same and reports.WriteRun gets them in the same
// order with the same reproducing command.
func cmdMerge(fset *flag.FlagSet) action {
	out := fset.String("out", "out", "output `directory`")
	wait := fset.Duration("wait", 0, "while shards are missing, look again until all are there or this `duration` has passed (such as 30m or 2h); 0 does not wait")
	quiet := fset.Bool("quiet", false, "nothing on stderr but errors")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if *wait < 0 {
			return usageErr("--wait %s: must not be negative", *wait)
		}
		began := time.Now()
		parts, err := gatherParts(ctx, args, *wait, stderr, *quiet)
		if err != nil {
			return err
		}
		m, err := reports.MergeParts(parts)
		if err != nil {
			return err
		}
		var sum *reports.Summary
		err = writeOutputs(ctx, *out, nil, func(st *reports.Stage) (err error) {
			sum, err = reports.WriteRun(st, m.Config, m.Results, reports.RunCommand(m.Scenario, m.Config))
			return err
		})
		if err != nil {
			return err
		}
		reports.PrintTable(stdout, sum)
		if !*quiet {
			fmt.Fprintf(stderr, "merged %d parts, %d replications, in %s; reports written to %s/\n",
				len(parts), len(m.Results), time.Since(began).Round(time.Millisecond), *out)
		}
		return nil
	}
}

var mergeHelp = fmt.Sprintf(`
PART is a part file written by "licsim run FILE --shard K/N", or a folder:
every %s in it. The parts must come from one run: the same scenario
(argument and content), seed, replication count and shard count, each
shard 0..N-1 exactly once, computed on one CPU architecture. Otherwise
merge writes nothing and exits with code 2, naming the files and the
problem.

Writes into --out what "licsim run FILE --reps R --seed S" writes, byte
for byte: %s, %s, %s, %s, the charts and %s.

With --wait, merge can start together with the shards (a Kubernetes merge
Job next to the shard Job): it polls the folders until every shard has
written its part. A shard writes its part atomically, so a merge never
reads half of one.
`, reports.PartGlob, reports.FileSummary, reports.FileReplications, reports.FileMonthly,
	reports.FileSubscriptions, reports.FileReport)

// gatherParts reads the parts named by args (files, or folders of part
// files) and checks that they belong together. While shards are missing
// it looks again until wait has passed; a part that does not belong is
// refused at once, since waiting cannot mend it.
func gatherParts(ctx context.Context, args []string, wait time.Duration, stderr io.Writer, quiet bool) ([]*reports.Part, error) {
	deadline := time.Now().Add(wait)
	// Poll often enough for short waits, rarely enough not to load a
	// shared volume on long ones.
	poll := min(max(wait/50, 50*time.Millisecond), 5*time.Second)
	cache := partCache{}
	announced := false
	for {
		parts, err := cache.collect(args, wait > 0)
		if err != nil {
			return nil, err
		}
		var missing []int
		if len(parts) > 0 {
			if missing, err = reports.CheckParts(parts); err != nil {
				return nil, err
			}
			if len(missing) == 0 {
				return parts, nil
			}
		}
		if !time.Now().Before(deadline) {
			var err error
			if len(parts) == 0 {
				err = &reports.PartError{Err: fmt.Errorf("no part files (%s) in %s", reports.PartGlob, strings.Join(args, ", "))}
			} else {
				err = reports.MissingError(missing, parts[0].Shards)
			}
			if wait > 0 {
				err = fmt.Errorf("%w after waiting %s", err, wait)
			}
			return nil, err
		}
		if !quiet && !announced {
			what := "the first part"
			if len(parts) > 0 {
				what = fmt.Sprintf("%d of %d shards", len(missing), parts[0].Shards)
			}
			fmt.Fprintf(stderr, "waiting up to %s for %s\n", wait, what)
			announced = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
	}
}

// partCache keeps the parts already read, by path, so that polling reads
// each part once (again only if it changed).
type partCache map[string]cachedPart

type cachedPart struct {
	size int64
	mod  time.Time
	part *reports.Part
}

// collect reads every part named by args: files as given, folders as
// their part files in name order. The same file named twice (a folder
// and a file in it) counts once. With waiting, a path that does not
// exist yet is skipped: the shards may not have created it.
func (c partCache) collect(args []string, waiting bool) ([]*reports.Part, error) {
	seen := map[string]bool{}
	var parts []*reports.Part
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			if waiting && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, &reports.PartError{Err: fmt.Errorf("read part: %w", err)}
		}
		files := []string{arg}
		if fi.IsDir() {
			if files, err = filepath.Glob(filepath.Join(arg, reports.PartGlob)); err != nil {
				return nil, &reports.PartError{Err: fmt.Errorf("%s: %w", arg, err)}
			}
			slices.Sort(files)
		}
		for _, file := range files {
			abs, err := filepath.Abs(file)
			if err != nil {
				return nil, &reports.PartError{Err: fmt.Errorf("read part %s: %w", file, err)}
			}
			if seen[abs] {
				continue
			}
			seen[abs] = true
			p, err := c.read(file, abs)
			if err != nil {
				return nil, err
			}
			parts = append(parts, p)
		}
	}
	return parts, nil
}

// read reads one part file, or returns it from the cache when its size
// and modification time are unchanged.
func (c partCache) read(file, abs string) (*reports.Part, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, &reports.PartError{Err: fmt.Errorf("read part: %w", err)}
	}
	if e, ok := c[abs]; ok && e.size == fi.Size() && e.mod.Equal(fi.ModTime()) {
		return e.part, nil
	}
	p, err := reports.ReadPart(file)
	if err != nil {
		return nil, err
	}
	c[abs] = cachedPart{size: fi.Size(), mod: fi.ModTime(), part: p}
	return p, nil
}
