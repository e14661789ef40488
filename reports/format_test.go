package reports

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNum_FixedPrecision(t *testing.T) {
	tests := []struct {
		x     float64
		money bool
		want  string
	}{
		{79009.1612, true, "79009.16"},
		{0, true, "0.00"},
		{-0.001, true, "0.00"},
		{-12.5, true, "-12.50"},
		{338.8, false, "338.8"},
		{2.39500001, false, "2.395"},
		{2, false, "2"},
		{-0.00001, false, "0"},
		{1.0 / 3, false, "0.3333"},
		{math.NaN(), false, "null"},
		{math.Inf(1), true, "null"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, num(tt.x, tt.money), "num(%v, %v)", tt.x, tt.money)
	}
}
