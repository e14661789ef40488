package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPolicyScript_Golden: the PowerShell that applies each shipped
// policy, with the catalog's current ProductIds (go test -update
// rewrites testdata/policy/*.ps1).
func TestPolicyScript_Golden(t *testing.T) {
	for _, name := range []string{"baseline", "trials-only", "disable-all", "quarterly-takeover"} {
		t.Run(name, func(t *testing.T) {
			cfg, err := Load(name)
			require.NoError(t, err)
			var b strings.Builder
			require.NoError(t, WritePolicyScript(&b, cfg))
			golden := filepath.Join("testdata", "policy", name+".ps1")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), b.String())
		})
	}
}

// TestPolicyCommands_LastChangeWins: a product's value is the last
// change that covers it; "*" does not cover products added after it.
func TestPolicyCommands_ValuesAndIDs(t *testing.T) {
	cfg, err := Load("trials-only")
	require.NoError(t, err)
	cmds, err := PolicyCommands(cfg)
	require.NoError(t, err)
	require.NotEmpty(t, cmds)
	for _, c := range cmds {
		assert.Regexp(t, `^Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0[0-9A-Z]{4} -Value OnlyTrialsWithoutPaymentMethod$`, c.PowerShell, c.Product)
	}
	assert.Equal(t, "CFQ7TTC0H9MP", cmds[0].ProductID) // Power BI Pro's current id, not CFQ7TTC0L3PB
}
