package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"licsim/model"
)

// FileWorkbook is the run's Excel workbook.
const FileWorkbook = "results.xlsx"

// The workbook's sheets, in order.
const (
	SheetSummary      = "Summary"
	SheetPerYear      = "Per year"
	SheetPerProduct   = "Per product"
	SheetMonthly      = "Monthly"
	SheetReplications = "Replications"
	SheetAssumptions  = "Assumptions"
)

// maxSheetRows is Excel's limit of rows in a sheet, the header included.
const maxSheetRows = 1_048_576

// WriteWorkbook writes results.xlsx: the run's numbers for a
// spreadsheet, as numbers with number formats (money with thousands
// separators, two decimals and the currency), each sheet with a frozen
// header row and set column widths:
//
//   - Summary: every metric of summary.json (the headline ones first) and
//     selfservice_seats_avg: unit, mean, sd, p05, median, p95 and the 95%
//     confidence interval of the mean;
//   - Per year and Per product: buyer, org, total and company cost, mean
//     and 90% band, as in summary.json's per_year and per_product;
//   - Monthly and Replications: monthly.csv and replications.csv, cell
//     for cell (seeds as text: a 64-bit seed does not fit a spreadsheet
//     number; at most Excel's 1,048,575 replications);
//   - Assumptions: how the run was made (command, scenario file, its
//     SHA-256, seed, replications, licsim version) and every input as it
//     took effect (prov).
//
// Every number is the one the text files hold (summary.json's rounding),
// so that the workbook and the files never disagree. The file is the
// same, byte for byte, for the same scenario and seed: its document
// properties carry the scenario's start date, not the time of writing.
func WriteWorkbook(w io.Writer, s *Summary, results []model.Result, prov *Provenance) error {
	x := newWorkbook(s.Currency, SheetSummary)
	defer x.f.Close()
	x.s = s
	steps := []func() error{
		x.summary, x.perYear, x.perProduct, x.monthly,
		func() error { return x.replications(results) },
		func() error { return x.assumptions(prov) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return x.fail(err)
		}
	}
	return x.save(w, s.Start, &excelize.DocProperties{
		Title: s.Scenario, Subject: "Microsoft 365 self-service licences: simulation results",
		Description: fmt.Sprintf("%d replications, seed %d, %d months from %s", s.Replications, s.Seed, s.Months, s.Start.Format("2006-01-02")),
	})
}

// newWorkbook starts a workbook whose money is in currency, with the
// cell styles registered and the new file's only sheet named first: it
// stays the active sheet, so that no SetActiveSheet is needed (that call
// parses every sheet back, streamed ones included). The caller closes
// x.f.
func newWorkbook(currency, first string) *workbook {
	x := &workbook{f: excelize.NewFile(), currency: currency}
	x.f.SetZipWriter(newSortedZip)
	x.styles()
	if err := x.f.SetSheetName(x.f.GetSheetName(0), first); err != nil && x.err == nil {
		x.err = err
	}
	return x
}

// save writes the workbook to w with the document properties props and
// fixed ones: creator and application licsim, created and modified at
// date (a date of the inputs, such as the scenario's start, never the
// time of writing), so that the same inputs give the same bytes. The zip
// entries carry no dates of their own (excelize writes none).
func (x *workbook) save(w io.Writer, date time.Time, props *excelize.DocProperties) error {
	if x.err != nil {
		return x.fail(x.err)
	}
	d := date.UTC().Format("2006-01-02T15:04:05Z")
	p := *props
	p.Creator, p.LastModifiedBy, p.Created, p.Modified = "licsim", "licsim", d, d
	if err := x.f.SetDocProps(&p); err != nil {
		return x.fail(err)
	}
	if err := x.f.SetAppProps(&excelize.AppProperties{Application: "licsim"}); err != nil {
		return x.fail(err)
	}
	if _, err := x.f.WriteTo(w); err != nil {
		return x.fail(err)
	}
	return nil
}

// workbook builds the sheets of one workbook; err keeps the first error
// of the cell writes, so that the sheets read as lists of rows.
type workbook struct {
	f                               *excelize.File
	currency                        string   // of every money cell
	s                               *Summary // results.xlsx of a run
	err                             error
	listed                          int // replications on the Replications sheet
	header, money, count, int, text int
}

func (x *workbook) fail(err error) error { return fmt.Errorf("%s: %w", FileWorkbook, err) }

// styles registers the cell styles: a bold header, money in
// x.currency, counts with one decimal, whole counts.
func (x *workbook) styles() {
	style := func(st *excelize.Style) int {
		id, err := x.f.NewStyle(st)
		if err != nil && x.err == nil {
			x.err = err
		}
		return id
	}
	cur := strings.ReplaceAll(x.currency, `"`, "")
	moneyFmt := `#,##0.00 "` + cur + `";-#,##0.00 "` + cur + `"`
	countFmt := "#,##0.0###"
	intFmt := "#,##0"
	x.header = style(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7ECF3"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	x.money = style(&excelize.Style{CustomNumFmt: &moneyFmt})
	x.count = style(&excelize.Style{CustomNumFmt: &countFmt})
	x.int = style(&excelize.Style{CustomNumFmt: &intFmt})
	x.text = style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
}

// cell is one value of a row and its style (0: none).
type cell struct {
	v     any
	style int
}

// number is x as the files write it (num), as a number cell.
func (x *workbook) number(v float64, money bool) cell {
	f, err := strconv.ParseFloat(num(v, money), 64)
	if err != nil { // "null": NaN or ±Inf
		return cell{v: "", style: 0}
	}
	if money {
		return cell{f, x.money}
	}
	return cell{f, x.count}
}

// sheet fills a sheet with a frozen header row and rows, and sets the
// column widths. It streams the sheet: rows go out as XML at once,
// rather than into excelize's model of the sheet, which is marshalled
// on saving (a third of the workbook's time).
func (x *workbook) sheet(name string, widths []float64, header []string, rows [][]cell) error {
	sw, err := x.stream(name, widths)
	if err != nil {
		return err
	}
	values := make([]any, len(header))
	for i, h := range header {
		values[i] = excelize.Cell{Value: h, StyleID: x.header}
	}
	if err := sw.SetRow("A1", values); err != nil {
		return err
	}
	for i, r := range rows {
		values = values[:0]
		for _, c := range r {
			if c.style == 0 {
				values = append(values, c.v)
			} else {
				values = append(values, excelize.Cell{Value: c.v, StyleID: c.style})
			}
		}
		name, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(name, values); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// stream starts the sheet name (the file's first sheet already exists)
// as a stream with a frozen header row and the column widths; the caller
// writes the rows and flushes it. Streams are written in any order of
// sheets: sortedZip puts the parts in a fixed order.
func (x *workbook) stream(name string, widths []float64) (*excelize.StreamWriter, error) {
	if idx, err := x.f.GetSheetIndex(name); err != nil {
		return nil, err
	} else if idx < 0 {
		if _, err := x.f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(widths); { // one call per run of equal widths
		k := i
		for k+1 < len(widths) && widths[k+1] == widths[i] {
			k++
		}
		if err := sw.SetColWidth(i+1, k+1, widths[i]); err != nil {
			return nil, err
		}
		i = k + 1
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	return sw, nil
}

// summaryMetrics lists the Summary sheet's metrics: the headline ones,
// then the others in model.Metrics() order.
func summaryMetrics() []model.Metric {
	ms := append([]model.Metric(nil), Headline...)
	head := map[model.Metric]bool{}
	for _, m := range Headline {
		head[m] = true
	}
	for _, m := range model.Metrics() {
		if !head[m] {
			ms = append(ms, m)
		}
	}
	return ms
}

func (x *workbook) summary() error {
	header := []string{"Metric", "What it counts", "Unit", "Mean", "SD", "p05", "Median", "p95", "95% CI of mean: low", "95% CI of mean: high"}
	var rows [][]cell
	add := func(name, help string, st Stats, money bool) {
		rows = append(rows, []cell{{v: name}, {v: help, style: x.text}, {v: unit(money, x.s.Currency)},
			x.number(st.Mean, money), x.number(st.SD, money), x.number(st.P05, money), x.number(st.P50, money),
			x.number(st.P95, money), x.number(st.CI95[0], money), x.number(st.CI95[1], money)})
	}
	for _, m := range summaryMetrics() {
		add(m.Name(), m.Help(), x.s.Get(m), m.Money())
		if m == model.SelfserviceSeatsEnd {
			add(SeatsAverageName, "self-service seats live on average over the horizon (mean of the month-end counts)", x.s.SeatsAverage, false)
		}
	}
	return x.sheet(SheetSummary, []float64{26, 48, 8, 16, 14, 16, 16, 16, 18, 18}, header, rows)
}

// costHeader is the header of the cost columns: mean and 90% band of
// each cost.
func costHeader() []string {
	var h []string
	for _, m := range costMetrics {
		n := label(m)
		h = append(h, n+": mean", n+": p05", n+": p95")
	}
	return h
}

func (x *workbook) costCells(c *CostStats) []cell {
	var cells []cell
	for _, m := range costMetrics {
		st := c.Get(m)
		cells = append(cells, x.number(st.Mean, true), x.number(st.P05, true), x.number(st.P95, true))
	}
	return cells
}

func (x *workbook) perYear() error {
	header := append([]string{"Year", "From", "To", "Months"}, costHeader()...)
	var rows [][]cell
	for i := range x.s.Years {
		y := &x.s.Years[i]
		n, _ := strconv.Atoi(y.Key)
		rows = append(rows, append([]cell{{n, x.int}, {v: y.From}, {v: y.To}, {y.Months, x.int}}, x.costCells(y)...))
	}
	return x.sheet(SheetPerYear, append([]float64{7, 10, 10, 8}, repeat(16, 12)...), header, rows)
}

func (x *workbook) perProduct() error {
	header := append([]string{"Product", "Name"}, costHeader()...)
	var rows [][]cell
	for i := range x.s.Products {
		p := &x.s.Products[i]
		rows = append(rows, append([]cell{{v: p.Key}, {v: p.Label, style: x.text}}, x.costCells(p)...))
	}
	return x.sheet(SheetPerProduct, append([]float64{28, 34}, repeat(16, 12)...), header, rows)
}

// monthly is monthly.csv as a sheet: the same rows and columns.
func (x *workbook) monthly() error {
	header := []string{"month", "metric", "mean", "p05", "p50", "p95"}
	var rows [][]cell
	for m := range x.s.Months {
		label := MonthLabel(x.s.Start, m)
		for _, ser := range x.s.Series {
			if m >= len(ser.Months) {
				continue
			}
			b := ser.Months[m]
			rows = append(rows, []cell{{v: label}, {v: ser.Name},
				x.number(b.Mean, ser.Money), x.number(b.P05, ser.Money), x.number(b.P50, ser.Money), x.number(b.P95, ser.Money)})
		}
	}
	return x.sheet(SheetMonthly, []float64{10, 34, 14, 14, 14, 14}, header, rows)
}

// replications is replications.csv as a sheet (a run may have a
// million rows), written row by row from the results.
func (x *workbook) replications(results []model.Result) error {
	metrics := model.Metrics()
	widths := append([]float64{8, 22}, repeat(16, len(metrics))...)
	sw, err := x.stream(SheetReplications, widths)
	if err != nil {
		return err
	}
	header := []any{excelize.Cell{Value: "rep", StyleID: x.header}, excelize.Cell{Value: "seed", StyleID: x.header}}
	for _, m := range metrics {
		header = append(header, excelize.Cell{Value: m.Name(), StyleID: x.header})
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	row := make([]any, 2+len(metrics))
	for i := range results {
		if i+2 > maxSheetRows {
			break
		}
		r := &results[i]
		row[0] = excelize.Cell{Value: r.Rep, StyleID: x.int}
		row[1] = strconv.FormatUint(r.Seed, 10)
		for j, m := range metrics {
			if m.Money() {
				row[2+j] = excelize.Cell{Value: float64(r.Get(m)) / 100, StyleID: x.money}
			} else {
				row[2+j] = excelize.Cell{Value: r.Get(m), StyleID: x.int}
			}
		}
		name, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(name, row); err != nil {
			return err
		}
		x.listed++
	}
	return sw.Flush()
}

func (x *workbook) assumptions(prov *Provenance) error {
	if prov == nil {
		prov = &Provenance{}
	}
	header := []string{"Setting", "Value", "Unit", "What it means"}
	rows := [][]cell{
		{{v: "scenario"}, {v: x.s.Scenario, style: x.text}, {v: ""}, {v: "the scenario's name"}},
		{{v: "command"}, {v: prov.Command, style: x.text}, {v: ""}, {v: "reproduces the run"}},
		{{v: "scenario file"}, {v: prov.File}, {v: ""}, {v: "the scenario as given"}},
		{{v: "scenario SHA-256"}, {v: prov.SourceSHA256()}, {v: ""}, {v: "of the scenario file's bytes"}},
		{{v: "seed"}, {v: strconv.FormatUint(x.s.Seed, 10)}, {v: ""}, {v: "base seed of the replications"}},
		{{v: "replications"}, {x.s.Replications, x.int}, {v: ""}, {v: "replications described"}},
		{{v: "months"}, {x.s.Months, x.int}, {v: "months"}, {v: "from " + x.s.Start.Format("2006-01-02")}},
		{{v: "currency"}, {v: x.s.Currency}, {v: ""}, {v: "of every amount"}},
		{{v: "licsim version"}, {v: prov.Version}, {v: ""}, {v: "from its build information"}},
	}
	if x.listed < x.s.Replications {
		rows = append(rows, []cell{{v: "replications listed"}, {x.listed, x.int}, {v: ""},
			{v: "on the Replications sheet: Excel's limit of rows; replications.csv lists them all", style: x.text}})
	}
	for _, a := range prov.Assumptions {
		rows = append(rows, []cell{{v: a.Path()}, {v: a.Value, style: x.text}, {v: a.Unit}, {v: a.Doc, style: x.text}})
	}
	return x.sheet(SheetAssumptions, []float64{44, 40, 12, 70}, header, rows)
}

func repeat(w float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = w
	}
	return out
}
