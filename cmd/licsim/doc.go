// Command licsim simulates the cost and churn of Microsoft 365
// self-service licences. Run `licsim help` for the commands.
//
// This package is the command line and nothing more: main.go holds the
// table of commands and does what they share (flag parsing, --help, the
// argument count, "did you mean", exit codes: 0, 1, 2 for bad input,
// 128+signal when stopped by SIGINT, SIGTERM or SIGHUP, see
// signals.go); each command's file registers its flags and calls the
// packages. Number flags are read by scenarios.ParseWhole (flags.go),
// the reader of --set. Every command reads a scenario through
// loadScenario (load.go), and those that run replications through
// runFlags.load, so that --reps, --seed and --set are checked like the
// file's keys. What is left here is presentation: the progress bar or
// lines (progress.go) and the tables printed by the reports package.
//
// It may import model (running, tracing), scenarios (loading),
// reports (outputs, part files), cmd/internal/cluster (the Kubernetes
// manifest) and cmd/internal/calibrate (fitting a tenant's history),
// never sim directly; library code belongs in those packages,
// where tests and other commands can use it.
package main
