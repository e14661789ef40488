package reports

import (
	"errors"
	"fmt"

	"gonum.org/v1/plot"

	"licsim/model"
)

// ChartMonthlySpend is money charged per month, employees' cards against
// the organisation, each as the mean over replications with its 90% band
// (p05–p95), and the stranded part of buyer spend.
func ChartMonthlySpend(s *Summary) (*Chart, error) {
	buyer, org, stranded := s.MonthlySeries(model.SerBuyerSpend), s.MonthlySeries(model.SerOrgSpend), s.MonthlySeries(model.SerStrandedSpend)
	if buyer == nil || org == nil {
		return nil, errors.New("chart monthly_spend: no monthly series")
	}
	p := monthlyPlot(s, "Spend per month: employees' cards vs the organisation", "Charged per month ("+s.Currency+")", true)
	if err := addSeries(p, buyer, "Employees' cards (buyer spend)", colBuyer, 0.20, false); err != nil {
		return nil, err
	}
	if err := addSeries(p, org, "Organisation (org spend)", colOrg, 0.20, false); err != nil {
		return nil, err
	}
	if stranded != nil {
		if err := addSeries(p, stranded, "Stranded: paid after leaving, cancel or takeover", colStranded, 0, true); err != nil {
			return nil, err
		}
	}
	finishMonthlyPlot(p)
	return &Chart{
		Name:  "monthly_spend",
		Title: "Spend per month",
		Caption: fmt.Sprintf("Amount charged each month in %s: lines are the mean over %d replications, shaded bands hold the middle 90%% of replications (p05–p95). Stranded spend is the part of employees' spend paid for access they no longer have.",
			s.Currency, s.Replications),
		draw: single(p),
	}, nil
}

// monthlyPlot is an empty plot of monthly series over the run's months,
// from zero, with the legend in the top left corner.
func monthlyPlot(s *Summary, title, yLabel string, money bool) *plot.Plot {
	p := newPlot(title, "", yLabel, 1)
	p.X.Tick.Marker = monthTicks{s.Start, s.Months}
	p.Y.Tick.Marker = amountTicks{money: money}
	p.X.Min, p.X.Max, p.Y.Min = 0, float64(s.Months), 0
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = 12, -8
	return p
}

// finishMonthlyPlot explains the bands and leaves room for the legend,
// once every series is added.
func finishMonthlyPlot(p *plot.Plot) {
	bandLegend(p)
	headroom(p, 1.15)
}
