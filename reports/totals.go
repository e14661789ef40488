package reports

import "licsim/model"

// Totals is what a comparison keeps of a replication: its number, its
// seed (to check the pairing) and its totals, not its monthly series,
// costs or subscriptions. At about 330 bytes it is a twentieth of a full
// model.Result, so that `licsim compare` keeps every policy's
// replications as they finish (model.ReplicateEach) in bounded memory.
type Totals struct {
	Rep    int
	Seed   uint64
	Values [model.NumMetrics]int64
}

// TotalsOf keeps the totals of r.
func TotalsOf(r *model.Result) Totals {
	return Totals{Rep: r.Rep, Seed: r.Seed, Values: r.Totals}
}

// Get returns the total of m.
func (t *Totals) Get(m model.Metric) int64 { return t.Values[m] }
