package model

import (
	"context"
	"testing"
	"time"
)

func TestSmoke(t *testing.T) {
	cfg := testConfig()
	res, err := Run(context.Background(), cfg, 0, Options{})
	if err != nil { t.Fatal(err) }
	for _, m := range Metrics() { t.Logf("%-24s %d", m.Name(), res.Get(m)) }
	t.Logf("events %d employees %d", res.Events, res.Employees)
}

func testConfig() *Config {
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	b := Behaviour{InterestPerYear: 0.05, CardGiven: 0.6, AutorenewOffInTrial: 0.5, ExtendTrial: 0.1, MonthlyTerm: 0.7, SeatsMean: 1.2, QuitPerYear: 0.3, SeatChangePerYear: 0.1, RequestWhenBlocked: 0.3, LeaverStopsRenewal: 0.5}
	return &Config{Name: "t", Start: d("2025-01-01"), Months: 36, Currency: "USD", Seed: 1, Replications: 1,
		Population: Population{Headcount: 2000, Admins: 4, HiresPerMonth: 15, AttritionPerYear: 0.15},
		Admin: Admin{NotifyDelivery: 0.5, NoticeDelayDays: 7, DepartureDelayDays: 30, RequestApproval: 0.5, RequestDelayDays: 5, DisableNewAfterDays: -1},
		Products: []Product{{ID: "visio-plan-1", Name: "Visio Plan 1", Added: d("2020-01-14"), TrialDays: 30, TrialNeedsCard: true, PriceAnnual: 500, PriceMonthly: 600, OrgPrice: 500, Behaviour: b},
			{ID: "power-bi-pro", Name: "Power BI Pro", Added: d("2020-01-14"), TrialDays: 60, TrialNeedsCard: true, PriceAnnual: 1400, PriceMonthly: 1680, OrgPrice: 1400, Behaviour: b}},
		Growth: Growth{PerYear: 2, PriceAnnualMin: 400, PriceAnnualMax: 3000, MonthlyPremium: 0.2, TrialDays: 30, TrialNeedsCard: true, Behaviour: b},
	}
}
