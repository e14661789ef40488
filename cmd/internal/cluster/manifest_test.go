package cluster

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestScenarioItem: the jobs keep a plain relative path as given and fall
// back to a cleaned base name for anything else.
func TestScenarioItem(t *testing.T) {
	for _, tt := range []struct {
		arg, item, runArg string
		fallback          bool
	}{
		{"baseline", "baseline", "baseline", false},
		{"baseline.toml", "baseline.toml", "baseline.toml", false},
		{"scenarios/big-org.toml", "scenarios/big-org.toml", "scenarios/big-org.toml", false},
		{"./x.toml", "x.toml", "./x.toml", false},
		{"/home/me/x.toml", "x.toml", "x.toml", true},
		{"../x.toml", "x.toml", "x.toml", true},
		{"a/../x.toml", "x.toml", "x.toml", true},
		{"..x.toml", "x.toml", "x.toml", true},
		{"my scenario.toml", "my-scenario.toml", "my-scenario.toml", true},
		{"$(HOME).toml", "HOME-.toml", "HOME-.toml", true},
		{"-x.toml", "x.toml", "x.toml", true},
		{"a//b.toml", "b.toml", "b.toml", true},
		{"/", "scenario.toml", "scenario.toml", true},
	} {
		item, fallback := scenarioItem(tt.arg)
		runArg := tt.arg
		if fallback {
			runArg = item
		}
		assert.Equal(t, [3]any{tt.item, tt.runArg, tt.fallback}, [3]any{item, runArg, fallback}, tt.arg)
		assert.NotContains(t, runArg, "$(", "no variable reference for the kubelet to expand")
	}
}

func TestName(t *testing.T) {
	for arg, want := range map[string]string{
		"baseline":                  "licsim-baseline",
		"scenarios/Big Org.toml":    "licsim-big-org",
		"/x/--odd__name--.toml":     "licsim-odd-name",
		"Ωmega.toml":                "licsim-mega",
		"....toml":                  "licsim",
		strings.Repeat("long-", 20): "licsim-long-long-long-long-long-long-lon",
	} {
		got := Name(arg)
		assert.Equal(t, want, got, arg)
		assert.Regexp(t, dnsLabel, got)
		assert.LessOrEqual(t, len(got), MaxName)
	}
}
