// Package cluster writes what runs a licsim scenario in shards on a
// cluster and merges the parts into the outputs of the unsharded run:
//
//   - for Kubernetes (`licsim k8s-job`, [New] and [Manifest.Write]): a
//     ConfigMap with the scenario's text, a ReadWriteMany volume for the
//     results, an Indexed Job whose pod K runs `licsim run --shard K/N`,
//     and a merge Job running `licsim merge --wait`;
//   - for Slurm (`licsim slurm-job`, [SlurmSpec.Write]): a job array whose
//     task K runs shard K of N, a merge job that runs after the whole
//     array succeeded, a copy of the scenario, and the sbatch commands
//     (and a submit.sh) that submit both.
//
// It owns the jobs' names, command lines, folder layouts and checks; the
// two kinds share how a scenario argument names the jobs ([Name], slug)
// and where the scenario's copy goes (scenarioItem). It prints YAML with
// go.yaml.in/yaml/v3 in a fixed field order, so that the same input gives
// the same bytes. It may import model, scenarios (for its input errors)
// and reports (the configuration hash, the reproducing command, shell
// quoting); it parses no flags and reads no files: the commands in
// cmd/licsim do both and hand it a loaded [Scenario] or a [SlurmSpec].
// Its Slurm end-to-end tests also use cmd/internal/slurmtest and the
// licsim binary.
package cluster
