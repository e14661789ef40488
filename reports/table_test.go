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
	c, err := Compare(cfg, cfg, results, results)
	require.NoError(t, err)
	b.Reset()
	PrintCompareTable(&b, c)
	assert.Contains(t, b.String(), "B − A")
	b.Reset()
	PrintSweepTable(&b, &Sweep{Key: "k", Points: []SweepPoint{{Value: "1", Summary: s}}})
	assert.Contains(t, b.String(), "744.87")
	_ = io.Discard
}
