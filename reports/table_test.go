package reports

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrintTables(t *testing.T) {
	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	var b bytes.Buffer
	PrintTable(&b, s)
	assert.Contains(t, b.String(), "buyer spend (EUR)")
	assert.Contains(t, b.String(), "744.87")
	assert.Regexp(t, seatsAverageLabel+` +231 +230 – 232`, b.String())
	assert.Contains(t, b.String(), "Per year (EUR, means; 90% band of total cost)")
	assert.Regexp(t, `Year 1  2025-01 – 2025-03 +3 +744\.87 +5\.00 +749\.87 +0\.66 +5\.07 – 1,234\.56`, b.String())
	c, err := Compare(cfg, cfg, totals(results), totals(results))
	require.NoError(t, err)
	b.Reset()
	PrintCompareTable(&b, c)
	assert.Contains(t, b.String(), "B − A")
	b.Reset()
	PrintSweepTable(&b, &Sweep{Key: "k", Points: []SweepPoint{{Value: "1", Summary: s}}})
	assert.Contains(t, b.String(), "744.87")
	_ = io.Discard
}
