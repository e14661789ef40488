// Package slurmtest starts a private single-node Slurm cluster for tests:
// Debian's slurmctld and slurmd 22.05 run in the foreground under a
// folder of the test's, with their own configuration, state, spool, logs
// and free local ports, so that they never meet a system Slurm or a
// parallel test, and stop (by process id) in every outcome.
//
// It owns the cluster's configuration and the daemons' lifetimes, nothing
// else. It may import the standard library only; packages whose tests run
// jobs on Slurm (cmd/internal/cluster, cmd/licsim) import it.
//
// slurm-local.sh in this folder does the same for a person at a shell.
package slurmtest
