package bench

import (
	"context"
	"runtime"
	"testing"

	"licsim/model"
	"licsim/scenarios"
)

// modelScenarios are the scenarios BenchmarkModel runs: the shipped
// baseline and the 100,000-employee, 60-month enterprise tenant.
func modelScenarios(b *testing.B) []struct {
	name string
	cfg  *model.Config
} {
	base, err := scenarios.Load("baseline")
	if err != nil {
		b.Fatal(err)
	}
	ent, err := scenarios.Load("enterprise")
	if err != nil {
		// Until the shipped enterprise scenario exists: the baseline at
		// enterprise size.
		c := *base
		c.Name = "enterprise"
		c.Population.Headcount, c.Population.Admins, c.Population.HiresPerMonth = 100_000, 20, 750
		c.Months = 60
		ent = &c
	}
	return []struct {
		name string
		cfg  *model.Config
	}{{"baseline", base}, {"enterprise", ent}}
}

// BenchmarkModel runs whole replications (one op = one replication) and
// reports the cost per event: the model's handlers plus the queue.
func BenchmarkModel(b *testing.B) {
	for _, sc := range modelScenarios(b) {
		b.Run(sc.name, func(b *testing.B) {
			r, err := model.NewRunner(sc.cfg)
			if err != nil {
				b.Fatal(err)
			}
			// Warm up once so that the runner's memory is allocated.
			if _, err := r.Run(context.Background(), 0, model.Options{}); err != nil {
				b.Fatal(err)
			}
			var events uint64
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := r.Run(context.Background(), i, model.Options{})
				if err != nil {
					b.Fatal(err)
				}
				events += res.Events
			}
			b.StopTimer()
			runtime.ReadMemStats(&ms1)
			if events > 0 {
				b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
				b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(events), "allocs/event")
				b.ReportMetric(float64(events)/float64(b.N), "events/op")
			}
		})
	}
}
