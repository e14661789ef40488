package cluster

import (
	"fmt"
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
	if s.Image == "" || strings.ContainsFunc(s.Image, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		bad("--image %q: required, without spaces", s.Image)
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
	if s.Storage != "" && !quantity.MatchString(s.Storage) {
		bad("--storage %q: want a size such as 5Gi", s.Storage)
	}
	if !cpuQty.MatchString(s.CPU) || CPUWorkers(s.CPU) < 1 {
		bad("--cpu %q: want a CPU amount such as 2, 1.5 or 500m", s.CPU)
	}
	if !quantity.MatchString(s.Memory) {
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
