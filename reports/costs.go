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
// over the results that carry them (model.Result.Costs of the scenario's
// length; the others, built by hand, are left out).
func summarizeCosts(cfg *model.Config, results []model.Result) (years, products []CostStats) {
	groups := model.CostGroups(cfg)
	periods := model.Periods(cfg)
	want := model.CostsLen(cfg)
	var usable []*model.Result
	for i := range results {
		if len(results[i].Costs) == want && want > 0 {
			usable = append(usable, &results[i])
		}
	}
	if len(usable) == 0 {
		return nil, nil
	}
	n := len(usable)
	kinds := [4][]float64{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
	describe := func(c *CostStats, sum func(r *model.Result, k model.CostKind) int64) {
		for i, r := range usable {
			b, o, co := sum(r, model.CostBuyer), sum(r, model.CostOrg), sum(r, model.CostCompany)
			kinds[0][i], kinds[1][i], kinds[2][i], kinds[3][i] = value(true, b), value(true, o), value(true, b+o), value(true, co)
		}
		c.Buyer, c.Org, c.Total, c.Company = Describe(kinds[0]), Describe(kinds[1]), Describe(kinds[2]), Describe(kinds[3])
	}
	for p := range periods {
		first, last := p*model.MonthsPerPeriod, min((p+1)*model.MonthsPerPeriod, cfg.Months)-1
		c := CostStats{Key: strconv.Itoa(p + 1), Label: fmt.Sprintf("Year %d", p+1),
			From: MonthLabel(cfg.Start, first), To: MonthLabel(cfg.Start, last), Months: last - first + 1}
		describe(&c, func(r *model.Result, k model.CostKind) int64 {
			var v int64
			for g := range groups {
				v += r.Costs[model.CostIndex(len(groups), p, g, k)]
			}
			return v
		})
		years = append(years, c)
	}
	for g, id := range groups {
		c := CostStats{Key: id, Label: "Products added during the run"}
		if g < len(cfg.Products) {
			c.Label = cfg.Products[g].Name
		}
		describe(&c, func(r *model.Result, k model.CostKind) int64 {
			var v int64
			for p := range periods {
				v += r.Costs[model.CostIndex(len(groups), p, g, k)]
			}
			return v
		})
		products = append(products, c)
	}
	return years, products
}

// seatsAverage describes the time-average of the self-service seats over
// the results: the mean of the month-end counts of selfservice_seats over
// every month of the horizon. Unlike selfservice_seats_end it does not
// depend on where the last review falls before the horizon.
func seatsAverage(cfg *model.Config, results []model.Result) Stats {
	width := len(model.Series(cfg))
	var xs []float64
	for i := range results {
		r := &results[i]
		if cfg.Months == 0 || len(r.Monthly) != cfg.Months*width {
			continue
		}
		var sum int64
		for m := range cfg.Months {
			sum += r.Monthly[m*width+model.SerSelfserviceSeats]
		}
		xs = append(xs, float64(sum)/float64(cfg.Months))
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
