package calibrate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/gonum/stat"

	"licsim/model"
	"licsim/scenarios/tenant"
)

// Backtest is a forecast checked against what happened: the calibration
// fitted on the history up to Cut (the export's date less Holdout
// months), its scenario run from the tenant's state on Cut over the
// held-out months, and each month's observed value against the
// simulated 90% band.
type Backtest struct {
	Cut          time.Time `json:"cut"`
	Holdout      int       `json:"holdout_months"`
	Replications int       `json:"replications"`
	// ParameterDraws: each replication drew the fitted keys from their
	// sampling distributions (parameter uncertainty on top of the
	// process noise).
	ParameterDraws bool       `json:"parameter_draws"`
	Metrics        []Metric   `json:"metrics"`
	Fit            *Fit       `json:"-"`
	Months         []string   `json:"months"` // "2025-03": the month each row covers
	Coverage       float64    `json:"coverage"`
	Notes          []string   `json:"notes"`
	Estimates      []Estimate `json:"estimates"` // the fit on the history up to Cut
}

// Metric is one monthly series: observed and the simulated band.
type Metric struct {
	Name     string    `json:"name"`
	Observed []float64 `json:"observed"`
	P05      []float64 `json:"p05"`
	P50      []float64 `json:"p50"`
	P95      []float64 `json:"p95"`
	Inside   int       `json:"inside"` // observed months within [p05, p95]
	Coverage float64   `json:"coverage"`
}

// BacktestOptions are the back-test's settings.
type BacktestOptions struct {
	Options
	Holdout      int // months held out, at least 1
	Replications int
	Seed         uint64
	// Draws: each replication draws the fitted keys from their sampling
	// distributions (see Draw).
	Draws bool
}

// The monthly series a back-test compares, in the model's names.
var backtestSeries = []string{"live_subscriptions", "selfservice_seats", "buyer_spend"}

// RunBacktest fits the history up to the export's date less
// opt.Holdout months and checks the forecast of the months after.
func RunBacktest(ctx context.Context, exp *tenant.Export, opt BacktestOptions) (*Backtest, error) {
	full, err := Run(exp, opt.Options)
	if err != nil {
		return nil, err
	}
	if opt.Holdout < 1 || opt.Holdout > full.Months-minMonths {
		return nil, &Error{fmt.Sprintf("--holdout %d: the history has %s (%s to %s); a back-test needs at least %d months before the held-out ones, so hold out 1 to %d months",
			opt.Holdout, plural(full.Months, "whole month", "whole months"), full.Since.Format(time.DateOnly), full.AsOf.Format(time.DateOnly), minMonths, max(full.Months-minMonths, 0))}
	}
	cut := model.AddMonths(full.AsOf, -opt.Holdout)
	h := readHistory(exp, full.Prior, full.Since, full.AsOf, full.AsOf)
	cutExp := h.cut(exp, full.Prior, cut)
	cutOpt := opt.Options
	cutOpt.AsOf, cutOpt.Since = cut, full.Since
	fit, err := Run(cutExp, cutOpt)
	if err != nil {
		return nil, fmt.Errorf("the history up to %s: %w", cut.Format(time.DateOnly), err)
	}
	cfg := *fit.Config
	cfg.Months, cfg.Replications, cfg.Seed = opt.Holdout, opt.Replications, opt.Seed
	series := model.Series(&cfg)
	col := map[string]int{}
	for i, s := range series {
		col[s.Name] = i
	}
	bt := &Backtest{Cut: cut, Holdout: opt.Holdout, Replications: opt.Replications, ParameterDraws: opt.Draws, Fit: fit, Estimates: fit.Estimates}
	sims := make([][][]float64, len(backtestSeries)) // metric → month → replications
	for k := range sims {
		sims[k] = make([][]float64, opt.Holdout)
	}
	runner, err := model.NewRunner(&cfg)
	if err != nil {
		return nil, err
	}
	for rep := range opt.Replications {
		var res model.Result
		if opt.Draws {
			c := Draw(&cfg, fit.Estimates, rand.New(rand.NewPCG(opt.Seed, uint64(rep))))
			res, err = model.Run(ctx, c, rep, model.Options{})
		} else {
			res, err = runner.Run(ctx, rep, model.Options{})
		}
		if err != nil {
			return nil, err
		}
		for k, name := range backtestSeries {
			for m := range opt.Holdout {
				v := float64(res.Monthly[m*len(series)+col[name]])
				if name == "buyer_spend" {
					v /= 100
				}
				sims[k][m] = append(sims[k][m], v)
			}
		}
	}
	obs := h.observed(full.Prior, cut, opt.Holdout)
	inside, total := 0, 0
	for k, name := range backtestSeries {
		mt := Metric{Name: name, Observed: obs[k]}
		for m := range opt.Holdout {
			v := sims[k][m]
			slices.Sort(v)
			lo, mid, hi := stat.Quantile(0.05, stat.Empirical, v, nil), stat.Quantile(0.5, stat.Empirical, v, nil), stat.Quantile(0.95, stat.Empirical, v, nil)
			mt.P05, mt.P50, mt.P95 = append(mt.P05, lo), append(mt.P50, mid), append(mt.P95, hi)
			if o := obs[k][m]; o >= lo && o <= hi {
				mt.Inside++
			}
		}
		mt.Coverage = float64(mt.Inside) / float64(opt.Holdout)
		inside += mt.Inside
		total += opt.Holdout
		bt.Metrics = append(bt.Metrics, mt)
	}
	for m := range opt.Holdout {
		bt.Months = append(bt.Months, model.AddMonths(cut, m).Format("2006-01"))
	}
	bt.Coverage = float64(inside) / float64(total)
	bt.Notes = []string{
		"observed buyer_spend is rebuilt from the subscriptions: seats × the list price of the term their renewal dates show, on each charge day; refunds (R21, R22) and seat changes within a term are not in it",
		"observed seats are each subscription's totalLicenses on the export's date",
	}
	return bt, nil
}

// Draw is cfg with every fitted key drawn from its estimate's sampling
// distribution, normal on the scale its interval was made on: rates and
// seats_mean − 1 log-normal, probabilities logit-normal.
func Draw(cfg *model.Config, est []Estimate, r *rand.Rand) *model.Config {
	c := *cfg
	c.Products = slices.Clone(cfg.Products)
	for _, e := range est {
		if !e.Fitted || e.SE <= 0 || e.Low >= e.High {
			continue
		}
		v := e.Value
		switch {
		case strings.HasSuffix(e.Key, "seats_mean"):
			if v > 1 {
				v = 1 + (v-1)*math.Exp(r.NormFloat64()*e.SE/(v-1)-0.5*math.Pow(e.SE/(v-1), 2))
			}
		case strings.HasSuffix(e.Key, "per_year") && !strings.HasSuffix(e.Key, "attrition_per_year"), strings.HasSuffix(e.Key, "per_month"):
			if v > 0 {
				s := e.SE / v
				v *= math.Exp(r.NormFloat64()*s - s*s/2)
			}
		default: // a probability or share
			if v > 0 && v < 1 {
				v = logistic(logit(v) + r.NormFloat64()*e.SE/(v*(1-v)))
			}
		}
		set(&c, e.Key, v)
	}
	return &c
}

// set sets a key calibrate fits.
func set(c *model.Config, key string, v float64) {
	parts := strings.Split(key, ".")
	if parts[0] == "population" {
		switch parts[1] {
		case "attrition_per_year":
			c.Population.AttritionPerYear = min(v, 0.95)
		case "hires_per_month":
			c.Population.HiresPerMonth = v
		}
		return
	}
	for i := range c.Products {
		p := &c.Products[i]
		if p.ID != parts[1] {
			continue
		}
		switch parts[2] {
		case "interest_per_year":
			p.InterestPerYear = v
		case "card_given":
			p.CardGiven = min(v, 1)
		case "autorenew_off_in_trial":
			p.AutorenewOffInTrial = min(v, 1)
		case "seats_mean":
			p.SeatsMean = min(max(v, 1), model.MaxSeatsMean)
		case "quit_per_year":
			p.QuitPerYear = v
		case "monthly_term":
			p.MonthlyTerm = min(v, 1)
		case "extend_trial":
			p.ExtendTrial = min(v, 1)
		case "leaver_stop_per_year":
			p.LeaverStopPerYear = v
		}
	}
}

// paidTerm reads paid subscription i as the back-test needs it: its
// first paid day (a converted trial's end, extended or not), its term,
// and a day on its term's boundaries (its next renewal, or the end of its
// last term) to count renewals from. The term is annual when a live
// one's next renewal is more than a month after the export's date, or a
// stopped one ended on a yearly boundary; the start is the one its
// renewal dates fit, the unextended first.
func (h *history) paidTerm(ph *productHistory, pr *model.Product, i int) (start int, monthly bool, anchor time.Time) {
	s := ph.subs[i]
	starts := []int{s.created}
	if idx := ph.byUser[s.owner]; len(idx) > 0 && idx[0] == i && pr.TrialDays > 0 {
		starts = []int{s.created + pr.TrialDays, s.created + pr.TrialDays + model.ExtensionDays}
	}
	on := func(start, end, step int) bool {
		d := h.date(start)
		for k := 0; ; k++ {
			b := h.day(model.AddMonths(d, k*step))
			if b >= end {
				return b == end
			}
		}
	}
	end := s.ended
	if s.live {
		end = s.next
		monthly = end <= h.day(model.AddMonths(h.exported, 1))
		step := 12
		if monthly {
			step = 1
		}
		for _, st := range starts {
			if on(st, end, step) {
				return st, monthly, h.date(end)
			}
		}
		return starts[0], monthly, h.date(end)
	}
	if end < 0 {
		return starts[0], true, h.date(starts[0])
	}
	for _, step := range []int{12, 1} {
		for _, st := range starts {
			if on(st, end, step) {
				return st, step == 1, h.date(end)
			}
		}
	}
	for _, st := range starts { // a cancel within the refund window (R21)
		for w := 1; w < 7; w++ {
			if on(st, end-w, 1) {
				return st, true, h.date(end - w)
			}
		}
	}
	return starts[0], true, h.date(starts[0])
}

// cut is the export as it would have been on day cut.
func (h *history) cut(exp *tenant.Export, prior *model.Config, cut time.Time) *tenant.Export {
	c := &tenant.Export{Files: exp.Files, HasUsers: exp.HasUsers, HasSKUs: false, Policies: exp.Policies}
	for _, u := range exp.Users {
		if !u.Hired.IsZero() && !u.Hired.Before(cut) {
			continue
		}
		if !u.Left.IsZero() && !u.Left.Before(cut) || u.Left.IsZero() && !u.Deleted.IsZero() && !u.Deleted.Before(cut) {
			u.Left, u.Deleted, u.AccountEnabled = time.Time{}, time.Time{}, true
		}
		c.Users = append(c.Users, u)
	}
	D := h.day(cut)
	trialDays := map[string]int{}
	for _, p := range prior.Products {
		trialDays[p.ID] = p.TrialDays
	}
	for _, s := range exp.Subscriptions {
		if !s.Created.Before(cut) {
			continue
		}
		id := tenant.ProductOf(&s)
		owner, ok := h.byID[s.OwnerID]
		if s.OwnerType != "User" || id == "" || !ok {
			c.Subscriptions = append(c.Subscriptions, s)
			continue
		}
		ph := h.products[id]
		created := h.day(s.Created)
		end := -1
		switch {
		case s.Status == "Enabled":
			end = math.MaxInt32
		case !s.Next.IsZero():
			end = h.day(s.Next)
		case s.IsTrial:
			end = created + trialDays[id]
		}
		if end >= 0 && end < D {
			c.Subscriptions = append(c.Subscriptions, s) // stopped before the cut
			continue
		}
		if end < 0 {
			continue
		}
		s.Status = "Enabled"
		i := slices.IndexFunc(ph.subs, func(o owned) bool { return o.owner == owner && o.created == created && !o.skipped })
		if i < 0 {
			continue
		}
		isFirst := ph.byUser[owner][0] == i && trialDays[id] > 0
		if isFirst && s.IsTrial { // lapsed since, or still a trial
			s.Next = h.date(end)
			if end == math.MaxInt32 {
				s.Next = h.date(ph.subs[i].next)
			}
			c.Subscriptions = append(c.Subscriptions, s)
			continue
		}
		start, monthly, anchor := h.paidTerm(ph, priorProduct(prior, id), i)
		if isFirst && D < start { // converted since
			s.IsTrial, s.Next = true, h.date(start)
			c.Subscriptions = append(c.Subscriptions, s)
			continue
		}
		s.IsTrial = false
		step := 12
		if monthly {
			step = 1
		}
		k := 0
		for h.day(model.AddMonths(anchor, -(k+1)*step)) >= D {
			k++
		}
		s.Next = model.AddMonths(anchor, -k*step)
		c.Subscriptions = append(c.Subscriptions, s)
	}
	return c
}

// priorProduct is product id of the prior scenario.
func priorProduct(prior *model.Config, id string) *model.Product {
	for i := range prior.Products {
		if prior.Products[i].ID == id {
			return &prior.Products[i]
		}
	}
	return &model.Product{}
}

// observed is the history's series over the months from cut: live
// subscriptions and their seats at each month's end, and buyer spend in
// each month (see Backtest.Notes).
func (h *history) observed(prior *model.Config, cut time.Time, months int) [][]float64 {
	out := [][]float64{make([]float64, months), make([]float64, months), make([]float64, months)}
	ends := make([]int, months+1)
	for m := range ends {
		ends[m] = h.day(model.AddMonths(cut, m))
	}
	premium := 1 + prior.Commerce.MonthlyBillingPremium
	for _, pr := range prior.Products {
		ph := h.products[pr.ID]
		if ph == nil {
			continue
		}
		for i, s := range ph.subs {
			if s.skipped {
				continue
			}
			end := s.ended
			if s.live {
				end = math.MaxInt32
			}
			if end < 0 {
				continue
			}
			for m := range months {
				if s.created < ends[m+1] && ends[m+1] <= end {
					out[0][m]++
					out[1][m] += float64(s.seats)
				}
			}
			if s.trial {
				continue
			}
			start, monthly, _ := h.paidTerm(ph, &pr, i)
			d := h.date(start)
			for k := 0; ; k++ {
				day := h.day(model.AddMonths(d, k))
				if day >= end || day >= ends[months] {
					break
				}
				if day < ends[0] {
					continue
				}
				var amount float64
				switch {
				case monthly:
					amount = float64(pr.PriceMonthly)
				case pr.AnnualBilling == model.BillUpfront:
					if k%12 == 0 {
						amount = 12 * float64(pr.PriceAnnual)
					}
				default:
					amount = math.Round(float64(pr.PriceAnnual) * premium)
				}
				m := 0
				for ends[m+1] <= day {
					m++
				}
				out[2][m] += amount * float64(s.seats) / 100
			}
		}
	}
	return out
}
