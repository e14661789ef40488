package cluster

// This file is compiled into the tests only: k8s.io/api would add about
// 14 MB to the licsim binary (and its image) for a check that the tests
// already make over every kind of manifest the command writes.

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"

	"licsim/scenarios"
)

// Check decodes every document of a manifest strictly (a field the API's
// types do not have is an error) into the type its kind names, among
// batch/v1 Job, v1 ConfigMap and v1 PersistentVolumeClaim, and runs the
// API server's validation rules that apply without a cluster: required
// fields, names and labels, quantities, Indexed Job bounds, and the
// references between the objects (volumes, claim, ConfigMap key). It
// returns every problem at once, joined, or nil.
//
// The rules are those of k8s.io/kubernetes/pkg/apis/{core,batch}/validation,
// restated for the fields the manifest uses: that package is not
// importable on its own.
func Check(manifest []byte) error {
	var errs []error
	configMaps := map[string]*corev1.ConfigMap{}
	claims := map[string]bool{}
	var jobs []*batchv1.Job
	for i, doc := range bytes.Split(manifest, []byte("\n---\n")) {
		var meta struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if err := yaml.Unmarshal(doc, &meta); err != nil {
			errs = append(errs, fmt.Errorf("document %d: %w", i+1, err))
			continue
		}
		where := fmt.Sprintf("document %d (%s %s)", i+1, meta.APIVersion, meta.Kind)
		var obj any
		switch meta.APIVersion + " " + meta.Kind {
		case "v1 ConfigMap":
			cm := &corev1.ConfigMap{}
			obj = cm
		case "v1 PersistentVolumeClaim":
			obj = &corev1.PersistentVolumeClaim{}
		case "batch/v1 Job":
			obj = &batchv1.Job{}
		default:
			errs = append(errs, fmt.Errorf("%s: not a kind the manifest holds", where))
			continue
		}
		if err := yaml.UnmarshalStrict(doc, obj); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
			continue
		}
		var probs []string
		switch o := obj.(type) {
		case *corev1.ConfigMap:
			probs = checkConfigMap(o)
			configMaps[o.Name] = o
		case *corev1.PersistentVolumeClaim:
			probs = checkClaim(o)
			claims[o.Name] = true
		case *batchv1.Job:
			probs = checkJob(o)
			jobs = append(jobs, o)
		}
		for _, p := range probs {
			errs = append(errs, fmt.Errorf("%s: %s", where, p))
		}
	}
	for _, j := range jobs {
		for _, p := range checkRefs(j, configMaps, claims) {
			errs = append(errs, fmt.Errorf("job %s: %s", j.Name, p))
		}
	}
	return errors.Join(errs...)
}

// problems prefixes each of msgs (validation's answers) with field and
// the value.
func problems(field, value string, msgs []string) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, fmt.Sprintf("%s %q: %s", field, value, m))
	}
	return out
}

// checkMeta checks a name (a DNS-1123 subdomain; dnsLabel: a label, as
// the names that become host names or label values must be) and labels.
func checkMeta(field, name string, labels map[string]string, dnsLabel bool) []string {
	var probs []string
	if name == "" && field == "metadata" {
		probs = append(probs, "metadata.name: required")
	} else if name != "" {
		if dnsLabel {
			probs = append(probs, problems(field+".name", name, validation.IsDNS1123Label(name))...)
		} else {
			probs = append(probs, problems(field+".name", name, validation.IsDNS1123Subdomain(name))...)
		}
	}
	for k, v := range labels {
		probs = append(probs, problems(field+".labels key", k, validation.IsQualifiedName(k))...)
		probs = append(probs, problems(field+".labels["+k+"]", v, validation.IsValidLabelValue(v))...)
	}
	return probs
}

func checkConfigMap(cm *corev1.ConfigMap) []string {
	probs := checkMeta("metadata", cm.Name, cm.Labels, false)
	size := 0
	for k, v := range cm.Data {
		probs = append(probs, problems("data key", k, validation.IsConfigMapKey(k))...)
		size += len(k) + len(v)
	}
	if size > corev1.MaxSecretSize { // the same 1 MiB bound applies to ConfigMaps
		probs = append(probs, fmt.Sprintf("data: %d bytes, more than %d", size, corev1.MaxSecretSize))
	}
	return probs
}

func checkClaim(pvc *corev1.PersistentVolumeClaim) []string {
	probs := checkMeta("metadata", pvc.Name, pvc.Labels, false)
	if len(pvc.Spec.AccessModes) == 0 {
		probs = append(probs, "spec.accessModes: required")
	}
	for _, m := range pvc.Spec.AccessModes {
		switch m {
		case corev1.ReadWriteOnce, corev1.ReadOnlyMany, corev1.ReadWriteMany, corev1.ReadWriteOncePod:
		default:
			probs = append(probs, fmt.Sprintf("spec.accessModes: unknown mode %q", m))
		}
	}
	if c := pvc.Spec.StorageClassName; c != nil && *c != "" {
		probs = append(probs, problems("spec.storageClassName", *c, validation.IsDNS1123Subdomain(*c))...)
	}
	if q, ok := pvc.Spec.Resources.Requests[corev1.ResourceStorage]; !ok || q.Sign() <= 0 {
		probs = append(probs, "spec.resources.requests.storage: required, positive")
	}
	return probs
}

// maxIndexedCompletions is the API's bound on completions and
// parallelism of an Indexed Job.
const maxIndexedCompletions = 100_000

func checkJob(j *batchv1.Job) []string {
	// The Job's name becomes the pods' job-name label and, for an Indexed
	// Job, the prefix of their host names: a DNS label.
	probs := checkMeta("metadata", j.Name, j.Labels, true)
	s := j.Spec
	bad := func(format string, a ...any) { probs = append(probs, fmt.Sprintf(format, a...)) }
	if s.Completions == nil || *s.Completions < 1 {
		bad("spec.completions: required, at least 1")
	}
	if s.Parallelism == nil || *s.Parallelism < 0 {
		bad("spec.parallelism: required, not negative")
	}
	indexed := s.CompletionMode != nil && *s.CompletionMode == batchv1.IndexedCompletion
	if s.CompletionMode != nil && !indexed && *s.CompletionMode != batchv1.NonIndexedCompletion {
		bad("spec.completionMode %q: want Indexed or NonIndexed", *s.CompletionMode)
	}
	if indexed {
		if s.Completions != nil && *s.Completions > maxIndexedCompletions {
			bad("spec.completions %d: at most %d for an Indexed Job", *s.Completions, maxIndexedCompletions)
		}
		if s.Parallelism != nil && *s.Parallelism > maxIndexedCompletions {
			bad("spec.parallelism %d: at most %d for an Indexed Job", *s.Parallelism, maxIndexedCompletions)
		}
	}
	if s.BackoffLimitPerIndex != nil {
		if !indexed {
			bad("spec.backoffLimitPerIndex: only for completionMode Indexed")
		}
		if *s.BackoffLimitPerIndex < 0 {
			bad("spec.backoffLimitPerIndex %d: not negative", *s.BackoffLimitPerIndex)
		}
	}
	if s.BackoffLimit != nil && *s.BackoffLimit < 0 {
		bad("spec.backoffLimit %d: not negative", *s.BackoffLimit)
	}
	pod := s.Template.Spec
	if p := s.PodFailurePolicy; p != nil {
		if pod.RestartPolicy != corev1.RestartPolicyNever {
			bad("spec.podFailurePolicy: needs template.spec.restartPolicy Never")
		}
		for i, r := range p.Rules {
			switch r.Action {
			case batchv1.PodFailurePolicyActionFailJob, batchv1.PodFailurePolicyActionIgnore, batchv1.PodFailurePolicyActionCount:
			case batchv1.PodFailurePolicyActionFailIndex:
				if s.BackoffLimitPerIndex == nil {
					bad("spec.podFailurePolicy.rules[%d]: FailIndex needs backoffLimitPerIndex", i)
				}
			default:
				bad("spec.podFailurePolicy.rules[%d].action %q: unknown", i, r.Action)
			}
			if (r.OnExitCodes == nil) == (len(r.OnPodConditions) == 0) {
				bad("spec.podFailurePolicy.rules[%d]: exactly one of onExitCodes and onPodConditions", i)
			}
		}
	}
	switch pod.RestartPolicy {
	case corev1.RestartPolicyNever, corev1.RestartPolicyOnFailure:
	default:
		bad("spec.template.spec.restartPolicy %q: a Job's pods restart Never or OnFailure", pod.RestartPolicy)
	}
	probs = append(probs, checkMeta("spec.template.metadata", j.Spec.Template.Name, j.Spec.Template.Labels, false)...)
	probs = append(probs, checkPod(&pod)...)
	return probs
}

func checkPod(pod *corev1.PodSpec) []string {
	var probs []string
	bad := func(format string, a ...any) { probs = append(probs, fmt.Sprintf(format, a...)) }
	volumes := map[string]bool{}
	for i, v := range pod.Volumes {
		probs = append(probs, problems(fmt.Sprintf("spec.template.spec.volumes[%d].name", i), v.Name, validation.IsDNS1123Label(v.Name))...)
		if volumes[v.Name] {
			bad("spec.template.spec.volumes: %q twice", v.Name)
		}
		volumes[v.Name] = true
		if cm := v.ConfigMap; cm != nil {
			for _, it := range cm.Items {
				if it.Path == "" || path.IsAbs(it.Path) || strings.HasPrefix(it.Path, "..") || strings.Contains(it.Path, "/..") {
					bad("volume %s: item path %q: relative, no element starting with '..'", v.Name, it.Path)
				}
			}
		}
	}
	if len(pod.Containers) == 0 {
		bad("spec.template.spec.containers: required")
	}
	for _, c := range pod.Containers {
		probs = append(probs, problems("container name", c.Name, validation.IsDNS1123Label(c.Name))...)
		if p := ImageProblem(c.Image); p != "" {
			bad("container %s: image %q: %s", c.Name, c.Image, p)
		}
		if c.WorkingDir != "" && !path.IsAbs(c.WorkingDir) {
			bad("container %s: workingDir %q: want an absolute path", c.Name, c.WorkingDir)
		}
		for _, e := range c.Env {
			probs = append(probs, problems("env name", e.Name, validation.IsEnvVarName(e.Name))...)
		}
		for name, q := range c.Resources.Requests {
			if l, ok := c.Resources.Limits[name]; ok && q.Cmp(l) > 0 {
				bad("container %s: requests.%s %s above limits.%s %s", c.Name, name, q.String(), name, l.String())
			}
			if q.Sign() < 0 {
				bad("container %s: requests.%s %s: not negative", c.Name, name, q.String())
			}
		}
		for _, m := range c.VolumeMounts {
			if !volumes[m.Name] {
				bad("container %s: volumeMount %q: no such volume", c.Name, m.Name)
			}
			if !path.IsAbs(m.MountPath) {
				bad("container %s: mountPath %q: want an absolute path", c.Name, m.MountPath)
			}
		}
	}
	return probs
}

// checkRefs checks that the Job's volumes name the manifest's ConfigMap,
// key and claim.
func checkRefs(j *batchv1.Job, configMaps map[string]*corev1.ConfigMap, claims map[string]bool) []string {
	var probs []string
	for _, v := range j.Spec.Template.Spec.Volumes {
		if cm := v.ConfigMap; cm != nil {
			m, ok := configMaps[cm.Name]
			if !ok {
				probs = append(probs, fmt.Sprintf("volume %s: ConfigMap %q is not in the manifest", v.Name, cm.Name))
				continue
			}
			for _, it := range cm.Items {
				if _, ok := m.Data[it.Key]; !ok {
					probs = append(probs, fmt.Sprintf("volume %s: ConfigMap %s has no key %q", v.Name, cm.Name, it.Key))
				}
			}
		}
		if c := v.PersistentVolumeClaim; c != nil && !claims[c.ClaimName] {
			probs = append(probs, fmt.Sprintf("volume %s: claim %q is not in the manifest", v.Name, c.ClaimName))
		}
	}
	return probs
}

// manifest writes the manifest of spec for a shipped scenario or a file.
func manifest(t *testing.T, spec JobSpec, arg string, sets ...scenarios.Set) []byte {
	t.Helper()
	_, text, err := scenarios.Source(arg)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := scenarios.Load(arg, sets...)
	if err != nil {
		t.Fatal(err)
	}
	if probs := spec.Problems(); len(probs) > 0 {
		t.Fatalf("spec: %v", probs)
	}
	m, err := New(spec, Scenario{Arg: arg, File: arg, Text: text, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestManifest_PassesAPIChecks decodes every object of the manifests
// k8s-job writes for several flag combinations strictly into the API's
// types and runs the API's offline rules on them.
func TestManifest_PassesAPIChecks(t *testing.T) {
	base := JobSpec{Shards: 7, Parallelism: 16, Image: "registry.example.com/licsim:v1", Arch: "amd64", CPU: "1", Memory: "1Gi", Wait: 12 * time.Hour}
	tests := []struct {
		name string
		edit func(*JobSpec)
		arg  string
		sets []scenarios.Set
	}{
		{"defaults", func(*JobSpec) {}, "baseline", nil},
		{"one shard", func(s *JobSpec) { s.Shards = 1 }, "baseline", nil},
		{"more shards than parallelism", func(s *JobSpec) { s.Shards, s.Parallelism = 40, 3 }, "baseline", nil},
		{"every option", func(s *JobSpec) {
			s.Name, s.StorageClass, s.Storage, s.CPU, s.Memory, s.Arch, s.Wait = "run-42", "nfs.csi.k8s.io", "5Gi", "2500m", "3Gi", "arm64", time.Minute
			s.Image = "localhost:5000/team/licsim_sim@sha256:" + strings.Repeat("ab", 32)
		}, "baseline", []scenarios.Set{{Key: "replications", Value: "50"}, {Key: "seed", Value: "9"}}},
		{"any architecture", func(s *JobSpec) { s.Arch = "" }, "enterprise", nil},
		{"fractional cpu", func(s *JobSpec) { s.CPU, s.Memory = "1.5", "2G" }, "trials-only", nil},
		{"a path with a space falls back", func(*JobSpec) {}, "testdata/odd name.toml", nil},
		{"the most shards", func(s *JobSpec) { s.Shards = MaxShards }, "baseline", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := base
			tt.edit(&spec)
			if err := Check(manifest(t, spec, tt.arg, tt.sets...)); err != nil {
				t.Errorf("the manifest fails the API's checks:\n%v", err)
			}
		})
	}
}

// TestCheck_Refuses: the check itself catches what the API server would
// refuse, so that passing it means something.
func TestCheck_Refuses(t *testing.T) {
	good := string(manifest(t, JobSpec{Shards: 3, Parallelism: 16, Image: "licsim:1", CPU: "1", Memory: "1Gi", Wait: time.Hour}, "baseline"))
	if err := Check([]byte(good)); err != nil {
		t.Fatal(err)
	}
	for name, tt := range map[string]struct{ old, new, want string }{
		"unknown field":         {"  completionMode: Indexed", "  completionMode: Indexed\n  completionsMode: Indexed", `unknown field "completionsMode"`},
		"bad quantity":          {"memory: 1Gi", "memory: 1 GB", "quantities must match"},
		"request above limit":   {"memory: 1Gi", "memory: 2Gi", "requests.memory 2Gi above limits.memory 1Gi"},
		"indexed bound":         {"completions: 3", "completions: 100001", "at most 100000"},
		"bad name":              {"name: licsim-baseline-merge", "name: Licsim_Merge", "metadata.name"},
		"bad label value":       {"app.kubernetes.io/component: merge", "app.kubernetes.io/component: -merge-", "labels"},
		"missing claim":         {"claimName: licsim-baseline-results", "claimName: elsewhere", `claim "elsewhere" is not in the manifest`},
		"missing key":           {"key: scenario.toml", "key: other.toml", `has no key "other.toml"`},
		"restart always":        {"restartPolicy: Never", "restartPolicy: Always", "restartPolicy"},
		"no image":              {"image: licsim:1", "image: \"\"", "image"},
		"per index not indexed": {"  completionMode: Indexed\n", "", "backoffLimitPerIndex: only for completionMode Indexed"},
	} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(good, tt.old) {
				t.Fatalf("the manifest has no %q", tt.old)
			}
			err := Check([]byte(strings.Replace(good, tt.old, tt.new, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// TestImageProblem: references as Docker and Kubernetes read them.
func TestImageProblem(t *testing.T) {
	for ref, ok := range map[string]bool{
		"licsim":                                     true,
		"licsim:1":                                   true,
		"registry.example.com/licsim:v1.2-rc_3":      true,
		"localhost:5000/licsim":                      true,
		"ghcr.io/org/team/licsim:latest":             true,
		"my-registry:443/a__b/c.d/e--f":              true,
		"licsim@sha256:" + strings.Repeat("0", 64):   true,
		"licsim:1@sha256:" + strings.Repeat("f", 64): true,
		"":                                      false,
		"lic sim":                               false,
		"Licsim":                                false,
		"registry.example.com/Licsim":           false,
		"licsim:":                               false,
		"licsim:-x":                             false,
		"licsim@sha256:abc":                     false,
		"licsim@md5:" + strings.Repeat("0", 32): false,
		"registry.example.com:port/licsim":      false,
		"/licsim":                               false,
		"licsim/":                               false,
		"a//b":                                  false,
		"licsim_":                               false,
		"https://registry.example.com/licsim":   false,
	} {
		if got := ImageProblem(ref) == ""; got != ok {
			t.Errorf("ImageProblem(%q) = %q; want ok %v", ref, ImageProblem(ref), ok)
		}
	}
}
