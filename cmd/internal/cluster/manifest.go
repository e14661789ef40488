package cluster

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"licsim/model"
	"licsim/reports"
	"licsim/reports/part"
	"licsim/scenarios"
)

// Scenario is what the pods run: the argument as given to the command,
// the text the ConfigMap carries, and the configuration that text gives
// with the command's overrides.
type Scenario struct {
	Arg    string        // as given: a path or a shipped scenario's name
	File   string        // the name messages use for Text
	Text   []byte        // shipped to the pods
	Config *model.Config // loaded from Text, with --reps and --seed applied
}

// Manifest is what `licsim k8s-job` prints, resolved.
type Manifest struct {
	spec JobSpec
	cfg  *model.Config
	text []byte
	name string // the shard Job; prefix of the rest
	item string // the scenario's path under ScenarioDir in the pods
	// RunArg is the scenario argument the pods give to run.
	RunArg string
	// Fallback is true when the pods cannot use the argument as given
	// and use RunArg instead.
	Fallback bool
	runID    string // names the run's folder on the volume
	storage  string
}

// New resolves the manifest of spec for sc; spec must have no
// [JobSpec.Problems]. A scenario too big for a ConfigMap is an
// *scenarios.InputError.
func New(spec JobSpec, sc Scenario) (*Manifest, error) {
	if len(sc.Text) > maxConfigMap {
		return nil, &scenarios.InputError{File: sc.File, Err: fmt.Errorf("%d bytes: too big for a ConfigMap (at most %d)", len(sc.Text), maxConfigMap)}
	}
	cfg := sc.Config
	m := &Manifest{spec: spec, cfg: cfg, text: sc.Text}
	m.item, m.RunArg, m.Fallback = podScenario(sc.Arg)
	m.name = spec.Name
	if m.name == "" {
		m.name = Name(sc.Arg)
	}
	hash, err := part.ConfigHash(cfg)
	if err != nil {
		return nil, err
	}
	id := sha256.Sum256(fmt.Appendf(nil, "%s\n%s\n%d\n%d\n%d\n%s", hash, m.RunArg, cfg.Seed, cfg.Replications, spec.Shards, spec.Arch))
	m.runID = "run-" + hex.EncodeToString(id[:])[:12]
	m.storage = spec.Storage
	if m.storage == "" {
		m.storage = estimateStorage(cfg)
	}
	return m, nil
}

// podScenario returns where the scenario lies under ScenarioDir in the
// pods and the argument they give to run. The pods work in ScenarioDir,
// so a relative path can be kept as given: the merged report then shows
// the command a user runs on one machine, byte for byte. Other arguments
// (absolute paths, "..", odd characters) fall back to their base name.
func podScenario(arg string) (item, runArg string, fallback bool) {
	if podPath.MatchString(arg) && !strings.HasPrefix(arg, "..") && !strings.Contains(arg, "/..") {
		if item := path.Clean(arg); item != "." {
			return item, arg, false
		}
	}
	base := arg[strings.LastIndexByte(arg, '/')+1:]
	base = strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r)) {
			return r
		}
		return '-'
	}, base)
	base = strings.TrimLeft(base, ".-")
	if base == "" {
		base = ScenarioKey
	}
	return base, base, true
}

// Name derives a resource name from the scenario argument:
// "scenarios/Big Org.toml" gives "licsim-big-org", a DNS label of at most
// MaxName characters.
func Name(arg string) string {
	base := strings.TrimSuffix(arg[strings.LastIndexByte(arg, '/')+1:], ".toml")
	var b strings.Builder
	b.WriteString("licsim")
	dash := true
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	name := b.String()
	if len(name) > MaxName {
		name = strings.TrimRight(name[:MaxName], "-")
	}
	return name
}

// estimateStorage sizes the results volume: a replication takes about 5
// bytes per number in its part (totals and monthly values) and less in
// the merged files; 8 bytes per number leaves room, rounded up to whole
// GiB.
func estimateStorage(cfg *model.Config) string {
	numbers := float64(int(model.NumMetrics) + cfg.Months*len(model.Series(cfg)))
	size := 8 * numbers * float64(cfg.Replications)
	gib := max(1, int(math.Ceil(size/(1<<30))))
	return fmt.Sprintf("%dGi", gib)
}

// Volume is the name of the results volume's claim.
func (m *Manifest) Volume() string { return m.name + "-results" }

// MergedDir is where the merge Job writes the reports, on the volume.
func (m *Manifest) MergedDir() string { return path.Join(ResultsDir, m.runID, "merged") }

func (m *Manifest) configMap() string { return m.name + "-scenario" }
func (m *Manifest) mergeJob() string  { return m.name + "-merge" }
func (m *Manifest) partsDir() string  { return path.Join(ResultsDir, m.runID, "parts") }

func (m *Manifest) labels(component string) map[string]string {
	return map[string]string{
		"app.kubernetes.io/name":      "licsim",
		"app.kubernetes.io/instance":  m.name,
		"app.kubernetes.io/component": component,
	}
}

// Write prints the manifest: a comment saying how to use it, then the
// ConfigMap, the volume, the shard Job and the merge Job. The wait in the
// comment allows an hour for the merge itself beyond the merge's --wait.
func (m *Manifest) Write(w io.Writer) error {
	cfg, spec := m.cfg, m.spec
	fmt.Fprintf(w, `# Generated by licsim k8s-job: scenario %q, %d replications, seed %d, in %d shards.
#   kubectl apply -f THIS_FILE
#   kubectl wait --for=condition=complete --timeout=%s job/%s
#   kubectl logs job/%s    # the headline table
# The merged reports are in %s on the volume %s,
# byte for byte those of: %s
`, cfg.Name, cfg.Replications, cfg.Seed, spec.Shards, spec.Wait+time.Hour, m.mergeJob(), m.mergeJob(),
		m.MergedDir(), m.Volume(), reports.RunCommand(m.RunArg, cfg))
	docs := []any{
		k8sDoc{APIVersion: "v1", Kind: "ConfigMap",
			Metadata: k8sMeta{Name: m.configMap(), Labels: m.labels("scenario")},
			Data:     map[string]string{ScenarioKey: string(m.text)}},
		k8sDoc{APIVersion: "v1", Kind: "PersistentVolumeClaim",
			Metadata: k8sMeta{Name: m.Volume(), Labels: m.labels("results")},
			Spec: pvcSpec{AccessModes: []string{"ReadWriteMany"}, StorageClassName: spec.StorageClass,
				Resources: resources{Requests: map[string]string{"storage": m.storage}}}},
		m.shardJob(),
		m.mergeJobDoc(),
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	enc.CompactSeqIndent()
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("k8s-job: %w", err)
		}
	}
	return enc.Close()
}

// shardJob is the Indexed Job: pod K runs shard K of N.
func (m *Manifest) shardJob() k8sDoc {
	spec := m.spec
	perIndex := 2
	c := m.container([]string{
		"run", m.RunArg,
		"--shard", fmt.Sprintf("$(JOB_COMPLETION_INDEX)/%d", spec.Shards),
		"--reps", strconv.Itoa(m.cfg.Replications),
		"--seed", strconv.FormatUint(m.cfg.Seed, 10),
		"--workers", strconv.Itoa(CPUWorkers(spec.CPU)),
		"--out", m.partsDir(),
		"--quiet",
	})
	c.WorkingDir = ScenarioDir
	// Defined here rather than left to the Job controller, so that the
	// $(JOB_COMPLETION_INDEX) in the arguments expands on any version.
	c.Env = []envVar{{Name: "JOB_COMPLETION_INDEX", ValueFrom: &envSource{FieldRef: fieldRef{
		FieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}}
	c.VolumeMounts = append([]volumeMount{{Name: "scenario", MountPath: ScenarioDir, ReadOnly: true}}, c.VolumeMounts...)
	pod := m.podSpec(c)
	pod.Volumes = append([]volume{{Name: "scenario", ConfigMap: &configMapVolume{Name: m.configMap(),
		Items: []keyToPath{{Key: ScenarioKey, Path: m.item}}}}}, pod.Volumes...)
	return k8sDoc{APIVersion: "batch/v1", Kind: "Job",
		Metadata: k8sMeta{Name: m.name, Labels: m.labels("shard")},
		Spec: jobSpec{
			CompletionMode:       "Indexed",
			Completions:          spec.Shards,
			Parallelism:          min(spec.Shards, spec.Parallelism),
			BackoffLimitPerIndex: &perIndex,
			PodFailurePolicy:     failurePolicy("FailIndex"),
			Template:             podTemplate{Metadata: k8sMeta{Labels: m.labels("shard")}, Spec: pod},
		}}
}

// mergeJobDoc is the Job that waits for the parts and merges them.
func (m *Manifest) mergeJobDoc() k8sDoc {
	backoff := 2
	c := m.container([]string{"merge", m.partsDir(), "--wait", m.spec.Wait.String(), "--out", m.MergedDir()})
	return k8sDoc{APIVersion: "batch/v1", Kind: "Job",
		Metadata: k8sMeta{Name: m.mergeJob(), Labels: m.labels("merge")},
		Spec: jobSpec{
			Completions:      1,
			Parallelism:      1,
			BackoffLimit:     &backoff,
			PodFailurePolicy: failurePolicy("FailJob"),
			Template:         podTemplate{Metadata: k8sMeta{Labels: m.labels("merge")}, Spec: m.podSpec(c)},
		}}
}

// failurePolicy does not retry bad input (exit code 2: retrying cannot
// mend it) and does not count pods evicted by the cluster as failures.
func failurePolicy(onBadInput string) *podFailurePolicy {
	return &podFailurePolicy{Rules: []podFailureRule{
		{Action: onBadInput, OnExitCodes: &exitCodes{ContainerName: containerName, Operator: "In", Values: []int{2}}},
		{Action: "Ignore", OnPodConditions: []podCondition{{Type: "DisruptionTarget", Status: "True"}}},
	}}
}

// container is licsim with args, the spec's resources, locked down, with
// the results volume mounted.
func (m *Manifest) container(args []string) container {
	spec := m.spec
	no := false
	return container{
		Name: containerName, Image: spec.Image, Args: args,
		Resources: resources{
			Requests: map[string]string{"cpu": spec.CPU, "memory": spec.Memory},
			Limits:   map[string]string{"memory": spec.Memory},
		},
		SecurityContext: &containerSecurity{AllowPrivilegeEscalation: &no, ReadOnlyRootFilesystem: true,
			Capabilities: capabilities{Drop: []string{"ALL"}}},
		VolumeMounts: []volumeMount{{Name: "results", MountPath: ResultsDir}},
	}
}

// podSpec runs c once, as the image's nonroot user, on the spec's
// architecture.
func (m *Manifest) podSpec(c container) podSpec {
	var nodes map[string]string
	if m.spec.Arch != "" {
		nodes = map[string]string{"kubernetes.io/arch": m.spec.Arch}
	}
	return podSpec{
		RestartPolicy: "Never",
		NodeSelector:  nodes,
		SecurityContext: &podSecurity{RunAsNonRoot: true, RunAsUser: nonRootUser, RunAsGroup: nonRootUser, FSGroup: nonRootUser,
			SeccompProfile: seccompProfile{Type: "RuntimeDefault"}},
		Containers: []container{c},
		Volumes:    []volume{{Name: "results", PersistentVolumeClaim: &pvcVolume{ClaimName: m.Volume()}}},
	}
}
