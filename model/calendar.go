package model

import (
	"time"

	"licsim/sim"
)

// calendar turns the scenario's dates into day numbers and back, and
// answers "same day n months later" with the contract's clamping (Jan 31
// → Feb 28/29 → Mar 31) from precomputed month starts, so that the event
// loop never calls the time package.
type calendar struct {
	start      time.Time  // the date of day 0: the scenario's start, or its history's (see history.go)
	origin     sim.Time   // the day reports start: the scenario's start
	horizon    sim.Time   // first day not simulated
	monthStart []sim.Time // first day of calendar month k; month 0 holds day 0
	monthOf    []int32    // calendar month of each day in [0, horizon)
	period     []int32    // report month of each day: m with addMonths(origin,m) <= d < addMonths(origin,m+1); -1 before origin
	// regular: the report months start on the 28th of the month or
	// before, so on the same day of every month (see bookQuietMonths).
	regular bool
}

// newCalendar covers start plus months calendar months, and 13 more so
// that anniversaries beyond the horizon resolve to a day after it and the
// end of an annual term that runs past the horizon is known (refunds and
// stranded shares prorate over it). It also covers backMonths calendar
// months before start, so that the terms of subscriptions that existed
// before start can count months back to their start (see existing.go):
// their anchor is a day on or after start and their month may be
// negative, so addMonths needs no branch for them.
func newCalendar(start time.Time, months int) *calendar { return newCalendarFrom(start, start, months) }

// newCalendarFrom is newCalendar with day 0 on clock, on or before start:
// reports start on start (origin), after a history warm-up from clock
// (see history.go).
func newCalendarFrom(clock, start time.Time, months int) *calendar {
	c := &calendar{start: clock}
	c.origin = c.dayOf(start)
	first := time.Date(clock.Year(), clock.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -backMonths, 0)
	warm := (start.Year()-clock.Year())*12 + int(start.Month()-clock.Month())
	for k := 0; k <= backMonths+warm+months+14; k++ {
		c.monthStart = append(c.monthStart, c.dayOf(first.AddDate(0, k, 0)))
	}
	c.horizon = c.dayOf(AddMonths(start, months))
	// monthOf runs past the horizon to the end of the covered months: an
	// existing subscription's anchor may lie up to a year after start.
	end := c.monthStart[len(c.monthStart)-1]
	c.monthOf = make([]int32, end)
	k := int32(backMonths)
	for d := sim.Time(0); d < end; d++ {
		for c.monthStart[k+1] <= d {
			k++
		}
		c.monthOf[d] = k
	}
	c.regular = c.origin-c.monthStart[c.monthOf[c.origin]] < 28
	c.period = make([]int32, c.horizon)
	for d := range c.origin {
		c.period[d] = -1
	}
	m := int32(0)
	next := c.addMonths(c.origin, 1)
	for d := c.origin; d < c.horizon; d++ {
		for d >= next {
			m++
			next = c.addMonths(c.origin, int(m)+1)
		}
		c.period[d] = m
	}
	return c
}

// backMonths is how many calendar months before start the calendar
// covers: an existing subscription's annual term started at most a year
// before start, and its charge periods count back another year from an
// anchor up to a year after start.
const backMonths = 25

// dayOf is the day number of a date (negative before start).
func (c *calendar) dayOf(t time.Time) sim.Time {
	return sim.Time((t.Unix() - c.start.Unix()) / 86400)
}

// date is the calendar date of a day number.
func (c *calendar) date(d sim.Time) time.Time {
	return c.start.AddDate(0, 0, int(d))
}

// addMonths is the same day n months after day anchor (which must lie in
// [0, horizon + 13 months); n may be negative down to the calendar's
// first month), clamped to the end of shorter months. Results past the
// precomputed range are reported as the horizon: nothing there happens.
func (c *calendar) addMonths(anchor sim.Time, n int) sim.Time {
	k := int(c.monthOf[anchor])
	t := k + n
	if t+1 >= len(c.monthStart) {
		return c.horizon
	}
	dom := anchor - c.monthStart[k]
	last := c.monthStart[t+1] - c.monthStart[t] - 1
	return c.monthStart[t] + min(dom, last)
}

// inMonth is day dom (from 0) of calendar month t, clamped to its last
// day: where a boundary anchored on day dom of a month falls in month t.
func (c *calendar) inMonth(t int32, dom sim.Time) sim.Time {
	return c.monthStart[t] + min(dom, c.monthStart[t+1]-c.monthStart[t]-1)
}

// firstOnOrAfter is the first boundary n, of a subscription whose
// boundary n falls in calendar month k0+n on day dom (inMonth), that
// falls on or after day x; days from the horizon on count as the
// horizon.
func (c *calendar) firstOnOrAfter(k0 int32, dom, x sim.Time) int32 {
	x = min(max(x, 0), c.horizon)
	t := c.monthOf[x]
	if c.inMonth(t, dom) < x {
		t++
	}
	return t - k0
}

// AddMonths is the same day n calendar months after t, clamped to the
// last day of a shorter month (Jan 31 + 1 month = Feb 28): how the model
// counts months, and how reports name them.
func AddMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, time.UTC)
}
