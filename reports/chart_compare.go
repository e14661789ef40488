package reports

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"licsim/model"
)

// forest is one panel of a comparison chart: each metric's paired
// difference b − a with its 95% confidence interval as whiskers.
func forest(c *Comparison, metrics []model.Metric, title, xLabel string, money bool, col color.RGBA) (*plot.Plot, error) {
	rows := make([]forestRow, len(metrics))
	for i, m := range metrics {
		d := c.Get(m)
		rows[i] = forestRow{Label: label(m), Mean: d.Diff.Mean, CI: d.Diff.CI95}
	}
	return forestPanel(rows, title, xLabel, money, col, 0.16)
}

// CompareMoney and CompareCounts are the metrics the comparison chart
// shows: what each party pays, then what happens to subscriptions.
var (
	CompareMoney  = []model.Metric{model.BuyerSpend, model.OrgSpend, model.StrandedSpend}
	CompareCounts = []model.Metric{
		model.SelfserviceSeatsEnd, model.SubscriptionsEnd, model.OrphanedSubscriptions,
		model.TrialsStarted, model.Purchases, model.Takeovers, model.AdminCancels, model.LicenceRequests,
	}
)

// ChartCompare shows B − A for the money metrics (top, in currency) and
// the main counts (bottom), each as the mean paired difference with its
// 95% confidence interval as whiskers. An interval that does not cross
// the dashed zero line is a difference the replications can tell apart
// from noise.
func ChartCompare(c *Comparison) (*Chart, error) {
	top, err := forest(c, CompareMoney, "Money over the horizon: B − A", "Difference in "+c.Currency+" (mean of paired differences, 95% CI)", true, colBuyer)
	if err != nil {
		return nil, fmt.Errorf("chart compare: %w", err)
	}
	bottom, err := forest(c, CompareCounts, "Subscriptions and events: B − A", "Difference in count (mean of paired differences, 95% CI)", false, colOrg)
	if err != nil {
		return nil, fmt.Errorf("chart compare: %w", err)
	}
	return &Chart{
		Name:  "compare",
		Title: "B − A with 95% confidence intervals",
		Caption: fmt.Sprintf("Mean paired difference B − A over %d replications run on the same seeds (common random numbers), with its 95%% confidence interval. Whiskers that do not cross the dashed zero line mark a difference larger than the simulation noise.",
			c.Replications),
		draw: func(dc draw.Canvas) { drawCompare(dc, c, top, bottom) },
	}, nil
}

// drawCompare lays out the comparison chart: a header line naming A and
// B, the money panel above the counts panel.
func drawCompare(dc draw.Canvas, c *Comparison, top, bottom *plot.Plot) {
	drawStacked(dc, top, bottom, truncate("B: "+c.B+"   vs   A: "+c.A, 110), 0.60)
}

// drawStacked lays out two panels one above the other under a header
// line: the same left edge for their data areas (plot.Align), the lower
// one taking share of the height.
func drawStacked(dc draw.Canvas, top, bottom *plot.Plot, headline string, share float64) {
	dc = padded(dc, 14)
	dc = header(dc, top, headline)
	aligned := plot.Align([][]*plot.Plot{{top}, {bottom}}, draw.Tiles{Rows: 2, Cols: 1}, dc)
	h := dc.Max.Y - dc.Min.Y
	split := dc.Min.Y + h*vg.Length(share)
	up, down := dc, dc
	up.Min.X, up.Max.X = aligned[0][0].Min.X, aligned[0][0].Max.X
	down.Min.X, down.Max.X = aligned[1][0].Min.X, aligned[1][0].Max.X
	up.Min.Y = split + 10
	down.Max.Y = split - 10
	top.Draw(up)
	bottom.Draw(down)
}
