package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"licsim/cmd/internal/cluster"
	"licsim/model"
	"licsim/scenarios"
)

// slurmJobFlags are the flags of `licsim slurm-job`: the jobs' spec, --reps
// and --seed (overrides checked like the scenario's keys), where the
// scripts go, and whether to submit them.
type slurmJobFlags struct {
	scenarioFlags
	spec   cluster.SlurmSpec
	out    string
	submit bool
}

func (f *slurmJobFlags) register(fs *flag.FlagSet) {
	s := &f.spec
	wholeVar(fs, &s.Shards, "shards", 0, 0, math.MaxInt32, "number of shards `N`: array tasks, each running about R/N replications (required)")
	f.scenarioFlags.register(fs)
	fs.StringVar(&s.Partition, "partition", "", "Slurm `partition` (or comma-separated list) to run in (default: the cluster's default)")
	wholeVar(fs, &s.CPUs, "cpus", 1, 0, math.MaxInt32, "CPUs of each task (--cpus-per-task); a shard runs that many replications at a time")
	fs.StringVar(&s.Mem, "mem", "", "memory of each task (--mem), such as 4G or 4096M; at least the run's estimate (default: the cluster's default)")
	fs.StringVar(&s.Time, "time", "", "time limit of each task (--time): MM, HH:MM:SS, D-HH:MM... (default: the partition's)")
	fs.StringVar(&s.Results, "results", "", "shared `folder` every node sees at the same path; the run writes into FOLDER/RUNID/{parts,merged,logs} (default: the --out folder)")
	fs.StringVar(&s.Licsim, "licsim", "", "licsim `binary` on the nodes: an absolute path, or a name on their PATH (default: this binary's absolute path)")
	fs.StringVar(&f.out, "out", "slurm-job", "`folder` for the scripts and the scenario's copy; it must be shared too")
	fs.BoolVar(&f.submit, "submit", false, "submit the jobs with sbatch (on PATH, with the environment's SLURM_CONF) and wait for the merge; exit 0 only if it completed")
}

const slurmJobHelp = `
Writes into --out a copy of the scenario and three scripts: shards.sbatch,
a job array whose task K runs "licsim run FILE --shard K/N" (K is
SLURM_ARRAY_TASK_ID); merge.sbatch, which runs after the whole array
succeeded (--dependency=afterok) and writes the reports of the whole run;
and submit.sh, which submits both. It prints the commands that submit
them, to run on a login node, or with --submit runs them and waits.
The merged files are byte for byte those of
"licsim run FILE --reps R --seed S" on the same CPU architecture.

The nodes must see the --out folder, the --results folder and the licsim
binary at the same absolute paths as this machine: put them on the
cluster's shared file system (a home or project folder on NFS, Lustre,
GPFS...). Each run writes into its own folder RESULTS/RUNID, named after
the scenario, seed, replications and shards, so a rerun never mixes parts
of different runs:
  RESULTS/RUNID/parts    the shards' parts
  RESULTS/RUNID/merged   the reports of the whole run
  RESULTS/RUNID/logs     the jobs' output
`

// problems lists what is wrong with the flags (--reps and --seed are
// checked as they are read); the spec's own checks need the scenario and
// come later.
func (f *slurmJobFlags) problems() []string {
	var probs []string
	if f.out == "" {
		probs = append(probs, `--out "": want a folder`)
	}
	return probs
}

// cmdSlurmJob writes the Slurm jobs that run a scenario in shards and
// merge them, and prints the commands that submit them, or submits them
// and waits.
func cmdSlurmJob(fs *flag.FlagSet) action {
	var f slurmJobFlags
	f.register(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		arg := args[0]
		spec, cfg, err := f.resolve(arg)
		if err != nil {
			return err
		}
		var sbatch string
		if f.submit {
			if sbatch, err = exec.LookPath("sbatch"); err != nil {
				return fmt.Errorf("slurm-job --submit: sbatch is not on PATH (run on a login node of the cluster, or leave out --submit and run the printed commands there): %w", err)
			}
		}
		files, err := spec.Write(f.out)
		if err != nil {
			return err
		}
		if files.Fallback {
			fmt.Fprintf(stderr, "note: the jobs read the scenario as %q (they cannot use the path %q), so report.html's command names %q\n",
				files.ScenarioArg, arg, files.ScenarioArg)
		}
		fmt.Fprintf(stderr, "%d shards of %s (%d replications, seed %d); scripts in %s; merged reports will be in %s\n",
			spec.Shards, files.ScenarioArg, cfg.Replications, cfg.Seed, files.Dir, files.Merged)
		if !f.submit {
			fmt.Fprintf(stdout, "%s\n", strings.Join(files.Commands, "\n"))
			return nil
		}
		fmt.Fprintf(stderr, "submitting with %s and waiting for the merge\n", sbatch)
		return submitAndWait(ctx, files, cluster.Name(arg), stdout, stderr)
	}
}

// resolve loads the scenario with the flags' overrides and fills the
// spec, listing every problem of the flags and the scenario at once.
func (f *slurmJobFlags) resolve(arg string) (cluster.SlurmSpec, *model.Config, error) {
	probs := f.problems()
	spec := f.spec
	spec.Scenario = arg
	if spec.Results != "" {
		if abs, err := filepath.Abs(spec.Results); err == nil {
			spec.Results = abs
		}
	}
	if spec.Licsim == "" {
		self, err := os.Executable()
		if err != nil {
			return spec, nil, fmt.Errorf("slurm-job: this binary's path, for the jobs (give --licsim): %w", err)
		}
		spec.Licsim = self
	}
	var cfg *model.Config
	var loadErr error
	if len(probs) == 0 { // a bad --reps would be reported twice, as a key too
		_, spec.Text, loadErr = scenarios.Source(arg)
		if loadErr == nil {
			cfg, loadErr = loadScenario(arg, f.overrides()...)
		}
	}
	if cfg != nil {
		spec.Reps, spec.Seed = cfg.Replications, cfg.Seed
		if p := memProblem(spec.Mem, cfg, spec.Shards, spec.CPUs); p != "" {
			probs = append(probs, p)
		}
	} else {
		// Check the flags without the scenario: any replication count.
		spec.Text, spec.Reps = []byte{'\n'}, model.MaxReplications
	}
	if err := spec.Validate(); err != nil {
		for _, e := range unjoin(err) {
			probs = append(probs, e.Error())
		}
	}
	switch {
	case len(probs) > 0 && loadErr != nil:
		return spec, nil, usageErr("slurm-job: %s; %v", strings.Join(probs, "; "), loadErr)
	case len(probs) > 0:
		return spec, nil, usageErr("slurm-job: %s", strings.Join(probs, "; "))
	case loadErr != nil:
		return spec, nil, loadErr
	}
	return spec, cfg, nil
}

// unjoin returns the errors joined in err, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// memProblem refuses a --mem below what the tasks need
// (cluster.JobMemory: a shard running cpus replications at a time, and
// the merge): Slurm would kill a task mid-run.
// Sizes are Slurm's: K, M, G or T, powers of 1024, M without a suffix.
func memProblem(mem string, cfg *model.Config, shards, cpus int) string {
	if mem == "" || cpus < 1 || shards < 1 {
		return ""
	}
	unit := int64(1 << 20)
	num := mem
	if i := strings.IndexAny(mem, "KMGT"); i >= 0 {
		num = mem[:i]
		unit = map[byte]int64{'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30, 'T': 1 << 40}[mem[i]]
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		return "" // Validate names the bad size
	}
	need := cluster.JobMemory(cfg, shards, cpus)
	if n > (1<<62)/unit || n*unit >= need {
		return ""
	}
	return fmt.Sprintf("--mem %s: below the run's estimate of %dM per task (a shard running %d replications at a time, --cpus; the merge holding all %d replications' results); give at least --mem %dM",
		mem, (need+(1<<20)-1)>>20, min(cpus, (cfg.Replications+shards-1)/shards), cfg.Replications, (need+(1<<20)-1)>>20)
}

// submitAndWait runs submit.sh --wait: it submits the array and the merge
// and waits for the merge; it fails unless the merge completed and wrote
// the reports. name is the jobs' name. On Ctrl-C it stops waiting; the jobs stay queued, and the
// message says how to cancel them.
func submitAndWait(ctx context.Context, files cluster.SlurmFiles, name string, stdout, stderr io.Writer) error {
	cmd := exec.CommandContext(ctx, "/bin/bash", files.Submit, "--wait")
	cmd.Dir = files.Dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	// Its own process group, so that Ctrl-C ends sbatch --wait too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("slurm-job: stopped waiting; the jobs may still be queued (squeue --me; scancel --name %s,%s-merge): %w",
			name, name, ctx.Err())
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return fmt.Errorf("slurm-job: the jobs failed (exit code %d of %s); logs in %s", exit.ExitCode(), files.Submit, files.Logs)
	}
	if err != nil {
		return fmt.Errorf("slurm-job: %w", err)
	}
	return nil
}
