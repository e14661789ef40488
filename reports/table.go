package reports

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"licsim/model"
)

// Headline lists the metrics a finance reader asks about first, in that
// order: the terminal tables, the sweep charts and the report use it.
var Headline = []model.Metric{
	model.BuyerSpend, model.OrgSpend, model.StrandedSpend,
	model.SelfserviceSeatsEnd, model.SubscriptionsEnd, model.OrphanedSubscriptions,
	model.TrialsStarted, model.TrialsConverted, model.Purchases, model.Takeovers,
}

// PrintTable writes the headline numbers of a run: mean, 90% band
// (p05–p95 across replications) and the 95% confidence interval of the
// mean.
func PrintTable(w io.Writer, s *Summary) {
	fmt.Fprintf(w, "%s\n%d replications · %d months from %s · seed %d\n\n",
		s.Scenario, s.Replications, s.Months, s.Start.Format("2006-01-02"), s.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tmean\t90%% band\t95%% CI of mean\t\n")
	for _, m := range Headline {
		st := s.Get(m)
		f := func(x float64) string { return Human(x, m.Money(), "") }
		fmt.Fprintf(tw, "%s%s\t%s\t%s – %s\t%s – %s\t\n", label(m), unitSuffix(m, s.Currency),
			f(st.Mean), f(st.P05), f(st.P95), f(st.CI95[0]), f(st.CI95[1]))
	}
	tw.Flush()
}

// PrintCompareTable writes the headline metrics of a comparison: both
// means, the mean paired difference and its 95% confidence interval.
func PrintCompareTable(w io.Writer, c *Comparison) {
	fmt.Fprintf(w, "A: %s\nB: %s\n%d paired replications · seed %d\n\n", c.A, c.B, c.Replications, c.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tA\tB\tB − A\t95%% CI of B − A\t\n")
	for _, m := range Headline {
		d := c.Get(m)
		f := func(x float64) string { return Human(x, m.Money(), "") }
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s – %s\t\n", label(m), unitSuffix(m, c.Currency),
			f(d.A), f(d.B), signed(d.Diff.Mean, m.Money()), signed(d.Diff.CI95[0], m.Money()), signed(d.Diff.CI95[1], m.Money()))
	}
	tw.Flush()
}

// PrintSweepTable writes the mean of each headline metric for every
// value of the swept parameter.
func PrintSweepTable(w io.Writer, sw *Sweep) {
	fmt.Fprintf(w, "%s — sweep of %s · %d replications per value · seed %d\n\n", sw.Scenario, sw.Key, sw.Replications, sw.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	cols := Headline[:6]
	fmt.Fprintf(tw, "%s\t", sw.Key)
	for _, m := range cols {
		fmt.Fprintf(tw, "%s%s\t", label(m), unitSuffix(m, sw.Currency))
	}
	fmt.Fprintln(tw)
	for _, p := range sw.Points {
		fmt.Fprintf(tw, "%s\t", p.Value)
		for _, m := range cols {
			fmt.Fprintf(tw, "%s\t", Human(p.Summary.Get(m).Mean, m.Money(), ""))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// label is a metric's name for people: "buyer spend".
func label(m model.Metric) string { return strings.ReplaceAll(m.Name(), "_", " ") }

func unitSuffix(m model.Metric, currency string) string {
	if m.Money() {
		return " (" + currency + ")"
	}
	return ""
}

// Human formats a number for people: thousands separators, money with
// two decimals (and the currency code when one is given), counts with
// one decimal unless whole.
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
