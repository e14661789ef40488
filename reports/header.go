package reports

import (
	"time"

	"licsim/model"
)

// Header says which run a result comes from: every output repeats it, so
// that a file read on its own can be traced back to its scenario and
// seed.
type Header struct {
	Scenario     string    // the scenario's name
	Start        time.Time // first day of the horizon
	Months       int       // length of the horizon
	Currency     string    // ISO 4217 code of every amount
	Seed         uint64    // base seed; replication r uses model.Mix(Seed, r)
	Replications int       // replications described
}

// headerOf is the header of a run of cfg over replications replications.
func headerOf(cfg *model.Config, replications int) Header {
	return Header{
		Scenario: cfg.Name, Start: cfg.Start, Months: cfg.Months, Currency: cfg.Currency,
		Seed: cfg.Seed, Replications: replications,
	}
}
