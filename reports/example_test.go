package reports_test

import (
	"fmt"

	"licsim/model"
	"licsim/reports"
)

// ExampleSummarize describes three replications' total buyer spend:
// money is kept in cents by the model and reported in currency units.
func ExampleSummarize() {
	cfg := &model.Config{Name: "example", Currency: "EUR", Seed: 1}
	var results []model.Result
	for rep, cents := range []int64{120000, 95050, 143210} {
		r := model.Result{Rep: rep, Seed: model.RepSeed(cfg, rep)}
		r.Totals[model.BuyerSpend] = cents
		results = append(results, r)
	}
	s := reports.Summarize(cfg, results)
	buyer := s.Get(model.BuyerSpend)
	fmt.Printf("%s over %d replications\n", s.Scenario, s.Replications)
	fmt.Printf("buyer spend: mean %s, 90%% band %s – %s\n",
		reports.Human(buyer.Mean, true, s.Currency), reports.Human(buyer.P05, true, ""), reports.Human(buyer.P95, true, s.Currency))
	// Output:
	// example over 3 replications
	// buyer spend: mean 1,194.20 EUR, 90% band 950.50 – 1,432.10 EUR
}
