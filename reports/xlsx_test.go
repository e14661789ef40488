package reports_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"licsim/model"
	"licsim/reports"
	"licsim/scenarios"
)

// workbookRun is a real run short of a whole number of years, with
// catalog growth (the baseline's), its summary and provenance.
func workbookRun(t *testing.T, workers int) (*model.Config, []model.Result, *reports.Summary, *reports.Provenance) {
	t.Helper()
	cfg, err := scenarios.Load(scenarios.DefaultName)
	require.NoError(t, err)
	cfg.Months, cfg.Replications = 30, 9
	results, err := model.Replicate(context.Background(), cfg, workers, nil)
	require.NoError(t, err)
	prov := &reports.Provenance{Command: reports.RunCommand(scenarios.DefaultName, cfg), Version: "test", File: "baseline"}
	for _, a := range scenarios.Assumptions(cfg) {
		prov.Assumptions = append(prov.Assumptions, reports.Assumption(a))
	}
	return cfg, results, reports.Summarize(cfg, results), prov
}

func writeTo(t *testing.T, fn func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, fn(&b))
	return b.Bytes()
}

// results.xlsx is the same file, byte for byte, whenever the scenario
// and seed are: written twice, and from runs with 1 and 2 workers.
func TestWorkbook_IsDeterministic(t *testing.T) {
	_, results1, s1, prov := workbookRun(t, 1)
	_, results2, s2, _ := workbookRun(t, 2)
	a := writeTo(t, func(w io.Writer) error { return reports.WriteWorkbook(w, s1, results1, prov) })
	b := writeTo(t, func(w io.Writer) error { return reports.WriteWorkbook(w, s1, results1, prov) })
	c := writeTo(t, func(w io.Writer) error { return reports.WriteWorkbook(w, s2, results2, prov) })
	assert.True(t, bytes.Equal(a, b), "two writes differ")
	assert.True(t, bytes.Equal(a, c), "workers 1 and 2 differ")
}

// The workbook, read back by excelize, holds in every cell of Summary,
// Per year and Per product the numbers of summary.json, and in Monthly
// and Replications those of monthly.csv and replications.csv; money has
// a currency format, and every sheet a frozen header row.
func TestWorkbook_ReadBackEqualsTheFiles(t *testing.T) {
	cfg, results, s, prov := workbookRun(t, 2)
	book := writeTo(t, func(w io.Writer) error { return reports.WriteWorkbook(w, s, results, prov) })
	f, err := excelize.OpenReader(bytes.NewReader(book))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Summary", "Per year", "Per product", "Monthly", "Replications", "Assumptions"}, f.GetSheetList())
	rows := func(sheet string) [][]string {
		r, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		p, err := f.GetPanes(sheet)
		require.NoError(t, err)
		assert.True(t, p.Freeze && p.YSplit == 1, "%s: header row frozen", sheet)
		return r
	}

	var sum struct {
		Metrics    map[string]map[string]any
		PerYear    []map[string]any `json:"per_year"`
		PerProduct []map[string]any `json:"per_product"`
		SeatsAvg   map[string]any   `json:"selfservice_seats_avg"`
	}
	require.NoError(t, json.Unmarshal(writeTo(t, func(w io.Writer) error { return reports.WriteSummaryJSON(w, s) }), &sum))
	num := func(cellText string) float64 {
		x, err := strconv.ParseFloat(cellText, 64)
		require.NoError(t, err, "%q is not a number", cellText)
		return x
	}

	summary := rows("Summary")
	require.Equal(t, []string{"Metric", "What it counts", "Unit", "Mean", "SD", "p05", "Median", "p95", "95% CI of mean: low", "95% CI of mean: high"}, summary[0])
	require.Len(t, summary, 1+int(model.NumMetrics)+1)
	for _, row := range summary[1:] {
		st := sum.Metrics[row[0]]
		if row[0] == reports.SeatsAverageName {
			st = sum.SeatsAvg
		}
		require.NotNil(t, st, row[0])
		ci := st["ci95"].([]any)
		assert.Equal(t, st["unit"], row[2], row[0])
		for i, want := range []any{st["mean"], st["sd"], st["p05"], st["p50"], st["p95"], ci[0], ci[1]} {
			assert.Equal(t, want, num(row[3+i]), "%s column %d", row[0], 4+i)
		}
	}
	// Money cells carry the currency format.
	style, err := f.GetCellStyle("Summary", "D2")
	require.NoError(t, err)
	st, err := f.GetStyle(style)
	require.NoError(t, err)
	require.NotNil(t, st.CustomNumFmt)
	assert.Contains(t, *st.CustomNumFmt, `#,##0.00 "`+cfg.Currency+`"`)

	costs := func(row []string, obj map[string]any) {
		for i, m := range []string{"buyer_spend", "org_spend", "total_cost", "company_cost"} {
			o := obj[m].(map[string]any)
			for j, k := range []string{"mean", "p05", "p95"} {
				assert.Equal(t, o[k], num(row[3*i+j]), "%s %s", m, k)
			}
		}
	}
	years := rows("Per year")
	require.Len(t, years, 1+len(sum.PerYear))
	require.Len(t, sum.PerYear, 3)
	for i, y := range sum.PerYear {
		row := years[1+i]
		assert.Equal(t, y["period"], num(row[0]))
		assert.Equal(t, []any{y["from"], y["to"], y["months"]}, []any{row[1], row[2], num(row[3])})
		costs(row[4:], y)
	}
	products := rows("Per product")
	require.Len(t, products, 1+len(sum.PerProduct))
	require.Len(t, sum.PerProduct, len(model.CostGroups(cfg)))
	for i, p := range sum.PerProduct {
		row := products[1+i]
		assert.Equal(t, []any{p["product"], p["name"]}, []any{row[0], row[1]})
		costs(row[2:], p)
	}

	// Monthly and Replications: the CSV's cells, numbers equal as numbers.
	sameAsCSV := func(sheet string, file []byte) {
		want, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
		require.NoError(t, err)
		got := rows(sheet)
		require.Len(t, got, len(want), sheet)
		for i := range want {
			require.Len(t, got[i], len(want[i]), "%s row %d", sheet, i+1)
			for j := range want[i] {
				w, errW := strconv.ParseFloat(want[i][j], 64)
				g, errG := strconv.ParseFloat(got[i][j], 64)
				if errW == nil && errG == nil {
					assert.Equal(t, w, g, "%s row %d column %d", sheet, i+1, j+1)
				} else {
					assert.Equal(t, want[i][j], got[i][j], "%s row %d column %d", sheet, i+1, j+1)
				}
			}
		}
	}
	sameAsCSV("Monthly", writeTo(t, func(w io.Writer) error { return reports.WriteMonthlyCSV(w, s) }))
	sameAsCSV("Replications", writeTo(t, func(w io.Writer) error { return reports.WriteReplicationsCSV(w, results) }))
	// Seeds are text: a 64-bit seed does not fit a spreadsheet number.
	typ, err := f.GetCellType("Replications", "B2")
	require.NoError(t, err)
	assert.NotEqual(t, excelize.CellTypeNumber, typ)

	// Every assumption, by the name a --set override gives it.
	assumptions := rows("Assumptions")
	got := map[string]string{}
	for _, r := range assumptions[1:] {
		got[r[0]] = r[1]
	}
	assert.Equal(t, prov.Command, got["command"])
	for _, a := range prov.Assumptions {
		assert.Equal(t, a.Value, got[a.Path()], a.Path())
	}
}
