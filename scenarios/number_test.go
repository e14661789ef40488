package scenarios

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// TestParseWhole: a number on the command line is read whole or not at
// all; fmt.Sscan once read "1,000" as 1, "2.9" as 2 and "1e3" as 1.
func TestParseWhole(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		bad  string
	}{
		{in: "1000", want: 1000},
		{in: "1_000", want: 1000},
		{in: "1e3", want: 1000},
		{in: "2.5e3", want: 2500},
		{in: "+7", want: 7},
		{in: "9223372036854775807", want: math.MaxInt64},
		{in: "1,000", bad: "1,000: write numbers without thousands separators, such as 1000"},
		{in: "2.9", bad: "want a whole number, got the number 2.9"},
		{in: "-1", bad: "-1 is out of range (allowed: 0 to 9,223,372,036,854,775,807)"},
		{in: "18446744073709551615", bad: "18446744073709551615 is out of range"},
		{in: "18446744073709551616", bad: "18446744073709551616 is out of range"},
		{in: " 5", bad: `" 5" has spaces around it`},
		{in: "5 ", bad: `"5 " has spaces around it`},
		{in: "5x", bad: `"5x" is not a number: "x" follows "5"`},
		{in: "1.", bad: `"1." is not a number: "." follows "1"`},
		{in: "1e", bad: `"1e" is not a number: "e" follows "1"`},
		{in: "0x10", bad: `"0x10" is not a number`},
		{in: "inf", bad: `"inf" is not a number`},
		{in: "nan", bad: `"nan" is not a number`},
		{in: "1__0", bad: `is not a number`},
		{in: "", bad: "empty"},
		{in: "1e30", bad: "out of range"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseWhole(c.in, 0, math.MaxInt64)
			if c.bad != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.bad)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

// TestAmountDecimals: an amount with more than 2 decimals is refused at
// every size; a relative tolerance once let 12345.678 become 1234568
// cents.
func TestAmountDecimals(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want model.Cents
		bad  bool
	}{
		{in: 5, want: 500},
		{in: 5.5, want: 550},
		{in: 14.39, want: 1439},
		{in: 0.29, want: 29},
		{in: 12345.67, want: 1234567},
		{in: 9999999.99, want: 999999999},
		{in: 10000000, want: 1000000000},
		{in: 14.388, bad: true},
		{in: 5000.001, bad: true},
		{in: 12345.678, bad: true},
		{in: 9999999.999, bad: true},
		{in: 0.001, bad: true},
	} {
		got, msg := toCents(c.in)
		if c.bad {
			assert.Contains(t, msg, "has more than 2 decimals", "%v", c.in)
			continue
		}
		assert.Empty(t, msg, "%v", c.in)
		assert.Equal(t, c.want, got, "%v", c.in)
	}
	_, err := Parse("x.toml", []byte(minimalProduct("price_annual = 12345.678")))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.toml:7: product[1] (p).price_annual: 12345.678 has more than 2 decimals")
	_, err = Load("baseline", Set{"product.*.price_annual", "12345.678"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "12345.678 has more than 2 decimals")
}

// minimalProduct is a valid scenario with one custom product p, extra
// written into the product's table.
func minimalProduct(extra string) string {
	return "name = \"x\"\nstart = 2025-01-01\nreplications = 1\n[[product]]\nid = \"p\"\nadded = 2020-01-01\n" + extra + "\n"
}
