package reports

import (
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

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
	cmp, err := Compare(cfg, &cfgB, totals(results), totals(resB))
	require.NoError(t, err)
	sw := &Sweep{Header: Header{Scenario: cfg.Name, Replications: 3, Seed: 7, Currency: "EUR"}, Key: "product.*.card_given",
		Points: []SweepPoint{{Value: "0.2", Summary: s}, {Value: "0.8", Summary: Summarize(&cfgB, resB)}}}

	for _, tt := range []struct {
		file string
		fn   func(io.Writer) error
	}{
		{"summary.json", func(w io.Writer) error { return WriteSummaryJSON(w, s) }},
		{"per_year.csv", func(w io.Writer) error { return WritePerYearCSV(w, s) }},
		{"per_product.csv", func(w io.Writer) error { return WritePerProductCSV(w, s) }},
		{"replications.csv", func(w io.Writer) error { return WriteReplicationsCSV(w, results) }},
		{"monthly.csv", func(w io.Writer) error { return WriteMonthlyCSV(w, s) }},
		{"subscriptions.csv", func(w io.Writer) error { return WriteSubscriptionsCSV(w, cfg.Start, results[0].Subscriptions) }},
		{"compare.json", func(w io.Writer) error { return WriteCompareJSON(w, cmp) }},
		{"sweep.csv", func(w io.Writer) error { return WriteSweepCSV(w, sw) }},
	} {
		t.Run(tt.file, func(t *testing.T) { golden(t, tt.file, render(t, tt.fn)) })
	}
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
