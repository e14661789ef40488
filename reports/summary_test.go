package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

func TestSummarize_MonthlyBands(t *testing.T) {
	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	require.Len(t, s.Series, 8)
	buyer := s.MonthlySeries(model.SerBuyerSpend)
	require.NotNil(t, buyer)
	assert.True(t, buyer.Money)
	// Month 1, series 0: 200, 201, 202 cents → 2.00, 2.01, 2.02.
	assert.InDelta(t, 2.01, buyer.Months[1].Mean, 1e-12)
	assert.Equal(t, 2.00, buyer.Months[1].P05)
	assert.Equal(t, 2.02, buyer.Months[1].P95)
	seats := s.ProductSeats(0) // seats:visio-plan-1
	require.NotNil(t, seats)
	assert.Equal(t, 371.0, seats.Months[2].P50) // 300 + 70 + rep 1

	// A result with the wrong monthly length is left out of the bands,
	// not trusted and not a panic.
	results[2].Monthly = results[2].Monthly[:5]
	s = Summarize(cfg, results)
	assert.InDelta(t, 2.005, s.MonthlySeries(model.SerBuyerSpend).Months[1].Mean, 1e-12)
	assert.Equal(t, 3, s.Replications)
}
