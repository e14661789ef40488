package scenarios

import (
	"fmt"
	"time"

	"licsim/model"
)

// ShardConfig is cfg as one of shards shards of its run holds it, for
// the memory estimate: the replications of the largest shard,
// ceil(replications / shards). It is cfg itself when shards <= 1.
func ShardConfig(cfg *model.Config, shards int) *model.Config {
	if shards <= 1 {
		return cfg
	}
	c := *cfg
	c.Replications = (cfg.Replications + shards - 1) / shards
	return &c
}

// limits checks what depends on several keys: the model's own size
// limits (see model.Check) and the memory a run will take.
func (d *decoder) limits(cfg *model.Config) {
	p := cfg.Population
	if model.EmployeeBound(cfg) > model.MaxEmployees {
		over, allowed := fmt.Sprintf("%d months", cfg.Months), "lower headcount, hires_per_month or months"
		if clock := cfg.ClockStart(); clock.Before(cfg.Start) {
			over += " and the history warm-up from " + clock.Format(time.DateOnly)
			allowed += ", or a later history_start"
		}
		d.report("population", "population",
			fmt.Sprintf("headcount %s plus twice the expected hires over %s plus 1,000 exceeds the model's limit of %s employees",
				groupInt(int64(p.Headcount)), over, groupInt(model.MaxEmployees)),
			allowed)
	}
	if model.ProductBound(cfg) > model.MaxProducts {
		d.report("catalog_growth.per_year", "catalog_growth.per_year",
			fmt.Sprintf("%d configured products plus up to %s added over %d months (three times the expected number) may exceed the model's limit of %s products",
				len(cfg.Products), groupInt(int64(model.GrowthBound(cfg))), cfg.Months, groupInt(model.MaxProducts)),
			"lower per_year, months or the number of products")
	}
	if len(d.probs) > 0 {
		return
	}
	// One worker: the message then depends only on the file and the
	// machine's memory, and the estimate is generous enough to leave
	// room for a second worker (see EstimateMemory).
	held := ShardConfig(cfg, d.shards)
	if need, limit := RunMemory(cfg, d.shards, 1), memoryLimit(); need > limit {
		key := "replications"
		if r := resultBytes(held, d.shards); r < need/2 {
			key = "population.headcount"
		}
		run, advice := "a run", "lower population.headcount, months or replications"
		if d.shards > 1 {
			// A shard keeps none of its replications: only the
			// tenant's size counts.
			run, advice = fmt.Sprintf("a shard (1 of %d)", d.shards), "lower population.headcount or months"
		} else if key == "replications" {
			advice += ", or split the run with --shard K/N"
		}
		d.report(key, key, fmt.Sprintf("%s would need about %s of memory (%s); this machine allows %s",
			run, bytesText(need), explainMemory(held, d.shards), bytesText(limit)), advice)
	}
}
