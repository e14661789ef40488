package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"licsim/model"
	"licsim/scenarios"
)

// purposeDraws keys the stream that draws a replication's uncertain
// inputs, apart from every stream of the model (which draw from the
// replication's seed alone).
const purposeDraws = 0x756e63657274 // "uncert"

// replicateDrawn runs cfg's replications (run --draw-uncertain), each on
// the scenario with its [[uncertain]] inputs drawn from their intervals
// (scenarios.Uncertain.Draw) by a stream of its own: the same seed gives
// the same draws for any --workers. Each Result goes to each in
// replication order as it finishes.
func replicateDrawn(ctx context.Context, name string, cfg *model.Config, f *runFlags, prog *progress, stdout io.Writer, each func(*model.Result) error) error {
	src, data, err := scenarios.Source(name)
	if err != nil {
		return err
	}
	_, unc, err := scenarios.LoadUncertain(name, f.overrides()...)
	if err != nil {
		return err
	}
	if len(unc) == 0 {
		return usageErr("--draw-uncertain: %s has no [[uncertain]] tables to draw (licsim calibrate writes them; see scenarios/README.md)", src)
	}
	keys := make([]string, len(unc))
	for i, u := range unc {
		keys[i] = u.Key
	}
	fmt.Fprintf(stdout, "Each replication draws %d uncertain inputs: %s\n", len(unc), strings.Join(keys, ", "))
	vary := func(rep int) (*model.Config, error) {
		r := rand.New(rand.NewPCG(model.RepSeed(cfg, rep), purposeDraws))
		sets := slices.Clone(f.overrides())
		for _, u := range unc {
			sets = append(sets, u.Draw(r))
		}
		c, err := scenarios.Parse(src, data, sets...)
		if err != nil {
			return nil, fmt.Errorf("replication %d's drawn inputs: %w", rep, err)
		}
		return c, nil
	}
	return model.ReplicateVariedEach(ctx, cfg, cfg.Replications, f.workers, vary, prog.add, each)
}
