package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/scenarios"
)

func TestCatalogTable(t *testing.T) {
	out, errOut, code := licsim(t, context.Background(), "catalog")
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

	out, _, code = licsim(t, context.Background(), "catalog", "--sources")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "CFQ7TTC0L3PB")
}

func TestCatalogUsage(t *testing.T) {
	_, _, code := licsim(t, context.Background(), "catalog", "x")
	assert.Equal(t, 2, code)
	out, _, code := licsim(t, context.Background(), "catalog", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "-sources")
}
