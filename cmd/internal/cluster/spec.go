package cluster

import (
	"k8s.io/apimachinery/pkg/api/resource"

	"fmt"
	"licsim/model"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Where the pods see things, and the limits the manifest keeps to.
const (
	// ScenarioDir is where the ConfigMap is mounted, read-only: the
	// pods' working folder.
	ScenarioDir = "/scenario"
	// ResultsDir is where the shared results volume is mounted.
	ResultsDir = "/results"
	// ScenarioKey is the ConfigMap key holding the scenario's text.
	ScenarioKey = "scenario.toml"
	// MaxShards is Kubernetes' limit on completions of an Indexed Job.
	MaxShards = 100_000
	// MaxName leaves room in 63-character names and labels for the
	// suffixes: "-merge", "-results", "-scenario", and the pods' index.
	MaxName = 40

	containerName = "licsim"
	// maxConfigMap leaves room under Kubernetes' 1 MiB limit on a
	// ConfigMap for its metadata.
	maxConfigMap = 1000 * 1000
	// nonRootUser is the nonroot user of the distroless image.
	nonRootUser = 65532
)

// JobSpec is how the Jobs run, as `licsim k8s-job` takes it from its
// flags; the messages of [JobSpec.Problems] name those flags.
type JobSpec struct {
	Shards      int    // N: pods, each running about R/N replications
	Parallelism int    // at most this many shard pods at a time
	Image       string // container image built from cmd/licsim/Dockerfile
	Name        string // of the Jobs, prefix of the rest; "" derives it from the scenario
	Arch        string // node label kubernetes.io/arch; "" for any
	// StorageClass of the results volume ("": the cluster's default)
	// and its size ("": an estimate).
	StorageClass, Storage string
	CPU, Memory           string        // each pod's request (and memory limit)
	Wait                  time.Duration // how long the merge Job waits for the parts
}

var (
	dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	quantity = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$`)
	cpuQty   = regexp.MustCompile(`^([0-9]+(\.[0-9]+)?|[0-9]+m)$`)
	archName = regexp.MustCompile(`^[a-z0-9]*$`)
	dnsName  = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$`)
)

// Problems lists everything wrong with the spec, in flag order, so that
// one command line shows all there is to fix.
func (s *JobSpec) Problems() []string {
	var probs []string
	bad := func(format string, a ...any) { probs = append(probs, fmt.Sprintf(format, a...)) }
	if s.Shards < 1 || s.Shards > MaxShards {
		bad("--shards %d: must be in [1, %d]", s.Shards, MaxShards)
	}
	if p := ImageProblem(s.Image); p != "" {
		bad("--image %q: %s", s.Image, p)
	}
	if s.Name != "" && (len(s.Name) > MaxName || !dnsLabel.MatchString(s.Name)) {
		bad("--name %q: lower-case letters, digits and '-', starting and ending with a letter or digit, at most %d characters", s.Name, MaxName)
	}
	if s.Parallelism < 1 {
		bad("--parallelism %d: must be at least 1", s.Parallelism)
	}
	if s.StorageClass != "" && (len(s.StorageClass) > 253 || !dnsName.MatchString(s.StorageClass)) {
		bad("--storage-class %q: not a Kubernetes name", s.StorageClass)
	}
	if s.Storage != "" && (!quantity.MatchString(s.Storage) || quantityProblem(s.Storage) != "") {
		bad("--storage %q: want a size such as 5Gi", s.Storage)
	}
	if !cpuQty.MatchString(s.CPU) || CPUWorkers(s.CPU) < 1 || quantityProblem(s.CPU) != "" {
		bad("--cpu %q: want a CPU amount such as 2, 1.5 or 500m", s.CPU)
	}
	if !quantity.MatchString(s.Memory) || quantityProblem(s.Memory) != "" {
		bad("--memory %q: want a size such as 512Mi or 2Gi", s.Memory)
	}
	if s.Wait <= 0 {
		bad("--wait %s: must be positive", s.Wait)
	}
	if !archName.MatchString(s.Arch) {
		bad("--arch %q: an architecture such as amd64 or arm64", s.Arch)
	}
	return probs
}

// MemoryProblem refuses a memory request below what a pod of the run
// of cfg in shards needs (JobMemory): a shard pod runs up to
// CPUWorkers replications at a time and holds its shard's results; the
// merge pod, which has the same request, holds every replication's
// results. Below that, the kernel kills the pod mid-run at its limit. It
// returns "" when the request suffices or when Problems reports it.
func (s *JobSpec) MemoryProblem(cfg *model.Config, shards int) string {
	q, err := resource.ParseQuantity(s.Memory)
	workers := CPUWorkers(s.CPU)
	if err != nil || workers < 1 || shards < 1 {
		return ""
	}
	need := JobMemory(cfg, shards, workers)
	if q.Value() >= need {
		return ""
	}
	mi := (need + (1 << 20) - 1) >> 20
	return fmt.Sprintf("--memory %s: below the run's estimate of %dMi per pod (a shard running %d replications at a time, --cpu %s; the merge holding all %d replications' results); give at least --memory %dMi",
		s.Memory, mi, min(workers, (cfg.Replications+shards-1)/shards), s.CPU, cfg.Replications, mi)
}

// JobMemory is the memory, in bytes, that every job of a run of cfg in
// shards needs when each job has the same request (Kubernetes pods,
// Slurm tasks): the larger of a shard's (model.EstimateMemoryStreamed
// with up to workers replications at a time: it writes each to its part
// as it finishes) and the merge's (model.EstimateMemoryMerge: every
// replication kept compactly, read from the parts one at a time).
func JobMemory(cfg *model.Config, shards, workers int) int64 {
	shard := *cfg
	shard.Replications = (cfg.Replications + max(1, shards) - 1) / max(1, shards)
	return max(model.EstimateMemoryStreamed(&shard, workers), model.EstimateMemoryMerge(cfg))
}

// CPUWorkers is the number of replications a pod with this CPU request
// runs at a time: the request rounded up, so that a pod uses what it
// asked for rather than every CPU of its node. It is 0 for a request
// that is not a positive CPU amount.
func CPUWorkers(cpu string) int {
	if m, ok := strings.CutSuffix(cpu, "m"); ok {
		n, err := strconv.Atoi(m)
		if err != nil || n <= 0 {
			return 0
		}
		return (n + 999) / 1000
	}
	x, err := strconv.ParseFloat(cpu, 64)
	if err != nil || !(x > 0) || x > 1e4 {
		return 0
	}
	return int(math.Ceil(x))
}

var (
	// imageDomain is a registry host name, optionally with a port.
	imageDomain = regexp.MustCompile(`^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$`)
	// imagePathPart is a component of the repository path: lower-case
	// letters and digits, separated by '.', '_', '__' or dashes.
	imagePathPart = regexp.MustCompile(`^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$`)
	imageTag      = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	imageDigest   = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// ImageProblem says what is wrong with an image reference, or "" if it
// is one: [registry[:port]/]path[:tag][@sha256:64 hex digits], the path
// made of lower-case components separated by '/'. As in Docker, the first
// component is a registry when it holds a '.' or a ':' or is localhost.
func ImageProblem(ref string) string {
	const want = "want [registry[:port]/]path[:tag][@sha256:DIGEST] with lower-case path components, such as registry.example.com/licsim:1"
	if ref == "" {
		return "required; " + want
	}
	name, digest, hasDigest := strings.Cut(ref, "@")
	if hasDigest && !imageDigest.MatchString(digest) {
		return "the digest after '@': want sha256: and 64 lower-case hex digits"
	}
	parts := strings.Split(name, "/")
	if len(parts) > 1 && (strings.ContainsAny(parts[0], ".:") || parts[0] == "localhost") {
		if !imageDomain.MatchString(parts[0]) {
			return fmt.Sprintf("registry %q: want a host name with an optional :port", parts[0])
		}
		parts = parts[1:]
	}
	last := parts[len(parts)-1]
	if repo, tag, hasTag := strings.Cut(last, ":"); hasTag {
		if !imageTag.MatchString(tag) {
			return fmt.Sprintf("tag %q: want letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'", tag)
		}
		parts[len(parts)-1] = repo
	}
	for _, p := range parts {
		if !imagePathPart.MatchString(p) {
			return fmt.Sprintf("path component %q: %s", p, want)
		}
	}
	if len(name) > 255 {
		return "longer than 255 characters"
	}
	return ""
}

// quantityProblem says what is wrong with a Kubernetes quantity that
// must be positive, or "".
func quantityProblem(s string) string {
	q, err := resource.ParseQuantity(s)
	if err != nil {
		return err.Error()
	}
	if q.Sign() <= 0 {
		return "must be positive"
	}
	return ""
}
