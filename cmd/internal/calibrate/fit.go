package calibrate

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"licsim/model"
	"licsim/scenarios"
	"licsim/scenarios/tenant"
)

// Options are what the command line adds to the exports.
type Options struct {
	// AsOf is the export's date (zero: as import dates it) and Since the
	// history's first day (zero: the first of the month of the earliest
	// self-service createdDateTime).
	AsOf, Since time.Time
}

// Fit is a calibration: the estimates, the scenario they go into and
// what was skipped.
type Fit struct {
	Since, AsOf time.Time
	Months      int // the history's length in whole months
	Estimates   []Estimate
	// Warnings are the contradictory records, skipped, with file and
	// where.
	Warnings []string
	Unmapped []string // rows import could not map (unknown SKUs)
	Notes    []string // what else the reader should know (records after --as-of left out)
	Scenario string   // the calibrated scenario, TOML
	Config   *model.Config
	// Prior is the scenario import writes from the same exports: the
	// values of every key the history does not identify.
	Prior *model.Config
}

// Error is an export calibrate cannot fit anything from: bad input.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// The least history anything is fitted from.
const (
	minMonths = 3
	minSubs   = 10
)

// Run calibrates the scenario of exp: every behavioural key the history
// identifies, by maximum likelihood on the model's own processes, with
// its 95% interval; the others keep import's values (the defaults).
func Run(exp *tenant.Export, opt Options) (*Fit, error) {
	var notes []string
	if !opt.AsOf.IsZero() {
		var err error
		if exp, notes, err = cutAt(exp, opt); err != nil {
			return nil, err
		}
	}
	src, unmapped, err := tenant.Scenario(exp, tenant.Options{AsOf: opt.AsOf})
	if err != nil {
		return nil, err
	}
	prior, err := scenarios.Parse("imported.toml", []byte(src))
	if err != nil {
		return nil, fmt.Errorf("the imported scenario does not load (a bug): %w", err)
	}
	asOf := prior.Start
	if !exp.HasUsers {
		return nil, &Error{"too little history to calibrate: no users export. Calibrate counts every rate per employee-day on staff: give Graph /users with id, accountEnabled, employeeHireDate and employeeLeaveDateTime (or deletedDateTime) for everyone on staff during the history, leavers included"}
	}
	h := readHistory(exp, prior, opt.Since, asOf, asOf)
	nSubs := 0
	for _, ph := range h.products {
		nSubs += len(ph.subs)
	}
	if months := h.spanMonths(); months < minMonths || nSubs < minSubs {
		var missing []string
		if months < minMonths {
			missing = append(missing, fmt.Sprintf("%s of history (from %s to %s); at least %d are needed", plural(months, "whole month", "whole months"), h.since.Format(time.DateOnly), asOf.Format(time.DateOnly), minMonths))
		}
		if nSubs < minSubs {
			missing = append(missing, fmt.Sprintf("%s in it; at least %d are needed, and about %d per product for intervals narrower than ±30%%", plural(nSubs, "self-service subscription", "self-service subscriptions"), minSubs, 45))
		}
		return nil, &Error{"too little history to calibrate: " + strings.Join(missing, ", and ") + ". Export the subscriptions over a longer span (stopped ones included), or give --since an earlier date if the exports hold one"}
	}
	f := &Fit{Since: h.since, AsOf: asOf, Months: h.spanMonths(), Warnings: h.warnings, Unmapped: unmapped, Notes: notes, Prior: prior}
	mu := f.population(h, prior)
	for i := range prior.Products {
		pr := &prior.Products[i]
		if ph := h.products[pr.ID]; ph != nil {
			f.product(h, ph, pr, mu, prior.Commerce.RefundWindowDays, prior.Population.Admins)
		}
	}
	if err := f.write(exp); err != nil {
		return nil, err
	}
	return f, nil
}

// population fits attrition and hires; it returns the daily leaving
// rate, for the colleagues' seats (see exposure).
func (f *Fit) population(h *history, prior *model.Config) float64 {
	leavers := 0
	exposure := 0.0
	for _, p := range h.people {
		exposure += float64(p.out - p.in)
		if p.left {
			leavers++
		}
	}
	// Admins never leave (R12); which users they are the export does
	// not say, so their days are taken off the total.
	exposure -= float64(prior.Population.Admins * h.days)
	years := exposure / model.DaysPerYear
	rate, se, lo, hi := poissonRate(leavers, years)
	toShare := func(r float64) float64 { return 1 - math.Exp(-r) }
	e := Estimate{Key: "population.attrition_per_year", Value: toShare(rate), SE: se * math.Exp(-rate), Low: toShare(lo), High: toShare(hi),
		N: leavers, Method: "exponential tenure: leavers / years on staff, score interval; 1 − exp(−rate)", Prior: prior.Population.AttritionPerYear}
	f.add(e, leavers, "leavers")
	months := float64(h.days) / (model.DaysPerYear / 12)
	rate, se, lo, hi = poissonRate(h.hires, months)
	f.add(Estimate{Key: "population.hires_per_month", Value: rate, SE: se, Low: lo, High: hi, N: h.hires,
		Method: "Poisson: employeeHireDate in the history / months, score interval", Prior: prior.Population.HiresPerMonth}, h.hires, "hires")
	if f.Estimates[0].Fitted {
		return rate2daily(f.Estimates[0].Value)
	}
	return rate2daily(prior.Population.AttritionPerYear)
}

func rate2daily(share float64) float64 { return -math.Log(1-min(share, 0.999)) / model.DaysPerYear }

// add appends e, fitted when n ≥ minEvents; otherwise the prior stays.
func (f *Fit) add(e Estimate, n int, what string) {
	if n >= minEvents && !math.IsNaN(e.Value) && !math.IsInf(e.Value, 0) {
		e.Fitted = true
	} else {
		e.Note = fmt.Sprintf("only %s in the history (at least %d needed): the prior is kept", plural(n, strings.TrimSuffix(what, "s"), what), minEvents)
	}
	if !e.Fitted {
		e.Value, e.SE, e.Low, e.High = e.Prior, 0, 0, 0
	}
	f.Estimates = append(f.Estimates, e)
}

// product fits one product's keys.
func (f *Fit) product(h *history, ph *productHistory, pr *model.Product, mu float64, window, admins int) {
	key := func(k string) string { return "product." + pr.ID + "." + k }
	if pr.Policy != model.Enabled {
		f.Estimates = append(f.Estimates, Estimate{Key: key("interest_per_year"), Value: pr.InterestPerYear, Prior: pr.InterestPerYear,
			Note: fmt.Sprintf("the policy is %s now; attempts are read only under enabled, and the export has no history of policies: the prior is kept", pr.Policy)})
		return
	}
	x := h.exposure(ph, pr, mu, admins)
	years1, years2 := x.first/model.DaysPerYear, x.later/model.DaysPerYear
	trialCard := pr.TrialDays > 0 && pr.TrialNeedsCard
	if trialCard {
		// First attempts become trials only with a card (rate λc);
		// attempts after the trial is used are purchases (rate λ).
		lam, se, lo, hi := poissonRate(x.nLater, years2)
		f.add(Estimate{Key: key("interest_per_year"), Value: lam, SE: se, Low: lo, High: hi, N: x.nLater,
			Method: "Poisson: purchases after a used trial / their eligible employee-years, score interval", Prior: pr.InterestPerYear}, x.nLater, "purchases after a used trial")
		lc := float64(x.nFirst) / years1
		card := Estimate{Key: key("card_given"), N: x.nFirst + x.nLater, Events: x.nFirst, Prior: pr.CardGiven,
			Method: "ratio of the trial rate (interest × card) to the purchase rate (interest); log-Wald interval, SE √(1/trials + 1/purchases)"}
		if x.nFirst >= minEvents && x.nLater >= minEvents {
			c := lc / lam
			seLog := math.Sqrt(1/float64(x.nFirst) + 1/float64(x.nLater))
			lo, hi := logWald(c, seLog)
			card.Value, card.SE, card.Low, card.High = min(c, 1), c*seLog, min(lo, 1), min(hi, 1)
			f.add(card, min(x.nFirst, x.nLater), "trials")
		} else if x.nFirst >= minEvents {
			// Only interest × card is identified: card given the prior
			// interest.
			card.Value = min(lc/pr.InterestPerYear, 1)
			_, se, lo, hi := poissonRate(x.nFirst, years1)
			card.SE, card.Low, card.High = se/pr.InterestPerYear, min(lo/pr.InterestPerYear, 1), min(hi/pr.InterestPerYear, 1)
			card.Fitted = true
			card.Note = fmt.Sprintf("only interest × card_given = %.4g is identified (%d trials, %d purchases after one): card_given is given the prior interest_per_year", lc, x.nFirst, x.nLater)
			f.Estimates = append(f.Estimates, card)
		} else {
			f.add(card, x.nFirst, "trials")
		}
	} else {
		n := x.nFirst + x.nLater
		lam, se, lo, hi := poissonRate(n, years1+years2)
		method := "Poisson: trials and purchases / eligible employee-years, score interval"
		if pr.TrialDays == 0 {
			method = "Poisson: purchases / eligible employee-years, score interval"
		}
		f.add(Estimate{Key: key("interest_per_year"), Value: lam, SE: se, Low: lo, High: hi, N: n, Method: method, Prior: pr.InterestPerYear}, n, "attempts")
	}
	if pr.TrialDays > 0 {
		k, n := h.conversions(ph, pr)
		p, se, lo, hi := wilson(k, n)
		if trialCard {
			f.add(Estimate{Key: key("autorenew_off_in_trial"), Value: 1 - p, SE: se, Low: 1 - hi, High: 1 - lo, N: n, Events: n - k,
				Method: "Bernoulli: trials that ended without converting / trials ended with their buyer on staff, Wilson interval", Prior: pr.AutorenewOffInTrial}, n, "ended trials")
		} else {
			// A trial without a card converts with card × (1 − off):
			// card given the prior off.
			a := 1 - pr.AutorenewOffInTrial
			e := Estimate{Key: key("card_given"), N: n, Events: k, Prior: pr.CardGiven,
				Method: "Bernoulli: converted / ended trials, Wilson interval, ÷ (1 − autorenew_off_in_trial)",
				Note:   fmt.Sprintf("a trial without a card converts with card_given × (1 − autorenew_off_in_trial) = %.4g; card_given is given the prior autorenew_off_in_trial", p)}
			if a > 0 {
				e.Value, e.SE, e.Low, e.High = min(p/a, 1), se/a, min(lo/a, 1), min(hi/a, 1)
			}
			f.add(e, n, "ended trials")
		}
	}
	// Seats: a trial's seats never change (R16 acts on paid ones).
	var seats, n int
	for _, s := range ph.subs {
		if !s.skipped && (s.trial || pr.TrialDays == 0) {
			seats += s.seats - 1
			n++
		}
	}
	m, se, lo, hi := poissonRate(seats, float64(n))
	e := Estimate{Key: key("seats_mean"), Value: 1 + m, SE: se, Low: 1 + lo, High: 1 + hi, N: n, Events: seats,
		Method: "1 + Poisson: extra seats of trials (never changed) / trials, score interval", Prior: pr.SeatsMean}
	if pr.TrialDays == 0 {
		e.Method = "1 + Poisson: extra seats / subscriptions, score interval"
		e.Note = "no trials: seat changes of paid subscriptions (R16) are in the counts"
	}
	f.add(e, n, "trials")

	obs, stopped, incon, extInfo := h.quitData(ph, pr, window)
	if incon > 0 {
		f.Warnings = append(f.Warnings, fmt.Sprintf("product %s: %s whose dates fit neither a monthly nor an annual term; left out of the quit fit", pr.ID, plural(incon, "paid subscription", "paid subscriptions")))
	}
	q := fitQuit(obs, extInfo, pr)
	qe := Estimate{Key: key("quit_per_year"), N: len(obs), Events: stopped, Prior: pr.QuitPerYear,
		Method: "exponential hazard to auto-renew off, seen at the term's end (R21 window: at once), censored at the buyer's departure; term and trial extension summed over; log-Wald from the observed information"}
	if q.okQ {
		qe.Value, qe.SE = q.q, q.q*q.seQ
		qe.Low, qe.High = logWald(q.q, q.seQ)
	}
	f.add(qe, stopped, "stopped subscriptions")
	lobs, lstopped := h.leaverData(ph, pr, window, q)
	le := Estimate{Key: key("leaver_stop_per_year"), N: len(lobs), Events: lstopped, Prior: pr.LeaverStopPerYear,
		Method: fmt.Sprintf("exponential hazard from the buyer's departure to auto-renew off (R25), seen at the term's end; leaver_stops_renewal held at %g, quit_per_year, monthly_term and extend_trial at their fits; log-Wald from the observed information", pr.LeaverStopsRenewal)}
	if r, seLog, ok := fitLeaver(lobs, pr); ok && q.okQ {
		le.Value, le.SE = r, r*seLog
		le.Low, le.High = logWald(r, seLog)
		f.add(le, lstopped, "subscriptions stopped after their buyer left")
	} else if lstopped >= minEvents {
		le.Value = pr.LeaverStopPerYear
		le.Note = "the likelihood has no interior maximum (every subscription stopped at the first renewal, or none did): the prior is kept"
		f.Estimates = append(f.Estimates, le)
	} else {
		f.add(le, lstopped, "subscriptions stopped after their buyer left")
	}
	for _, pe := range []struct {
		key        string
		v, se      float64
		fit        bool
		prior      float64
		what, note string
	}{
		{"monthly_term", q.m, q.seM, q.fitM, pr.MonthlyTerm, "paid subscriptions", "the term is read from the renewal dates (summed over where both fit)"},
		{"extend_trial", q.e, q.seE, q.fitE, pr.ExtendTrial, "converted trials", "read from the converted trials' renewal dates"},
	} {
		e := Estimate{Key: key(pe.key), N: len(obs), Prior: pe.prior, Method: "mixture likelihood with quit_per_year, logit-Wald interval; " + pe.note}
		if pe.fit {
			e.Value, e.SE = pe.v, pe.se*pe.v*(1-pe.v)
			e.Low, e.High = logistic(logit(pe.v)-z95*pe.se), logistic(logit(pe.v)+z95*pe.se)
			f.add(e, len(obs), pe.what)
		} else {
			e.Note = "not identified from the history (no " + pe.what + " that tell, or all one way): the prior is kept"
			if pe.v != pe.prior && len(obs) >= minEvents && q.okQ {
				e.Note = fmt.Sprintf("every %s fits %g: held there; an interval needs both outcomes", strings.TrimSuffix(pe.what, "s"), pe.v)
				e.Value, e.Fitted = pe.v, true
				e.Low, e.High = pe.v, pe.v
				f.Estimates = append(f.Estimates, e)
				continue
			}
			f.add(e, 0, pe.what)
		}
	}
}

// exposed is a product's attempts and the eligible days they came in.
type exposed struct {
	first, later   float64 // days before the first trial, and after it
	nFirst, nLater int
}

// exposure counts each employee's days eligible to attempt product pr
// (on staff, the product in the catalog, holding none of it) before their
// first subscription of it (the trial when it has one) and after, and the
// subscriptions started in each.
//
// Seats colleagues hold (seats − 1 of each subscription, R16) keep them
// from attempting too, but the export does not say who holds them: their
// expected days, (1 − e^(−μL))/μ per seat of a subscription live L days
// (a colleague leaves at the attrition rate μ), are taken off both
// exposures in proportion, as colleagues are picked among all who hold
// none. Admins' days (R12: they buy for the organisation) come off the
// first.
func (h *history) exposure(ph *productHistory, pr *model.Product, mu float64, admins int) exposed {
	var x exposed
	added := max(h.day(pr.Added), 0)
	for u, p := range h.people {
		in, out := max(p.in, added), p.out
		if in >= out {
			continue
		}
		idx := ph.byUser[u]
		if len(idx) == 0 {
			x.first += float64(out - in)
			continue
		}
		first := ph.subs[idx[0]]
		x.first += float64(max(first.created-in, 0))
		if pr.TrialDays > 0 {
			x.nFirst++
		} else {
			x.nLater++
		}
		free := first.ended
		if free < 0 {
			free = out // its end unknown: no eligible days after it
		}
		for _, i := range idx[1:] {
			s := ph.subs[i]
			x.later += float64(max(s.created-free, 0))
			x.nLater++
			free = s.ended
			if free < 0 {
				free = out
			}
		}
		x.later += float64(max(out-free, 0))
	}
	colleague := 0.0
	for _, s := range ph.subs {
		if s.skipped {
			continue
		}
		end := s.ended
		if end < 0 {
			end = h.days
		}
		if l := float64(end - s.created); l > 0 && s.seats > 1 {
			hold := l
			if mu > 0 {
				hold = (1 - math.Exp(-mu*l)) / mu
			}
			colleague += float64(s.seats-1) * hold
		}
	}
	if total := x.first + x.later; total > 0 {
		keep := max(1-colleague/total, 0)
		x.first *= keep
		x.later *= keep
	}
	x.first = max(x.first-float64(admins*(h.days-added)), 1)
	if pr.TrialDays == 0 {
		x.later += x.first
		x.first = 0
	}
	return x
}

// conversions counts the trials whose outcome is known with their buyer
// on staff through the trial (an extension included) and those that
// converted.
func (h *history) conversions(ph *productHistory, pr *model.Product) (converted, n int) {
	for u, idx := range ph.byUser {
		s := ph.subs[idx[0]]
		end := s.created + pr.TrialDays + model.ExtensionDays
		if end >= h.days || end >= h.people[u].out {
			continue
		}
		n++
		if !s.trial {
			converted++
		}
	}
	return converted, n
}

// keys is the scenario's keys the fit sets, with their comments.
func (f *Fit) keys() map[string]string {
	out := map[string]string{}
	for _, e := range f.Estimates {
		if !e.Fitted {
			continue
		}
		v := fmtValue(e.Key, e.Value)
		out[e.Key] = fmt.Sprintf("%s   # fitted: 95%% interval %s–%s, n = %d", v, fmtValue(e.Key, e.Low), fmtValue(e.Key, e.High), e.N)
		if e.Note != "" {
			out[e.Key] += "; conditional on a prior, see calibration.json"
		}
	}
	for _, e := range f.Estimates {
		if !e.Fitted {
			out[e.Key] = fmt.Sprintf("%s   # not fitted: %s", fmtValue(e.Key, e.Value), e.Note)
		}
	}
	return out
}

// write builds the calibrated scenario.
func (f *Fit) write(exp *tenant.Export) error {
	header := []string{
		fmt.Sprintf("Calibrated by licsim calibrate on the history %s to %s (%d months):", f.Since.Format(time.DateOnly), f.AsOf.Format(time.DateOnly), f.Months),
		"each fitted key is the maximum-likelihood estimate on the model's own processes,",
		"commented with its 95% interval and the observations behind it (calibration.json",
		"has the standard errors and methods); [[uncertain]] lists the intervals for",
		"licsim sensitivity. Keys not fitted keep the defaults, and say why.",
	}
	if len(f.Warnings) > 0 {
		header = append(header, fmt.Sprintf("%s skipped as contradictory (listed in calibration.json).", plural(len(f.Warnings), "record", "records")))
	}
	var tail strings.Builder
	keys := make([]string, 0)
	byKey := map[string]Estimate{}
	for _, e := range f.Estimates {
		if e.Fitted && e.Low < e.High {
			keys = append(keys, e.Key)
			byKey[e.Key] = e
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		e := byKey[k]
		fmt.Fprintf(&tail, "\n[[uncertain]]                 # the 95%% interval of the fit (n = %d)\nkey = %q\nlow = %s\nhigh = %s\n", e.N, k, fmtValue(k, e.Low), fmtValue(k, e.High))
	}
	src, _, err := tenant.Scenario(exp, tenant.Options{AsOf: f.AsOf, Keys: f.keys(), Header: header, Tail: tail.String()})
	if err != nil {
		return err
	}
	cfg, err := scenarios.Parse("calibrated.toml", []byte(src))
	if err != nil {
		return fmt.Errorf("the calibrated scenario does not load (a bug): %w\n%s", err, src)
	}
	f.Scenario, f.Config = src, cfg
	return nil
}

// fmtValue writes v as the key takes it: probabilities and shares
// within [0, 1], seats_mean at least 1, rates at least 0.
func fmtValue(key string, v float64) string {
	switch {
	case strings.HasSuffix(key, "seats_mean"):
		v = max(v, 1)
	case strings.HasSuffix(key, "_per_year") && !strings.HasSuffix(key, "attrition_per_year"), strings.HasSuffix(key, "per_month"):
		v = max(v, 0)
	default:
		v = min(max(v, 0), 1)
	}
	s := fmt.Sprintf("%.4g", v)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	if strings.Contains(s, "e") {
		s = fmt.Sprintf("%.6f", v)
	}
	return s
}

// cutAt is exp as it was on opt.AsOf when it holds records of later days
// (a subscription created, a user hired or leaving, on or after it): the
// history up to that day, and the state on it as the export shows it
// (see history.cut). Otherwise exp itself.
func cutAt(exp *tenant.Export, opt Options) (*tenant.Export, []string, error) {
	latest := opt.AsOf
	later := 0
	note := func(t time.Time) bool {
		if t.IsZero() || t.Before(opt.AsOf) {
			return false
		}
		later++
		if t.After(latest) {
			latest = t
		}
		return true
	}
	created := 0
	for _, s := range exp.Subscriptions {
		if note(s.Created) {
			created++
		}
		if s.Status != "Enabled" {
			note(s.Next)
		}
	}
	for _, u := range exp.Users {
		note(u.Hired)
		note(u.Left)
		note(u.Deleted)
	}
	if later == 0 {
		return exp, nil, nil
	}
	notes := []string{fmt.Sprintf("the exports run to %s; the history is read as on %s (--as-of): %s created and %s after it are left out, and the state on it is rebuilt (a term or trial extension the export cannot tell is guessed)",
		latest.Format(time.DateOnly), opt.AsOf.Format(time.DateOnly), plural(created, "subscription", "subscriptions"), plural(later-created, "other date", "other dates"))}
	// The prior (trial lengths) from the records before the day.
	before := &tenant.Export{Files: exp.Files, Users: exp.Users, SKUs: exp.SKUs, Policies: exp.Policies, HasUsers: exp.HasUsers, HasSKUs: exp.HasSKUs}
	for _, s := range exp.Subscriptions {
		if s.Created.Before(opt.AsOf) && s.Status != "Enabled" {
			before.Subscriptions = append(before.Subscriptions, s)
		}
	}
	src, _, err := tenant.Scenario(before, tenant.Options{AsOf: opt.AsOf})
	if err != nil {
		return nil, nil, err
	}
	prior, err := scenarios.Parse("imported.toml", []byte(src))
	if err != nil {
		return nil, nil, fmt.Errorf("the imported scenario does not load (a bug): %w", err)
	}
	h := readHistory(exp, prior, opt.Since, latest.AddDate(0, 0, 1), opt.AsOf)
	// The day it was pulled, as import dates it (its latest
	// createdDateTime or deletedDateTime).
	h.exported = opt.AsOf
	for _, s := range exp.Subscriptions {
		h.exported = laterOf(h.exported, s.Created)
	}
	for _, u := range exp.Users {
		h.exported = laterOf(h.exported, u.Deleted)
	}
	return h.cut(exp, prior, opt.AsOf), notes, nil
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
