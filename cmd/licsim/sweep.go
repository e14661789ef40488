package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

// setFlags collects repeated --set KEY=V1,V2,... flags.
type setFlags []string

// String and Set implement flag.Value.
func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

// sweepParam is one --set: a key and its values.
type sweepParam struct {
	key    string
	values []string
}

// parseSweepSets splits each --set into its key and comma-separated
// values, checking each KEY=VALUE with scenarios.ParseSet. At most one
// --set may have several values: that one is swept; the others are fixed
// overrides applied to every run. With only single values, the first
// --set is the swept one (a sweep of one point).
func parseSweepSets(raw []string) (swept sweepParam, fixed []scenarios.Set, err error) {
	if len(raw) == 0 {
		return swept, nil, usageErr("sweep: --set KEY=V1,V2,... is required")
	}
	var params []sweepParam
	for _, r := range raw {
		key, vals, ok := strings.Cut(r, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return swept, nil, usageErr("sweep: --set %q: want KEY=V1,V2,...", r)
		}
		if key == "seed" || key == "replications" {
			return swept, nil, usageErr("sweep: --set %s: every value runs on the same seeds and replication count; use --seed and --reps", key)
		}
		p := sweepParam{key: key}
		for _, v := range strings.Split(vals, ",") {
			v = strings.TrimSpace(v)
			if v == "" {
				return swept, nil, usageErr("sweep: --set %q: empty value", r)
			}
			if _, err := scenarios.ParseSet(key + "=" + v); err != nil {
				return swept, nil, usageErr("sweep: %v", err)
			}
			p.values = append(p.values, v)
		}
		params = append(params, p)
	}
	si := 0
	multi := 0
	for i, p := range params {
		if len(p.values) > 1 {
			si = i
			multi++
		}
	}
	if multi > 1 {
		return swept, nil, usageErr("sweep: only one --set may list several values (one parameter per sweep)")
	}
	for i, p := range params {
		if i == si {
			continue
		}
		s, err := scenarios.ParseSet(p.key + "=" + p.values[0])
		if err != nil {
			return swept, nil, usageErr("sweep: %v", err)
		}
		fixed = append(fixed, s)
	}
	return params[si], fixed, nil
}

const sweepHelp = `
Every value runs with the scenario's seed and replication count (or --seed
and --reps), so the points differ only by the parameter.

Writes into --out: ` + reports.FileSweep + ` (one row per value and metric: mean, sd, p05, p50,
p95, ci95) and sweep.png/.svg. Files appear only when everything succeeded.

Example:
  licsim sweep baseline --set 'product.*.card_given=0.2,0.4,0.6,0.8'
`

// cmdSweep runs a scenario once per value of one parameter, every run on
// the same seeds, and charts the headline metrics against the parameter.
func cmdSweep(fs *flag.FlagSet) action {
	var f runFlags
	f.register(fs)
	var sets setFlags
	fs.Var(&sets, "set", "the parameter to sweep, as `KEY=V1,V2,...` with a dotted KEY such as admin.review_every_days or product.*.card_given; repeat with one value to fix other keys")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		file := args[0]
		swept, fixed, err := parseSweepSets(sets)
		if err != nil {
			return err
		}
		base, err := f.load(file, stderr, fixed...)
		if err != nil {
			return err
		}
		// Every point runs on the base's seeds and replication count:
		// load applies --seed and --reps to each, and parseSweepSets
		// refuses to sweep either.
		var cfgs []*model.Config
		for _, v := range swept.values {
			s, err := scenarios.ParseSet(swept.key + "=" + v)
			if err != nil {
				return usageErr("sweep: %v", err)
			}
			cfg, err := f.load(file, stderr, append(slices.Clip(fixed), s)...)
			if err != nil {
				return err
			}
			cfgs = append(cfgs, cfg)
		}
		st, err := openOutputs(f.out, reports.Set)
		if err != nil {
			return err
		}
		defer st.Abort()
		// A setting the model never reads in this scenario gives
		// identical points: say so first, as the run still goes on.
		var warnings []string
		why := ""
		for _, cfg := range cfgs {
			if why = scenarios.Unread(cfg, swept.key); why == "" {
				break
			}
		}
		if why != "" {
			warnings = append(warnings, scenarios.UnreadText(swept.key, why)+"; every point will be the same")
		}
		warnings = append(warnings, scenarios.Warnings(base)...)
		printWarnings(stdout, warnings)
		sw := reports.NewSweep(base, swept.key)
		prog := f.progress(stderr, len(cfgs)*base.Replications, "sweep")
		for i, cfg := range cfgs {
			// A point keeps its replications as columns, as run does,
			// until they are summarized; only the summaries stay.
			cols := reports.NewColumns(cfg)
			err := model.ReplicateEach(ctx, cfg, 0, cfg.Replications, f.workers, prog.add, keepIn(cols))
			if err != nil {
				prog.finish(true, "")
				return fmt.Errorf("%s=%s: %w", swept.key, swept.values[i], err)
			}
			sum, err := reports.SummarizeColumns(ctx, cfg, cols)
			if err != nil {
				prog.finish(true, "")
				return err
			}
			sw.Points = append(sw.Points, reports.SweepPoint{Value: swept.values[i], Summary: sum})
		}
		prog.replicated()
		err = writeOutputs(ctx, st, prog, func(st *reports.Stage) error { return reports.WriteSweep(ctx, st, sw) })
		if err != nil {
			return err
		}
		reports.PrintSweepTable(stdout, sw)
		prog.finish(f.quiet, "; "+reports.FileSweep+" and chart written to "+f.out+"/")
		return nil
	}
}
