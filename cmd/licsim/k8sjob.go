package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"licsim/cmd/internal/cluster"
	"licsim/scenarios"
)

// k8sJobFlags are the flags of `licsim k8s-job`: the Jobs' spec, and
// --reps and --seed, which the pods get as given so that the merged
// reports name the same command as a run on one machine.
type k8sJobFlags struct {
	scenarioFlags
	spec cluster.JobSpec
}

func (f *k8sJobFlags) register(fs *flag.FlagSet) {
	s := &f.spec
	wholeVar(fs, &s.Shards, "shards", 0, 0, math.MaxInt32, "number of shards `N`: pods, each running about R/N replications (required)")
	fs.StringVar(&s.Image, "image", "", "container `image` built from cmd/licsim/Dockerfile (required)")
	f.scenarioFlags.register(fs)
	fs.StringVar(&s.Name, "name", "", "`name` of the Jobs, prefix of the other resources; a DNS label of at most 40 characters (default: licsim-SCENARIO)")
	wholeVar(fs, &s.Parallelism, "parallelism", 16, 0, math.MaxInt32, "at most `P` shard pods at a time")
	fs.StringVar(&s.StorageClass, "storage-class", "", "storage `class` of the results volume; it must offer ReadWriteMany (default: the cluster's default class)")
	fs.StringVar(&s.Storage, "storage", "", "`size` of the results volume, such as 5Gi (default: an estimate for the replications, at least 1Gi)")
	fs.StringVar(&s.CPU, "cpu", "1", "CPU request of each pod, such as 2 or 500m; a shard runs that many replications at a time")
	fs.StringVar(&s.Memory, "memory", "1Gi", "memory request and limit of each pod")
	fs.DurationVar(&s.Wait, "wait", 12*time.Hour, "how long the merge Job waits for the shards' parts")
	fs.StringVar(&s.Arch, "arch", "amd64", "CPU `architecture` every pod runs on (node label kubernetes.io/arch; empty: any). Floating point may round differently on another architecture")
}

// check validates the flags, all problems at once.
func (f *k8sJobFlags) check() error {
	probs := f.spec.Problems()
	if len(probs) > 0 {
		return usageErr("k8s-job: %s", strings.Join(probs, "; "))
	}
	return nil
}

const k8sJobHelp = `
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
`

// cmdK8sJob prints the manifest that runs a scenario in shards on a
// Kubernetes cluster, and notes on stderr what the user may not expect.
func cmdK8sJob(fs *flag.FlagSet) action {
	var f k8sJobFlags
	f.register(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		arg := args[0]
		if err := f.check(); err != nil {
			return err
		}
		// The pods get the scenario's text and load it as this command
		// does, with the same overrides, so the manifest's numbers are
		// theirs.
		file, text, err := scenarios.Source(arg)
		if err != nil {
			return err
		}
		cfg, err := loadScenario(arg, f.overrides()...)
		if err != nil {
			return err
		}
		if p := f.spec.MemoryProblem(cfg, f.spec.Shards); p != "" {
			return usageErr("k8s-job: %s", p)
		}
		m, err := cluster.New(f.spec, cluster.Scenario{Arg: arg, File: file, Text: text, Config: cfg})
		if err != nil {
			return err
		}
		// Print nothing unless the whole manifest is ready.
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			return err
		}
		if _, err := stdout.Write(b.Bytes()); err != nil {
			return err
		}
		if m.Fallback {
			fmt.Fprintf(stderr, "note: the pods read the scenario as %q (they cannot use the path %q), so report.html's command names %q\n",
				m.RunArg, arg, m.RunArg)
		}
		if shards := f.spec.Shards; shards > cfg.Replications {
			fmt.Fprintf(stderr, "note: %d shards for %d replications: %d shards have nothing to run\n",
				shards, cfg.Replications, shards-cfg.Replications)
		}
		fmt.Fprintf(stderr, "%d shards of %s; merged reports in %s on volume %s\n", f.spec.Shards, m.RunArg, m.MergedDir(), m.Volume())
		return nil
	}
}
