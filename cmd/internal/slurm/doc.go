// Package slurm writes the batch jobs of `licsim slurm-job`: a Slurm job
// array whose task K runs shard K of N of a scenario, a merge job that
// runs after the whole array succeeded and writes the outputs of the
// unsharded run, a copy of the scenario for the jobs to read, and the
// sbatch commands (and a submit.sh) that submit both.
//
// It owns the jobs' text, their validation and the run's folder layout
// (RESULTS/RUNID/{parts,merged,logs}). It does not parse scenarios: the
// command resolves the scenario (scenarios.Source) and its replication
// count and seed, and hands them over in a Spec. It may import the
// standard library only; its end-to-end test also uses
// cmd/internal/slurmtest and the licsim binary.
package slurm
