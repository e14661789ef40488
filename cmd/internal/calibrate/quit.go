package calibrate

import (
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"licsim/model"
)

// The quit hazard q (quit_per_year) is read from when paid subscriptions
// stopped: a buyer turns auto-renew off at an exponential time Q after
// the first paid day P, and the subscription then ends at its term's end
// or, when Q falls within refund_window_days of a term's start (R21), on
// that day. What the export does not show, the likelihood sums over,
// weighted by the model's own probabilities:
//
//   - the term, monthly (monthly_term) or annual; an annual term's
//     boundaries are years apart;
//   - for a converted trial, whether it was extended by 30 days
//     (extend_trial) before it converted, when its buyer was still there
//     at the trial's end.
//
// The buyer's own hazard stops when they leave (R11); a subscription is
// then censored at the departure, as a live one is at the export's date.
// So each subscription contributes log Σ_h w_h (S(a_h) − S(b_h)), with
// S(x) = exp(−q x / 365), x in days from P, over the hypotheses h its
// dates are consistent with; q, monthly_term and extend_trial are fitted
// together on the log and logit scales, and their standard errors come
// from the numerical Hessian of the log-likelihood there.

// quitPart is one hypothesis about one subscription: the probability of
// its observed end is S(a) − S(b) (b < 0: S(a), it had not stopped).
type quitPart struct {
	monthly bool
	ext     int8 // -1: no extension decision; 0: not extended; 1: extended
	a, b    float64
}

type quitObs struct{ parts []quitPart }

// quitData builds the observations of product ph's paid subscriptions;
// stopped counts those that stopped while their buyer was there,
// inconsistent those no hypothesis fits (left out).
func (h *history) quitData(ph *productHistory, pr *model.Product, window int) (obs []quitObs, stopped, inconsistent int, extInfo bool) {
	for u, idx := range ph.byUser {
		out := h.people[u].out
		for k, i := range idx {
			s := ph.subs[i]
			if s.trial || s.ended < 0 {
				continue // never paid, or its end is unknown
			}
			type start struct {
				day int
				ext int8
			}
			var starts []start
			if k == 0 && pr.TrialDays > 0 { // a converted trial
				end := s.created + pr.TrialDays
				if end < out {
					starts = []start{{end, 0}, {end + model.ExtensionDays, 1}}
				} else {
					starts = []start{{end, -1}}
				}
			} else {
				starts = []start{{s.created, -1}}
			}
			censor := min(out, h.days)
			var o quitObs
			for _, st := range starts {
				// Paid only after the buyer left (a leaver's trial
				// converts): nothing about q, but the hypothesis weighs.
				c := max(censor, st.day)
				for _, monthly := range []bool{true, false} {
					if a, b, ok := h.quitPart(st.day, monthly, s, c, window); ok {
						o.parts = append(o.parts, quitPart{monthly: monthly, ext: st.ext, a: a, b: b})
						extInfo = extInfo || st.ext >= 0
					}
				}
			}
			if len(o.parts) == 0 {
				inconsistent++
				continue
			}
			if !s.live && s.ended < censor {
				stopped++
			}
			obs = append(obs, o)
		}
	}
	return obs, stopped, inconsistent, extInfo
}

// quitPart is the hypothesis that subscription s's first paid day was p
// and its term monthly or annual: ok is false when its dates contradict
// it.
func (h *history) quitPart(p int, monthly bool, s owned, censor, window int) (a, b float64, ok bool) {
	step := 12
	if monthly {
		step = 1
	}
	start := h.date(p)
	boundary := func(k int) int { return h.day(model.AddMonths(start, k*step)) }
	if !s.live && s.ended < censor { // stopped while the buyer was there
		e := s.ended
		if e < p {
			return 0, 0, false
		}
		j := 0
		for boundary(j+1) <= e {
			j++
		}
		tj := boundary(j)
		switch {
		case e == tj && j >= 1:
			prev := boundary(j - 1)
			return float64(prev + window - p), float64(tj + 1 - p), prev+window <= tj
		case e-tj < window:
			return float64(e - p), float64(e + 1 - p), true
		}
		return 0, 0, false
	}
	// Not stopped before censor: the last boundary before it.
	j := 0
	for boundary(j+1) < censor {
		j++
	}
	if s.live {
		k := j + 1
		for boundary(k) < h.days {
			k++
		}
		if boundary(k) != s.next {
			return 0, 0, false // its next renewal is not on this term's boundaries
		}
	}
	if !s.live && s.ended != boundary(j+1) && s.ended >= censor {
		// Stopped after its buyer left: at a term's end (R11, R25).
		k := j + 1
		for boundary(k) < s.ended {
			k++
		}
		if boundary(k) != s.ended {
			return 0, 0, false
		}
	}
	return float64(min(boundary(j)+window, censor) - p), -1, true
}

// quitFit is the joint fit of quit_per_year, monthly_term and
// extend_trial.
type quitFit struct {
	q, m, e          float64
	seQ, seM, seE    float64 // on the log (q) and logit (m, e) scales
	fitM, fitE, okQ  bool
	n, events, incon int
}

// fitQuit maximises the mixture likelihood. prior supplies the values of
// parameters the data cannot identify (m or e at a boundary, e without
// converted trials).
func fitQuit(obs []quitObs, extInfo bool, prior *model.Product) quitFit {
	f := quitFit{q: prior.QuitPerYear, m: prior.MonthlyTerm, e: prior.ExtendTrial, n: len(obs)}
	if len(obs) == 0 {
		return f
	}
	fitM, fitE := true, extInfo
	for range 3 {
		// θ = (log q, logit m?, logit e?)
		unpack := func(x []float64) (q, m, e float64) {
			q, m, e = math.Exp(x[0]), f.m, f.e
			i := 1
			if fitM {
				m, i = logistic(x[i]), i+1
			}
			if fitE {
				e = logistic(x[i])
			}
			return
		}
		negLL := func(x []float64) float64 {
			q, m, e := unpack(x)
			return -quitLogLik(obs, q, m, e)
		}
		x0 := []float64{math.Log(max(f.q, 0.01))}
		if fitM {
			x0 = append(x0, logit(clamp(f.m)))
		}
		if fitE {
			x0 = append(x0, logit(clamp(f.e)))
		}
		res, err := optimize.Minimize(optimize.Problem{Func: negLL}, x0, &optimize.Settings{FuncEvaluations: 4000}, &optimize.NelderMead{})
		if err != nil && res == nil {
			return f
		}
		x := res.X
		q, m, e := unpack(x)
		// A probability the data drive to 0 or 1 is held there (its
		// logit has no finite optimum, its Hessian no inverse).
		again := false
		if fitM && (m < 1e-3 || m > 1-1e-3) {
			fitM, f.m, again = false, math.Round(m), true
		}
		if fitE && (e < 1e-3 || e > 1-1e-3) {
			fitE, f.e, again = false, math.Round(e), true
		}
		f.q = q
		if again {
			continue
		}
		f.m, f.e = m, e
		hess := mat.NewSymDense(len(x), nil)
		fd.Hessian(hess, negLL, x, &fd.Settings{Formula: fd.Central})
		var cov mat.Dense
		if err := cov.Inverse(hess); err != nil || math.IsNaN(q) {
			return f
		}
		v := cov.At(0, 0)
		if v <= 0 || math.IsNaN(v) {
			return f
		}
		f.seQ, f.okQ = math.Sqrt(v), true
		i := 1
		if fitM {
			f.seM, f.fitM, i = math.Sqrt(max(cov.At(i, i), 0)), true, i+1
		}
		if fitE {
			f.seE, f.fitE = math.Sqrt(max(cov.At(i, i), 0)), true
		}
		return f
	}
	return f
}

func clamp(p float64) float64 { return min(max(p, 0.02), 0.98) }

// quitLogLik is the log-likelihood of the observations at (q, m, e).
func quitLogLik(obs []quitObs, q, m, e float64) float64 {
	r := q / model.DaysPerYear
	ll := 0.0
	for _, o := range obs {
		l := 0.0
		for _, p := range o.parts {
			w := 1 - m
			if p.monthly {
				w = m
			}
			switch p.ext {
			case 0:
				w *= 1 - e
			case 1:
				w *= e
			}
			s := math.Exp(-r * p.a)
			if p.b >= 0 {
				s -= math.Exp(-r * p.b)
			}
			l += w * s
		}
		if l <= 0 {
			return math.Inf(-1)
		}
		ll += math.Log(l)
	}
	return ll
}
