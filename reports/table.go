package reports

import (
	"fmt"
	"io"
	"text/tabwriter"

	"licsim/model"
)

// headline metrics, in the order a finance reader asks about them.
var headline = []model.Metric{
	model.BuyerSpend, model.OrgSpend, model.StrandedSpend,
	model.SelfserviceSeatsEnd, model.SubscriptionsEnd, model.OrphanedSubscriptions,
	model.TrialsStarted, model.TrialsConverted, model.Purchases,
}

// PrintTable writes the headline numbers: mean, 90% band and the 95%
// confidence interval of the mean.
func PrintTable(w io.Writer, s *Summary) {
	fmt.Fprintf(w, "%s — %d replications, %d months, seed %d\n\n", s.Scenario, s.Replications, s.Months, s.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "metric\tmean\tp05\tp95\t95%% CI of mean\t\n")
	for _, m := range headline {
		st := s.Metrics[m.Name()]
		f := func(x float64) string { return number(x, m.Money(), s.Currency) }
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s – %s\t\n", m.Name(), f(st.Mean), f(st.P05), f(st.P95), f(st.CI95[0]), f(st.CI95[1]))
	}
	tw.Flush()
}

// number formats a value with thousands separators; money gets two
// decimals and the currency code.
func number(x float64, money bool, currency string) string {
	if money {
		return group(fmt.Sprintf("%.2f", x)) + " " + currency
	}
	return group(fmt.Sprintf("%.1f", x))
}

// group inserts thousands separators into a formatted number.
func group(s string) string {
	sign := ""
	if len(s) > 0 && s[0] == '-' {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	for i := range s {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
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
