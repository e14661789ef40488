package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/reports/buildinfo"
	"licsim/scenarios"
)

// TestReport_ListsEveryAssumption: report.html lists every key of the
// scenario format with its effective value, for every product and policy
// change (the list comes from the format's key table, so a new key
// appears without anyone remembering to add it), the scenario file
// itself with its SHA-256, and licsim's version.
func TestReport_ListsEveryAssumption(t *testing.T) {
	for _, name := range []string{"baseline", "disable-all"} {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			require.NoError(t, run(context.Background(), []string{"run", name, "--reps", "2", "--out", out, "--quiet"}, &stdout, &stderr), stderr.String())
			b, err := os.ReadFile(filepath.Join(out, "report.html"))
			require.NoError(t, err)
			page := string(b)
			cfg, err := scenarios.Load(name, repsSet(2))
			require.NoError(t, err)
			as := scenarios.Assumptions(cfg)
			require.NotEmpty(t, as)
			for _, a := range as {
				key := "<code>" + a.Key + "</code>"
				val := template.HTMLEscapeString(a.Value)
				assert.True(t, strings.Contains(page, key+" "+val) || strings.Contains(page, key+`</td><td class="n"><strong>`+val+"</strong>"),
					"%s.%s.%s = %s is not in the report", a.Table, a.Item, a.Key, a.Value)
			}
			_, src, err := scenarios.Source(name)
			require.NoError(t, err)
			sum := sha256.Sum256(src)
			assert.Contains(t, page, hex.EncodeToString(sum[:]), "the scenario file's SHA-256")
			assert.Contains(t, page, template.HTMLEscapeString(string(src)), "the scenario file as written")
			assert.Contains(t, page, buildinfo.Read().Report(), "licsim's version")
		})
	}
}
