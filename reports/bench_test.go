package reports_test

import (
	"context"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

// baselineRun is the shipped baseline at its default 200 replications,
// simulated once per test binary, and how long simulating takes: the
// fastest of three runs, as the least disturbed by a shared machine.
var baselineRun = sync.OnceValues(func() (run struct {
	cfg     *model.Config
	results []model.Result
	sim     time.Duration
}, err error) {
	run.cfg, err = scenarios.Load(scenarios.DefaultName)
	if err != nil {
		return run, err
	}
	for i := range 3 {
		start := time.Now()
		run.results, err = model.Replicate(context.Background(), run.cfg, runtime.GOMAXPROCS(0), nil)
		if d := time.Since(start); i == 0 || d < run.sim {
			run.sim = d
		}
		if err != nil {
			return run, err
		}
	}
	return run, nil
})

// BenchmarkWriteRun writes every output of a default `licsim run` (the
// baseline, 200 replications) into a stage and commits it: one op is the
// whole writing step after simulating. It reports the writing time as a
// share of the simulating time measured on the same machine
// (write/sim); issue 17's target is at most 0.33 (writing a quarter of
// the whole run). On a 2-core machine shared with other work, both
// sides move by ±30% or more: compare old and new binaries run
// alternately (bench/README.md).
func BenchmarkWriteRun(b *testing.B) {
	run, err := baselineRun()
	if err != nil {
		b.Fatal(err)
	}
	prov := &reports.Provenance{Command: reports.RunCommand(scenarios.DefaultName, run.cfg)}
	for _, a := range scenarios.Assumptions(run.cfg) {
		prov.Assumptions = append(prov.Assumptions, reports.Assumption(a))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st, err := reports.OpenStage(b.TempDir()+"/out", reports.Set)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := reports.WriteRunColumns(context.Background(), st, run.cfg, reports.ColumnsOf(run.cfg, run.results), prov); err != nil {
			b.Fatal(err)
		}
		if err := st.Commit(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	perOp := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perOp)/float64(run.sim), "write/sim")
	b.ReportMetric(run.sim.Seconds()*1000, "sim-ms")
}

// BenchmarkWriteWorkbook writes results.xlsx of a default run: the
// workbook's share of BenchmarkWriteRun.
func BenchmarkWriteWorkbook(b *testing.B) {
	run, err := baselineRun()
	if err != nil {
		b.Fatal(err)
	}
	s := reports.Summarize(run.cfg, run.results)
	prov := &reports.Provenance{Command: reports.RunCommand(scenarios.DefaultName, run.cfg)}
	b.ReportAllocs()
	for b.Loop() {
		if err := reports.WriteWorkbook(io.Discard, s, run.results, prov); err != nil {
			b.Fatal(err)
		}
	}
}

// manyResults is the baseline's replications repeated to n, each value
// moved by up to ±10% (seeded), so that columns hold as many distinct
// values as n replications would.
func manyResults(b *testing.B, n int) (*model.Config, []model.Result) {
	run, err := baselineRun()
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(19, 4))
	jitter := func(v int64) int64 { return v + rng.Int64N(v/5+1) - v/10 }
	out := make([]model.Result, n)
	for i := range out {
		r := run.results[i%len(run.results)]
		r.Rep = i
		r.Monthly, r.Costs = slices.Clone(r.Monthly), slices.Clone(r.Costs)
		for j := range r.Monthly {
			r.Monthly[j] = jitter(r.Monthly[j])
		}
		for j := range r.Totals {
			r.Totals[j] = jitter(r.Totals[j])
		}
		if i > 0 {
			r.Subscriptions = nil
		}
		out[i] = r
	}
	return run.cfg, out
}

// BenchmarkSummarize summarizes 20,000 replications of the baseline (one
// op = the whole summary: metrics, costs, every monthly band), from
// Results (transposed into Columns first, as Summarize does) and from
// Columns kept as the replications came (as `licsim run` does).
func BenchmarkSummarize(b *testing.B) {
	cfg, results := manyResults(b, 20_000)
	b.Run("results", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			reports.Summarize(cfg, results)
		}
	})
	cols := reports.ColumnsOf(cfg, results)
	b.Run("columns", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := reports.SummarizeColumns(context.Background(), cfg, cols); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkKeptPerReplication reports the heap that keeping 20,000
// replications of the baseline takes per replication: as Results (their
// monthly series and costs included) and as Columns.
func BenchmarkKeptPerReplication(b *testing.B) {
	cfg, results := manyResults(b, 20_000)
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	var asResults, asColumns float64
	for b.Loop() {
		before := heap()
		kept := make([]model.Result, len(results))
		for i, r := range results {
			r.Monthly, r.Costs = slices.Clone(r.Monthly), slices.Clone(r.Costs)
			kept[i] = r
		}
		asResults = float64(heap()-before) / float64(len(kept))
		runtime.KeepAlive(kept)
		kept = nil
		before = heap()
		cols := reports.NewColumns(cfg)
		for i := range results {
			cols.Add(&results[i])
		}
		asColumns = float64(heap()-before) / float64(cols.Len())
		runtime.KeepAlive(cols)
	}
	b.ReportMetric(asResults, "B/rep-results")
	b.ReportMetric(asColumns, "B/rep-columns")
}

// BenchmarkRunKeptPerReplication simulates 20,000 replications of the
// baseline twice, as `licsim run` did (model.Replicate, every Result
// held) and as it does (model.ReplicateEach into Columns), and reports
// the heap each holds afterwards per replication. Run it with
// -benchtime=1x: one op is 40,000 replications.
func BenchmarkRunKeptPerReplication(b *testing.B) {
	cfg, err := scenarios.Load(scenarios.DefaultName, scenarios.Set{Key: "replications", Value: "20000"})
	if err != nil {
		b.Fatal(err)
	}
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	workers := runtime.GOMAXPROCS(0)
	var asResults, asColumns float64
	for b.Loop() {
		before := heap()
		results, err := model.Replicate(context.Background(), cfg, workers, nil)
		if err != nil {
			b.Fatal(err)
		}
		asResults = float64(heap()-before) / float64(len(results))
		runtime.KeepAlive(results)
		results = nil

		before = heap()
		cols := reports.NewColumns(cfg)
		err = model.ReplicateEach(context.Background(), cfg, 0, cfg.Replications, workers, nil, func(r *model.Result) error {
			cols.Add(r)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		asColumns = float64(heap()-before) / float64(cols.Len())
		runtime.KeepAlive(cols)
	}
	b.ReportMetric(asResults, "B/rep-results")
	b.ReportMetric(asColumns, "B/rep-columns")
}
