package model

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"licsim/sim"
)

// expectation is an analytic mean and the metric it predicts.
type expectation struct {
	name string
	want float64
	of   func(Result) float64
}

// closedFormReps is the sample size of the closed-form checks.
const closedFormReps = 4000

// closedFormChecks is the number of analytic values the checks compare.
// Each interval is widened (Bonferroni) so that all of them together
// cover their true means with 95% probability: six separate 95%
// intervals would miss somewhere one time in four for a correct model
// (an earlier version saw two such misses, z = −2.7 and −2.05, which
// 36,000 replications showed to be chance).
const closedFormChecks = 6

// assertMeansNear runs closedFormReps replications and checks that each
// analytic value lies within the confidence interval (Student's t) of its
// metric's mean, at a simultaneous 95% level over all closed-form checks.
// The seeds are fixed, so the test is repeatable.
func assertMeansNear(t *testing.T, cfg *Config, exp ...expectation) {
	t.Helper()
	reps := closedFormReps
	xs := make([][]float64, len(exp))
	for i := range xs {
		xs[i] = make([]float64, reps)
	}
	r, err := NewRunner(cfg)
	require.NoError(t, err)
	for k := range reps {
		res, err := r.Run(t.Context(), k, Options{})
		require.NoError(t, err)
		for i, e := range exp {
			xs[i][k] = e.of(res)
		}
	}
	alpha := 0.05 / closedFormChecks
	tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(reps - 1)}.Quantile(1 - alpha/2)
	for i, e := range exp {
		mean, sd := stat.MeanStdDev(xs[i], nil)
		half := tq * sd / math.Sqrt(float64(reps))
		se := sd / math.Sqrt(float64(reps))
		t.Logf("%s: z = %.2f", e.name, (mean-e.want)/se)
		assert.InDelta(t, e.want, mean, half, "%s: mean %.3f, analytic %.3f, z %.2f, interval half-width %.3f",
			e.name, mean, e.want, (mean-e.want)/se, half)
		assert.Positive(t, e.want)
	}
}

func metric(m Metric) func(Result) float64 {
	return func(r Result) float64 { return float64(r.Get(m)) }
}

// quiet is a product nobody wants: the population alone is simulated.
func quiet(cfg *Config) *Config {
	cfg.Products[0].InterestPerYear = 0
	return cfg
}

// Hires are a Poisson process with hires_per_month × months expected.
func TestClosedFormHires(t *testing.T) {
	cfg := quiet(small())
	cfg.Population.HiresPerMonth = 20
	cfg.Months = 36
	assertMeansNear(t, cfg, expectation{"hires", 20 * 36, metric(Hires)})
}

// Departures: each of N employees present at the start leaves within the
// horizon H (days) with probability 1 − e^(−rH), r = −ln(1−a)/365; a hire
// at time t leaves with probability 1 − e^(−r(H−t)), and hires arrive at
// rate h per day, so E = N(1 − e^(−rH)) + h(H − (1 − e^(−rH))/r).
func TestClosedFormDepartures(t *testing.T) {
	cfg := quiet(small())
	cfg.Population = Population{Headcount: 1000, Admins: 10, HiresPerMonth: 12, AttritionPerYear: 0.2}
	cfg.Months = 30
	H := float64(horizon(cfg))
	r := -math.Log(1-0.2) / DaysPerYear
	h := 12.0 * 30 / H
	want := 990*(1-math.Exp(-r*H)) + h*(H-(1-math.Exp(-r*H))/r)
	assertMeansNear(t, cfg, expectation{"departures", want, metric(Departures)})
}

// Card-entry thinning: attempts at rate λ per year, each entering a card
// with probability p, and only a carded attempt starts the trial (the
// others are abandoned and use nothing up). The first carded attempt of
// a Poisson process is exponential with rate λp, so over T years
// E[trials started] = N(1 − e^(−λpT)).
func TestClosedFormCardEntryThinning(t *testing.T) {
	cfg := small()
	cfg.Population.Headcount = 2000
	p := &cfg.Products[0]
	p.InterestPerYear, p.CardGiven = 0.5, 0.4
	T := float64(horizon(cfg)) / DaysPerYear
	want := 2000 * (1 - math.Exp(-0.5*0.4*T))
	// Card-less attempts form an independent Poisson process of rate
	// λ(1−p), counted until the first carded one (or T):
	// E = N·λ(1−p)·E[min(τ, T)] with τ ~ Exp(λp), E[min(τ, T)] = (1 − e^(−λpT))/(λp).
	lam, pc := 0.5, 0.4
	wantAbandoned := 2000 * lam * (1 - pc) * (1 - math.Exp(-lam*pc*T)) / (lam * pc)
	assertMeansNear(t, cfg,
		expectation{"trials started", want, metric(TrialsStarted)},
		expectation{"trials abandoned", wantAbandoned, metric(TrialsAbandoned)})
}

// Conversions and the monthly charges that follow. With every card given,
// the trial starts at the first attempt τ ~ Exp(λ) and converts D days
// later if that is before the horizon: E[conversions] = N(1 − e^(−λ(H−D))).
// Each conversion on day c is charged on c and the same day of every later
// month before H, so E[buyer spend] = price · N · Σ_d P(⌊τ⌋ = d) · n(d+D),
// with P(⌊τ⌋ = d) = e^(−λd) − e^(−λ(d+1)) and n the number of monthly
// anniversaries before H (from the contract's calendar).
func TestClosedFormConversionsAndMonthlyCharges(t *testing.T) {
	cfg := small()
	cfg.Population.Headcount = 1000
	p := &cfg.Products[0]
	p.InterestPerYear = 0.6
	cal := newCalendar(cfg.Start, cfg.Months)
	H := cal.horizon
	D := sim.Time(p.TrialDays)
	lam := 0.6 / DaysPerYear
	wantConv := 1000 * (1 - math.Exp(-lam*float64(H-D)))

	charges := 0.0
	for d := sim.Time(0); d+D < H; d++ {
		n := 0
		for k := 0; cal.addMonths(d+D, k) < H; k++ {
			n++
		}
		charges += (math.Exp(-lam*float64(d)) - math.Exp(-lam*float64(d+1))) * float64(n)
	}
	want := float64(p.PriceMonthly) * 1000 * charges
	assertMeansNear(t, cfg,
		expectation{"conversions", wantConv, metric(TrialsConverted)},
		expectation{"buyer spend", want, metric(BuyerSpend)})
}

// Under trials-only with card-less trials and no licence requests, nobody
// ever pays anything: exactly zero in every replication.
func TestClosedFormTrialsOnlySpendsNothing(t *testing.T) {
	cfg := small()
	cfg.Population.AttritionPerYear, cfg.Population.HiresPerMonth = 0.2, 10
	b := cfg.Products[0]
	b.ID = "b"
	cfg.Products = append(cfg.Products, b)
	for i := range cfg.Products {
		cfg.Products[i].Policy = TrialsOnly
		cfg.Products[i].TrialNeedsCard = false
	}
	trials := int64(0)
	for rep := range 50 {
		res := totals(t, cfg, rep)
		require.Zero(t, res.Get(BuyerSpend), "rep %d", rep)
		require.Zero(t, res.Get(OrgSpend), "rep %d", rep)
		trials += res.Get(TrialsStarted)
	}
	assert.Positive(t, trials)
}
