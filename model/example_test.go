package model_test

import (
	"context"
	"fmt"
	"time"

	"licsim/model"
)

// A tenant of 500 employees who may try one product with a 30-day trial
// that needs a card, over a year; admins review every 90 days and cancel
// what they find: a paid subscription within 7 days of its purchase or
// renewal ends with a refund, a later one runs to its term's end (R21).
// Replication 0 prints a few totals; the same seed always gives the same
// numbers.
func ExampleRun() {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cfg := &model.Config{
		Name: "example", Start: start, Months: 12, Currency: "USD", Seed: 1, Replications: 1,
		Population: model.Population{Headcount: 500, HiresPerMonth: 5, AttritionPerYear: 0.1},
		Admin: model.Admin{
			ReviewEveryDays: 90, OnReview: model.ActCancel, DisableNewAfterDays: -1,
		},
		Commerce: model.Commerce{RefundWindowDays: 7},
		Products: []model.Product{{
			ID: "copilot", Name: "Copilot", Added: start, TrialDays: 30, TrialNeedsCard: true,
			PriceAnnual: 3000, PriceMonthly: 3600, OrgPrice: 3000,
			Behaviour: model.Behaviour{
				InterestPerYear: 0.5, CardGiven: 0.6, MonthlyTerm: 0.5, SeatsMean: 1.5,
				QuitPerYear: 0.2,
			},
		}},
	}
	res, err := model.Run(context.Background(), cfg, 0, model.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range []model.Metric{model.TrialsStarted, model.TrialsConverted, model.AdminCancels, model.Refunds, model.BuyerSpend} {
		v := fmt.Sprint(res.Get(m))
		if m.Money() {
			v = model.FormatCents(res.Get(m))
		}
		fmt.Printf("%s: %s\n", m.Name(), v)
	}
	fmt.Println("employees:", res.Employees)
	// Output:
	// trials_started: 120
	// trials_converted: 113
	// admin_cancels: 116
	// refunds: 15
	// buyer_spend: 22891.13
	// employees: 554
}
