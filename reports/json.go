package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// The JSON files are written by hand rather than through encoding/json:
// the metrics must come in model.Metrics() order (a Go map would sort
// them by name), every number needs its fixed precision, and one metric
// per line keeps the files readable and easy to diff.

// jstr quotes s as a JSON string.
func jstr(s string) string {
	b, err := json.Marshal(s)
	if err != nil { // a string always marshals; keep the file valid anyway
		return `""`
	}
	return string(b)
}

// statsJSON is one metric's object in summary.json.
func statsJSON(st Stats, money bool, currency string) string {
	f := func(x float64) string { return num(x, money) }
	return fmt.Sprintf(`{"mean": %s, "sd": %s, "p05": %s, "p50": %s, "p95": %s, "ci95": [%s, %s], "unit": %s}`,
		f(st.Mean), f(st.SD), f(st.P05), f(st.P50), f(st.P95), f(st.CI95[0]), f(st.CI95[1]), jstr(unit(money, currency)))
}

// WriteSummaryJSON writes summary.json (contract v1): the run's identity,
// then every metric in model.Metrics() order with mean, sd, p05, p50, p95
// and ci95 (the 95% confidence interval of the mean). Money is in
// currency units. Each metric object also names its "unit", an extension
// of the contract, as are the blocks after the metrics: "per_year" (one
// object per 12-month period from the start: period, from, to, months,
// and buyer_spend, org_spend, total_cost, company_cost as statistics
// objects), "per_product" (one per product group: product, name and the
// same four) and "selfservice_seats_avg" (the time-average of the
// self-service seats, see Summary.SeatsAverage). After a history
// warm-up a block "carried" comes before it: "from", the warm-up's first
// day, and employees, subscriptions, trials and requests as statistics
// objects, the state the warm-up handed to the run on start
// (Summary.Carried).
func WriteSummaryJSON(w io.Writer, s *Summary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "{\n  \"scenario\": %s,\n  \"replications\": %d,\n  \"seed\": %d,\n  \"currency\": %s,\n  \"months\": %d,\n  \"start\": %s,\n  \"metrics\": {\n",
		jstr(s.Scenario), s.Replications, s.Seed, jstr(s.Currency), s.Months, jstr(s.Start.Format("2006-01-02")))
	metrics := make([]string, len(s.Metrics))
	for i, ms := range s.Metrics {
		metrics[i] = fmt.Sprintf("%s: %s", jstr(ms.Metric.Name()), statsJSON(ms.Stats, ms.Metric.Money(), s.Currency))
	}
	writeMetrics(&b, metrics)
	b.WriteString("  },\n")
	costsJSON(&b, "per_year", s.Years, s.Currency, true)
	b.WriteString(",\n")
	costsJSON(&b, "per_product", s.Products, s.Currency, false)
	if c := s.Carried; c != nil {
		st := func(x Stats) string { return statsJSON(x, false, s.Currency) }
		fmt.Fprintf(&b, ",\n  \"carried\": {\n    \"from\": %s,\n    \"employees\": %s,\n    \"subscriptions\": %s,\n    \"trials\": %s,\n    \"requests\": %s\n  }",
			jstr(c.From.Format("2006-01-02")), st(c.Employees), st(c.Subscriptions), st(c.Trials), st(c.Requests))
	}
	fmt.Fprintf(&b, ",\n  %s: %s\n}\n", jstr(SeatsAverageName), statsJSON(s.SeatsAverage, false, s.Currency))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCompareJSON writes compare.json: the two scenarios, the shared
// seed and replication count, and for every metric in model.Metrics()
// order the means a and b, diff (the mean of the paired differences
// b − a) and ci95 (its 95% confidence interval), plus the standard
// deviation of the differences and the unit (extensions).
func WriteCompareJSON(w io.Writer, c *Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "{\n  \"a\": %s,\n  \"b\": %s,\n  \"replications\": %d,\n  \"seed\": %d,\n  \"currency\": %s,\n  \"months\": %d,\n  \"metrics\": {\n",
		jstr(c.A), jstr(c.B), c.Replications, c.Seed, jstr(c.Currency), c.Months)
	metrics := make([]string, len(c.Metrics))
	for i, d := range c.Metrics {
		money := d.Metric.Money()
		f := func(x float64) string { return num(x, money) }
		metrics[i] = fmt.Sprintf(`%s: {"a": %s, "b": %s, "diff": %s, "ci95": [%s, %s], "sd": %s, "unit": %s}`,
			jstr(d.Metric.Name()), f(d.A), f(d.B), f(d.Diff.Mean), f(d.Diff.CI95[0]), f(d.Diff.CI95[1]), f(d.Diff.SD), jstr(unit(money, c.Currency)))
	}
	return writeMetricsJSON(w, &b, metrics)
}

// writeMetrics adds the metrics to b, one per line.
func writeMetrics(b *strings.Builder, metrics []string) {
	for i, m := range metrics {
		b.WriteString("    " + m)
		if i < len(metrics)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
}

// writeMetricsJSON ends the document begun in b with its metrics, one
// per line, closes the metrics object and the document, and writes it
// to w.
func writeMetricsJSON(w io.Writer, b *strings.Builder, metrics []string) error {
	writeMetrics(b, metrics)
	b.WriteString("  }\n}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
