package slurmtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Daemons are the Slurm programs a cluster needs; Start fails with
// ErrMissing when one is not installed.
var Daemons = []string{"slurmctld", "slurmd", "sbatch", "sinfo", "scontrol", "scancel"}

// ErrMissing says that Slurm is not installed; `make deps` installs it.
var ErrMissing = errors.New("slurm is not installed (make deps installs slurmctld, slurmd and slurm-client)")

// Partition is the one partition of the cluster, its default.
const Partition = "debug"

// ReadyTimeout bounds how long Start waits for the node to be idle.
const ReadyTimeout = 30 * time.Second

// stopGrace is how long Stop lets a daemon end after SIGTERM before it
// sends SIGKILL.
const stopGrace = 5 * time.Second

// Cluster is a running private cluster: one slurmctld and one slurmd
// whose node has the machine's CPUs.
type Cluster struct {
	// Dir holds everything of the cluster: slurm.conf, state, spool,
	// log and run.
	Dir string
	// Conf is the absolute path of slurm.conf; the client commands find
	// it through SLURM_CONF (see Env).
	Conf string
	// Node is the node's name, the machine's short host name.
	Node string
	// CPUs is the node's CPU count.
	CPUs int

	daemons []*daemon
}

// daemon is one started daemon and what its end reported.
type daemon struct {
	name string
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd.Wait returned
	err  error         // cmd.Wait's error, valid after done
}

// New starts a cluster in a fresh temporary folder of t and stops it when
// t ends. It fails t (never skips it) when Slurm is missing or does not
// come up, so that a machine without Slurm cannot pass the tests that need
// it.
func New(t testing.TB) *Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), ReadyTimeout+10*time.Second)
	defer cancel()
	c, err := Start(ctx, t.TempDir())
	if c != nil {
		t.Cleanup(func() {
			if err := c.Stop(); err != nil {
				t.Errorf("slurmtest: %v", err)
			}
		})
	}
	if err != nil {
		t.Fatalf("slurmtest: %v", err)
	}
	return c
}

// Start writes a configuration under dir and starts slurmctld and slurmd
// on it, then waits until the node is idle (at most ReadyTimeout, or until
// ctx ends). When it fails after starting a daemon, it returns the Cluster
// too, already stopped, and the error carries the daemons' logs.
func Start(ctx context.Context, dir string) (*Cluster, error) {
	paths := map[string]string{}
	for _, p := range Daemons {
		path, err := lookPath(p)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMissing, err)
		}
		paths[p] = path
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("start slurm: %w", err)
	}
	c := &Cluster{Dir: dir, Conf: filepath.Join(dir, "slurm.conf"), Node: shortHostname(), CPUs: runtime.NumCPU()}
	if err := c.writeConfig(); err != nil {
		return nil, fmt.Errorf("start slurm: %w", err)
	}
	// -D: foreground, so that the pid we hold is the daemon's; -c: no
	// state from an earlier cluster in the same folder.
	if err := c.start(paths["slurmctld"], "-D", "-c", "-f", c.Conf); err != nil {
		return c, c.fail(err)
	}
	if err := c.start(paths["slurmd"], "-D", "-c", "-f", c.Conf, "-N", c.Node); err != nil {
		return c, c.fail(err)
	}
	if err := c.waitIdle(ctx); err != nil {
		return c, c.fail(err)
	}
	return c, nil
}

// fail stops the cluster and returns err with the daemons' logs.
func (c *Cluster) fail(err error) error {
	if serr := c.Stop(); serr != nil {
		err = errors.Join(err, serr)
	}
	return fmt.Errorf("start slurm in %s: %w\n%s", c.Dir, err, c.Logs())
}

// writeConfig creates the folders and slurm.conf. auth/none and
// cred/none need no munge daemon; proctrack/linuxproc and task/none need
// no cgroups, which containers often lack. MinJobAge=5 keeps `sbatch
// --wait` polling every 2 seconds: it sleeps 2, 8, then 32 seconds between
// looks unless the sleep would exceed MinJobAge/2, which made a 5-second
// job take up to 42. batch_sched_delay=0 and sched_min_interval (0.1 s)
// let the scheduler start a job as soon as resources or a dependency
// allow, rather than on its next pass seconds later.
func (c *Cluster) writeConfig() error {
	for _, d := range []string{"state", "spool", "log", "run"} {
		if err := os.MkdirAll(filepath.Join(c.Dir, d), 0o755); err != nil {
			return err
		}
	}
	ports, err := freePorts(2)
	if err != nil {
		return err
	}
	u, err := user.Current()
	if err != nil {
		return err
	}
	mem, err := realMemoryMB()
	if err != nil {
		return err
	}
	p := func(elem ...string) string { return filepath.Join(append([]string{c.Dir}, elem...)...) }
	conf := fmt.Sprintf(`# Written by licsim's slurmtest: a private single-node cluster.
ClusterName=licsimtest
SlurmctldHost=%[1]s(127.0.0.1)
SlurmctldPort=%[2]d
SlurmdPort=%[3]d
AuthType=auth/none
CredType=cred/none
SlurmUser=%[4]s
SlurmdUser=%[4]s
StateSaveLocation=%[5]s
SlurmdSpoolDir=%[6]s
SlurmctldPidFile=%[7]s
SlurmdPidFile=%[8]s
SlurmctldLogFile=%[9]s
SlurmdLogFile=%[10]s
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=5
SchedulerParameters=batch_sched_delay=0,sched_min_interval=100000
NodeName=%[1]s NodeAddr=127.0.0.1 CPUs=%[11]d RealMemory=%[12]d State=UNKNOWN
PartitionName=%[13]s Nodes=ALL Default=YES MaxTime=INFINITE State=UP
`, c.Node, ports[0], ports[1], u.Username,
		p("state"), p("spool"), p("run", "slurmctld.pid"), p("run", "slurmd.pid"),
		p("log", "slurmctld.log"), p("log", "slurmd.log"), c.CPUs, mem, Partition)
	return os.WriteFile(c.Conf, []byte(conf), 0o644)
}

// lookPath finds a Slurm program on PATH or in /usr/sbin, where Debian
// puts the daemons and which a user's PATH often lacks.
func lookPath(name string) (string, error) {
	path, err := exec.LookPath(name)
	if err == nil {
		return path, nil
	}
	if fi, serr := os.Stat(filepath.Join("/usr/sbin", name)); serr == nil && fi.Mode()&0o111 != 0 {
		return filepath.Join("/usr/sbin", name), nil
	}
	return "", err
}

// start starts one daemon in its own process group, its output in
// log/NAME.out. Pdeathsig ends it should the test process die without
// running its cleanups (a test timeout, a kill).
func (c *Cluster) start(path string, args ...string) error {
	name := filepath.Base(path)
	out, err := os.Create(filepath.Join(c.Dir, "log", name+".out"))
	if err != nil {
		return err
	}
	defer out.Close() // the child has its own copy
	cmd := exec.Command(path, args...)
	cmd.Env = c.Env()
	cmd.Dir = c.Dir
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	d := &daemon{name: name, cmd: cmd, done: make(chan struct{})}
	go func() { d.err = cmd.Wait(); close(d.done) }()
	c.daemons = append(c.daemons, d)
	return nil
}

// waitIdle polls until the node is idle, a daemon has died, or the time
// is up.
func (c *Cluster) waitIdle(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, ReadyTimeout)
	defer cancel()
	var last string
	for {
		for _, d := range c.daemons {
			select {
			case <-d.done:
				return fmt.Errorf("%s ended early: %v", d.name, d.err)
			default:
			}
		}
		out, err := c.Command(ctx, "sinfo", "-h", "-N", "-n", c.Node, "-o", "%T").CombinedOutput()
		state := strings.TrimSpace(string(out))
		if err == nil && state == "idle" {
			return nil
		}
		last = state
		if err != nil {
			last = fmt.Sprintf("%s (%v)", state, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("node %s not idle after %s, last state %q: %w", c.Node, ReadyTimeout, last, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Env is the environment of the client commands (sbatch, sinfo...): the
// process's own with SLURM_CONF pointing at the cluster's configuration.
func (c *Cluster) Env() []string {
	env := make([]string, 0, len(os.Environ())+1)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SLURM_") {
			env = append(env, kv)
		}
	}
	return append(env, "SLURM_CONF="+c.Conf)
}

// Command is a client command (sbatch, squeue, scontrol...) talking to
// this cluster.
func (c *Cluster) Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = c.Env()
	return cmd
}

// Sbatch runs sbatch with args against this cluster and returns its
// standard output, trimmed: with --parsable, the job id. The error
// carries sbatch's standard error.
func (c *Cluster) Sbatch(ctx context.Context, args ...string) (string, error) {
	cmd := c.Command(ctx, "sbatch", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return strings.TrimSpace(stdout.String()), fmt.Errorf("sbatch %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}

// Logs returns the daemons' logs, for error messages: the last lines of
// each.
func (c *Cluster) Logs() string {
	var b strings.Builder
	for _, f := range []string{"slurmctld.log", "slurmd.log", "slurmctld.out", "slurmd.out"} {
		data, err := os.ReadFile(filepath.Join(c.Dir, "log", f))
		if err != nil || len(data) == 0 {
			continue
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		lines = lines[max(0, len(lines)-30):]
		fmt.Fprintf(&b, "--- %s (last %d lines)\n%s\n", f, len(lines), strings.Join(lines, "\n"))
	}
	return b.String()
}

// Stop cancels the cluster's jobs, then ends both daemons: SIGTERM to
// each one's process group, SIGKILL after a grace period, and waits for
// them. It is safe to call more than once.
func (c *Cluster) Stop() error {
	if len(c.daemons) == 0 {
		return nil
	}
	// Best effort: jobs still running would outlive slurmd in their
	// slurmstepd processes.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	_ = c.Command(ctx, "scancel", "--full", "--quiet", "--user", strconv.Itoa(os.Getuid())).Run()
	cancel()
	var errs []error
	for i := len(c.daemons) - 1; i >= 0; i-- {
		d := c.daemons[i]
		pid := d.cmd.Process.Pid
		_ = syscall.Kill(-pid, syscall.SIGTERM)
		select {
		case <-d.done:
		case <-time.After(stopGrace):
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			select {
			case <-d.done:
			case <-time.After(stopGrace):
				errs = append(errs, fmt.Errorf("%s (pid %d) did not end after SIGKILL", d.name, pid))
			}
		}
	}
	c.daemons = nil
	return errors.Join(errs...)
}

// freePorts returns n distinct TCP ports that were free on 127.0.0.1 a
// moment ago.
func freePorts(n int) ([]int, error) {
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("free port: %w", err)
		}
		defer l.Close() // held until all are chosen, so that they differ
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// realMemoryMB is 90% of MemTotal from /proc/meminfo, in MiB: slurmd
// drains a node that has less memory than configured, so stay below it.
func realMemoryMB() (int, error) {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				return 0, fmt.Errorf("meminfo: %w", err)
			}
			return max(1, kb/1024*9/10), nil
		}
	}
	return 0, errors.New("meminfo: no MemTotal")
}

// shortHostname is `hostname -s`: slurmd names its node after it.
func shortHostname() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "localhost"
	}
	h, _, _ = strings.Cut(h, ".")
	return h
}

// PIDs returns the process ids of the running daemons, slurmctld first.
func (c *Cluster) PIDs() []int {
	var pids []int
	for _, d := range c.daemons {
		pids = append(pids, d.cmd.Process.Pid)
	}
	return pids
}
