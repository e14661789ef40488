package reports

import (
	"strconv"

	"licsim/model"
)

// Sweep is one parameter varied over values, each value run on the same
// seeds and replication count, so that differences between points come
// from the parameter and not from luck.
type Sweep struct {
	// Header is the base scenario's: every point shares its seed and
	// replications.
	Header
	Key    string       // the parameter, a dotted path such as "admin.review_every_days"
	Points []SweepPoint // in the order the values were given
}

// NewSweep starts a sweep of the parameter key over the scenario base,
// with no points yet.
func NewSweep(base *model.Config, key string) *Sweep {
	return &Sweep{Header: headerOf(base, base.Replications), Key: key}
}

// SweepPoint is the run at one value of the swept parameter.
type SweepPoint struct {
	Value   string // as given on the command line
	Summary *Summary
}

// Numeric reports whether every value is a number, and returns them: a
// numeric sweep is charted on a numeric axis, any other on categories.
func (sw *Sweep) Numeric() ([]float64, bool) {
	xs := make([]float64, len(sw.Points))
	for i, p := range sw.Points {
		x, err := strconv.ParseFloat(p.Value, 64)
		if err != nil {
			return nil, false
		}
		xs[i] = x
	}
	return xs, true
}
