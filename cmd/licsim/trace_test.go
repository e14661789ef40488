package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTraceCommand traces employee 46, who is on staff from the
// baseline's warm-up into the run (employee 66 left before start: a
// trace has nothing before start).
func TestTraceCommand(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"trace", "baseline", "--employee", "46", "--rep", "0"}, &out, &errb)
	require.NoError(t, err, errb.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.NotEmpty(t, lines)
	for _, l := range lines {
		var ev struct {
			Day      string `json:"day"`
			Event    string `json:"event"`
			Employee int    `json:"employee"`
		}
		require.NoError(t, json.Unmarshal([]byte(l), &ev), l)
		assert.Equal(t, 46, ev.Employee, l)
		assert.NotEmpty(t, ev.Event)
	}

	// The same scenario and seed give the same trace.
	var again bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"trace", "baseline", "--employee", "46"}, &again, &errb))
	assert.Equal(t, out.String(), again.String())
}

func TestTraceCommandBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"trace"},
		{"trace", "baseline", "--rep", "-1"},
		{"trace", "baseline", "--nonsense"},
		{"trace", "no-such-scenario.toml"},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), args, &out, &errb)
		require.Error(t, err, "%v", args)
		assert.Equal(t, 2, exitCode(err, &errb), "%v: %v", args, err)
		assert.Empty(t, out.String(), "%v: nothing on stdout", args)
	}
	var out, errb bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"trace", "--help"}, &out, &errb))
	assert.Contains(t, out.String(), "--employee")
}
