package reports

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"

	"licsim/model"
)

//go:embed report.html.tmpl
var reportTemplate string

// Report is everything report.html shows.
type Report struct {
	Config  *model.Config
	Summary *Summary
	// Command is the command line that reproduces the run, for the
	// provenance section. It must not depend on --workers or --out, so
	// that the file is the same for any of them.
	Command string
	// Charts are drawn inline as SVG, in this order.
	Charts []*Chart
	// Files lists the other outputs written next to the report.
	Files []string
}

// WriteReportHTML writes report.html: one self-contained page (inline
// CSS, charts as inline SVG, no script, nothing fetched from the
// network) with the headline answers and their 90% bands, the charts,
// the scenario's parameters, the full metric table and the run's
// provenance. It prints well, so that it can be saved as PDF.
func WriteReportHTML(w io.Writer, r *Report) error {
	t, err := template.New("report").Funcs(template.FuncMap{
		"money": func(x float64) string { return Human(x, true, "") },
		"count": func(x float64) string { return Human(x, false, "") },
		"num": func(x float64, money bool) string {
			return Human(x, money, "")
		},
		"date": func(t interface{ Format(string) string }) string { return t.Format("2 January 2006") },
		"iso":  func(t interface{ Format(string) string }) string { return t.Format("2006-01-02") },
		"pct":  func(x float64) string { return fmt.Sprintf("%.0f%%", x*100) },
		"cents": func(c model.Cents) string {
			return Human(float64(c)/100, true, "")
		},
		"label": label,
	}).Parse(reportTemplate)
	if err != nil {
		return fmt.Errorf("report template: %w", err)
	}
	v, err := r.view()
	if err != nil {
		return err
	}
	return t.Execute(w, v)
}

// reportView is the template's data: everything pre-computed, so that
// the template only lays it out.
type reportView struct {
	*Report
	S         *Summary
	Cfg       *model.Config
	Cards     []card
	Sentence  string
	Charts    []chartView
	Metrics   []metricRow
	End       string // last day of the horizon
	Admin     [][2]string
	People    [][2]string
	HasGrowth bool
	Headcount string
}

type card struct {
	Title, Value, Unit, Band, CI, Note, Class string
}

type chartView struct {
	Name, Title, Caption string
	SVG                  template.HTML
}

type metricRow struct {
	Group                       string // a heading row before this one
	Name, Help, Unit            string
	Mean, P05, P50, P95, CI, SD string
	Money, Headline             bool
}

func (r *Report) view() (*reportView, error) {
	s, cfg := r.Summary, r.Config
	v := &reportView{Report: r, S: s, Cfg: cfg, HasGrowth: cfg.Growth.PerYear > 0}
	v.Headcount = Human(float64(cfg.Population.Headcount), false, "")
	v.End = MonthStart(s.Start, s.Months).AddDate(0, 0, -1).Format("2 January 2006")
	cur := s.Currency
	band := func(st Stats, money bool) string {
		return "90% band " + short(st.P05, money) + " – " + short(st.P95, money)
	}
	ci := func(st Stats, money bool) string {
		return "95% CI of the mean " + short(st.CI95[0], money) + " – " + short(st.CI95[1], money)
	}
	buyer, org, stranded := s.Get(model.BuyerSpend), s.Get(model.OrgSpend), s.Get(model.StrandedSpend)
	seats, subs, orphans := s.Get(model.SelfserviceSeatsEnd), s.Get(model.SubscriptionsEnd), s.Get(model.OrphanedSubscriptions)
	share := 0.0
	if buyer.Mean > 0 {
		share = stranded.Mean / buyer.Mean
	}
	months := fmt.Sprintf("%d months", s.Months)
	v.Cards = []card{
		{Title: "Employees pay", Value: short(buyer.Mean, true), Unit: cur, Band: band(buyer, true), CI: ci(buyer, true),
			Note: "on their own cards over " + months, Class: "buyer"},
		{Title: "Organisation pays", Value: short(org.Mean, true), Unit: cur, Band: band(org, true), CI: ci(org, true),
			Note: "for org licences over " + months, Class: "org"},
		{Title: "Stranded spend", Value: short(stranded.Mean, true), Unit: cur, Band: band(stranded, true), CI: ci(stranded, true),
			Note: fmt.Sprintf("%.0f%% of employees' spend, paid for access they no longer have", 100*share), Class: "stranded"},
		{Title: "Shadow seats at end", Value: Human(seats.Mean, false, ""), Unit: "seats", Band: band(seats, false), CI: ci(seats, false),
			Note:  fmt.Sprintf("in %s self-service subscriptions, %s of them orphaned by leavers", Human(math.Round(subs.Mean), false, ""), Human(math.Round(orphans.Mean), false, "")),
			Class: "seats"},
	}
	v.Sentence = fmt.Sprintf("Over %d months, employees pay on average %s %s on their own cards for Microsoft 365 self-service licences; the organisation pays %s %s. "+
		"%.0f%% of the employees' money (%s %s) is stranded: charged after the buyer left or after the organisation cancelled or took over the subscription. "+
		"At the end, about %s seats are still live on employees' cards.",
		s.Months, cur, short(buyer.Mean, true), cur, short(org.Mean, true),
		100*share, cur, short(stranded.Mean, true), Human(math.Round(seats.Mean), false, ""))
	for _, ch := range r.Charts {
		svg, err := ch.InlineSVG()
		if err != nil {
			return nil, err
		}
		v.Charts = append(v.Charts, chartView{Name: ch.Name, Title: ch.Title, Caption: ch.Caption, SVG: template.HTML(svg)})
	}
	head := map[model.Metric]bool{}
	for _, m := range Headline {
		head[m] = true
	}
	for i, ms := range s.Metrics {
		money := ms.Metric.Money()
		f := func(x float64) string { return Human(x, money, "") }
		v.Metrics = append(v.Metrics, metricRow{
			Name: ms.Metric.Name(), Help: ms.Metric.Help(), Unit: unit(money, cur),
			Mean: f(ms.Mean), P05: f(ms.P05), P50: f(ms.P50), P95: f(ms.P95), SD: f(ms.SD),
			CI:    f(ms.CI95[0]) + " – " + f(ms.CI95[1]),
			Money: money, Headline: head[ms.Metric],
		})
		switch {
		case i == 0:
			v.Metrics[i].Group = "Contract metrics"
		case ms.Metric == model.OrgSeatsEnd+1:
			v.Metrics[i].Group = "Further metrics"
		}
	}
	p, a := cfg.Population, cfg.Admin
	v.People = [][2]string{
		{"Headcount at start", Human(float64(p.Headcount), false, "")},
		{"Billing/global admins", Human(float64(p.Admins), false, "")},
		{"Hires per month", trimFloat(p.HiresPerMonth)},
		{"Attrition per year", pctOf(p.AttritionPerYear)},
	}
	review := "never"
	if a.ReviewEveryDays > 0 {
		review = fmt.Sprintf("every %d days: %s", a.ReviewEveryDays, a.OnReview)
	}
	disableNew := "never"
	if a.DisableNewAfterDays >= 0 {
		disableNew = fmt.Sprintf("%d days after they appear", a.DisableNewAfterDays)
	}
	after := func(what fmt.Stringer, days int) string {
		if what.String() == "none" {
			return "nothing"
		}
		return fmt.Sprintf("%s after %d days", what, days)
	}
	short := map[model.Short]string{model.ShortBuy: "buy the missing licences", model.ShortCancel: "cancel without takeover", model.ShortSkip: "leave it running"}[a.WhenShort]
	v.Admin = [][2]string{
		{"Review of self-service subscriptions", review},
		{"Takeover short of org licences", short},
		{"Trial-start notices delivered", pctOf(a.NotifyDelivery)},
		{"On a trial-start notice", after(a.OnNotice, a.NoticeDelayDays)},
		{"On a buyer's departure", after(a.OnDeparture, a.DepartureDelayDays)},
		{"Licence requests approved", fmt.Sprintf("%s after %d days", pctOf(a.RequestApproval), a.RequestDelayDays)},
		{"Disable new products", disableNew},
		{"Cancels that fail (auto-renew off only)", pctOf(a.CancelFault)},
	}
	return v, nil
}
