package reports

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

func TestCompare_SelfIsExactlyZero(t *testing.T) {
	cfg, results := fixture(t)
	c, err := Compare(cfg, cfg, totals(results), totals(results))
	require.NoError(t, err)
	for _, d := range c.Metrics {
		assert.Equal(t, d.A, d.B)
		assert.Equal(t, Stats{N: 3, Mean: 0, SD: 0, P05: 0, P50: 0, P95: 0, CI95: [2]float64{0, 0}}, d.Diff, d.Metric.Name())
	}
	out := string(render(t, func(w io.Writer) error { return WriteCompareJSON(w, c) }))
	assert.NotContains(t, out, "-0")
}

func TestCompare_PairedDifference(t *testing.T) {
	cfg, a := fixture(t)
	b := append([]model.Result(nil), a...)
	// b − a = 1, 2, 3 cents of buyer spend: mean 0.02, sd 0.01,
	// CI 0.02 ± t(0.975;2)·0.01/√3 = 0.02 ± 0.024841.
	for i := range b {
		b[i].Totals[model.BuyerSpend] += int64(i + 1)
	}
	c, err := Compare(cfg, cfg, totals(a), totals(b))
	require.NoError(t, err)
	d := c.Get(model.BuyerSpend)
	assert.InDelta(t, 0.02, d.Diff.Mean, 1e-12)
	assert.InDelta(t, 0.01, d.Diff.SD, 1e-12)
	assert.InDelta(t, 0.02-0.0248414, d.Diff.CI95[0], 1e-6)
	assert.InDelta(t, d.B-d.A, d.Diff.Mean, 1e-9)

	b[1].Seed++
	_, err = Compare(cfg, cfg, totals(a), totals(b))
	assert.ErrorContains(t, err, "not paired")
	_, err = Compare(cfg, cfg, totals(a), totals(b[:2]))
	assert.Error(t, err)
}
