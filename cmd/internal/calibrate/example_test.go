package calibrate_test

import (
	"context"
	"fmt"

	"licsim/cmd/internal/calibrate"
	"licsim/model"
	"licsim/scenarios"
	"licsim/scenarios/tenant"
)

// Calibrate a simulated tenant's export: the quit hazard it was
// simulated with (0.3 per year) lies in the fitted interval.
func ExampleRun() {
	cfg, _ := scenarios.Parse("tenant.toml", []byte(`name = "example"
start = 2023-01-01
months = 36
[population]
headcount = 2000
hires_per_month = 25.0
[[product]]
id = "power-bi-pro"
interest_per_year = 0.4
quit_per_year = 0.3
[catalog_growth]
per_year = 0.0                  # products added later have no SKU to export
`))
	res, _ := model.Run(context.Background(), cfg, 0, model.Options{Subscriptions: true, Staff: true})
	files, err := tenant.Simulated(cfg, &res)
	if err != nil {
		fmt.Println(err)
		return
	}
	exp, _ := tenant.Read(files)
	fit, err := calibrate.Run(exp, calibrate.Options{AsOf: model.AddMonths(cfg.Start, cfg.Months), Since: cfg.Start})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range fit.Estimates {
		if e.Key == "product.power-bi-pro.quit_per_year" {
			fmt.Println(e.Key, "fitted:", e.Fitted, "covers 0.3:", e.Covers(0.3))
		}
	}
	// Output: product.power-bi-pro.quit_per_year fitted: true covers 0.3: true
}
