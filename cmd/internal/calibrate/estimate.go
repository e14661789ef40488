package calibrate

import "math"

// z95 is the standard normal's 97.5% quantile: a 95% interval is ±z95 SE.
const z95 = 1.959963984540054

// Estimate is one scenario key as the history pins it down.
type Estimate struct {
	Key string `json:"key"` // as --set names it: "product.power-bi-pro.card_given"
	// Value is the maximum-likelihood estimate (or the prior, when not
	// Fitted); SE its standard error from the observed information;
	// Low and High the 95% interval (Method says which).
	Value float64 `json:"value"`
	SE    float64 `json:"se"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	// N is the number of observations behind it (events for a rate,
	// decisions for a probability, subscriptions for a hazard) and
	// Events the events among them where that differs.
	N      int     `json:"n"`
	Events int     `json:"events,omitempty"`
	Method string  `json:"method"`
	Fitted bool    `json:"fitted"`
	Prior  float64 `json:"prior"`
	Note   string  `json:"note,omitempty"` // why the prior is kept, or what the value is conditional on
}

// Covers reports whether v lies in the 95% interval.
func (e Estimate) Covers(v float64) bool { return e.Fitted && v >= e.Low && v <= e.High }

// minEvents is the fewest observations a key is fitted from; below it
// the prior stays (an interval from fewer says little and covers badly).
const minEvents = 5

// poissonRate is the rate of n events over exposure, with the score
// (Wilson) interval of a Poisson count, which behaves at n = 0: the
// rates λ with (n − λE)² ≤ z² λE.
func poissonRate(n int, exposure float64) (rate, se, lo, hi float64) {
	if exposure <= 0 {
		return 0, 0, 0, 0
	}
	x := float64(n)
	rate = x / exposure
	se = math.Sqrt(x) / exposure
	c := z95 * math.Sqrt(x+z95*z95/4)
	lo = (x + z95*z95/2 - c) / exposure
	hi = (x + z95*z95/2 + c) / exposure
	return rate, se, max(lo, 0), hi
}

// wilson is the share k/n with the Wilson score interval, which stays
// inside [0, 1] and behaves at 0 and 1; se is √(p(1−p)/n), the observed
// information's.
func wilson(k, n int) (p, se, lo, hi float64) {
	if n == 0 {
		return 0, 0, 0, 1
	}
	nf := float64(n)
	p = float64(k) / nf
	se = math.Sqrt(p * (1 - p) / nf)
	z2 := z95 * z95
	mid := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z95 / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return p, se, max(mid-half, 0), min(mid+half, 1)
}

// logWald is the interval exp(log v ± z95 seLog) of a positive value.
func logWald(v, seLog float64) (lo, hi float64) {
	return v * math.Exp(-z95*seLog), v * math.Exp(z95*seLog)
}

func logit(p float64) float64    { return math.Log(p / (1 - p)) }
func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
