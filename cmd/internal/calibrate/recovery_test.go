package calibrate

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
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
	res, err := model.Run(context.Background(), cfg, 0, model.Options{Subscriptions: true, Staff: true})
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
		case "leaver_stop_per_year":
			return p.LeaverStopPerYear
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

// TestRecoveryCoverage (issue 14): simulate tenants with known
// parameters, export them, calibrate: each true value lies in its 95%
// interval in about 95% of fits. 100 fits of 500 employees (60 over 24
// months, 40 over 48), every fitted key: the pooled coverage is within
// binomial tolerance of 0.95 and no key falls below 0.85 (three standard
// errors below 0.95 on 100 fits). leaver_stop_per_year is fitted only
// where at least 5 subscriptions stopped after their buyer left, in
// about half the small tenants.
func TestRecoveryCoverage(t *testing.T) {
	type acc struct{ n, cover int }
	stats := map[string]*acc{}
	var keys []string
	total, covered := 0, 0
	for i := range 100 {
		months := 24
		if i >= 60 {
			months = 48
		}
		f, cfg := fitOf(t, 500, months, uint64(100+i))
		for _, e := range f.Estimates {
			if !e.Fitted || e.Low == e.High {
				continue
			}
			a := stats[e.Key]
			if a == nil {
				a = &acc{}
				stats[e.Key] = a
				keys = append(keys, e.Key)
			}
			a.n++
			total++
			if e.Covers(trueValue(cfg, e.Key)) {
				a.cover++
				covered++
			}
		}
	}
	require.Len(t, keys, 17, "every key of the two products and the population is fitted")
	for _, k := range keys {
		a := stats[k]
		share := float64(a.cover) / float64(a.n)
		t.Logf("%-45s %3d fits, coverage %.3f", k, a.n, share)
		assert.GreaterOrEqual(t, a.n, 50, k) // leaver_stop_per_year needs 5 stops after a departure
		assert.GreaterOrEqual(t, share, 0.85, k)
	}
	pooled := float64(covered) / float64(total)
	t.Logf("pooled coverage %.4f over %d intervals", pooled, total)
	assert.InDelta(t, 0.95, pooled, 0.025)
}

// TestIntervalsShrink (issue 14): intervals shrink like 1/√n: ten times
// the employees (500 to 5,000, 24 months) narrows each interval about
// √10 ≈ 3.16 times (averaged over three seeds).
func TestIntervalsShrink(t *testing.T) {
	width := func(headcount int) map[string]float64 {
		w := map[string]float64{}
		for seed := range uint64(3) {
			f, _ := fitOf(t, headcount, 24, 7+seed)
			for _, e := range f.Estimates {
				if e.Fitted {
					w[e.Key] += (e.High - e.Low) / 3
				}
			}
		}
		return w
	}
	small, large := width(500), width(5000)
	for _, k := range []string{
		"population.attrition_per_year",
		"product.power-bi-pro.interest_per_year", "product.power-bi-pro.card_given",
		"product.power-bi-pro.autorenew_off_in_trial", "product.power-bi-pro.seats_mean",
		"product.power-bi-pro.quit_per_year", "product.visio-plan-1.interest_per_year",
		"product.visio-plan-1.card_given", "product.visio-plan-1.quit_per_year",
	} {
		require.Positive(t, large[k], k)
		ratio := small[k] / large[k]
		t.Logf("%-45s width %.4g → %.4g, ratio %.2f", k, small[k], large[k], ratio)
		assert.InDelta(t, math.Sqrt(10), ratio, 0.6, k)
	}
}

// TestAsOfEarlier: --as-of before the export's last day fits the history
// up to it alone (the later records left out, the state on it rebuilt),
// and says so; the estimates still find the true values.
func TestAsOfEarlier(t *testing.T) {
	exp, cfg := simulateExport(t, truth(3000, 36, 9))
	asOf := model.AddMonths(cfg.Start, 24)
	f, err := Run(exp, Options{AsOf: asOf, Since: cfg.Start})
	require.NoError(t, err)
	assert.Equal(t, 24, f.Months)
	require.Len(t, f.Notes, 1)
	assert.Contains(t, f.Notes[0], "the history is read as on 2024-01-01 (--as-of)")
	for _, e := range f.Estimates {
		if e.Fitted && e.SE > 0 {
			v := trueValue(cfg, e.Key)
			assert.InDelta(t, v, e.Value, 4*e.SE, e.Key)
		}
	}
	assert.Equal(t, asOf, f.Config.Start)
}
