package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowReports is a scenario whose replications are quick and whose
// reports are not: 240 months of monthly percentiles over many
// replications.
const slowReports = `name = "quick replications, slow reports"
start = 2025-01-01
months = 240
replications = 6000
[population]
headcount = 5
admins = 0
hires_per_month = 0.0
[[product]]
id = "p"
added = 2020-01-01
price_annual = 5.00
`

// TestSignals_StopRenderingAndLeaveNothing: SIGTERM while the reports
// are being written (the stage's temporary folder exists) stops the
// binary within a second with exit code 143 and leaves nothing behind;
// SIGINT and SIGHUP during the simulation exit with 130 and 129. Ctrl-C
// after the simulation once waited 15-23 s for every report, and
// SIGTERM was not handled at all.
func TestSignals_StopRenderingAndLeaveNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	bin := licsimBinary(t)
	scenario := filepath.Join(t.TempDir(), "slow.toml")
	require.NoError(t, os.WriteFile(scenario, []byte(slowReports), 0o644))
	for _, c := range []struct {
		sig       syscall.Signal
		code      int
		rendering bool
	}{
		{syscall.SIGTERM, 143, true},
		{syscall.SIGINT, 130, false},
		{syscall.SIGHUP, 129, false},
	} {
		t.Run(c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bin, "run", scenario, "--out", filepath.Join(dir, "out"), "--workers", "2")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			if c.rendering {
				// The stage's folder appears once the replications are done.
				deadline := time.Now().Add(60 * time.Second)
				for {
					entries, _ := os.ReadDir(dir)
					if len(entries) > 0 {
						break
					}
					require.True(t, time.Now().Before(deadline), "the reports never started")
					time.Sleep(20 * time.Millisecond)
				}
				time.Sleep(100 * time.Millisecond)
			} else {
				time.Sleep(300 * time.Millisecond)
			}
			sent := time.Now()
			require.NoError(t, cmd.Process.Signal(c.sig))
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("still running 5 s after %s", c.sig)
			}
			took := time.Since(sent)
			assert.Less(t, took, time.Second, "stopped within a second")
			assert.Equal(t, c.code, cmd.ProcessState.ExitCode(), stderr.String())
			assert.Contains(t, stderr.String(), "nothing was written")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, entries, "no output and no temporary folder left")
		})
	}
}

// TestSignals_SecondExitsAtOnce: the first signal cancels with its
// cause; a second one exits at once with its code.
func TestSignals_SecondExitsAtOnce(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	exited := make(chan int, 1)
	var stderr syncBuffer
	stop := notifySignals(cancel, &stderr, func(code int) { exited <- code })
	defer stop()
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGHUP))
	select {
	case <-ctx.Done():
	case <-time.After(2 * time.Second):
		t.Fatal("the first signal did not cancel")
	}
	var se *signalError
	require.True(t, errors.As(context.Cause(ctx), &se))
	assert.Equal(t, 129, se.exitCode())
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	select {
	case code := <-exited:
		assert.Equal(t, 130, code)
	case <-time.After(2 * time.Second):
		t.Fatal("the second signal did not exit")
	}
	assert.Contains(t, stderr.String(), "SIGINT (Ctrl-C) again: exiting at once")
}

// TestRun_CauseGivesTheExitCode: a command stopped by a signal or by the
// memory guard exits with the signal's code, or 1 for out of memory,
// never 2 (bad input).
func TestRun_CauseGivesTheExitCode(t *testing.T) {
	for _, c := range []struct {
		cause error
		code  int
		msg   string
	}{
		{&signalError{syscall.SIGTERM}, 143, "stopped by SIGTERM; nothing was written"},
		{&signalError{syscall.SIGINT}, 130, "stopped by SIGINT (Ctrl-C)"},
		{&outOfMemoryError{used: 5 << 30, limit: 4 << 30}, 1, "out of memory: the run took 5.0 GiB, over its limit of 4.0 GiB"},
	} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(c.cause)
		out := t.TempDir()
		_, stderr, code := licsim(t, ctx, "run", "--reps", "5", "--out", out)
		assert.Equal(t, c.code, code, stderr)
		assert.Contains(t, stderr, c.msg)
		entries, _ := os.ReadDir(out)
		assert.Empty(t, entries)
	}
}

// TestGuardMemory: memory over the limit cancels with an out-of-memory
// cause.
func TestGuardMemory(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := guardMemory(ctx, cancel, 100, func() int64 { return 150 }, time.Millisecond)
	defer stop()
	select {
	case <-ctx.Done():
	case <-time.After(2 * time.Second):
		t.Fatal("the guard did not cancel")
	}
	var oe *outOfMemoryError
	require.True(t, errors.As(context.Cause(ctx), &oe))
	assert.Equal(t, 1, exitCode(withCause(ctx, context.Canceled), &bytes.Buffer{}))
	assert.Greater(t, heapBytes(), int64(0))
}

// syncBuffer is a bytes.Buffer safe for a writing goroutine and a
// reading test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
