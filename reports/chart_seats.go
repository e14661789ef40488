package reports

import (
	"errors"
	"fmt"

	"licsim/model"
)

// seatSeries lists the per-product seat series with their display names.
func seatSeries(cfg *model.Config, s *Summary) (names []string, ser []*SeriesStats) {
	for i, pr := range cfg.Products {
		if x := s.ProductSeats(i); x != nil {
			name := pr.Name
			if name == "" {
				name = pr.ID
			}
			names, ser = append(names, name), append(ser, x)
		}
	}
	if x := s.NewProductSeats(len(cfg.Products)); x != nil {
		names, ser = append(names, "Products added during the run"), append(ser, x)
	}
	return
}

// ChartSeatsByProduct is the live self-service seats of each product at
// each month's end: mean and 90% band.
func ChartSeatsByProduct(cfg *model.Config, s *Summary) (*Chart, error) {
	names, ser := seatSeries(cfg, s)
	if len(ser) == 0 {
		return nil, errors.New("chart seats_by_product: no seat series")
	}
	p := monthlyPlot(s, "Live self-service seats by product", "Seats at month end", false)
	for i := range ser {
		if err := addSeries(p, ser[i], names[i], palette[i%len(palette)], 0.09, false); err != nil {
			return nil, err
		}
	}
	finishMonthlyPlot(p)
	return &Chart{
		Name:  "seats_by_product",
		Title: "Shadow seats by product",
		Caption: fmt.Sprintf("Seats of live self-service subscriptions (bought on employees' cards) at each month's end: mean over %d replications, shaded 90%% band.",
			s.Replications),
		draw: single(p),
	}, nil
}
