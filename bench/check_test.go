package bench

import (
	"flag"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"licsim/model"
)

var benchCheck = flag.Bool("benchcheck", false, "run the benchmark ratio gate (make bench-check)")

// gate is one ratio target with the noise-safe floor that fails CI.
type gate struct {
	name   string
	ratio  float64
	target string
	ok     bool
}

// TestBenchCheck is the CI gate on ratios measured in the same run, never
// on absolute times: the calendar queue against container/heap under the
// hold model; the model's cost per event, charging every month boundary
// as an event (the reference path, whose events are what the hold
// compares with), against the hold cost of its queue at a comparable
// number of pending events; and a baseline replication charged per event
// against one charged in bulk (the default). Targets come from the issues
// (queue ≥ 12× at 10k and ≥ 18× at 1M, model ≤ 4× hold, bulk ≥ 2×); the
// gate fails only past floors far enough from them that a noisy machine
// does not trip it (8×, 12×, 7×, and 1×: bulk charging must never be
// slower), and on any allocation per event. On the project's shared
// 2-core VM a single measurement moves by ±25% with the neighbours'
// load, so the model's ratios are measured in rounds, each
// timing the model right after its hold, and the median round counts:
// single ratios ranged 3.2–5.0× where their median was 4.
func TestBenchCheck(t *testing.T) {
	if !*benchCheck {
		t.Skip("run with -benchcheck (make bench-check)")
	}
	hold := map[string]testing.BenchmarkResult{
		"buckets/10k":       testing.Benchmark(holdCalendar(10_000)),
		"containerheap/10k": testing.Benchmark(holdContainer(10_000)),
		"buckets/100k":      testing.Benchmark(holdCalendar(100_000)),
		"buckets/1M":        testing.Benchmark(holdCalendar(1_000_000)),
		"containerheap/1M":  testing.Benchmark(holdContainer(1_000_000)),
	}
	nsop := func(r testing.BenchmarkResult) float64 { return float64(r.T.Nanoseconds()) / float64(r.N) }
	nsEvent := func(r testing.BenchmarkResult) float64 { return r.Extra["ns/event"] }
	scenarios := modelScenarios(t)
	models := map[string]testing.BenchmarkResult{}
	ratios := map[string][]float64{}
	pending := map[string]int{"baseline": 10_000, "enterprise": 100_000} // comparable to each scenario's
	const rounds = 3
	var bulkRatios []float64 // baseline per replication, per event over bulk
	for range rounds {
		for _, sc := range scenarios {
			h := testing.Benchmark(holdCalendar(pending[sc.name]))
			m := testing.Benchmark(modelRuns(sc.cfg, perEvent))
			models[sc.name] = m
			ratios[sc.name] = append(ratios[sc.name], nsEvent(m)/nsop(h))
			if sc.name == "baseline" {
				bulk := testing.Benchmark(modelRuns(sc.cfg, model.Options{}))
				models["baseline/bulk"] = bulk
				bulkRatios = append(bulkRatios, nsop(m)/nsop(bulk))
			}
		}
	}
	// Replication scaling is reported, not gated: a CI machine may not
	// have two idle cores.
	base := modelScenarios(t)[0].cfg
	one, two := testing.Benchmark(replicateRuns(base, 1)), testing.Benchmark(replicateRuns(base, 2))

	gates := []gate{
		speedup("calendar vs container/heap at 10k pending", nsop(hold["containerheap/10k"]), nsop(hold["buckets/10k"]), 12, 8),
		speedup("calendar vs container/heap at 1M pending", nsop(hold["containerheap/1M"]), nsop(hold["buckets/1M"]), 18, 12),
		cost(fmt.Sprintf("baseline model per event vs hold at 10k %s", roundsText(ratios["baseline"])), median(ratios["baseline"]), 4, 7),
		cost(fmt.Sprintf("enterprise model per event vs hold at 100k %s", roundsText(ratios["enterprise"])), median(ratios["enterprise"]), 4, 7),
		speedup(fmt.Sprintf("baseline per replication, bulk vs per-event %s", roundsText(bulkRatios)), median(bulkRatios), 1, 2, 1),
	}
	for _, name := range []string{"buckets/10k", "buckets/100k", "buckets/1M"} {
		a := hold[name].AllocsPerOp()
		gates = append(gates, gate{fmt.Sprintf("allocations per hold on %s", name), float64(a), "0", a == 0})
	}
	for _, name := range []string{"baseline", "enterprise", "baseline/bulk"} {
		a := models[name].Extra["allocs/event"]
		gates = append(gates, gate{fmt.Sprintf("allocations per event, %s", name), a, "< 0.01", a < 0.01})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "benchmark ratios (same run):\n")
	fmt.Fprintf(&b, "  info replications/s, 2 workers vs 1 on %d CPUs                       %8.3g   (target ≥ 1.8× on 2 cores; not gated)\n",
		runtime.NumCPU(), nsop(one)/nsop(two))
	for _, g := range gates {
		mark := "ok  "
		if !g.ok {
			mark = "FAIL"
		}
		fmt.Fprintf(&b, "  %s %-66s %8.3g   (%s)\n", mark, g.name, g.ratio, g.target)
	}
	t.Log("\n" + b.String())
	for _, g := range gates {
		if !g.ok {
			t.Errorf("%s: %.3g misses %s", g.name, g.ratio, g.target)
		}
	}
}

// speedup is base/fast, which must reach floor (target is informative).
func speedup(name string, base, fast, target, floor float64) gate {
	r := base / fast
	return gate{name, r, fmt.Sprintf("target ≥ %g×, fails below %g×", target, floor), r >= floor}
}

// cost is a ratio of model to queue cost, which must stay under ceiling.
func cost(name string, r, target, ceiling float64) gate {
	return gate{name, r, fmt.Sprintf("median of rounds; target ≤ %g×, fails above %g×", target, ceiling), r <= ceiling}
}

// median is the middle value of xs (the mean of the middle two for an
// even count).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// roundsText lists the ratios of the rounds, for the report.
func roundsText(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.2f", x)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
