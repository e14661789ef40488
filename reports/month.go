package reports

import (
	"time"

	"licsim/model"
)

// MonthStart is the first day of month m of a run that starts at start:
// the same day m calendar months later, clamped to the month's last day
// (Jan 31 → Feb 28), as the model counts months.
func MonthStart(start time.Time, m int) time.Time { return model.AddMonths(start, m) }

// MonthLabel names month m in monthly.csv and the charts: "YYYY-MM" of
// the month's start. Month 0 starts at the scenario's start date, so for
// a start on the 15th, "2025-01" is 15 January to 14 February.
func MonthLabel(start time.Time, m int) string {
	return MonthStart(start, m).Format("2006-01")
}
