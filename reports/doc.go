// Package reports turns replication results into what analysts read:
// statistics over replications (gonum/stat), the contract's JSON and CSV
// files written atomically, charts (gonum/plot) and a self-contained HTML
// report.
//
// Every number a file shows is computed in replication order and printed
// with a fixed precision (money 2 decimals, counts at most 4), so that
// the same scenario and seed give byte-identical files for any number of
// workers and on any machine.
//
// It may import model, gonum (stat, plot, x/image), and the standard
// library; never scenarios or cmd. The shard part format is the
// subpackage reports/part, which reports does not import.
//
// Files, from results to outputs:
//
//	header.go     Header: which run a result comes from
//	columns.go    Columns: replications kept compactly, a varint column per monthly value
//	stats.go      Stats, Describe, Band: statistics over replications (quantiles by selection)
//	summary.go    Summary and Summarize: every metric and monthly series of a run
//	series.go     SeriesStats and the typed lookups of monthly series
//	compare.go    Comparison and Compare: paired differences of two scenarios
//	totals.go     Totals: what a comparison keeps of a replication
//	sweep.go      Sweep: one parameter over values
//	outputs.go    the output file names; WriteRunColumns, WriteCompare, WriteSweep, WriteCharts
//	stage.go      Stage: a command's files replace the previous set all at once, or not at all
//	outset.go     the whole set's layout: links through one pointer, switched by one rename
//	lock_*.go     the lock of an output folder (flock)
//	csv.go        replications.csv, monthly.csv, subscriptions.csv, sweep.csv
//	costs.go      costs per year and per product: CostStats, per_year.csv, per_product.csv
//	json.go       summary.json, compare.json
//	xlsx.go       results.xlsx: the run's numbers as an Excel workbook (excelize)
//	xlsxzip.go    a workbook's zip: parts at flate's fastest level, in a fixed order
//	format.go     numbers in files: fixed precision, units
//	month.go      MonthStart, MonthLabel: the model's calendar months in outputs
//	human.go      numbers for people: thousands separators, signs, short amounts
//	table.go      the terminal tables of run, compare and sweep
//	report.go     report.html (with report.html.tmpl)
//	chart.go      Chart: a figure rendered as PNG, SVG or inline SVG
//	pngenc.go     a chart's PNG: opaque RGB rows, unfiltered, zlib's fastest level
//	style.go      the house style: palette, fonts, plots, legends, headers
//	ticks.go      axis tickers for amounts, counts and months
//	bands.go      a series as a mean line with its 90% band
//	chart_monthly.go, chart_seats.go, chart_distribution.go,
//	chart_compare.go, chart_sweep.go,
//	chart_backtest.go                  one file per chart (backtest: calibrate --holdout)
package reports
