package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"licsim/model"
	"licsim/reports"
	"licsim/reports/buildinfo"
	"licsim/scenarios"
)

var sensitivityHelp = `
Varies the uncertain inputs, each over a range, and reports what moves
--objective. The inputs are the scenario's [[uncertain]] tables when it
has any, with each --input KEY=LO:HI (repeatable) replacing the one of its
key or adding to them; otherwise the --input ones, or by default the
behavioural keys below.

  one at a time (tornado): each input at LO and at HI, the others as the
  file writes them;
  Morris elementary effects (Morris 1991; μ* of Campolongo et al. 2007):
  --trajectories random one-at-a-time paths over a --levels grid of every
  range, which also catches interactions (σ).

Every point runs the same --reps replications on the same seeds (common
random numbers), so differences between points are the inputs' effect, not
noise. Default inputs: ` + defaultInputsText() + `.

Writes into --out: sensitivity.csv, tornado.png/.svg and report.html.
`

func defaultInputsText() string {
	var s []string
	for _, in := range reports.DefaultInputs {
		s = append(s, fmt.Sprintf("%s=%g:%g", in.Key, in.Lo, in.Hi))
	}
	return strings.Join(s, ", ")
}

// cmdSensitivity runs the tornado and the Morris screening of a scenario.
func cmdSensitivity(fs *flag.FlagSet) action {
	var f runFlags
	f.register(fs)
	var inputs stringList
	fs.Var(&inputs, "input", "an uncertain input and its range, `KEY=LO:HI` (repeatable; default: the behavioural keys)")
	objective := fs.String("objective", "total_cost", "the `metric` or weighted sum whose drivers are sought")
	var levels, trajectories int
	wholeVar(fs, &levels, "levels", 4, 2, 20, "Morris grid levels (even)")
	wholeVar(fs, &trajectories, "trajectories", 8, 0, 200, "Morris trajectories (0: tornado only)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		obj, err := reports.ParseObjective(*objective)
		if err != nil {
			return usageErr("--objective: %v", err)
		}
		var flagged []reports.Input
		for _, s := range inputs {
			in, err := reports.ParseInput(s)
			if err != nil {
				return usageErr("--input: %v", err)
			}
			flagged = append(flagged, in)
		}
		if !f.repsSet {
			f.reps, f.repsSet = 20, true
		}
		base, err := f.load(args[0], stderr)
		if err != nil {
			return err
		}
		_, unc, err := scenarios.LoadUncertain(args[0], f.overrides()...)
		if err != nil {
			return err
		}
		var listed []reports.Input
		for _, u := range unc {
			listed = append(listed, reports.Input{Key: u.Key, Lo: u.Low, Hi: u.High, From: fmt.Sprintf("scenario, line %d", u.Line)})
		}
		ins := reports.ChooseInputs(listed, flagged)
		// Every input's range ends are checked like the file's own keys.
		for _, in := range ins {
			for _, v := range []float64{in.Lo, in.Hi} {
				if _, err := f.load(args[0], io.Discard, scenarios.Set{Key: in.Key, Value: strconv.FormatFloat(v, 'g', -1, 64)}); err != nil {
					return err
				}
			}
		}
		if levels%2 != 0 {
			return usageErr("--levels %d: must be even (Morris steps of half the grid)", levels)
		}
		st, err := openOutputs(f.out, reports.Set)
		if err != nil {
			return err
		}
		defer st.Abort()
		prog := f.progress(stderr, base.Replications*(1+2*len(ins)+trajectories*(len(ins)+1)), "sensitivity")
		run := func(ctx context.Context, sets []scenarios.Set) (float64, error) {
			cfg, err := f.load(args[0], io.Discard, sets...)
			if err != nil {
				return 0, err
			}
			// A point is the objective's mean: summed as each
			// replication finishes, in replication order, nothing of
			// the replications is kept.
			sum, n := 0.0, 0
			err = model.ReplicateEach(ctx, cfg, 0, cfg.Replications, f.workers, prog.add, func(r *model.Result) error {
				sum += obj.Value(r)
				n++
				return nil
			})
			if err != nil {
				return 0, err
			}
			return sum / float64(n), nil
		}
		set := func(key string, v float64) scenarios.Set {
			return scenarios.Set{Key: key, Value: strconv.FormatFloat(v, 'g', -1, 64)}
		}
		s := &reports.Sensitivity{Scenario: base.Name, Objective: obj.Text, Unit: "count", Reps: base.Replications, Levels: levels, Trajectories: trajectories}
		if obj.Money() {
			s.Unit = base.Currency
		}
		if s.Base, err = run(ctx, nil); err != nil {
			prog.finish(true, "")
			return err
		}
		s.Tornado, err = reports.Tornado(ctx, ins, func(ctx context.Context, key string, v float64) (float64, error) {
			return run(ctx, []scenarios.Set{set(key, v)})
		})
		if err == nil && trajectories > 0 {
			s.Morris, err = reports.Morris(ctx, ins, levels, trajectories, base.Seed, func(ctx context.Context, values []float64) (float64, error) {
				sets := make([]scenarios.Set, len(ins))
				for i, in := range ins {
					sets[i] = set(in.Key, values[i])
				}
				return run(ctx, sets)
			})
		}
		prog.replicated()
		if err != nil {
			prog.finish(true, "")
			return err
		}
		err = writeOutputs(ctx, st, prog, func(st *reports.Stage) error {
			return reports.WriteSensitivityOutputs(ctx, st, s, &reports.SensitivityReport{
				Inputs: ins, Command: reports.CommandLine(commandArgs(fs, "sensitivity", args)), Version: buildinfo.Read().Report()})
		})
		if err != nil {
			return err
		}
		reports.PrintSensitivity(stdout, s)
		prog.finish(f.quiet, "; sensitivity.csv, tornado chart and report.html written to "+f.out+"/")
		return nil
	}
}
