package model

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormatCents_Exact(t *testing.T) {
	for c, want := range map[int64]string{0: "0.00", 5: "0.05", 100: "1.00", 123456: "1234.56", -1205: "-12.05", -5: "-0.05"} {
		assert.Equal(t, want, FormatCents(c))
	}
	assert.Equal(t, "-92233720368547758.08", FormatCents(math.MinInt64))
}
