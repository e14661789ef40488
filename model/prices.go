package model

import (
	"slices"
	"time"

	"licsim/sim"
)

// Dated prices (R20). A product's list price changes on dated steps, and
// from 2025-04-01 an annual term billed monthly costs 5% more than one
// paid up front; a charge pays the price in force on its day, so
// renewals and monthly bills after a step pay the new price and a term
// paid up front keeps its price until it renews.
//
// The days on which any price changes cut the horizon into epochs. Every
// product has a row of per-seat prices per epoch (priceRow), built at
// setup; the current epoch's row is copied into prod.cur when the epoch
// starts (a dated event, before anything else on its day), so that a
// charge reads its price with no search and no extra load. Looking a
// past day's price up (refunds, stranded shares) goes through
// epochOf, one indexed load per lookup.

// priceRow is what one seat costs per charge in one epoch.
type priceRow struct {
	monthly       Cents // a month of a monthly term
	annualMonthly Cents // a month of an annual term billed monthly (with the premium)
	upfront       Cents // a whole annual term paid up front: 12 × price_annual
}

// priceEpochs is the split of a scenario's horizon into epochs of
// constant prices, shared by every replication.
type priceEpochs struct {
	starts  []sim.Time // first day of each epoch; starts[0] = 0
	epochOf []int32    // epoch of each day in [0, horizon)
}

// newPriceEpochs cuts the horizon at every price step and at the start of
// the monthly-billing premium that fall inside it.
func newPriceEpochs(cfg *Config, cal *calendar) *priceEpochs {
	pe := &priceEpochs{starts: []sim.Time{0}}
	cut := func(d sim.Time) {
		if d > 0 && d < cal.horizon {
			pe.starts = append(pe.starts, d)
		}
	}
	for i := range cfg.Products {
		for _, st := range cfg.Products[i].PriceSteps {
			cut(cal.dayOf(st.From))
		}
	}
	if c := &cfg.Commerce; c.MonthlyBillingPremium != 0 && !c.MonthlyBillingPremiumFrom.IsZero() {
		cut(cal.dayOf(c.MonthlyBillingPremiumFrom))
	}
	slices.Sort(pe.starts)
	pe.starts = slices.Compact(pe.starts)
	pe.epochOf = make([]int32, cal.horizon)
	k := int32(0)
	for d := range pe.epochOf {
		for int(k)+1 < len(pe.starts) && pe.starts[k+1] <= sim.Time(d) {
			k++
		}
		pe.epochOf[d] = k
	}
	return pe
}

// setupPrices builds every product's row of prices per epoch, in one
// table kept from one replication to the next, and schedules the epochs'
// starts. It runs after the products are set up and before anything else
// is scheduled on an epoch's first day.
func (s *state) setupPrices() {
	n := len(s.epochs.starts)
	s.priceTab = slices.Grow(s.priceTab[:0], n*len(s.prods))[:n*len(s.prods)]
	c := &s.cfg.Commerce
	premiumFrom := sim.Time(0)
	if !c.MonthlyBillingPremiumFrom.IsZero() {
		premiumFrom = s.cal.dayOf(c.MonthlyBillingPremiumFrom)
	}
	for p := range s.prods {
		pr := &s.prods[p]
		pr.price = s.priceTab[p*n : (p+1)*n : (p+1)*n]
		for k, d := range s.epochs.starts {
			annual, monthly := pr.listPriceOn(s.cal.date(d))
			premium := 0.0
			if d >= premiumFrom {
				premium = c.MonthlyBillingPremium
			}
			pr.price[k] = priceRow{
				monthly:       monthly,
				annualMonthly: annual + roundCents(float64(annual)*premium),
				upfront:       12 * annual,
			}
		}
		pr.cur = pr.price[0]
	}
	for k := 1; k < n; k++ {
		s.sim.Schedule(s.epochs.starts[k], evPriceStep, int32(k), 0)
	}
}

// listPriceOn is the product's annual- and monthly-term list prices in
// force on date t: those of the last step dated on or before t, else the
// base prices.
func (pr *prod) listPriceOn(t time.Time) (annual, monthly Cents) {
	annual, monthly = pr.PriceAnnual, pr.PriceMonthly
	for _, st := range pr.PriceSteps {
		if t.Before(st.From) {
			break
		}
		annual, monthly = st.Annual, st.Monthly
	}
	return annual, monthly
}

// priceStep starts epoch k: every product's current prices change.
func (s *state) priceStep(k int32) {
	s.epoch = k
	for p := range s.prods {
		s.prods[p].cur = s.prods[p].price[k]
	}
}

// perSeatAt is what one seat of subscription sb paid at its charge on day
// d: a month of its term, a month of an annual term billed monthly, or a
// whole annual term paid up front.
// A period that began before the first epoch (an existing
// subscription's, R22 adding a seat to it) is priced at the first.
func (s *state) perSeatAt(sb *sub, d sim.Time) Cents {
	row := &s.prods[sb.prod].price[s.epochs.epochOf[max(d, 0)]]
	switch {
	case sb.flags&fMonthly != 0:
		return row.monthly
	case sb.flags&fUpfront == 0:
		return row.annualMonthly
	}
	return row.upfront
}
