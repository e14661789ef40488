package reports

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
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
