// Package bench holds licsim's end-to-end benchmarks: the event queues
// under the hold model, against container/heap in the same run; the
// licence model per scenario; and replication scaling. Run them with
// `make bench`; see README.md in this folder for the figures and for
// comparing two commits with benchstat.
package bench
