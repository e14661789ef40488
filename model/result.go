package model

import "licsim/sim"

// Result is what one replication produces: totals, the monthly series and,
// on request, the subscription list of R15. Nothing per event is kept.
type Result struct {
	Rep    int
	Seed   uint64
	Totals [NumMetrics]int64
	// Monthly holds len(Series(cfg)) values per month, month after month:
	// Monthly[m*len(series)+i] is series i in month m.
	Monthly []int64
	// Subscriptions is filled when Options.Subscriptions is set.
	Subscriptions []SubscriptionRecord
	// Events is the number of events the engine dispatched.
	Events uint64
	// Employees is the number of employee records the run created
	// (headcount plus hires).
	Employees int
}

// Get returns a total.
func (r Result) Get(m Metric) int64 { return r.Totals[m] }

// SeriesInfo describes one monthly series.
type SeriesInfo struct {
	Name  string
	Money bool // cents charged within the month; otherwise a count at month end
}

// The fixed monthly series, before the per-product seat counts.
const (
	SerBuyerSpend = iota
	SerOrgSpend
	SerStrandedSpend
	SerSelfserviceSeats
	SerOrgSeats
	SerLiveSubscriptions
	SerOrphanedSubscriptions
	serFixed
)

// Series lists the monthly series of a scenario: spend per month by payer,
// seats and subscriptions at each month's end, then the live self-service
// seats of each configured product ("seats:<id>") and, with catalog
// growth, of all products added during the run ("seats:new-products").
func Series(cfg *Config) []SeriesInfo {
	s := []SeriesInfo{
		{"buyer_spend", true},
		{"org_spend", true},
		{"stranded_spend", true},
		{"selfservice_seats", false},
		{"org_seats", false},
		{"live_subscriptions", false},
		{"orphaned_subscriptions", false},
	}
	for _, p := range cfg.Products {
		s = append(s, SeriesInfo{"seats:" + p.ID, false})
	}
	if cfg.Growth.PerYear > 0 {
		s = append(s, SeriesInfo{"seats:new-products", false})
	}
	return s
}

// SubscriptionRecord is one self-service subscription as the admin
// center shows it (R15), at the horizon.
type SubscriptionRecord struct {
	ID        int32
	Product   string
	Buyer     int32
	BuyerLeft bool     // the buyer had left by the horizon
	Seats     int      // seats paid for
	Assigned  []int32  // employees holding a seat at the horizon
	Term      string   // "trial", "monthly" or "annual"
	Started   sim.Time // day the subscription started (trial or purchase)
	State     string   // trial, active, autorenew-off, cancelled, taken-over, expired, ended
	BuyerPaid Cents
	Stranded  Cents
}
