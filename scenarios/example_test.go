package scenarios_test

import (
	"errors"
	"fmt"

	"licsim/scenarios"
)

// A scenario with several mistakes is refused with all of them, one per
// line, each naming the line, the key and what would be accepted.
func ExampleParse() {
	_, err := scenarios.Parse("my.toml", []byte(`name = "Typos"
start = 2025-01-01
months = 300

[population]
hire_per_month = 10.0

[[product]]
id = "visio-plan-1"
card_given = 1.5
`))
	fmt.Println(err)
	var ie *scenarios.InputError
	fmt.Println(errors.As(err, &ie), len(ie.Problems))
	// Output:
	// my.toml:3: months: 300 is out of range (allowed: 1 to 240)
	// my.toml:6: population.hire_per_month: unknown key; did you mean hires_per_month?
	// my.toml:10: product[1] (visio-plan-1).card_given: 1.5 is out of range (allowed: 0 to 1)
	// true 3
}

// Overrides for a parameter sweep are parsed once and applied on top of
// the file; a catalog product is addressed by its id.
func ExampleLoad_overrides() {
	var sets []scenarios.Set
	for _, s := range []string{"admin.on_departure=cancel", "product.visio-plan-1.price_annual=6.50"} {
		set, err := scenarios.ParseSet(s)
		if err != nil {
			fmt.Println(err)
			return
		}
		sets = append(sets, set)
	}
	cfg, err := scenarios.Load("leaver-exposure", sets...)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range cfg.Products {
		if p.ID == "visio-plan-1" {
			fmt.Println(cfg.Admin.OnDeparture, p.PriceAnnual, p.PriceMonthly)
		}
	}
	// Output: cancel 650 780
}
