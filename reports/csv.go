package reports

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"licsim/model"
)

// csvWriter is encoding/csv with the first write error kept, so that the
// writers below read as a list of rows.
type csvWriter struct {
	w   *csv.Writer
	err error
}

func (c *csvWriter) row(fields ...string) {
	if c.err == nil {
		c.err = c.w.Write(fields)
	}
}

// WriteReplicationsCSV writes replications.csv: one row per replication,
// "rep,seed," then every metric of model.Metrics() by name. Money is in
// currency units with exactly two decimals (exact: totals are whole
// cents); counts are integers.
func WriteReplicationsCSV(w io.Writer, results []model.Result) error {
	bw := bufio.NewWriter(w)
	c := &csvWriter{w: csv.NewWriter(bw)}
	header := []string{"rep", "seed"}
	for _, m := range model.Metrics() {
		header = append(header, m.Name())
	}
	c.row(header...)
	fields := make([]string, len(header))
	for i := range results {
		r := &results[i]
		fields[0], fields[1] = strconv.Itoa(r.Rep), strconv.FormatUint(r.Seed, 10)
		for j, m := range model.Metrics() {
			if m.Money() {
				fields[2+j] = model.FormatCents(r.Get(m))
			} else {
				fields[2+j] = strconv.FormatInt(r.Get(m), 10)
			}
		}
		c.row(fields...)
	}
	return c.done(bw)
}

// done flushes the csv and the buffer beneath it.
func (c *csvWriter) done(bw *bufio.Writer) error {
	if c.err != nil {
		return c.err
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteMonthlyCSV writes monthly.csv: "month,metric,mean,p05,p50,p95",
// month after month, every series of model.Series in its order within a
// month. month is "YYYY-MM" of the month's start (see MonthLabel). Money
// series are amounts charged within the month in currency units; the
// others are counts at the month's end.
func WriteMonthlyCSV(w io.Writer, s *Summary) error {
	bw := bufio.NewWriter(w)
	c := &csvWriter{w: csv.NewWriter(bw)}
	c.row("month", "metric", "mean", "p05", "p50", "p95")
	for m := range s.Months {
		label := MonthLabel(s.Start, m)
		for _, ser := range s.Series {
			if m >= len(ser.Months) {
				continue
			}
			b := ser.Months[m]
			c.row(label, ser.Name, num(b.Mean, ser.Money), num(b.P05, ser.Money), num(b.P50, ser.Money), num(b.P95, ser.Money))
		}
	}
	return c.done(bw)
}

// WriteSubscriptionsCSV writes subscriptions.csv (R15): every
// self-service subscription of one replication as the admin center lists
// it, with who bought it and who holds its seats. assigned is a
// space-separated list of employee ids; started is the date the trial or
// purchase began; buyer_paid and stranded are in currency units.
func WriteSubscriptionsCSV(w io.Writer, start time.Time, subs []model.SubscriptionRecord) error {
	bw := bufio.NewWriter(w)
	c := &csvWriter{w: csv.NewWriter(bw)}
	c.row("id", "product", "buyer", "buyer_left", "seats", "assigned", "term", "started", "state", "buyer_paid", "stranded")
	var ids strings.Builder
	for _, s := range subs {
		ids.Reset()
		for i, e := range s.Assigned {
			if i > 0 {
				ids.WriteByte(' ')
			}
			ids.WriteString(strconv.Itoa(int(e)))
		}
		c.row(
			strconv.Itoa(int(s.ID)), s.Product, strconv.Itoa(int(s.Buyer)), strconv.FormatBool(s.BuyerLeft),
			strconv.Itoa(s.Seats), ids.String(), s.Term,
			start.AddDate(0, 0, int(s.Started)).Format("2006-01-02"), s.State,
			model.FormatCents(s.BuyerPaid), model.FormatCents(s.Stranded),
		)
	}
	return c.done(bw)
}

// WriteSweepCSV writes sweep.csv in long form, one row per value and
// metric (model.Metrics() order within a value):
// "key,value,metric,unit,mean,sd,p05,p50,p95,ci95_lo,ci95_hi". Long form
// loads straight into a spreadsheet's pivot table or a data frame.
func WriteSweepCSV(w io.Writer, sw *Sweep) error {
	bw := bufio.NewWriter(w)
	c := &csvWriter{w: csv.NewWriter(bw)}
	c.row("key", "value", "metric", "unit", "mean", "sd", "p05", "p50", "p95", "ci95_lo", "ci95_hi")
	for _, p := range sw.Points {
		for _, ms := range p.Summary.Metrics {
			money := ms.Metric.Money()
			f := func(x float64) string { return num(x, money) }
			c.row(sw.Key, p.Value, ms.Metric.Name(), unit(money, sw.Currency),
				f(ms.Mean), f(ms.SD), f(ms.P05), f(ms.P50), f(ms.P95), f(ms.CI95[0]), f(ms.CI95[1]))
		}
	}
	return c.done(bw)
}
