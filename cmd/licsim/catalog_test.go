package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/scenarios"
)

func TestCatalogTable(t *testing.T) {
	code, out, errOut := cli(t, "catalog")
	require.Equal(t, 0, code, errOut)
	cat, err := scenarios.Catalog()
	require.NoError(t, err)
	lines := strings.Split(out, "\n")
	var header string
	for _, l := range lines {
		if strings.HasPrefix(l, "id ") {
			header = l
		}
	}
	require.NotEmpty(t, header)
	for _, col := range []string{"name", "annual", "monthly", "trial", "card", "added", "as of"} {
		assert.Contains(t, header, col)
	}
	annualCol := strings.Index(header, "annual")
	for _, p := range cat {
		var row string
		for _, l := range lines {
			if strings.HasPrefix(l, p.ID+" ") {
				row = l
			}
		}
		require.NotEmpty(t, row, p.ID)
		assert.Contains(t, row, p.Name)
		assert.Equal(t, model.FormatCents(p.PriceAnnual), strings.Fields(row[annualCol:])[0], "aligned: %s", row)
	}
	assert.Contains(t, out, "power-bi-pro: 10.00 annual, 12.00 monthly before 2025-04-01")
	assert.NotContains(t, out, "CFQ7TTC0L3PB")

	code, out, _ = cli(t, "catalog", "--sources")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "CFQ7TTC0L3PB")
}

func TestCatalogUsage(t *testing.T) {
	code, _, _ := cli(t, "catalog", "x")
	assert.Equal(t, 2, code)
	code, out, _ := cli(t, "catalog", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "-sources")
}
