package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"licsim/cmd/internal/cluster"
	"licsim/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// k8sJob runs `licsim k8s-job` in-process and returns the manifest.
func k8sJob(t *testing.T, args ...string) (manifest, stderr string) {
	t.Helper()
	stdout, stderr, code := licsim(t, context.Background(), append([]string{"k8s-job"}, args...)...)
	require.Equal(t, 0, code, stderr)
	return stdout, stderr
}

// obj is a parsed Kubernetes object: JSON-like maps, as kubectl sees it.
type obj = map[string]any

// docs parses every document of a manifest with sigs.k8s.io/yaml, the
// library kubectl's machinery uses.
func docs(t *testing.T, manifest string) []obj {
	t.Helper()
	var out []obj
	for i, d := range strings.Split(manifest, "\n---\n") {
		// The separator line takes the line break before it: give it back,
		// or the last document's final line break would go.
		var o obj
		require.NoError(t, yaml.UnmarshalStrict([]byte(d+"\n"), &o), "document %d", i)
		out = append(out, o)
	}
	return out
}

// get walks a path of map keys and list indexes; it fails the test when
// the path does not exist.
func get(t *testing.T, o any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := o.(obj)
			require.True(t, ok, "%v: not a map at %q", path[:i], k)
			o, ok = m[k]
			require.True(t, ok, "%v: no %q", path[:i], k)
		case int:
			l, ok := o.([]any)
			require.True(t, ok && k < len(l), "%v: no item %d", path[:i], k)
			o = l[k]
		}
	}
	return o
}

func str(t *testing.T, o any, path ...any) string {
	t.Helper()
	s, ok := get(t, o, path...).(string)
	require.True(t, ok, "%v is a string", path)
	return s
}

func strs(t *testing.T, o any, path ...any) []string {
	t.Helper()
	l, ok := get(t, o, path...).([]any)
	require.True(t, ok, "%v is a list", path)
	var s []string
	for _, x := range l {
		s = append(s, fmt.Sprint(x))
	}
	return s
}

// byKind indexes the objects by kind and name.
func byKind(t *testing.T, objs []obj) map[string]obj {
	t.Helper()
	m := map[string]obj{}
	for _, o := range objs {
		m[str(t, o, "kind")+"/"+str(t, o, "metadata", "name")] = o
	}
	return m
}

var rfc1123 = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

func TestK8sJob_Golden(t *testing.T) {
	manifest, stderr := k8sJob(t, "testdata/cluster.toml", "--shards", "7", "--image", "registry.example.com/licsim:v1", "--reps", "20", "--seed", "5")
	path := filepath.Join("testdata", "k8s-job.yaml")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(manifest), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./cmd/licsim -run K8sJob_Golden -update creates it")
	assert.Equal(t, string(want), manifest, "the manifest differs from %s (go test ./cmd/licsim -run K8sJob_Golden -update rewrites it)", path)
	assert.Regexp(t, `^7 shards of testdata/cluster.toml; merged reports in /results/run-[0-9a-f]{12}/merged on volume licsim-cluster-results\n$`, stderr)

	again, _ := k8sJob(t, "testdata/cluster.toml", "--shards", "7", "--image", "registry.example.com/licsim:v1", "--reps", "20", "--seed", "5")
	assert.Equal(t, manifest, again, "the same bytes every time")
}

// TestK8sJob_IndexedJobFields: the manifest parses as YAML and has what
// Kubernetes requires of each object and of an Indexed Job, and its
// references (volumes, claim, ConfigMap key, parts folder) hold together.
func TestK8sJob_IndexedJobFields(t *testing.T) {
	const n = 7
	manifest, _ := k8sJob(t, "testdata/cluster.toml", "--shards", fmt.Sprint(n), "--image", "registry.example.com/licsim:v1",
		"--reps", "20", "--seed", "5", "--parallelism", "3", "--storage-class", "nfs-client", "--cpu", "2")
	objs := docs(t, manifest)
	require.Len(t, objs, 4)
	for _, o := range objs {
		name := str(t, o, "metadata", "name")
		assert.Regexp(t, rfc1123, name)
		assert.LessOrEqual(t, len(name), 63)
		assert.NotEmpty(t, str(t, o, "apiVersion"))
	}
	all := byKind(t, objs)
	cm, pvc := all["ConfigMap/licsim-cluster-scenario"], all["PersistentVolumeClaim/licsim-cluster-results"]
	job, merge := all["Job/licsim-cluster"], all["Job/licsim-cluster-merge"]
	require.NotNil(t, cm)
	require.NotNil(t, pvc)
	require.NotNil(t, job)
	require.NotNil(t, merge)

	assert.Equal(t, "v1", str(t, pvc, "apiVersion"))
	assert.Equal(t, []string{"ReadWriteMany"}, strs(t, pvc, "spec", "accessModes"))
	assert.Equal(t, "nfs-client", str(t, pvc, "spec", "storageClassName"))
	assert.Equal(t, "1Gi", str(t, pvc, "spec", "resources", "requests", "storage"))

	// The ConfigMap holds the scenario's text, which parses back into the
	// same configuration.
	text := str(t, cm, "data", cluster.ScenarioKey)
	src, err := os.ReadFile("testdata/cluster.toml")
	require.NoError(t, err)
	assert.Equal(t, string(src), text)
	want, err := scenarios.Load("testdata/cluster.toml")
	require.NoError(t, err)
	got, err := scenarios.Parse("configmap", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, want, got)

	// The Indexed Job.
	assert.Equal(t, "batch/v1", str(t, job, "apiVersion"))
	assert.Equal(t, "Indexed", str(t, job, "spec", "completionMode"))
	assert.EqualValues(t, n, get(t, job, "spec", "completions"))
	assert.EqualValues(t, 3, get(t, job, "spec", "parallelism"))
	assert.EqualValues(t, 2, get(t, job, "spec", "backoffLimitPerIndex"))
	assert.Equal(t, "FailIndex", str(t, job, "spec", "podFailurePolicy", "rules", 0, "action"))
	pod := get(t, job, "spec", "template", "spec")
	assert.Equal(t, "Never", str(t, pod, "restartPolicy"), "podFailurePolicy needs Never")
	c := get(t, pod, "containers", 0)
	assert.Equal(t, "licsim", str(t, c, "name"))
	assert.Equal(t, "registry.example.com/licsim:v1", str(t, c, "image"))
	assert.Equal(t, cluster.ScenarioDir, str(t, c, "workingDir"))
	args := strs(t, c, "args")
	require.GreaterOrEqual(t, len(args), 2)
	assert.Equal(t, []string{"run", "testdata/cluster.toml"}, args[:2], "the path as given, so that report.html shows the same command")
	flags := map[string]string{}
	for i := 2; i+1 < len(args); i += 2 {
		flags[args[i]] = args[i+1]
	}
	assert.Equal(t, fmt.Sprintf("$(JOB_COMPLETION_INDEX)/%d", n), flags["--shard"])
	assert.Equal(t, "20", flags["--reps"])
	assert.Equal(t, "5", flags["--seed"])
	assert.Equal(t, "2", flags["--workers"], "as many workers as CPUs requested")
	assert.Regexp(t, `^/results/run-[0-9a-f]{12}/parts$`, flags["--out"])
	assert.Equal(t, "--quiet", args[len(args)-1])
	assert.Equal(t, "JOB_COMPLETION_INDEX", str(t, c, "env", 0, "name"))
	assert.Equal(t, "metadata.annotations['batch.kubernetes.io/job-completion-index']", str(t, c, "env", 0, "valueFrom", "fieldRef", "fieldPath"))
	assert.Equal(t, "2", str(t, c, "resources", "requests", "cpu"))

	// Every mount names a volume; the volumes name the claim and the
	// ConfigMap, and the ConfigMap item puts the scenario where the
	// arguments look for it.
	checkVolumes := func(pod any) map[string]any {
		vols := map[string]any{}
		for _, v := range get(t, pod, "volumes").([]any) {
			vols[str(t, v, "name")] = v
		}
		for _, m := range get(t, pod, "containers", 0, "volumeMounts").([]any) {
			assert.Contains(t, vols, str(t, m, "name"))
		}
		assert.Equal(t, "licsim-cluster-results", str(t, vols["results"], "persistentVolumeClaim", "claimName"))
		return vols
	}
	vols := checkVolumes(pod)
	assert.Equal(t, "licsim-cluster-scenario", str(t, vols["scenario"], "configMap", "name"))
	assert.Equal(t, cluster.ScenarioKey, str(t, vols["scenario"], "configMap", "items", 0, "key"))
	assert.Equal(t, "testdata/cluster.toml", str(t, vols["scenario"], "configMap", "items", 0, "path"))

	// The merge Job waits for the parts the shards write.
	assert.Equal(t, "batch/v1", str(t, merge, "apiVersion"))
	assert.EqualValues(t, 1, get(t, merge, "spec", "completions"))
	mpod := get(t, merge, "spec", "template", "spec")
	assert.Equal(t, "Never", str(t, mpod, "restartPolicy"))
	checkVolumes(mpod)
	margs := strs(t, mpod, "containers", 0, "args")
	assert.Equal(t, []string{"merge", flags["--out"], "--wait", "12h0m0s", "--out", strings.TrimSuffix(flags["--out"], "parts") + "merged"}, margs)
}

// TestK8sJob_RunsAsTheClusterWould plays the cluster: the scenario from
// the ConfigMap at its item path under a stand-in for /scenario, each
// pod's arguments with its JOB_COMPLETION_INDEX, the merge Job's
// arguments, and a stand-in for the volume. The merged files equal
// those of `licsim run` on one machine, report.html's command included.
func TestK8sJob_RunsAsTheClusterWould(t *testing.T) {
	licsim := licsimBinary(t)
	const n = 3
	manifest, _ := k8sJob(t, "testdata/cluster.toml", "--shards", fmt.Sprint(n), "--image", "licsim:test", "--reps", "5")
	all := byKind(t, docs(t, manifest))
	root := t.TempDir()
	volume := filepath.Join(root, "volume")
	pod := func(a []string) []string {
		var out []string
		for _, s := range a {
			if rest, ok := strings.CutPrefix(s, cluster.ResultsDir+"/"); ok {
				s = filepath.Join(volume, rest)
			}
			out = append(out, s)
		}
		return out
	}
	cm := all["ConfigMap/licsim-cluster-scenario"]
	spec := get(t, all["Job/licsim-cluster"], "spec", "template", "spec")
	item := str(t, spec, "volumes", 0, "configMap", "items", 0, "path")
	scenarioDir := filepath.Join(root, "scenario")
	require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(scenarioDir, item)), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(scenarioDir, item), []byte(str(t, cm, "data", cluster.ScenarioKey)), 0o644))

	args := strs(t, spec, "containers", 0, "args")
	for k := range n {
		a := pod(args)
		for i := range a {
			a[i] = strings.ReplaceAll(a[i], "$(JOB_COMPLETION_INDEX)", fmt.Sprint(k))
		}
		p := exe(licsim, scenarioDir, a...)
		require.Equal(t, 0, p.code, "pod %d: %s", k, p.stderr)
	}
	margs := pod(strs(t, all["Job/licsim-cluster-merge"], "spec", "template", "spec", "containers", 0, "args"))
	p := exe(licsim, "", margs...)
	require.Equal(t, 0, p.code, p.stderr)

	whole := filepath.Join(root, "whole")
	p = exe(licsim, "", "run", "testdata/cluster.toml", "--reps", "5", "--out", whole, "--quiet")
	require.Equal(t, 0, p.code, p.stderr)
	sameFiles(t, whole, margs[len(margs)-1])
	report, err := os.ReadFile(filepath.Join(whole, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(report), "licsim run testdata/cluster.toml --reps 5 --seed 5")
}

// TestK8sJob_ShippedScenario: a shipped name travels as its TOML text and
// the pods give the name as given.
func TestK8sJob_ShippedScenario(t *testing.T) {
	manifest, stderr := k8sJob(t, "baseline", "--shards", "40", "--image", "licsim:test", "--reps", "30")
	assert.Contains(t, stderr, "note: 40 shards for 30 replications: 10 shards have nothing to run")
	all := byKind(t, docs(t, manifest))
	cm := all["ConfigMap/licsim-baseline-scenario"]
	require.NotNil(t, cm)
	got, err := scenarios.Parse("configmap", []byte(str(t, cm, "data", cluster.ScenarioKey)))
	require.NoError(t, err)
	want, err := scenarios.Load("baseline")
	require.NoError(t, err)
	assert.Equal(t, want, got)
	spec := get(t, all["Job/licsim-baseline"], "spec", "template", "spec")
	assert.Equal(t, "baseline", str(t, spec, "volumes", 0, "configMap", "items", 0, "path"))
	assert.Equal(t, []string{"run", "baseline"}, strs(t, spec, "containers", 0, "args")[:2])
	assert.EqualValues(t, 16, get(t, all["Job/licsim-baseline"], "spec", "parallelism"), "the default cap")
}

func TestK8sJob_StorageEstimate(t *testing.T) {
	// The merge pod holds every replication's results: 8Gi.
	manifest, _ := k8sJob(t, "baseline", "--shards", "100", "--image", "licsim:test", "--reps", "1000000", "--memory", "8Gi")
	pvc := byKind(t, docs(t, manifest))["PersistentVolumeClaim/licsim-baseline-results"]
	// The baseline has 11 catalog products and catalog growth, so 19 monthly
	// series: about 4 KB per replication in the parts, with room.
	assert.Equal(t, "6Gi", str(t, pvc, "spec", "resources", "requests", "storage"))
	manifest, _ = k8sJob(t, "baseline", "--shards", "2", "--image", "licsim:test", "--storage", "50Gi")
	pvc = byKind(t, docs(t, manifest))["PersistentVolumeClaim/licsim-baseline-results"]
	assert.Equal(t, "50Gi", str(t, pvc, "spec", "resources", "requests", "storage"))
}

func TestK8sJob_Help(t *testing.T) {
	stdout, _, code := licsim(t, context.Background(), "k8s-job", "--help")
	assert.Equal(t, 0, code)
	for _, s := range []string{"Usage: licsim k8s-job FILE --shards N --image IMAGE", "-shards N", "-image image", "-reps", "-seed",
		"-name name", "-storage-class class", "-storage size", "-cpu", "-memory", "-parallelism P", "-wait", "-arch",
		"Indexed Job", "JOB_COMPLETION_INDEX", "kubectl apply", "docker build"} {
		assert.Contains(t, stdout, s)
	}
}

func TestK8sJob_BadInput(t *testing.T) {
	ok := []string{"--shards", "3", "--image", "licsim:1"}
	huge := filepath.Join(t.TempDir(), "huge.toml")
	require.NoError(t, os.WriteFile(huge, []byte(strings.Repeat("# padding\n", 110_000)), 0o644))
	for name, args := range map[string][]string{
		"no scenario":      ok,
		"two scenarios":    append([]string{"baseline", "baseline"}, ok...),
		"no such scenario": append([]string{filepath.Join(t.TempDir(), "nope.toml")}, ok...),
		"too big":          append([]string{huge}, ok...),
		"no shards":        {"baseline", "--image", "licsim:1"},
		"zero shards":      {"baseline", "--shards", "0", "--image", "licsim:1"},
		"too many shards":  {"baseline", "--shards", "100001", "--image", "licsim:1"},
		"no image":         {"baseline", "--shards", "3"},
		"image with space": {"baseline", "--shards", "3", "--image", "lic sim"},
		"bad name":         append([]string{"baseline", "--name", "Licsim_Run"}, ok...),
		"long name":        append([]string{"baseline", "--name", strings.Repeat("a", 41)}, ok...),
		"bad reps":         append([]string{"baseline", "--reps", "-2"}, ok...),
		"bad seed":         append([]string{"baseline", "--seed", "-2"}, ok...),
		"bad cpu":          append([]string{"baseline", "--cpu", "lots"}, ok...),
		"zero cpu":         append([]string{"baseline", "--cpu", "0"}, ok...),
		"bad memory":       append([]string{"baseline", "--memory", "1 GB"}, ok...),
		"bad storage":      append([]string{"baseline", "--storage", "big"}, ok...),
		"bad class":        append([]string{"baseline", "--storage-class", "NFS!"}, ok...),
		"zero wait":        append([]string{"baseline", "--wait", "0s"}, ok...),
		"bad arch":         append([]string{"baseline", "--arch", "x86 64"}, ok...),
		"bad parallelism":  append([]string{"baseline", "--parallelism", "0"}, ok...),
		"unknown flag":     append([]string{"baseline", "--namespace", "x"}, ok...),
		"image upper-case": {"baseline", "--shards", "3", "--image", "Registry.example.com/LicSim:1"},
		"image url":        {"baseline", "--shards", "3", "--image", "https://registry.example.com/licsim:1"},
		"image bad digest": {"baseline", "--shards", "3", "--image", "licsim@sha256:123"},
		"memory below":     append([]string{"baseline", "--memory", "64Mi"}, ok...),
		"memory for merge": append([]string{"baseline", "--reps", "1000000", "--shards", "100"}, "--image", "licsim:1"),
	} {
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := licsim(t, context.Background(), append([]string{"k8s-job"}, args...)...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout, "no half manifest")
		})
	}
}
