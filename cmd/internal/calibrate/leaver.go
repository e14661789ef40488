package calibrate

import (
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"licsim/model"
)

// After a buyer leaves (R11), their paid subscription stops renewing at
// the hazard leaver_stop_per_year (R25) from the departure on, or at
// once with probability leaver_stops_renewal (the contract's coin, 0 by
// default: the hazard replaces it); it then ends at its term's end. It
// may have been turned off already before the departure (the quit
// hazard, fitted first). For a subscription whose buyer left on day D,
// under a hypothesis h (term, trial extension) with boundaries t_k:
//
//	stops at the first boundary after D:  π + (1−π)(L + (1−L)(1 − e^(−r(t_{j+1}−D))))
//	at a later one t_k:                   (1−π)(1−L)(e^(−r(t_{k−1}−D)) − e^(−r(t_k−D)))
//	still live on the export's date:      (1−π)(1−L) e^(−r(t_last−D))
//
// with π the chance that auto-renew was off already (a quit after the
// last window before D), each weighed by w_h times the chance of having
// lasted to D; r is fitted with q, monthly_term and extend_trial held at
// their fits and L at its prior.

type leaverPart struct {
	w     float64 // hypothesis weight × P(not ended before D)
	pi    float64 // auto-renew off already at D
	first float64 // days from D to the first boundary after it
	// the observed outcome: stopped at a boundary (from, to: days from D
	// of the boundary before it and of it), or live (from: the last
	// boundary before the export's date, to = -1; -2 when there is none
	// after D)
	from, to float64
}

type leaverObs struct{ parts []leaverPart }

// leaverData builds the observations of product ph's paid subscriptions
// whose buyer left while they were paid and live.
func (h *history) leaverData(ph *productHistory, pr *model.Product, window int, q quitFit) (obs []leaverObs, stopped int) {
	rq := q.q / model.DaysPerYear
	for u, idx := range ph.byUser {
		p := h.people[u]
		if !p.left {
			continue
		}
		D := p.out
		for k, i := range idx {
			s := ph.subs[i]
			if s.trial || s.ended < 0 || !s.live && s.ended < D || s.created >= D {
				continue
			}
			type start struct {
				day int
				w   float64
			}
			var starts []start
			if k == 0 && pr.TrialDays > 0 {
				end := s.created + pr.TrialDays
				if end < D {
					starts = []start{{end, 1 - q.e}, {end + model.ExtensionDays, q.e}}
				} else {
					continue // converted after the departure: not paid on D
				}
			} else {
				starts = []start{{s.created, 1}}
			}
			var o leaverObs
			for _, st := range starts {
				if st.day >= D {
					continue
				}
				for _, monthly := range []bool{true, false} {
					wt := 1 - q.m
					step := 12
					if monthly {
						wt, step = q.m, 1
					}
					d0 := h.date(st.day)
					b := func(k int) int { return h.day(model.AddMonths(d0, k*step)) }
					j := 0
					for b(j+1) < D {
						j++
					}
					tj := b(j)
					lastSafe := min(tj+window, D)
					survive := math.Exp(-rq * float64(lastSafe-st.day))
					pi := 0.0
					if D > tj+window {
						pi = 1 - math.Exp(-rq*float64(D-tj-window))
					}
					part := leaverPart{w: wt * st.w * survive, pi: pi, first: float64(b(j+1) - D)}
					if s.live {
						k := j + 1
						for b(k) < h.days {
							k++
						}
						if b(k) != s.next {
							continue
						}
						part.from, part.to = float64(b(k-1)-D), -1
						if k == j+1 {
							part.to = -2 // no boundary before the export's date: live whatever happened
						}
					} else {
						k := j + 1
						for b(k) < s.ended {
							k++
						}
						if b(k) != s.ended {
							continue
						}
						part.from, part.to = float64(b(k-1)-D), float64(b(k)-D)
						if k == j+1 {
							part.from = 0
						}
					}
					o.parts = append(o.parts, part)
				}
			}
			if len(o.parts) == 0 {
				continue
			}
			if !s.live {
				stopped++
			}
			obs = append(obs, o)
		}
	}
	return obs, stopped
}

func leaverLogLik(obs []leaverObs, r, l float64) float64 {
	r /= model.DaysPerYear
	ll := 0.0
	for _, o := range obs {
		lik := 0.0
		for _, p := range o.parts {
			var v float64
			switch {
			case p.to == -2:
				v = 1
			case p.to < 0: // live
				v = (1 - p.pi) * (1 - l) * math.Exp(-r*p.from)
			case p.from == 0 && p.to == p.first: // the first boundary
				v = p.pi + (1-p.pi)*(l+(1-l)*(1-math.Exp(-r*p.to)))
			default:
				v = (1 - p.pi) * (1 - l) * (math.Exp(-r*p.from) - math.Exp(-r*p.to))
			}
			lik += p.w * v
		}
		if lik <= 0 {
			return math.Inf(-1)
		}
		ll += math.Log(lik)
	}
	return ll
}

// fitLeaver fits leaver_stop_per_year; ok is false when the likelihood
// has no interior maximum.
func fitLeaver(obs []leaverObs, prior *model.Product) (r, seLog float64, ok bool) {
	negLL := func(x []float64) float64 { return -leaverLogLik(obs, math.Exp(x[0]), prior.LeaverStopsRenewal) }
	x0 := []float64{math.Log(max(prior.LeaverStopPerYear, 0.05))}
	res, err := optimize.Minimize(optimize.Problem{Func: negLL}, x0, &optimize.Settings{FuncEvaluations: 1000}, &optimize.NelderMead{})
	if err != nil && res == nil {
		return 0, 0, false
	}
	x := res.X
	if x[0] < -12 || x[0] > 6 {
		return math.Exp(x[0]), 0, false
	}
	hess := mat.NewSymDense(1, nil)
	fd.Hessian(hess, negLL, x, &fd.Settings{Formula: fd.Central})
	if v := hess.At(0, 0); v > 0 && !math.IsNaN(v) {
		return math.Exp(x[0]), 1 / math.Sqrt(v), true
	}
	return math.Exp(x[0]), 0, false
}
