package tenant

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const examples = "../testdata/tenant"

// TestImportExamples: the shipped example exports give a scenario that
// loads, with the live self-service subscriptions as [[existing]], the
// leaver's marked, the org licences, the policies by either ProductId,
// and the unknown SKU and ProductId listed rather than dropped.
func TestImportExamples(t *testing.T) {
	exp, err := ReadPaths([]string{examples})
	require.NoError(t, err)
	src, unmapped, err := Scenario(exp, Options{})
	require.NoError(t, err)
	golden(t, "testdata/examples.toml", src)
	path := filepath.Join(t.TempDir(), "imported.toml")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	cfg, err := scenarios.Load(path)
	require.NoError(t, err)
	assert.Equal(t, "2025-05-20", cfg.Start.Format(time.DateOnly), "dated by the latest createdDateTime")
	assert.Equal(t, 8, cfg.Population.Headcount)
	require.Len(t, cfg.Existing, 4)
	left := 0
	for _, ex := range cfg.Existing {
		if ex.BuyerLeft {
			left++
			assert.Equal(t, "visio-plan-1", ex.Product)
		}
	}
	assert.Equal(t, 1, left)
	assert.Len(t, unmapped, 2)
	assert.Contains(t, src, "SOME_NEW_SKU")
	assert.Contains(t, src, "CFQ7TTC0ZZZZ")
	for _, p := range cfg.Products {
		switch p.ID {
		case "power-bi-pro":
			assert.Equal(t, 25, p.OrgAssigned+p.OrgSpare)
		case "visio-plan-2":
			assert.Equal(t, "disabled", p.Policy.String())
		case "visio-plan-1":
			assert.Equal(t, "trials-only", p.Policy.String())
		}
	}
}

// TestImportErrors: each bad export is named with file and JSON path or
// CSV line (golden messages).
func TestImportErrors(t *testing.T) {
	cases := map[string]string{
		"malformed-json":    `{"value": [ {"id": 1,`,
		"missing-field":     `{"value": [{"skuPartNumber": "POWER_BI_PRO", "status": "Enabled", "isTrial": false, "ownerType": "User", "ownerId": "u1", "totalLicenses": 1}]}`,
		"live-without-next": `{"value": [{"skuPartNumber": "POWER_BI_PRO", "status": "Enabled", "isTrial": false, "ownerType": "User", "ownerId": "u1", "totalLicenses": 1, "createdDateTime": "2024-01-01T00:00:00Z"}]}`,
		"bad-type":          `{"value": [{"id": "u1", "accountEnabled": "yes"}]}`,
		"unknown-export":    `{"value": [{"foo": 1}]}`,
		"policy-csv-column": "PolicyId,ProductName,ProductId\nAllowSelfServicePurchase,Power BI Pro,CFQ7TTC0H9MP\n",
		"policy-csv-quote":  "PolicyId,PolicyValue,ProductName,ProductId\nAllowSelfServicePurchase,Enabled,\"Power BI Pro,CFQ7TTC0H9MP\n",
		"policy-value":      "PolicyId,PolicyValue,ProductName,ProductId\nAllowSelfServicePurchase,Maybe,Power BI Pro,CFQ7TTC0H9MP\n",
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, name+".export")
			require.NoError(t, os.WriteFile(f, []byte(body), 0o644))
			exp, err := ReadPaths([]string{f})
			if err == nil {
				_, _, err = Scenario(exp, Options{AsOf: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
			}
			require.Error(t, err)
			var te *Error
			require.ErrorAs(t, err, &te)
			golden(t, "testdata/"+name+".golden", strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")+"\n")
		})
	}
	_, err := ReadPaths([]string{"no-such-folder"})
	assert.ErrorContains(t, err, "no-such-folder: cannot read")
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./scenarios/tenant -update")
	assert.Equal(t, string(want), got)
}

// FuzzAdd: no input makes the readers panic, and whatever they accept
// writes a scenario without panicking. Seeded with the example exports.
func FuzzAdd(f *testing.F) {
	entries, err := os.ReadDir(examples)
	require.NoError(f, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(examples, e.Name()))
		require.NoError(f, err)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		exp := &Export{}
		if probs := exp.Add("fuzz", b); len(probs) == 0 {
			_, _, _ = Scenario(exp, Options{AsOf: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		}
	})
}
