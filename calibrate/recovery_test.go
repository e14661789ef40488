package calibrate

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/scenarios"
	"licsim/scenarios/tenant"
)

// truth is a tenant with known parameters: a product whose trial needs
// a card (power-bi-pro) and one whose trial does not (visio-plan-1). No
// admin acts, so every subscription ends by its buyer's own decisions.
func truth(headcount, months int, seed uint64) string {
	return fmt.Sprintf(`name = "truth"
start = 2022-01-01
months = %d
seed = %d
replications = 1
[population]
headcount = %d
admins = 2
hires_per_month = %g
attrition_per_year = 0.15
[[product]]
id = "power-bi-pro"
interest_per_year = 0.6
card_given = 0.5
autorenew_off_in_trial = 0.4
extend_trial = 0.2
monthly_term = 0.7
seats_mean = 1.4
quit_per_year = 0.5
[[product]]
id = "visio-plan-1"
interest_per_year = 0.3
card_given = 0.6
autorenew_off_in_trial = 0.5         # the default: card_given is fitted given it
monthly_term = 0.8
seats_mean = 1.2
quit_per_year = 0.4
[catalog_growth]
per_year = 0.0
`, months, seed, headcount, float64(headcount)*0.15/12)
}

// simulateExport runs the tenant of src and returns its export as
// calibrate reads it, and the true configuration.
func simulateExport(t testing.TB, src string) (*tenant.Export, *model.Config) {
	t.Helper()
	cfg, err := scenarios.Parse("truth.toml", []byte(src))
	require.NoError(t, err)
	res, err := model.Run(context.Background(), cfg, 0, model.Options{Subscriptions: true})
	require.NoError(t, err)
	files, err := tenant.Simulated(cfg, &res)
	require.NoError(t, err)
	exp, err := tenant.Read(files)
	require.NoError(t, err)
	return exp, cfg
}

// trueValue is the value of key in cfg.
func trueValue(cfg *model.Config, key string) float64 {
	parts := strings.Split(key, ".")
	if parts[0] == "population" {
		switch parts[1] {
		case "attrition_per_year":
			return cfg.Population.AttritionPerYear
		case "hires_per_month":
			return cfg.Population.HiresPerMonth
		}
		return math.NaN()
	}
	for _, p := range cfg.Products {
		if p.ID != parts[1] {
			continue
		}
		switch parts[2] {
		case "interest_per_year":
			return p.InterestPerYear
		case "card_given":
			return p.CardGiven
		case "autorenew_off_in_trial":
			return p.AutorenewOffInTrial
		case "seats_mean":
			return p.SeatsMean
		case "quit_per_year":
			return p.QuitPerYear
		case "monthly_term":
			return p.MonthlyTerm
		case "extend_trial":
			return p.ExtendTrial
		}
	}
	return math.NaN()
}

func fitOf(t testing.TB, headcount, months int, seed uint64) (*Fit, *model.Config) {
	t.Helper()
	exp, cfg := simulateExport(t, truth(headcount, months, seed))
	f, err := Run(exp, Options{AsOf: model.AddMonths(cfg.Start, cfg.Months), Since: cfg.Start})
	require.NoError(t, err)
	return f, cfg
}

func TestOneFit(t *testing.T) {
	f, cfg := fitOf(t, 5000, 48, 1)
	for _, e := range f.Estimates {
		t.Logf("%-45s true %.4g  est %.4g  [%.4g, %.4g] n=%d ev=%d fitted=%v covers=%v %s", e.Key, trueValue(cfg, e.Key), e.Value, e.Low, e.High, e.N, e.Events, e.Fitted, e.Covers(trueValue(cfg, e.Key)), e.Note)
	}
	for _, w := range f.Warnings {
		t.Log(w)
	}
}

func TestCoverageProbe(t *testing.T) {
	type acc struct {
		n, cover int
		z        float64
	}
	stats := map[string]*acc{}
	var keys []string
	for seed := range uint64(120) {
		f, cfg := fitOf(t, 500, 24, seed+100)
		for _, e := range f.Estimates {
			if !e.Fitted || e.SE == 0 {
				continue
			}
			a := stats[e.Key]
			if a == nil {
				a = &acc{}
				stats[e.Key] = a
				keys = append(keys, e.Key)
			}
			v := trueValue(cfg, e.Key)
			a.n++
			if e.Covers(v) {
				a.cover++
			}
			a.z += (e.Value - v) / e.SE
		}
	}
	for _, k := range keys {
		a := stats[k]
		t.Logf("%-45s fits %3d coverage %.3f mean z %+.2f", k, a.n, float64(a.cover)/float64(a.n), a.z/float64(a.n))
	}
}
