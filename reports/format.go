package reports

import (
	"math"
	"strconv"
	"strings"
)

// Precision of the numbers in output files. Fixed precision is what makes
// files byte-identical across worker counts and machines: floating sums
// may differ in their last bits, never in the 5th decimal of a count or
// the 3rd of an amount (money is a whole number of cents to begin with).
const (
	moneyDecimals = 2
	countDecimals = 4
)

// num formats x for a file: money with exactly 2 decimals, counts with at
// most 4 (trailing zeros dropped: "338.8", "2"). Negative zero prints as
// zero, and a non-finite value, which no valid input produces, as
// "null" so that JSON stays parseable.
func num(x float64, money bool) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "null"
	}
	if money {
		s := strconv.FormatFloat(x, 'f', moneyDecimals, 64)
		if s == "-0.00" {
			return "0.00"
		}
		return s
	}
	s := strconv.FormatFloat(x, 'f', countDecimals, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// unit names a metric's unit: the currency for money, "count" otherwise.
func unit(money bool, currency string) string {
	if money {
		return currency
	}
	return "count"
}

// value is a total in report units: cents become currency units.
func value(money bool, v int64) float64 {
	if money {
		return float64(v) / 100
	}
	return float64(v)
}
