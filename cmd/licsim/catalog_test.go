package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/scenarios"
)

func TestCatalogTable(t *testing.T) {
	out, errOut, code := licsim(t, context.Background(), "catalog", "--as-of", "2025-03-31")
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
	for _, col := range []string{"name", "annual", "monthly", "billed monthly", "trial", "card", "added", "next price"} {
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
		want := "n/a"
		if p.PriceKnown {
			a, _ := p.PriceAt(time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC))
			want = model.FormatCents(a)
		}
		assert.Equal(t, want, strings.Fields(row[annualCol:])[0], "aligned: %s", row)
	}
	assert.Regexp(t, `power-bi-pro +Power BI Pro +10\.00 +12\.00 +10\.00 .* 14\.00 from 2025-04-01`, out, "before the step, no billing premium yet")
	assert.NotContains(t, out, "CFQ7TTC0L3PB")

	out, _, code = licsim(t, context.Background(), "catalog", "--as-of", "2025-04-01", "--sources")
	assert.Equal(t, 0, code)
	assert.Regexp(t, `power-bi-pro +Power BI Pro +14\.00 +16\.80 +14\.70 `, out, "R20: the new price and the 5% monthly-billing premium")
	assert.Contains(t, out, "CFQ7TTC0L3PB")
	assert.Contains(t, out, "microsoft-365-copilot")

	out, _, code = licsim(t, context.Background(), "catalog", "--as-of", "2023-01-01")
	assert.Equal(t, 0, code)
	assert.NotContains(t, out, "microsoft-365-copilot", "not in the catalog yet")
	_, _, code = licsim(t, context.Background(), "catalog", "--as-of", "yesterday")
	assert.Equal(t, 2, code)
}

func TestCatalogUsage(t *testing.T) {
	_, _, code := licsim(t, context.Background(), "catalog", "x")
	assert.Equal(t, 2, code)
	out, _, code := licsim(t, context.Background(), "catalog", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "-sources")
}
