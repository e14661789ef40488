package reports

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func mustDate(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	require.NoError(t, err)
	return d
}

// fixture is a small scenario with three hand-made replications: enough
// to pin every writer's format without running the model.
func fixture(t testing.TB) (*model.Config, []model.Result) {
	cfg := &model.Config{
		Name: `Golden "fixture", with a comma`, Start: mustDate(t, "2025-01-31"), Months: 3,
		Currency: "EUR", Seed: 7, Replications: 3,
		Population: model.Population{Headcount: 100, Admins: 2, HiresPerMonth: 1, AttritionPerYear: 0.1},
		Products: []model.Product{{ID: "visio-plan-1", Name: "Visio Plan 1", Added: mustDate(t, "2020-01-14"),
			TrialDays: 30, TrialNeedsCard: true, PriceAnnual: 500, PriceMonthly: 600, OrgPrice: 500,
			Behaviour: model.Behaviour{InterestPerYear: 0.05, CardGiven: 0.6, MonthlyTerm: 0.7}}},
	}
	width := len(model.Series(cfg)) // 7 fixed + 1 product
	require.Equal(t, 8, width)
	var results []model.Result
	for rep := range 3 {
		r := model.Result{Rep: rep, Seed: uint64(1000 + rep), Monthly: make([]int64, cfg.Months*width)}
		for _, m := range model.Metrics() {
			r.Totals[m] = int64((int(m) + 1) * (rep + 1))
		}
		r.Totals[model.BuyerSpend] = []int64{123456, 7, 99999}[rep] // cents
		r.Totals[model.OrgSpend] = []int64{0, 500, 1000}[rep]
		r.Totals[model.StrandedSpend] = []int64{1, 2, 4}[rep]
		for m := range cfg.Months {
			for i := range width {
				r.Monthly[m*width+i] = int64(100*(m+1) + 10*i + rep)
			}
		}
		results = append(results, r)
	}
	results[0].Subscriptions = []model.SubscriptionRecord{
		{ID: 0, Product: "visio-plan-1", Buyer: 17, Seats: 2, Assigned: []int32{17, 42}, Term: "monthly",
			Started: 3, State: "active", BuyerPaid: 1200, Stranded: 0},
		{ID: 1, Product: "visio-plan-1", Buyer: 5, BuyerLeft: true, Seats: 1, Assigned: nil, Term: "annual",
			Started: 40, State: "autorenew-off", BuyerPaid: 3000, Stranded: 1005},
		{ID: 2, Product: "new-product-1", Buyer: 9, Seats: 3, Assigned: []int32{9}, Term: "trial",
			Started: 0, State: "trial", BuyerPaid: 0, Stranded: 0},
	}
	return cfg, results
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./reports -update to create it")
	assert.Equal(t, string(want), string(got), "%s differs from the golden file (go test ./reports -update rewrites it)", name)
}

func render(t *testing.T, fn func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, fn(&b))
	return b.Bytes()
}

func TestGolden_Writers(t *testing.T) {
	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	cfgB := *cfg
	cfgB.Name = "Golden B"
	resB := append([]model.Result(nil), results...)
	for i := range resB {
		resB[i].Totals[model.BuyerSpend] += int64(10 * i)
		resB[i].Totals[model.Takeovers] += 1
	}
	cmp, err := Compare(cfg, &cfgB, results, resB)
	require.NoError(t, err)
	sw := &Sweep{Scenario: cfg.Name, Key: "product.*.card_given", Replications: 3, Seed: 7, Currency: "EUR",
		Points: []SweepPoint{{Value: "0.2", Summary: s}, {Value: "0.8", Summary: Summarize(&cfgB, resB)}}}

	for _, tt := range []struct {
		file string
		fn   func(io.Writer) error
	}{
		{"summary.json", func(w io.Writer) error { return WriteSummaryJSON(w, s) }},
		{"replications.csv", func(w io.Writer) error { return WriteReplicationsCSV(w, results) }},
		{"monthly.csv", func(w io.Writer) error { return WriteMonthlyCSV(w, s) }},
		{"subscriptions.csv", func(w io.Writer) error { return WriteSubscriptionsCSV(w, cfg.Start, results[0].Subscriptions) }},
		{"compare.json", func(w io.Writer) error { return WriteCompareJSON(w, cmp) }},
		{"sweep.csv", func(w io.Writer) error { return WriteSweepCSV(w, sw) }},
	} {
		t.Run(tt.file, func(t *testing.T) { golden(t, tt.file, render(t, tt.fn)) })
	}
}

// TestSummaryJSON_Contract checks the contract's shape with a JSON
// decoder: the fixed keys, every metric in model.Metrics() order, money
// in currency units.
func TestSummaryJSON_Contract(t *testing.T) {
	cfg, results := fixture(t)
	out := string(render(t, func(w io.Writer) error { return WriteSummaryJSON(w, Summarize(cfg, results)) }))
	var doc struct {
		Scenario     string
		Replications int
		Seed         uint64
		Currency     string
		Months       int
		Metrics      map[string]struct {
			Mean, SD, P05, P50, P95 float64
			CI95                    [2]float64
		}
	}
	require.NoError(t, jsonUnmarshal([]byte(out), &doc))
	assert.Equal(t, cfg.Name, doc.Scenario)
	assert.Equal(t, 3, doc.Replications)
	assert.Equal(t, uint64(7), doc.Seed)
	assert.Equal(t, "EUR", doc.Currency)
	assert.Equal(t, 3, doc.Months)
	require.Len(t, doc.Metrics, int(model.NumMetrics))
	// (1234.56 + 0.07 + 999.99) / 3 = 744.873… → 744.87
	assert.Equal(t, 744.87, doc.Metrics["buyer_spend"].Mean)
	assert.Equal(t, 0.07, doc.Metrics["buyer_spend"].P05)
	last := -1
	for _, m := range model.Metrics() {
		i := strings.Index(out, `"`+m.Name()+`":`)
		require.Greater(t, i, last, "%s out of order", m.Name())
		last = i
	}
}

func TestCompare_SelfIsExactlyZero(t *testing.T) {
	cfg, results := fixture(t)
	c, err := Compare(cfg, cfg, results, results)
	require.NoError(t, err)
	for _, d := range c.Metrics {
		assert.Equal(t, d.A, d.B)
		assert.Equal(t, Stats{N: 3, Mean: 0, SD: 0, P05: 0, P50: 0, P95: 0, CI95: [2]float64{0, 0}}, d.Diff, d.Metric.Name())
	}
	out := string(render(t, func(w io.Writer) error { return WriteCompareJSON(w, c) }))
	assert.NotContains(t, out, "-0")
}

func TestCompare_PairedDifference(t *testing.T) {
	cfg, a := fixture(t)
	b := append([]model.Result(nil), a...)
	// b − a = 1, 2, 3 cents of buyer spend: mean 0.02, sd 0.01,
	// CI 0.02 ± t(0.975;2)·0.01/√3 = 0.02 ± 0.024841.
	for i := range b {
		b[i].Totals[model.BuyerSpend] += int64(i + 1)
	}
	c, err := Compare(cfg, cfg, a, b)
	require.NoError(t, err)
	d := c.Get(model.BuyerSpend)
	assert.InDelta(t, 0.02, d.Diff.Mean, 1e-12)
	assert.InDelta(t, 0.01, d.Diff.SD, 1e-12)
	assert.InDelta(t, 0.02-0.0248414, d.Diff.CI95[0], 1e-6)
	assert.InDelta(t, d.B-d.A, d.Diff.Mean, 1e-9)

	b[1].Seed++
	_, err = Compare(cfg, cfg, a, b)
	assert.ErrorContains(t, err, "not paired")
	_, err = Compare(cfg, cfg, a, b[:2])
	assert.Error(t, err)
}

func TestSummarize_MonthlyBands(t *testing.T) {
	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	require.Len(t, s.Series, 8)
	buyer := s.MonthlySeries(model.SerBuyerSpend)
	require.NotNil(t, buyer)
	assert.True(t, buyer.Money)
	// Month 1, series 0: 200, 201, 202 cents → 2.00, 2.01, 2.02.
	assert.InDelta(t, 2.01, buyer.Months[1].Mean, 1e-12)
	assert.Equal(t, 2.00, buyer.Months[1].P05)
	assert.Equal(t, 2.02, buyer.Months[1].P95)
	seats := s.ProductSeats(0) // seats:visio-plan-1
	require.NotNil(t, seats)
	assert.Equal(t, 371.0, seats.Months[2].P50) // 300 + 70 + rep 1

	// A result with the wrong monthly length is left out of the bands,
	// not trusted and not a panic.
	results[2].Monthly = results[2].Monthly[:5]
	s = Summarize(cfg, results)
	assert.InDelta(t, 2.005, s.MonthlySeries(model.SerBuyerSpend).Months[1].Mean, 1e-12)
	assert.Equal(t, 3, s.Replications)
}

// failAfter is a writer that fails once n bytes were written: a disk
// that fills up half-way.
type failAfter struct {
	n   int
	err error
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		w := f.n
		f.n = 0
		return w, f.err
	}
	f.n -= len(p)
	return len(p), nil
}

func TestStage_FailedWriterLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(out, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(out, "summary.json"), []byte("old"), 0o644))

	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	st, err := NewStage(out)
	require.NoError(t, err)
	require.NoError(t, st.Write("monthly.csv", func(w io.Writer) error { return WriteMonthlyCSV(w, s) }))
	boom := errors.New("disk full")
	err = st.Write("summary.json", func(w io.Writer) error {
		// Half of the file, then the failure.
		full := render(t, func(w io.Writer) error { return WriteSummaryJSON(w, s) })
		if _, err := w.Write(full[:len(full)/2]); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	st.Abort()

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "the temporary folder must be gone")
	old, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	assert.Equal(t, "old", string(old), "a failed run must not touch existing files")
	_, err = os.Stat(filepath.Join(out, "monthly.csv"))
	assert.True(t, os.IsNotExist(err), "no file of a failed run may appear")
}

func TestStage_CommitMovesEverything(t *testing.T) {
	out := filepath.Join(t.TempDir(), "a", "out")
	st, err := NewStage(out)
	require.NoError(t, err)
	defer st.Abort()
	for _, n := range []string{"x.csv", "y.json"} {
		require.NoError(t, st.Write(n, func(w io.Writer) error { _, err := io.WriteString(w, n); return err }))
	}
	require.Error(t, st.Write("../evil", func(io.Writer) error { return nil }))
	require.NoError(t, st.Commit(context.Background()))
	for _, n := range []string{"x.csv", "y.json"} {
		b, err := os.ReadFile(filepath.Join(out, n))
		require.NoError(t, err)
		assert.Equal(t, n, string(b))
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	assert.Len(t, entries, 1, "temporary folder removed after commit")
	assert.Error(t, st.Write("late", func(io.Writer) error { return nil }))
}

func TestStage_CancelledWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	st, err := NewStage(out)
	require.NoError(t, err)
	require.NoError(t, st.Write("x", func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, st.Commit(ctx), context.Canceled)
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err))
	entries, _ := os.ReadDir(filepath.Dir(out))
	assert.Empty(t, entries)
}

func TestWriteFileAtomic_FailedWriterLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.json")
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		fw := &failAfter{n: 10, err: boom}
		_, err := io.MultiWriter(w, fw).Write([]byte("{\"scenario\": \"half of a file\""))
		return err
	})
	require.ErrorIs(t, err, boom)
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "neither the file nor its temporary file may remain")

	require.NoError(t, WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "ok"); return err }))
	b, _ := os.ReadFile(path)
	assert.Equal(t, "ok", string(b))
	info, _ := os.Stat(path)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
}

func TestCSVWriters_PropagateWriteErrors(t *testing.T) {
	cfg, results := fixture(t)
	s := Summarize(cfg, results)
	boom := errors.New("boom")
	for name, fn := range map[string]func(io.Writer) error{
		"replications":  func(w io.Writer) error { return WriteReplicationsCSV(w, results) },
		"monthly":       func(w io.Writer) error { return WriteMonthlyCSV(w, s) },
		"summary":       func(w io.Writer) error { return WriteSummaryJSON(w, s) },
		"subscriptions": func(w io.Writer) error { return WriteSubscriptionsCSV(w, cfg.Start, results[0].Subscriptions) },
	} {
		assert.ErrorIs(t, fn(&failAfter{n: 50, err: boom}), boom, name)
	}
}
