package model

import (
	"errors"
	"fmt"
)

// MaxPlausible bounds every total and monthly value a replication can
// report: 2^53, the largest integer a float64 holds exactly (reports
// compute statistics in float64), 90 trillion in currency units. No
// scenario within Check's limits comes near it.
const MaxPlausible = 1 << 53

// endOfRun pairs the totals that are a count at the horizon with the
// monthly series that counts the same thing at each month's end: the
// total equals the series in the last month. A new metric of that kind
// belongs here.
var endOfRun = map[Metric]int{
	SelfserviceSeatsEnd: SerSelfserviceSeats,
	OrgSeatsEnd:         SerOrgSeats,
	SubscriptionsEnd:    SerLiveSubscriptions,
}

// atMost lists totals that cannot exceed another total: stranded spend
// is part of buyer spend, requests are approved or denied at most once.
var atMost = []struct{ part, whole []Metric }{
	{[]Metric{StrandedSpend}, []Metric{BuyerSpend}},
	{[]Metric{RequestsApproved, RequestsDenied}, []Metric{LicenceRequests}},
	{[]Metric{TrialsConverted, TrialsExpired}, []Metric{TrialsStarted}},
}

// Verify checks that r holds numbers a replication of cfg can produce, as
// far as the numbers themselves tell: every total and monthly value in
// [0, MaxPlausible]; Monthly of Months × len(Series(cfg)) values; every
// money series that has a total of the same name (buyer_spend,
// org_spend, stranded_spend) summing to it month by month; each
// end-of-run count equal to its series in the last month; parts not
// exceeding their whole (stranded ≤ buyer spend, in total and up to
// each month; orphaned ≤ live subscriptions); the seats of the products adding
// up to selfservice_seats each month; the costs by period and product
// adding up to the monthly series and the totals (verifyCosts);
// employees = headcount + hires (with a history warm-up: employees on
// staff on start + hires, and the trials, pending requests and live
// subscriptions it carried count with the existing ones); and, when r
// lists its subscriptions (R15), one per trial or purchase,
// their amounts adding up to the buyer and stranded totals. The checks follow the metric and
// series definitions, so a new metric is covered by the range check and,
// if it is a money series with a total, by the ledger identity.
//
// It does not prove that r is what cfg gives: only running the
// replication again does. It catches edited and corrupted numbers that
// break the ledger, and values that would overflow the statistics.
func (r *Result) Verify(cfg *Config) error {
	series := Series(cfg)
	ns := len(series)
	if want := cfg.Months * ns; len(r.Monthly) != want {
		return fmt.Errorf("%d monthly values, want %d (%d months × %d series)", len(r.Monthly), want, cfg.Months, ns)
	}
	for _, m := range Metrics() {
		if v := r.Totals[m]; v < 0 || v > MaxPlausible {
			return fmt.Errorf("%s = %d: must be in [0, 2^53]", m.Name(), v)
		}
	}
	for i, v := range r.Monthly {
		// A month of buyer (and so stranded) spend can be negative: a
		// refund (R21) may be all that happens to a buyer's card in it.
		lo := int64(0)
		if k := i % ns; k == SerBuyerSpend || k == SerStrandedSpend {
			lo = -MaxPlausible
		}
		if v < lo || v > MaxPlausible {
			return fmt.Errorf("%s in month %d = %d: must be in [%d, 2^53]", series[i%ns].Name, i/ns+1, v, lo)
		}
	}
	for i, s := range series {
		m, ok := MetricByName(s.Name)
		if !ok || !s.Money {
			continue
		}
		var sum int64 // cannot overflow: Months ≤ 240 values ≤ 2^53 each
		for month := range cfg.Months {
			sum += r.Monthly[month*ns+i]
		}
		if sum != r.Totals[m] {
			return fmt.Errorf("%s total %s differs from the sum of its months %s", m.Name(), FormatCents(r.Totals[m]), FormatCents(sum))
		}
	}
	last := (cfg.Months - 1) * ns
	for _, m := range Metrics() {
		i, ok := endOfRun[m]
		if ok && r.Totals[m] != r.Monthly[last+i] {
			return fmt.Errorf("%s = %d differs from %s in the last month (%d)", m.Name(), r.Totals[m], series[i].Name, r.Monthly[last+i])
		}
	}
	trials, subs := cfg.existingCounts()
	// A history warm-up carries trials, pending requests and live
	// subscriptions into the run, which end, are decided and are listed
	// in it.
	trials += r.Carried.Trials
	subs += r.Carried.Subscriptions
	for _, c := range atMost {
		var part, whole int64
		for _, m := range c.part {
			part += r.Totals[m]
		}
		for _, m := range c.whole {
			whole += r.Totals[m]
			switch m {
			case TrialsStarted:
				whole += trials // existing trials end in the run too
			case LicenceRequests:
				whole += r.Carried.Requests
			}
		}
		if part > whole {
			return fmt.Errorf("%s (%d) exceed %s (%d)", names(c.part), part, names(c.whole), whole)
		}
	}
	var buyerSoFar, strandedSoFar int64
	for month := range cfg.Months {
		row := r.Monthly[month*ns : (month+1)*ns]
		var seats int64
		for _, v := range row[serFixed:] {
			seats += v
		}
		// Stranded spend is booked when a buyer leaves or the org takes
		// over, for time paid before (up front): it never exceeds what
		// was paid so far, though it can exceed a month's charges.
		buyerSoFar += row[SerBuyerSpend]
		strandedSoFar += row[SerStrandedSpend]
		switch {
		case strandedSoFar > buyerSoFar:
			return fmt.Errorf("stranded_spend up to month %d exceeds buyer_spend up to it", month+1)
		case row[SerOrphanedSubscriptions] > row[SerLiveSubscriptions]:
			return fmt.Errorf("orphaned_subscriptions in month %d exceed live_subscriptions", month+1)
		case seats != row[SerSelfserviceSeats]:
			return fmt.Errorf("selfservice_seats in month %d = %d differs from the sum of the products' seats %d",
				month+1, row[SerSelfserviceSeats], seats)
		}
	}
	if err := r.verifyCosts(cfg); err != nil {
		return err
	}
	staff, what := cfg.Population.Headcount, "headcount"
	if cfg.History { // the headcount on start is random after a warm-up
		staff, what = r.Carried.Employees, "employees on staff on start"
	} else if r.Carried != (Carried{}) {
		return fmt.Errorf("carried %+v without a history warm-up", r.Carried)
	}
	if want := int64(staff) + r.Totals[Hires]; int64(r.Employees) != want {
		return fmt.Errorf("%d employees, want %s %d + hires %d", r.Employees, what, staff, r.Totals[Hires])
	}
	if r.Totals[Departures] > int64(r.Employees) {
		return fmt.Errorf("departures %d exceed the %d employees", r.Totals[Departures], r.Employees)
	}
	return r.verifySubscriptions(subs)
}

// existingCounts counts the existing trials and subscriptions of cfg.
func (cfg *Config) existingCounts() (trials, subs int64) {
	for _, ex := range cfg.Existing {
		subs += int64(ex.Count)
		if ex.Trial {
			trials += int64(ex.Count)
		}
	}
	return trials, subs
}

// verifyCosts checks Costs against the totals and the monthly series:
// CostsLen values in [-2^53, 2^53], org spend ≥ 0 (buyer spend and the
// reimbursed part of company cost can be negative in a period of
// refunds); each period's buyer and org spend over the groups equal the sum of the
// buyer_spend and org_spend series over its months, and each kind over
// every period and group equals its total (buyer_spend, org_spend,
// company_cost).
func (r *Result) verifyCosts(cfg *Config) error {
	if want := CostsLen(cfg); len(r.Costs) != want {
		return fmt.Errorf("%d cost values, want %d (%d periods × %d product groups × %d)",
			len(r.Costs), want, Periods(cfg), len(CostGroups(cfg)), NumCostKinds)
	}
	ns, groups := len(Series(cfg)), len(CostGroups(cfg))
	var sum [NumCostKinds]int64
	for p := range Periods(cfg) {
		var period [NumCostKinds]int64
		for g := range groups {
			for k := range NumCostKinds {
				v := r.Costs[CostIndex(groups, p, g, k)]
				lo := int64(-MaxPlausible)
				if k == CostOrg {
					lo = 0
				}
				if v < lo || v > MaxPlausible {
					return fmt.Errorf("cost %d of %s in period %d = %d: must be in [%d, 2^53]", k, CostGroups(cfg)[g], p+1, v, lo)
				}
				period[k] += v
			}
		}
		var buyer, org int64
		for m := p * MonthsPerPeriod; m < min((p+1)*MonthsPerPeriod, cfg.Months); m++ {
			buyer += r.Monthly[m*ns+SerBuyerSpend]
			org += r.Monthly[m*ns+SerOrgSpend]
		}
		if period[CostBuyer] != buyer || period[CostOrg] != org {
			return fmt.Errorf("period %d: buyer and org spend by product %s and %s differ from the sums of their months %s and %s",
				p+1, FormatCents(period[CostBuyer]), FormatCents(period[CostOrg]), FormatCents(buyer), FormatCents(org))
		}
		for k := range NumCostKinds {
			sum[k] += period[k]
		}
	}
	for k, m := range [NumCostKinds]Metric{BuyerSpend, OrgSpend, CompanyCost} {
		if sum[k] != r.Totals[m] {
			return fmt.Errorf("%s by period and product adds up to %s, the total is %s", m.Name(), FormatCents(sum[k]), FormatCents(r.Totals[m]))
		}
	}
	return nil
}

// verifySubscriptions checks the R15 records against the totals.
func (r *Result) verifySubscriptions(existing int64) error {
	if r.Subscriptions == nil {
		return nil
	}
	if n := r.Totals[TrialsStarted] + r.Totals[Purchases] + existing; int64(len(r.Subscriptions)) != n {
		return fmt.Errorf("%d subscriptions listed, want existing + trials_started + purchases = %d", len(r.Subscriptions), n)
	}
	var paid, stranded Cents
	for _, s := range r.Subscriptions {
		switch {
		case s.BuyerPaid < 0 || s.Stranded < 0 || s.Stranded > s.BuyerPaid:
			return fmt.Errorf("subscription %d: paid %s, stranded %s: want 0 ≤ stranded ≤ paid", s.ID, FormatCents(s.BuyerPaid), FormatCents(s.Stranded))
		case s.Seats < 1 || len(s.Assigned) > s.Seats:
			return fmt.Errorf("subscription %d: %d seats, %d assigned: want 1 ≤ assigned ≤ seats", s.ID, s.Seats, len(s.Assigned))
		}
		paid += s.BuyerPaid
		stranded += s.Stranded
		if paid > MaxPlausible {
			return errors.New("subscriptions paid more than 2^53 cents")
		}
	}
	if paid != Cents(r.Totals[BuyerSpend]) || stranded != Cents(r.Totals[StrandedSpend]) {
		return fmt.Errorf("subscriptions add up to buyer spend %s and stranded %s, totals say %s and %s",
			FormatCents(paid), FormatCents(stranded), FormatCents(r.Totals[BuyerSpend]), FormatCents(r.Totals[StrandedSpend]))
	}
	return nil
}

func names(ms []Metric) string {
	s := ms[0].Name()
	for _, m := range ms[1:] {
		s += " + " + m.Name()
	}
	return s
}
