package model

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// assertProportion checks that hits/n lies within four standard errors
// of p: a wrong rule fails, sampling noise does not.
func assertProportion(t *testing.T, p float64, hits, n int64) {
	t.Helper()
	if !assert.Positive(t, n) {
		return
	}
	got := float64(hits) / float64(n)
	se := math.Sqrt(p * (1 - p) / float64(n))
	assert.InDelta(t, p, got, 4*se, "share %d/%d = %.4f, want %.4f ± %.4f", hits, n, got, p, 4*se)
}
