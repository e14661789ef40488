package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"licsim/cmd/internal/calibrate"
	"licsim/reports"
	"licsim/scenarios/tenant"
)

const calibrateHelp = `
Reads the same exports as licsim import (Graph /directory/subscriptions with
the stopped subscriptions too, /users with employeeHireDate and
employeeLeaveDateTime, and optionally subscribedSkus and the MSCommerce
policies) and fits each product's interest_per_year, card_given,
autorenew_off_in_trial, seats_mean, quit_per_year, monthly_term,
extend_trial and leaver_stop_per_year, and the tenant's attrition_per_year
and hires_per_month, by
maximum likelihood on the model's own processes, each with its standard
error and 95% interval. Keys the history cannot identify keep import's
value (the default), and the report says why.

Writes the calibrated scenario (what import writes, plus the estimates, each
commented with its interval and the observations behind it, and an
[[uncertain]] table per fitted key) to --out or stdout, and into --report:
calibrated.toml, calibration.json and calibration.html.

--holdout H back-tests the calibration: fit on the history up to H months
before the export's date, run the fitted scenario --reps times from the
tenant's state then, and set each held-out month's observed subscriptions,
seats and buyer spend against the simulated 90% band (backtest.csv,
backtest_*.png/.svg, a section of calibration.html). Each replication draws
the fitted keys from their sampling distributions unless --draws=false.

--as-of before the exports' last day fits the history up to it alone.
Too little history (no users export, under 3 months or under 10 self-service
subscriptions) is bad input (exit code 2). Contradictory records are skipped
and listed, with their file and row, in calibration.json and the page.
See scenarios/README.md, "Calibrate to your tenant's history".
`

// cmdCalibrate fits a scenario to a tenant's history.
func cmdCalibrate(fs *flag.FlagSet) action {
	asOf := fs.String("as-of", "", "the export's date, YYYY-MM-DD (default: its latest createdDateTime or deletedDateTime)")
	since := fs.String("since", "", "the history's first day, YYYY-MM-DD (default: the first of the month of the earliest createdDateTime)")
	out := fs.String("out", "", "write the calibrated scenario to this `file` (default: stdout)")
	report := fs.String("report", "calibration", "write calibration.json, calibration.html and the back-test into this `folder`")
	var holdout, reps int
	var seed uint64
	wholeVar(fs, &holdout, "holdout", 0, 0, 240, "back-test: hold out the last `months` (0: no back-test)")
	wholeVar(fs, &reps, "reps", 200, 10, 100000, "back-test replications")
	wholeVar(fs, &seed, "seed", 1, 0, 1<<63-1, "back-test seed")
	draws := fs.Bool("draws", true, "back-test: each replication draws the fitted keys from their intervals")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		var opt calibrate.Options
		for _, d := range []struct {
			flag, v string
			t       *time.Time
		}{{"--as-of", *asOf, &opt.AsOf}, {"--since", *since, &opt.Since}} {
			if d.v == "" {
				continue
			}
			t, err := time.Parse(time.DateOnly, d.v)
			if err != nil {
				return usageErr("%s %q: want a date YYYY-MM-DD", d.flag, d.v)
			}
			*d.t = t
		}
		exp, err := tenant.ReadPaths(args)
		if err != nil {
			return err // a *tenant.Error: exit code 2
		}
		var st *reports.Stage
		if *report != "" {
			if st, err = openOutputs(*report, reports.Set); err != nil {
				return err
			}
			defer st.Abort()
		}
		fit, err := calibrate.Run(exp, opt)
		if err != nil {
			return err
		}
		for _, u := range fit.Unmapped {
			fmt.Fprintln(stderr, "licsim calibrate: not mapped:", u)
		}
		var bt *calibrate.Backtest
		if holdout > 0 {
			bt, err = calibrate.RunBacktest(ctx, exp, calibrate.BacktestOptions{Options: opt, Holdout: holdout, Replications: reps, Seed: seed, Draws: *draws})
			if err != nil {
				return err
			}
		}
		printFit(stderr, fit, bt)
		if st != nil {
			if err := writeOutputs(ctx, st, nil, func(st *reports.Stage) error { return calibrate.Write(ctx, st, fit, bt) }); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "licsim calibrate: report written to %s/\n", *report)
		}
		if *out == "" {
			_, err := io.WriteString(stdout, fit.Scenario)
			return err
		}
		return writeAtomic(*out, []byte(fit.Scenario))
	}
}

// printFit writes the estimates, the skipped records and the back-test's
// coverage as a table.
func printFit(w io.Writer, f *calibrate.Fit, bt *calibrate.Backtest) {
	fmt.Fprintf(w, "Calibrated on %s to %s (%d months); %d contradictory records skipped.\n\n",
		f.Since.Format(time.DateOnly), f.AsOf.Format(time.DateOnly), f.Months, len(f.Warnings))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "key\testimate\t95% interval\tn\t")
	for _, e := range f.Estimates {
		if e.Fitted {
			fmt.Fprintf(tw, "%s\t%.4g\t%.4g – %.4g\t%d\t\n", e.Key, e.Value, e.Low, e.High, e.N)
		} else {
			fmt.Fprintf(tw, "%s\t%.4g\tnot fitted: prior kept\t%d\t\n", e.Key, e.Value, e.N)
		}
	}
	tw.Flush()
	if bt == nil {
		return
	}
	fmt.Fprintf(w, "\nBack-test from %s over %d months, %d replications: observed months inside the 90%% band\n",
		bt.Cut.Format(time.DateOnly), bt.Holdout, bt.Replications)
	for _, m := range bt.Metrics {
		fmt.Fprintf(w, "  %-20s %2d of %d (%.0f%%)\n", m.Name, m.Inside, len(m.Observed), 100*m.Coverage)
	}
}
