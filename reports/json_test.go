package reports

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// TestSummaryJSON_Contract checks the contract's shape with a JSON
// decoder: the fixed keys, every metric in model.Metrics() order, money
// in currency units.
func TestSummaryJSON_Contract(t *testing.T) {
	cfg, results := fixture(t)
	out := string(render(t, func(w io.Writer) error { return WriteSummaryJSON(w, Summarize(cfg, results)) }))
	var doc struct {
		Scenario     string
		Replications int
		Seed         uint64
		Currency     string
		Months       int
		Metrics      map[string]struct {
			Mean, SD, P05, P50, P95 float64
			CI95                    [2]float64
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, cfg.Name, doc.Scenario)
	assert.Equal(t, 3, doc.Replications)
	assert.Equal(t, uint64(7), doc.Seed)
	assert.Equal(t, "EUR", doc.Currency)
	assert.Equal(t, 3, doc.Months)
	require.Len(t, doc.Metrics, int(model.NumMetrics))
	// (1234.56 + 0.07 + 999.99) / 3 = 744.873… → 744.87
	assert.Equal(t, 744.87, doc.Metrics["buyer_spend"].Mean)
	assert.Equal(t, 0.07, doc.Metrics["buyer_spend"].P05)
	last := -1
	for _, m := range model.Metrics() {
		i := strings.Index(out, `"`+m.Name()+`":`)
		require.Greater(t, i, last, "%s out of order", m.Name())
		last = i
	}
}
