package reports

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"licsim/model"
)

// CostStats is what one 12-month period or one product group costs,
// over replications, in currency units: buyer spend, org spend, their
// sum (total cost) and the company's cost (R27: org spend plus the
// reimbursed share of buyer spend).
type CostStats struct {
	// Key identifies the row in files: the period's number from 1, or
	// the product's ID ("new-products" for those added during the run).
	Key string
	// Label names it for people: "Year 1" or the product's name.
	Label string
	// From and To are the first and last month of a period ("YYYY-MM"),
	// Months its length (the last period is shorter when the horizon is
	// not a whole number of years); empty for products.
	From, To string
	Months   int
	Buyer    Stats
	Org      Stats
	Total    Stats
	Company  Stats
}

// costMetrics names the amounts of a CostStats in files, in order.
var costMetrics = []model.Metric{model.BuyerSpend, model.OrgSpend, model.TotalCost, model.CompanyCost}

// Get returns the statistics of one of the cost metrics (buyer_spend,
// org_spend, total_cost, company_cost).
func (c *CostStats) Get(m model.Metric) Stats {
	switch m {
	case model.BuyerSpend:
		return c.Buyer
	case model.OrgSpend:
		return c.Org
	case model.TotalCost:
		return c.Total
	}
	return c.Company
}

// summarizeCosts describes the costs per period and per product group
// over the replications that carry them (model.Result.Costs of the
// scenario's length; the others, built by hand, are left out).
func summarizeCosts(cfg *model.Config, c *Columns) (years, products []CostStats) {
	groups := model.CostGroups(cfg)
	n := c.nCosts
	if n == 0 {
		return nil, nil
	}
	b, o, co := make([]int64, n), make([]int64, n), make([]int64, n)
	kinds := [4][]float64{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
	// describe describes the costs of period p (g < 0) or of group g
	// over every period (p < 0).
	describe := func(cs *CostStats, p, g int) {
		c.costAt(b, p, g, model.CostBuyer)
		c.costAt(o, p, g, model.CostOrg)
		c.costAt(co, p, g, model.CostCompany)
		for i := range n {
			kinds[0][i], kinds[1][i], kinds[2][i], kinds[3][i] = value(true, b[i]), value(true, o[i]), value(true, b[i]+o[i]), value(true, co[i])
		}
		cs.Buyer, cs.Org, cs.Total, cs.Company = Describe(kinds[0]), Describe(kinds[1]), Describe(kinds[2]), Describe(kinds[3])
	}
	for p := range model.Periods(cfg) {
		first, last := p*model.MonthsPerPeriod, min((p+1)*model.MonthsPerPeriod, cfg.Months)-1
		cs := CostStats{Key: strconv.Itoa(p + 1), Label: fmt.Sprintf("Year %d", p+1),
			From: MonthLabel(cfg.Start, first), To: MonthLabel(cfg.Start, last), Months: last - first + 1}
		describe(&cs, p, -1)
		years = append(years, cs)
	}
	for g, id := range groups {
		cs := CostStats{Key: id, Label: "Products added during the run"}
		if g < len(cfg.Products) {
			cs.Label = cfg.Products[g].Name
		}
		describe(&cs, -1, g)
		products = append(products, cs)
	}
	return years, products
}

// seatsAverage describes the time-average of the self-service seats over
// the replications: the mean of the month-end counts of selfservice_seats
// over every month of the horizon. Unlike selfservice_seats_end it does
// not depend on where the last review falls before the horizon.
func seatsAverage(cfg *model.Config, c *Columns) Stats {
	sums := make([]int64, c.nMonthly)
	c.seats.read(sums)
	xs := make([]float64, len(sums))
	for i, sum := range sums {
		xs[i] = float64(sum) / float64(cfg.Months)
	}
	return Describe(xs)
}

// SeatsAverageName is the time-average of the self-service seats in
// summary.json, next to the metrics.
const SeatsAverageName = "selfservice_seats_avg"

// costsJSON spells the per_year or per_product array of summary.json:
// one object per line.
func costsJSON(b *strings.Builder, name string, rows []CostStats, currency string, period bool) {
	fmt.Fprintf(b, "  %s: [", jstr(name))
	for i, c := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		if period {
			fmt.Fprintf(b, "\n    {\"period\": %s, \"from\": %s, \"to\": %s, \"months\": %d", c.Key, jstr(c.From), jstr(c.To), c.Months)
		} else {
			fmt.Fprintf(b, "\n    {\"product\": %s, \"name\": %s", jstr(c.Key), jstr(c.Label))
		}
		for _, m := range costMetrics {
			fmt.Fprintf(b, ", %s: %s", jstr(m.Name()), statsJSON(c.Get(m), true, currency))
		}
		b.WriteByte('}')
	}
	if len(rows) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]")
}

// FilePerYear and FilePerProduct are the cost tables of a run.
const (
	FilePerYear    = "per_year.csv"
	FilePerProduct = "per_product.csv"
)

// WritePerYearCSV writes per_year.csv in long form, one row per 12-month
// period from the start and cost metric:
// "period,from,to,months,metric,unit,mean,sd,p05,p50,p95". period counts
// from 1; from and to are its first and last month (YYYY-MM); the
// metrics are buyer_spend, org_spend, total_cost and company_cost, in
// currency units.
func WritePerYearCSV(w io.Writer, s *Summary) error {
	bw := bufio.NewWriter(w)
	c := &csvWriter{w: csv.NewWriter(bw)}
	c.row("period", "from", "to", "months", "metric", "unit", "mean", "sd", "p05", "p50", "p95")
	for _, y := range s.Years {
		for _, m := range costMetrics {
			st := y.Get(m)
			c.row(y.Key, y.From, y.To, strconv.Itoa(y.Months), m.Name(), s.Currency,
				num(st.Mean, true), num(st.SD, true), num(st.P05, true), num(st.P50, true), num(st.P95, true))
		}
	}
	return c.done(bw)
}

// WritePerProductCSV writes per_product.csv in long form, one row per
// product and cost metric over the whole horizon:
// "product,name,metric,unit,mean,sd,p05,p50,p95". Products added during
// the run are one row group, "new-products".
func WritePerProductCSV(w io.Writer, s *Summary) error {
	bw := bufio.NewWriter(w)
	c := &csvWriter{w: csv.NewWriter(bw)}
	c.row("product", "name", "metric", "unit", "mean", "sd", "p05", "p50", "p95")
	for _, p := range s.Products {
		for _, m := range costMetrics {
			st := p.Get(m)
			c.row(p.Key, p.Label, m.Name(), s.Currency,
				num(st.Mean, true), num(st.SD, true), num(st.P05, true), num(st.P50, true), num(st.P95, true))
		}
	}
	return c.done(bw)
}
