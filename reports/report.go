package reports

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"

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
	// Provenance, when set, adds every assumption, the scenario file,
	// its SHA-256 and licsim's version.
	Provenance *Provenance
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
	Inputs    []assumptionGroup
	Warnings  []string
	Years     []costRow
	Products  []costRow
	SeatsAvg  string // time-average of the self-service seats, for prose
	SeatsEnd  string // self-service seats at the horizon, for prose
	Carried   string // what a history warm-up handed to the run on start; empty without one
	SHA256    string
	Version   string
	Source    string
	File      string
}

// assumptionGroup is one table of the scenario in the report's list of
// every assumption: a product's keys flow as a compact list, other
// tables are key–value rows.
type assumptionGroup struct {
	Title string
	Flow  bool
	Rows  []Assumption
}

// assumptionGroups groups assumptions by table and item, in order.
func assumptionGroups(as []Assumption, cfg *model.Config) []assumptionGroup {
	names := map[string]string{}
	for _, p := range cfg.Products {
		names[p.ID] = p.Name
	}
	var gs []assumptionGroup
	for i, a := range as {
		if i == 0 || a.Table != as[i-1].Table || a.Item != as[i-1].Item {
			title := map[string]string{"": "Run", "population": "Population", "admin": "What the admins do",
				"catalog_growth": "Products Microsoft adds during the run", "policy_change": "Policy change",
				"billing": "Billing and refunds"}[a.Table]
			switch {
			case a.Table == "product":
				title = "Product: " + names[a.Item]
			case a.Table == "price":
				id, n, _ := strings.Cut(a.Item, ".")
				title = "Product: " + names[id] + ", dated price " + n
			case title == "":
				title = a.Table
			}
			if a.Table == "policy_change" {
				title += " " + a.Item
			}
			gs = append(gs, assumptionGroup{Title: title, Flow: a.Item != ""})
		}
		gs[len(gs)-1].Rows = append(gs[len(gs)-1].Rows, a)
	}
	return gs
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

// view computes everything the template shows.
func (r *Report) view() (*reportView, error) {
	s, cfg := r.Summary, r.Config
	charts, err := chartViews(r.Charts)
	if err != nil {
		return nil, err
	}
	v := &reportView{
		Report: r, S: s, Cfg: cfg, HasGrowth: cfg.Growth.PerYear > 0,
		Headcount: Human(float64(cfg.Population.Headcount), false, ""),
		End:       MonthStart(s.Start, s.Months).AddDate(0, 0, -1).Format("2 January 2006"),
		Cards:     headlineCards(s),
		Sentence:  headlineSentence(s),
		Charts:    charts,
		Metrics:   metricRows(s),
		Years:     costRows(s.Years),
		Products:  costRows(s.Products),
		SeatsAvg:  Human(math.Round(s.SeatsAverage.Mean), false, ""),
		SeatsEnd:  Human(math.Round(s.Get(model.SelfserviceSeatsEnd).Mean), false, ""),
		People:    peopleRows(cfg.Population),
		Admin:     adminRows(cfg.Admin),
		Carried:   carriedText(s),
	}
	if p := r.Provenance; p != nil {
		v.Inputs = assumptionGroups(p.Assumptions, cfg)
		v.Warnings = p.Warnings
		v.SHA256, v.Version, v.Source, v.File = p.SourceSHA256(), p.Version, string(p.Source), p.File
	}
	return v, nil
}

// carriedText says, after a history warm-up, what it handed to the run on
// start (means over the replications), as the table on stdout does: the
// money before start is in no figure, so month 1 reads from this state.
func carriedText(s *Summary) string {
	c := s.Carried
	if c == nil {
		return ""
	}
	f := func(st Stats) string { return Human(st.Mean, false, "") }
	return fmt.Sprintf("warm-up from %s; on start: %s live subscriptions (%s trials), %s licence requests pending",
		c.From.Format("2 January 2006"), f(c.Subscriptions), f(c.Trials), f(c.Requests))
}

// strandedShare is the share of employees' money that is stranded.
func strandedShare(s *Summary) float64 {
	if buyer := s.Get(model.BuyerSpend); buyer.Mean > 0 {
		return s.Get(model.StrandedSpend).Mean / buyer.Mean
	}
	return 0
}

// headlineCards are the four answers at the top of the report: who pays
// how much, what is stranded and how many seats are left, each with its
// 90% band and the 95% confidence interval of its mean.
func headlineCards(s *Summary) []card {
	cur := s.Currency
	band := func(st Stats, money bool) string {
		return "90% band " + short(st.P05, money) + " – " + short(st.P95, money)
	}
	ci := func(st Stats, money bool) string {
		return "95% CI of the mean " + short(st.CI95[0], money) + " – " + short(st.CI95[1], money)
	}
	buyer, org, stranded := s.Get(model.BuyerSpend), s.Get(model.OrgSpend), s.Get(model.StrandedSpend)
	seats, subs, orphans := s.Get(model.SelfserviceSeatsEnd), s.Get(model.SubscriptionsEnd), s.Get(model.OrphanedSubscriptions)
	months := fmt.Sprintf("%d months", s.Months)
	return []card{
		{Title: "Employees pay", Value: short(buyer.Mean, true), Unit: cur, Band: band(buyer, true), CI: ci(buyer, true),
			Note: "on their own cards over " + months, Class: "buyer"},
		{Title: "Organisation pays", Value: short(org.Mean, true), Unit: cur, Band: band(org, true), CI: ci(org, true),
			Note: "for org licences over " + months, Class: "org"},
		{Title: "Stranded spend", Value: short(stranded.Mean, true), Unit: cur, Band: band(stranded, true), CI: ci(stranded, true),
			Note: fmt.Sprintf("%.0f%% of employees' spend, paid for access they no longer have", 100*strandedShare(s)), Class: "stranded"},
		{Title: "Shadow seats at end", Value: Human(seats.Mean, false, ""), Unit: "seats", Band: band(seats, false), CI: ci(seats, false),
			Note:  fmt.Sprintf("in %s self-service subscriptions, %s of them orphaned by leavers", Human(math.Round(subs.Mean), false, ""), Human(math.Round(orphans.Mean), false, "")) + seatsAverageNote(s),
			Class: "seats"},
	}
}

// seatsAverageNote adds the time-average of the seats to a sentence
// about the seats at the end, when the run has monthly series.
func seatsAverageNote(s *Summary) string {
	if s.SeatsAverage.N == 0 {
		return ""
	}
	return fmt.Sprintf("; %s seats on average over the %d months", Human(math.Round(s.SeatsAverage.Mean), false, ""), s.Months)
}

// headlineSentence says the headline answers in one paragraph.
func headlineSentence(s *Summary) string {
	cur := s.Currency
	buyer, org, stranded := s.Get(model.BuyerSpend), s.Get(model.OrgSpend), s.Get(model.StrandedSpend)
	seats := s.Get(model.SelfserviceSeatsEnd)
	return fmt.Sprintf("Over %d months, employees pay on average %s %s on their own cards for Microsoft 365 self-service licences; the organisation pays %s %s. "+
		"%.0f%% of the employees' money (%s %s) is stranded: charged after the buyer left or after the organisation cancelled or took over the subscription. "+
		"At the end, about %s seats are still live on employees' cards%s.",
		s.Months, cur, short(buyer.Mean, true), cur, short(org.Mean, true),
		100*strandedShare(s), cur, short(stranded.Mean, true), Human(math.Round(seats.Mean), false, ""), seatsAverageNote(s))
}

// chartViews renders the charts as inline SVG, in order.
func chartViews(charts []*Chart) ([]chartView, error) {
	var views []chartView
	for _, ch := range charts {
		svg, err := ch.InlineSVG()
		if err != nil {
			return nil, err
		}
		views = append(views, chartView{Name: ch.Name, Title: ch.Title, Caption: ch.Caption, SVG: template.HTML(svg)})
	}
	return views, nil
}

// metricRows is the full metric table: every metric in model.Metrics()
// order, the contract's first, headline metrics marked.
func metricRows(s *Summary) []metricRow {
	head := map[model.Metric]bool{}
	for _, m := range Headline {
		head[m] = true
	}
	var rows []metricRow
	for i, ms := range s.Metrics {
		money := ms.Metric.Money()
		f := func(x float64) string { return Human(x, money, "") }
		rows = append(rows, metricRow{
			Name: ms.Metric.Name(), Help: ms.Metric.Help(), Unit: unit(money, s.Currency),
			Mean: f(ms.Mean), P05: f(ms.P05), P50: f(ms.P50), P95: f(ms.P95), SD: f(ms.SD),
			CI:    f(ms.CI95[0]) + " – " + f(ms.CI95[1]),
			Money: money, Headline: head[ms.Metric],
		})
		switch {
		case i == 0:
			rows[i].Group = "Contract metrics"
		case ms.Metric == model.OrgSeatsEnd+1:
			rows[i].Group = "Further metrics"
		}
	}
	// The time-average of the self-service seats follows their count at
	// the horizon, which depends on where the last review falls.
	if i := slices.IndexFunc(rows, func(r metricRow) bool { return r.Name == model.SelfserviceSeatsEnd.Name() }); i >= 0 && s.SeatsAverage.N > 0 {
		st := s.SeatsAverage
		f := func(x float64) string { return Human(x, false, "") }
		rows = slices.Insert(rows, i+1, metricRow{
			Name: SeatsAverageName, Help: "self-service seats live on average over the horizon (mean of the month-end counts)",
			Unit: unit(false, s.Currency), Mean: f(st.Mean), P05: f(st.P05), P50: f(st.P50), P95: f(st.P95), SD: f(st.SD),
			CI: f(st.CI95[0]) + " – " + f(st.CI95[1]),
		})
	}
	return rows
}

// costRow is one row of the report's cost tables: the mean of each cost
// and its 90% band.
type costRow struct {
	Label, Key, Period string
	Cells              [4][2]string // buyer, org, total, company: mean, "p05 – p95"
}

// costRows lays out the costs per year or per product.
func costRows(cs []CostStats) []costRow {
	rows := make([]costRow, len(cs))
	for i, c := range cs {
		rows[i] = costRow{Label: c.Label, Key: c.Key}
		if c.From != "" {
			rows[i].Period = c.From + " – " + c.To
			rows[i].Key = ""
		}
		for j, m := range costMetrics {
			st := c.Get(m)
			rows[i].Cells[j] = [2]string{Human(st.Mean, true, ""), Human(st.P05, true, "") + " – " + Human(st.P95, true, "")}
		}
	}
	return rows
}

// peopleRows are the scenario's population parameters.
func peopleRows(p model.Population) [][2]string {
	return [][2]string{
		{"Headcount at start", Human(float64(p.Headcount), false, "")},
		{"Billing/global admins", Human(float64(p.Admins), false, "")},
		{"Hires per month", trimFloat(p.HiresPerMonth)},
		{"Attrition per year", pctOf(p.AttritionPerYear)},
	}
}

// adminRows are the scenario's admin policies, in words.
func adminRows(a model.Admin) [][2]string {
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
	whenShort := map[model.Short]string{model.ShortBuy: "buy the missing licences", model.ShortCancel: "cancel without takeover", model.ShortSkip: "leave it running"}[a.WhenShort]
	return [][2]string{
		{"Review of self-service subscriptions", review},
		{"Takeover short of org licences", whenShort},
		{"Trial-start notices delivered", pctOf(a.NotifyDelivery)},
		{"On a trial-start notice", after(a.OnNotice, a.NoticeDelayDays)},
		{"On a buyer's departure", after(a.OnDeparture, a.DepartureDelayDays)},
		{"Licence requests approved", fmt.Sprintf("%s after %d days", pctOf(a.RequestApproval), a.RequestDelayDays)},
		{"Disable new products", disableNew},
		{"Cancels that fail (auto-renew off only)", pctOf(a.CancelFault)},
	}
}
