// Package bench holds licsim's end-to-end benchmarks: the event queues
// under the hold model, against container/heap in the same run; the
// licence model per scenario; and replication scaling. Run them with
// `make bench`; see README.md in this folder for the figures and for
// comparing two commits with benchstat.
//
// It holds only tests and benchmarks, and may import sim, model and
// scenarios (to load the shipped scenarios it measures).
//
//	hold_test.go    the queues under the hold model, against container/heap
//	model_test.go   BenchmarkModel, BenchmarkReplicate, BenchmarkScaling
//	check_test.go   TestBenchCheck, the CI gate on the ratios (make bench-check)
package bench
