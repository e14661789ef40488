package reports

import "licsim/model"

// SeriesStats is one monthly series: a Band per month. Money series are
// amounts charged within the month, in currency units; the others are
// counts at the month's end.
type SeriesStats struct {
	Name   string
	Money  bool
	Months []Band
}

// firstProductSeries is the index in model.Series of the first
// product's seat series: the fixed series (model.SerBuyerSpend to
// model.SerOrphanedSubscriptions) come first. TestSeriesIndices checks
// it against model.Series.
const firstProductSeries = model.SerOrphanedSubscriptions + 1

// MonthlySeries returns the fixed monthly series kind, one of
// model.SerBuyerSpend to model.SerOrphanedSubscriptions, or nil when the
// summary has no monthly statistics. The series are looked up by their
// place in model.Series, not by name, so that renaming one cannot make a
// chart lose it.
func (s *Summary) MonthlySeries(kind int) *SeriesStats { return s.seriesAt(kind) }

// ProductSeats returns the seat series of product i of the scenario's
// catalog (cfg.Products[i]), or nil.
func (s *Summary) ProductSeats(i int) *SeriesStats { return s.seriesAt(firstProductSeries + i) }

// NewProductSeats returns the seats of all products added during the run
// (catalog growth) of a scenario with products configured products, or
// nil when the catalog does not grow.
func (s *Summary) NewProductSeats(products int) *SeriesStats {
	return s.seriesAt(firstProductSeries + products)
}

// seriesAt returns series i of model.Series, or nil.
func (s *Summary) seriesAt(i int) *SeriesStats {
	if i < 0 || i >= len(s.Series) {
		return nil
	}
	return &s.Series[i]
}
