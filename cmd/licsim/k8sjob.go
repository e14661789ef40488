package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"licsim/model"
	"licsim/reports/part"
	"licsim/scenarios"
)

// Where the pods see things, and the limits the manifest keeps to.
const (
	k8sScenarioDir = "/scenario" // the ConfigMap, read-only; the pods' working folder
	k8sResultsDir  = "/results"  // the shared volume
	k8sScenarioKey = "scenario.toml"
	k8sContainer   = "licsim"
	// k8sMaxShards is Kubernetes' limit on completions of an Indexed Job.
	k8sMaxShards = 100_000
	// k8sMaxName leaves room in 63-character names and labels for the
	// suffixes: "-merge", "-results", "-scenario", and the pods' index.
	k8sMaxName = 40
	// k8sMaxConfigMap leaves room under Kubernetes' 1 MiB limit on a
	// ConfigMap for its metadata.
	k8sMaxConfigMap = 1000 * 1000
	// k8sUser is the nonroot user of the distroless image.
	k8sUser = 65532
)

// k8sJobFlags are the flags of `licsim k8s-job`.
type k8sJobFlags struct {
	shards, reps, parallelism int
	seed                      uint64
	seedSet, repsSet          bool
	image, name, arch         string
	storageClass, storage     string
	cpu, memory               string
	wait                      time.Duration
}

func (f *k8sJobFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.shards, "shards", 0, "number of shards `N`: pods, each running about R/N replications (required)")
	fs.StringVar(&f.image, "image", "", "container `image` built from cmd/licsim/Dockerfile (required)")
	fs.Func("reps", "replications (default: the scenario's `replications`)", func(v string) error {
		_, err := fmt.Sscan(v, &f.reps)
		f.repsSet = true
		return err
	})
	fs.Func("seed", "base seed (default: the scenario's `seed`)", func(s string) error {
		x, err := strconv.ParseUint(s, 10, 64)
		f.seed, f.seedSet = x, true
		return err
	})
	fs.StringVar(&f.name, "name", "", "`name` of the Jobs, prefix of the other resources; a DNS label of at most 40 characters (default: licsim-SCENARIO)")
	fs.IntVar(&f.parallelism, "parallelism", 16, "at most `P` shard pods at a time")
	fs.StringVar(&f.storageClass, "storage-class", "", "storage `class` of the results volume; it must offer ReadWriteMany (default: the cluster's default class)")
	fs.StringVar(&f.storage, "storage", "", "`size` of the results volume, such as 5Gi (default: an estimate for the replications, at least 1Gi)")
	fs.StringVar(&f.cpu, "cpu", "1", "CPU request of each pod, such as 2 or 500m; a shard runs that many replications at a time")
	fs.StringVar(&f.memory, "memory", "1Gi", "memory request and limit of each pod")
	fs.DurationVar(&f.wait, "wait", 12*time.Hour, "how long the merge Job waits for the shards' parts")
	fs.StringVar(&f.arch, "arch", "amd64", "CPU `architecture` every pod runs on (node label kubernetes.io/arch; empty: any). Floating point may round differently on another architecture")
}

var (
	dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	quantity = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$`)
	cpuQty   = regexp.MustCompile(`^([0-9]+(\.[0-9]+)?|[0-9]+m)$`)
	archName = regexp.MustCompile(`^[a-z0-9]*$`)
	k8sDNS   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$`)
	// podPath is a scenario path the pods can use as given: relative,
	// plain characters, no empty, "..", or dash-led elements.
	podPath = regexp.MustCompile(`^[A-Za-z0-9_.][A-Za-z0-9._-]*(/[A-Za-z0-9_.][A-Za-z0-9._-]*)*$`)
)

// check validates the flags, all problems at once.
func (f *k8sJobFlags) check() error {
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	if f.shards < 1 || f.shards > k8sMaxShards {
		bad("--shards %d: must be in [1, %d]", f.shards, k8sMaxShards)
	}
	if f.image == "" || strings.ContainsFunc(f.image, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		bad("--image %q: required, without spaces", f.image)
	}
	if f.repsSet && (f.reps < 1 || f.reps > model.MaxReplications) {
		bad("--reps %d: must be in [1, %d]", f.reps, model.MaxReplications)
	}
	if f.name != "" && (len(f.name) > k8sMaxName || !dnsLabel.MatchString(f.name)) {
		bad("--name %q: lower-case letters, digits and '-', starting and ending with a letter or digit, at most %d characters", f.name, k8sMaxName)
	}
	if f.parallelism < 1 {
		bad("--parallelism %d: must be at least 1", f.parallelism)
	}
	if f.storageClass != "" && (len(f.storageClass) > 253 || !k8sDNS.MatchString(f.storageClass)) {
		bad("--storage-class %q: not a Kubernetes name", f.storageClass)
	}
	if f.storage != "" && !quantity.MatchString(f.storage) {
		bad("--storage %q: want a size such as 5Gi", f.storage)
	}
	if !cpuQty.MatchString(f.cpu) || cpuWorkers(f.cpu) < 1 {
		bad("--cpu %q: want a CPU amount such as 2, 1.5 or 500m", f.cpu)
	}
	if !quantity.MatchString(f.memory) {
		bad("--memory %q: want a size such as 512Mi or 2Gi", f.memory)
	}
	if f.wait <= 0 {
		bad("--wait %s: must be positive", f.wait)
	}
	if !archName.MatchString(f.arch) {
		bad("--arch %q: an architecture such as amd64 or arm64", f.arch)
	}
	if len(errs) > 0 {
		return usageErr("k8s-job: %s", strings.Join(errs, "; "))
	}
	return nil
}

// cpuWorkers is the number of replications a pod with this CPU request
// runs at a time: the request rounded up, so that a pod uses what it
// asked for rather than every CPU of its node.
func cpuWorkers(cpu string) int {
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

func cmdK8sJob(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("k8s-job", flag.ContinueOnError)
	var f k8sJobFlags
	f.register(fs)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		helpFor(fs, "k8s-job", stdout)
		fmt.Fprint(stdout, `
Prints one YAML file for "kubectl apply -f": a ConfigMap with the
scenario's text, a ReadWriteMany PersistentVolumeClaim for the results, an
Indexed Job of N pods (pod K runs "licsim run FILE --shard K/N" with K its
JOB_COMPLETION_INDEX and writes its part to the volume) and a merge Job
("licsim merge --wait") that writes the reports of the whole run next to
the parts. The merged files are byte for byte those of
"licsim run FILE --reps R --seed S" on the same CPU architecture.

Needs Kubernetes 1.29 or later (backoffLimitPerIndex) and a storage class
offering ReadWriteMany (NFS, CephFS, Azure Files, EFS, Filestore...).
Build the image with:
  docker build --platform linux/amd64 -f cmd/licsim/Dockerfile -t IMAGE .
`)
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("k8s-job: want one scenario, FILE or NAME; got %d", len(pos))
	}
	if err := f.check(); err != nil {
		return err
	}
	m, err := newManifest(pos[0], &f)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := m.write(&b); err != nil {
		return err
	}
	if _, err := stdout.Write(b.Bytes()); err != nil {
		return err
	}
	if m.fallback {
		fmt.Fprintf(stderr, "note: the pods read the scenario as %q (they cannot use the path %q), so report.html's command names %q\n",
			m.runArg, pos[0], m.runArg)
	}
	if f.shards > m.cfg.Replications {
		fmt.Fprintf(stderr, "note: %d shards for %d replications: %d shards have nothing to run\n",
			f.shards, m.cfg.Replications, f.shards-m.cfg.Replications)
	}
	fmt.Fprintf(stderr, "%d shards of %s; merged reports in %s on volume %s\n", f.shards, m.runArg, m.mergedDir(), m.pvc())
	return nil
}

// manifest is what k8s-job prints, resolved.
type manifest struct {
	f      *k8sJobFlags
	cfg    *model.Config
	text   []byte
	name   string // the shard Job; prefix of the rest
	item   string // the scenario's path under /scenario in the pods
	runArg string // the scenario argument the pods give to run
	// fallback: the pods cannot use the argument as given.
	fallback bool
	runID    string // names the run's folder on the volume
	storage  string
}

func newManifest(arg string, f *k8sJobFlags) (*manifest, error) {
	srcName, text, err := scenarios.Source(arg)
	if err != nil {
		return nil, err
	}
	if len(text) > k8sMaxConfigMap {
		return nil, &scenarios.InputError{File: srcName, Err: fmt.Errorf("%d bytes: too big for a ConfigMap (at most %d)", len(text), k8sMaxConfigMap)}
	}
	// Parse the very text the pods will get, so that the manifest's
	// numbers are theirs.
	cfg, err := scenarios.Parse(srcName, text)
	if err != nil {
		return nil, err
	}
	if f.repsSet {
		cfg.Replications = f.reps
	}
	if f.seedSet {
		cfg.Seed = f.seed
	}
	m := &manifest{f: f, cfg: cfg, text: text}
	m.item, m.runArg, m.fallback = podScenario(arg)
	m.name = f.name
	if m.name == "" {
		m.name = k8sName(arg)
	}
	hash, err := part.ConfigHash(cfg)
	if err != nil {
		return nil, err
	}
	id := sha256.Sum256(fmt.Appendf(nil, "%s\n%s\n%d\n%d\n%d\n%s", hash, m.runArg, cfg.Seed, cfg.Replications, f.shards, f.arch))
	m.runID = "run-" + hex.EncodeToString(id[:])[:12]
	m.storage = f.storage
	if m.storage == "" {
		m.storage = estimateStorage(cfg)
	}
	return m, nil
}

// podScenario returns where the scenario lies under /scenario in the
// pods and the argument they give to run. The pods work in /scenario, so
// a relative path can be kept as given: the merged report then shows the
// command a user runs on one machine, byte for byte. Other arguments
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
		base = k8sScenarioKey
	}
	return base, base, true
}

// k8sName derives a resource name from the scenario argument:
// "scenarios/Big Org.toml" gives "licsim-big-org".
func k8sName(arg string) string {
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
	if len(name) > k8sMaxName {
		name = strings.TrimRight(name[:k8sMaxName], "-")
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

func (m *manifest) pvc() string       { return m.name + "-results" }
func (m *manifest) configMap() string { return m.name + "-scenario" }
func (m *manifest) mergeJob() string  { return m.name + "-merge" }
func (m *manifest) partsDir() string  { return path.Join(k8sResultsDir, m.runID, "parts") }
func (m *manifest) mergedDir() string { return path.Join(k8sResultsDir, m.runID, "merged") }

func (m *manifest) labels(component string) map[string]string {
	return map[string]string{
		"app.kubernetes.io/name":      "licsim",
		"app.kubernetes.io/instance":  m.name,
		"app.kubernetes.io/component": component,
	}
}

// write prints the manifest: a comment saying how to use it, then the
// ConfigMap, the volume, the shard Job and the merge Job. The wait in the
// comment allows an hour for the merge itself beyond the merge's --wait.
func (m *manifest) write(w io.Writer) error {
	cfg, f := m.cfg, m.f
	fmt.Fprintf(w, `# Generated by licsim k8s-job: scenario %q, %d replications, seed %d, in %d shards.
#   kubectl apply -f THIS_FILE
#   kubectl wait --for=condition=complete --timeout=%s job/%s
#   kubectl logs job/%s    # the headline table
# The merged reports are in %s on the volume %s,
# byte for byte those of: %s
`, cfg.Name, cfg.Replications, cfg.Seed, f.shards, f.wait+time.Hour, m.mergeJob(), m.mergeJob(),
		m.mergedDir(), m.pvc(), reproduce("run", []string{m.runArg}, "", cfg))
	docs := []any{
		k8sDoc{APIVersion: "v1", Kind: "ConfigMap",
			Metadata: k8sMeta{Name: m.configMap(), Labels: m.labels("scenario")},
			Data:     map[string]string{k8sScenarioKey: string(m.text)}},
		k8sDoc{APIVersion: "v1", Kind: "PersistentVolumeClaim",
			Metadata: k8sMeta{Name: m.pvc(), Labels: m.labels("results")},
			Spec: pvcSpec{AccessModes: []string{"ReadWriteMany"}, StorageClassName: f.storageClass,
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
func (m *manifest) shardJob() k8sDoc {
	f := m.f
	perIndex := 2
	c := m.container([]string{
		"run", m.runArg,
		"--shard", fmt.Sprintf("$(JOB_COMPLETION_INDEX)/%d", f.shards),
		"--reps", strconv.Itoa(m.cfg.Replications),
		"--seed", strconv.FormatUint(m.cfg.Seed, 10),
		"--workers", strconv.Itoa(cpuWorkers(f.cpu)),
		"--out", m.partsDir(),
		"--quiet",
	})
	c.WorkingDir = k8sScenarioDir
	// Defined here rather than left to the Job controller, so that the
	// $(JOB_COMPLETION_INDEX) in the arguments expands on any version.
	c.Env = []envVar{{Name: "JOB_COMPLETION_INDEX", ValueFrom: &envSource{FieldRef: fieldRef{
		FieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}}
	c.VolumeMounts = append([]volumeMount{{Name: "scenario", MountPath: k8sScenarioDir, ReadOnly: true}}, c.VolumeMounts...)
	spec := m.podSpec(c)
	spec.Volumes = append([]volume{{Name: "scenario", ConfigMap: &configMapVolume{Name: m.configMap(),
		Items: []keyToPath{{Key: k8sScenarioKey, Path: m.item}}}}}, spec.Volumes...)
	return k8sDoc{APIVersion: "batch/v1", Kind: "Job",
		Metadata: k8sMeta{Name: m.name, Labels: m.labels("shard")},
		Spec: jobSpec{
			CompletionMode:       "Indexed",
			Completions:          f.shards,
			Parallelism:          min(f.shards, f.parallelism),
			BackoffLimitPerIndex: &perIndex,
			PodFailurePolicy:     failurePolicy("FailIndex"),
			Template:             podTemplate{Metadata: k8sMeta{Labels: m.labels("shard")}, Spec: spec},
		}}
}

// mergeJobDoc is the Job that waits for the parts and merges them.
func (m *manifest) mergeJobDoc() k8sDoc {
	backoff := 2
	c := m.container([]string{"merge", m.partsDir(), "--wait", m.f.wait.String(), "--out", m.mergedDir()})
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
		{Action: onBadInput, OnExitCodes: &exitCodes{ContainerName: k8sContainer, Operator: "In", Values: []int{2}}},
		{Action: "Ignore", OnPodConditions: []podCondition{{Type: "DisruptionTarget", Status: "True"}}},
	}}
}

func (m *manifest) container(args []string) container {
	f := m.f
	no := false
	return container{
		Name: k8sContainer, Image: f.image, Args: args,
		Resources: resources{
			Requests: map[string]string{"cpu": f.cpu, "memory": f.memory},
			Limits:   map[string]string{"memory": f.memory},
		},
		SecurityContext: &containerSecurity{AllowPrivilegeEscalation: &no, ReadOnlyRootFilesystem: true,
			Capabilities: capabilities{Drop: []string{"ALL"}}},
		VolumeMounts: []volumeMount{{Name: "results", MountPath: k8sResultsDir}},
	}
}

func (m *manifest) podSpec(c container) podSpec {
	var nodes map[string]string
	if m.f.arch != "" {
		nodes = map[string]string{"kubernetes.io/arch": m.f.arch}
	}
	return podSpec{
		RestartPolicy: "Never",
		NodeSelector:  nodes,
		SecurityContext: &podSecurity{RunAsNonRoot: true, RunAsUser: k8sUser, RunAsGroup: k8sUser, FSGroup: k8sUser,
			SeccompProfile: seccompProfile{Type: "RuntimeDefault"}},
		Containers: []container{c},
		Volumes:    []volume{{Name: "results", PersistentVolumeClaim: &pvcVolume{ClaimName: m.pvc()}}},
	}
}

// The Kubernetes objects, as far as the manifest uses them. Fields are
// in the order kubectl shows them; yaml.v3 keeps struct order, so the
// output is the same bytes every time.
type (
	k8sDoc struct {
		APIVersion string            `yaml:"apiVersion"`
		Kind       string            `yaml:"kind"`
		Metadata   k8sMeta           `yaml:"metadata"`
		Data       map[string]string `yaml:"data,omitempty"`
		Spec       any               `yaml:"spec,omitempty"`
	}
	k8sMeta struct {
		Name   string            `yaml:"name,omitempty"`
		Labels map[string]string `yaml:"labels,omitempty"`
	}
	pvcSpec struct {
		AccessModes      []string  `yaml:"accessModes"`
		StorageClassName string    `yaml:"storageClassName,omitempty"`
		Resources        resources `yaml:"resources"`
	}
	resources struct {
		Requests map[string]string `yaml:"requests,omitempty"`
		Limits   map[string]string `yaml:"limits,omitempty"`
	}
	jobSpec struct {
		CompletionMode       string            `yaml:"completionMode,omitempty"`
		Completions          int               `yaml:"completions"`
		Parallelism          int               `yaml:"parallelism"`
		BackoffLimit         *int              `yaml:"backoffLimit,omitempty"`
		BackoffLimitPerIndex *int              `yaml:"backoffLimitPerIndex,omitempty"`
		PodFailurePolicy     *podFailurePolicy `yaml:"podFailurePolicy,omitempty"`
		Template             podTemplate       `yaml:"template"`
	}
	podFailurePolicy struct {
		Rules []podFailureRule `yaml:"rules"`
	}
	podFailureRule struct {
		Action          string         `yaml:"action"`
		OnExitCodes     *exitCodes     `yaml:"onExitCodes,omitempty"`
		OnPodConditions []podCondition `yaml:"onPodConditions,omitempty"`
	}
	exitCodes struct {
		ContainerName string `yaml:"containerName"`
		Operator      string `yaml:"operator"`
		Values        []int  `yaml:"values,flow"`
	}
	podCondition struct {
		Type   string `yaml:"type"`
		Status string `yaml:"status"`
	}
	podTemplate struct {
		Metadata k8sMeta `yaml:"metadata"`
		Spec     podSpec `yaml:"spec"`
	}
	podSpec struct {
		RestartPolicy   string            `yaml:"restartPolicy"`
		NodeSelector    map[string]string `yaml:"nodeSelector,omitempty"`
		SecurityContext *podSecurity      `yaml:"securityContext,omitempty"`
		Containers      []container       `yaml:"containers"`
		Volumes         []volume          `yaml:"volumes"`
	}
	podSecurity struct {
		RunAsNonRoot   bool           `yaml:"runAsNonRoot"`
		RunAsUser      int            `yaml:"runAsUser"`
		RunAsGroup     int            `yaml:"runAsGroup"`
		FSGroup        int            `yaml:"fsGroup"`
		SeccompProfile seccompProfile `yaml:"seccompProfile"`
	}
	seccompProfile struct {
		Type string `yaml:"type"`
	}
	container struct {
		Name            string             `yaml:"name"`
		Image           string             `yaml:"image"`
		WorkingDir      string             `yaml:"workingDir,omitempty"`
		Args            []string           `yaml:"args"`
		Env             []envVar           `yaml:"env,omitempty"`
		Resources       resources          `yaml:"resources"`
		SecurityContext *containerSecurity `yaml:"securityContext,omitempty"`
		VolumeMounts    []volumeMount      `yaml:"volumeMounts"`
	}
	envVar struct {
		Name      string     `yaml:"name"`
		ValueFrom *envSource `yaml:"valueFrom,omitempty"`
	}
	envSource struct {
		FieldRef fieldRef `yaml:"fieldRef"`
	}
	fieldRef struct {
		FieldPath string `yaml:"fieldPath"`
	}
	containerSecurity struct {
		AllowPrivilegeEscalation *bool        `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   bool         `yaml:"readOnlyRootFilesystem"`
		Capabilities             capabilities `yaml:"capabilities"`
	}
	capabilities struct {
		Drop []string `yaml:"drop"`
	}
	volumeMount struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		ReadOnly  bool   `yaml:"readOnly,omitempty"`
	}
	volume struct {
		Name                  string           `yaml:"name"`
		ConfigMap             *configMapVolume `yaml:"configMap,omitempty"`
		PersistentVolumeClaim *pvcVolume       `yaml:"persistentVolumeClaim,omitempty"`
	}
	configMapVolume struct {
		Name  string      `yaml:"name"`
		Items []keyToPath `yaml:"items"`
	}
	keyToPath struct {
		Key  string `yaml:"key"`
		Path string `yaml:"path"`
	}
	pvcVolume struct {
		ClaimName string `yaml:"claimName"`
	}
)
