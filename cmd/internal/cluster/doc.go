// Package cluster builds the Kubernetes manifest that runs a licsim
// scenario in shards on a cluster (`licsim k8s-job`): a ConfigMap with the
// scenario's text, a ReadWriteMany volume for the results, an Indexed Job
// whose pod K runs `licsim run --shard K/N`, and a merge Job running
// `licsim merge --wait`.
//
// It owns the resource names, the pods' command lines and the checks of a
// [JobSpec]; it prints YAML with go.yaml.in/yaml/v3 in a fixed field order,
// so that the same input gives the same bytes. It may import model,
// scenarios (for its input errors) and reports (the configuration hash and
// the reproducing command); it parses no flags and reads no files: the
// command in cmd/licsim does both and hands it a loaded [Scenario].
package cluster
