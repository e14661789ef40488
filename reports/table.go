package reports

import (
	"fmt"
	"io"
	"text/tabwriter"

	"licsim/model"
)

// Headline lists the metrics a finance reader asks about first, in that
// order: the terminal tables, the sweep charts and the report use it.
var Headline = []model.Metric{
	model.BuyerSpend, model.OrgSpend, model.CompanyCost, model.TotalCost, model.StrandedSpend,
	model.SelfserviceSeatsEnd, model.SubscriptionsEnd, model.OrphanedSubscriptions,
	model.TrialsStarted, model.TrialsConverted, model.Purchases, model.Takeovers,
}

// PrintTable writes the headline numbers of a run: mean, 90% band
// (p05–p95 across replications) and the 95% confidence interval of the
// mean.
func PrintTable(w io.Writer, s *Summary) {
	fmt.Fprintf(w, "%s\n%d replications · %d months from %s · seed %d\n",
		s.Scenario, s.Replications, s.Months, s.Start.Format("2006-01-02"), s.Seed)
	printCarried(w, s)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tmean\t90%% band\t95%% CI of mean\t\n")
	for _, m := range Headline {
		st := s.Get(m)
		f := func(x float64) string { return Human(x, m.Money(), "") }
		fmt.Fprintf(tw, "%s%s\t%s\t%s – %s\t%s – %s\t\n", label(m), unitSuffix(m, s.Currency),
			f(st.Mean), f(st.P05), f(st.P95), f(st.CI95[0]), f(st.CI95[1]))
		if m == model.SelfserviceSeatsEnd && s.SeatsAverage.N > 0 {
			st := s.SeatsAverage
			f := func(x float64) string { return Human(x, false, "") }
			fmt.Fprintf(tw, "%s\t%s\t%s – %s\t%s – %s\t\n", seatsAverageLabel,
				f(st.Mean), f(st.P05), f(st.P95), f(st.CI95[0]), f(st.CI95[1]))
		}
	}
	tw.Flush()
	printYears(w, s)
}

// printCarried writes, after a history warm-up, the state it handed to
// the run on start (means over the replications): the numbers before
// start are in no total, so the reader needs them to read month 1.
func printCarried(w io.Writer, s *Summary) {
	c := s.Carried
	if c == nil {
		return
	}
	f := func(st Stats) string { return Human(st.Mean, false, "") }
	fmt.Fprintf(w, "warm-up from %s; on start (means): %s employees, %s live subscriptions (%s of them trials), %s licence requests pending\n",
		c.From.Format("2006-01-02"), f(c.Employees), f(c.Subscriptions), f(c.Trials), f(c.Requests))
}

// seatsAverageLabel names Summary.SeatsAverage for people.
const seatsAverageLabel = "selfservice seats, time-average"

// printYears writes the short per-year block after the headline table:
// the mean of each cost per 12-month period, and the 90% band of the
// total.
func printYears(w io.Writer, s *Summary) {
	if len(s.Years) == 0 {
		return
	}
	fmt.Fprintf(w, "\nPer year (%s, means; 90%% band of total cost)\n", s.Currency)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tmonths\tbuyer spend\torg spend\ttotal cost\tcompany cost\ttotal 90%% band\t\n")
	for _, y := range s.Years {
		f := func(x float64) string { return Human(x, true, "") }
		fmt.Fprintf(tw, "%s  %s – %s\t%d\t%s\t%s\t%s\t%s\t%s – %s\t\n", y.Label, y.From, y.To, y.Months,
			f(y.Buyer.Mean), f(y.Org.Mean), f(y.Total.Mean), f(y.Company.Mean), f(y.Total.P05), f(y.Total.P95))
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
