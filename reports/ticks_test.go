package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNiceTicks(t *testing.T) {
	assert.Equal(t, 1000.0, niceStep(830))
	assert.Equal(t, 2.5, niceStep(2.1))
	assert.Equal(t, 0.05, niceStep(0.041))
	assert.Equal(t, "0.25", axisNumber(0.25, 0.25))
	assert.Equal(t, "12,500", axisNumber(12500, 2500))
	var labels []string
	for _, tk := range (amountTicks{}).Ticks(0, 3) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	assert.Equal(t, []string{"0", "1", "2", "3"}, labels, "counts never get fractional ticks")
	require.NotEmpty(t, (amountTicks{money: true}).Ticks(5, 5))
}
