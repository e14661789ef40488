package reports

import (
	"fmt"
	"math"
	"strings"

	"licsim/model"
)

// label is a metric's name for people: "buyer spend".
func label(m model.Metric) string { return strings.ReplaceAll(m.Name(), "_", " ") }

func unitSuffix(m model.Metric, currency string) string {
	if m.Money() {
		return " (" + currency + ")"
	}
	return ""
}

// Human formats a number for people. The money rule, for every amount
// people read (text, tables, chart labels and money axes): thousands
// separators and always exactly two decimals ("172,069.35", "5.00").
// The currency is named once per table or chart (its header, axis label
// or caption); in a table that mixes money and counts, once in each
// money row's label. With a currency code, Human appends it, for
// amounts standing alone in prose. Counts get one decimal unless whole.
func Human(x float64, money bool, currency string) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	var s string
	switch {
	case money:
		s = group(fmt.Sprintf("%.2f", x))
	case x == math.Trunc(x) && math.Abs(x) < 1e15:
		s = group(fmt.Sprintf("%.0f", x))
	default:
		s = group(fmt.Sprintf("%.1f", x))
	}
	if s == "-0.00" || s == "-0.0" || s == "-0" {
		s = s[1:]
	}
	if money && currency != "" {
		s += " " + currency
	}
	return s
}

// signed is Human with an explicit sign, for differences.
func signed(x float64, money bool) string {
	s := Human(x, money, "")
	if !strings.HasPrefix(s, "-") && strings.Trim(s, "0.,") != "" {
		return "+" + s
	}
	return s
}

// signedShort is short with an explicit sign, for chart labels.
func signedShort(x float64, money bool) string {
	s := short(x, money)
	if !strings.HasPrefix(s, "-") && strings.Trim(s, "0.,") != "" {
		return "+" + s
	}
	return s
}

// group inserts thousands separators into a formatted number.
func group(s string) string {
	sign := ""
	if len(s) > 0 && s[0] == '-' {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var out []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, intPart[i])
	}
	return sign + string(out) + frac
}

// short formats a number for a label on a chart or a headline card. It
// is Human: the money rule is the same everywhere (see Human), so that a
// band never reads "923.32 – 1,105".
func short(x float64, money bool) string { return Human(x, money, "") }

// trimFloat prints a parameter without trailing zeros: 15, 0.25.
func trimFloat(x float64) string {
	s := fmt.Sprintf("%.4f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// pctOf prints a probability as a percentage: 0.155 → "15.5%".
func pctOf(x float64) string { return trimFloat(100*x) + "%" }
