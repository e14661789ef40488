package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"licsim/model"
	"licsim/reports"
	"licsim/reports/rs"
)

// precisionFlags are run's --precision, --precision-metric, --max-reps
// and --batch.
type precisionFlags struct {
	target  amountFlag
	metrics string
	maxReps int
	batch   int
}

func (p *precisionFlags) register(fs *flag.FlagSet) {
	p.target.allowPct = true
	fs.Var(&p.target, "precision", "run until the 95% CI half-width of --precision-metric is at most this `target`: a share of the mean (1%) or an amount (500USD)")
	fs.StringVar(&p.metrics, "precision-metric", "total_cost", "the `metrics` (comma-separated) --precision applies to, each of them")
	wholeVar(fs, &p.maxReps, "max-reps", 5000, 2, model.MaxReplications, "with --precision: replications at most")
	wholeVar(fs, &p.batch, "batch", 20, 1, 100000, "with --precision: replications added between checks, after the first max(10, batch); the stop count does not depend on --workers")
}

// parse checks the flags and returns the metrics.
func (p *precisionFlags) parse(reps bool) ([]model.Metric, error) {
	if reps {
		return nil, usageErr("--reps and --precision: give one; --precision decides the replications (up to --max-reps)")
	}
	var ms []model.Metric
	for _, name := range strings.Split(p.metrics, ",") {
		m, ok := model.MetricByName(strings.TrimSpace(name))
		if !ok {
			return nil, usageErr("--precision-metric %q: unknown metric; for example total_cost, company_cost, buyer_spend, org_spend, stranded_spend", name)
		}
		ms = append(ms, m)
	}
	if !p.target.relative {
		for _, m := range ms {
			if !m.Money() && p.target.currency != "" {
				return nil, usageErr("--precision %s: %s is a count, not an amount", &p.target, m.Name())
			}
		}
	}
	return ms, nil
}

// runToPrecision runs replications of cfg in batches of --batch, in
// replication order, until the 95% CI half-width of every metric meets
// the target or --max-reps (rs.Precision): the count depends only on the
// scenario, seed and target. It adds each replication to cols as it
// finishes, in order, and sets cfg.Replications to their number, so that
// the reports and their reproducing command say how many ran.
func runToPrecision(ctx context.Context, cfg *model.Config, f *runFlags, p *precisionFlags, ms []model.Metric, prog *progress, stdout io.Writer, cols *reports.Columns) error {
	if err := p.target.checkCurrency("precision", cfg.Currency); err != nil {
		return err
	}
	sample := func(ctx context.Context, first, end int) ([][]float64, error) {
		out := make([][]float64, len(ms))
		err := model.ReplicateEach(ctx, cfg, first, end, f.workers, prog.add, func(r *model.Result) error {
			for i, m := range ms {
				out[i] = append(out[i], reports.Value(m, *r))
			}
			cols.Add(r)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	}
	rp := rs.Precision{Target: p.target.value, Relative: p.target.relative, Min: min(p.maxReps, max(10, p.batch)), Batch: p.batch, MaxReps: p.maxReps}
	reached, err := rp.Run(ctx, sample)
	if err != nil {
		return err
	}
	cfg.Replications = reached.N
	w := reached.Worst
	m := ms[w]
	half := fmt.Sprintf("%s (%.2f%% of the mean)", reports.Human(reached.Half[w], m.Money(), cfg.Currency), 100*reached.Half[w]/abs(reached.Mean[w]))
	if reached.Met {
		fmt.Fprintf(stdout, "precision %s reached after %d replications: 95%% CI half-width of %s %s\n", &p.target, reached.N, m.Name(), half)
	} else {
		fmt.Fprintf(stdout, "warning: precision %s not reached within --max-reps %d: 95%% CI half-width of %s is %s; about %d replications would meet it\n",
			&p.target, p.maxReps, m.Name(), half, needed(reached, p, w))
	}
	return nil
}

// needed estimates the replications that would meet the target, from
// the half-width's 1/√n law.
func needed(r *rs.Reached, p *precisionFlags, w int) int {
	target := p.target.value
	if p.target.relative {
		target *= abs(r.Mean[w])
	}
	if target <= 0 {
		return r.N
	}
	ratio := r.Half[w] / target
	return int(float64(r.N)*ratio*ratio) + 1
}
