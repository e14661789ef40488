package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// "Same day next month" clamps to the month's last day, from the anchor:
// Jan 31 → Feb 28/29 → Mar 31.
func TestCalendarAddMonthsClamps(t *testing.T) {
	cases := []struct {
		start, anchor string
		n             int
		want          string
	}{
		{"2025-01-01", "2025-01-31", 1, "2025-02-28"},
		{"2025-01-01", "2025-01-31", 2, "2025-03-31"},
		{"2025-01-01", "2025-01-31", 3, "2025-04-30"},
		{"2027-06-15", "2027-08-31", 6, "2028-02-29"},
		{"2025-01-01", "2025-03-15", 12, "2026-03-15"},
		{"2025-05-20", "2025-05-20", 0, "2025-05-20"},
	}
	for _, c := range cases {
		cal := newCalendar(day(c.start), 36)
		got := cal.date(cal.addMonths(cal.dayOf(day(c.anchor)), c.n))
		assert.Equal(t, c.want, got.Format("2006-01-02"), "%s + %d months", c.anchor, c.n)
	}
}

// The horizon is start plus months calendar months, exclusive, and each
// day belongs to the report month that contains it.
func TestCalendarHorizonAndPeriods(t *testing.T) {
	cal := newCalendar(day("2024-01-31"), 13)
	assert.Equal(t, "2025-02-28", cal.date(cal.horizon).Format("2006-01-02"))
	require.Len(t, cal.period, int(cal.horizon))
	assert.Equal(t, int32(0), cal.period[0])
	assert.Equal(t, int32(0), cal.period[cal.dayOf(day("2024-02-28"))])
	assert.Equal(t, int32(1), cal.period[cal.dayOf(day("2024-02-29"))], "month 1 starts on Feb 29 in a leap year")
	assert.Equal(t, int32(12), cal.period[cal.horizon-1])
	assert.Equal(t, cal.horizon, cal.addMonths(cal.horizon-1, 400), "far beyond: reported as the horizon")
}
