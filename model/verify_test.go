package model

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every result the model produces passes Verify, on random scenarios
// that exercise every option.
func TestVerify_AcceptsWhatTheModelProduces(t *testing.T) {
	r := rand.New(rand.NewPCG(20260116, 1))
	for n := range 300 {
		cfg := randomConfig(r)
		res, err := Run(context.Background(), cfg, n%3, Options{Subscriptions: n%2 == 0})
		require.NoError(t, err)
		require.NoError(t, res.Verify(cfg), "scenario %d: %+v", n, cfg)
	}
}

// Each way of editing a result that breaks what the numbers promise is
// refused with a message naming the number.
func TestVerify_RefusesEditedResults(t *testing.T) {
	cfg := small()
	cfg.Months = 12
	res, err := Run(context.Background(), cfg, 0, Options{Subscriptions: true})
	require.NoError(t, err)
	require.NoError(t, res.Verify(cfg))
	require.NotEmpty(t, res.Subscriptions)
	ns := len(Series(cfg))
	cases := []struct {
		name, want string
		edit       func(r *Result)
	}{
		{"total changed", "buyer_spend total", func(r *Result) { r.Totals[BuyerSpend] += 100_000_000 }},
		{"negative count", "hires = -1: must be in [0, 2^53]", func(r *Result) { r.Totals[Hires] = -1 }},
		{"int64 max", "purchases = 9223372036854775807: must be in [0, 2^53]", func(r *Result) { r.Totals[Purchases] = math.MaxInt64 }},
		{"negative month", "org_spend in month 3 = -5", func(r *Result) { r.Monthly[2*ns+SerOrgSpend] = -5 }},
		{"short monthly", fmt.Sprintf("%d monthly values, want %d", 12*ns-1, 12*ns), func(r *Result) { r.Monthly = r.Monthly[1:] }},
		{"end count", "selfservice_seats_end", func(r *Result) { r.Totals[SelfserviceSeatsEnd]++ }},
		{"approved above requests", "requests_approved + requests_denied (", func(r *Result) { r.Totals[RequestsApproved] = r.Totals[LicenceRequests] + 1 }},
		{"employees", "employees, want headcount", func(r *Result) { r.Employees++ }},
		{"subscription paid", "subscriptions add up", func(r *Result) { r.Subscriptions[0].BuyerPaid += r.Subscriptions[0].Stranded + 1 }},
		{"subscription dropped", "subscriptions listed", func(r *Result) { r.Subscriptions = r.Subscriptions[1:] }},
		{"short costs", "cost values, want", func(r *Result) { r.Costs = r.Costs[1:] }},
		{"buyer spend of a product", "period 1: buyer and org spend by product", func(r *Result) { r.Costs[CostIndex(len(cfg.Products), 0, 0, CostBuyer)]++ }},
		{"negative org cost", "must be in [0, 2^53]", func(r *Result) { r.Costs[CostIndex(len(cfg.Products), 0, 0, CostOrg)] = -1 }},
		{"company cost", "company_cost by period and product adds up", func(r *Result) { r.Costs[CostIndex(len(cfg.Products), 0, 0, CostCompany)]++ }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := res
			r.Totals = res.Totals
			r.Monthly = append([]int64(nil), res.Monthly...)
			r.Costs = append([]int64(nil), res.Costs...)
			r.Subscriptions = append([]SubscriptionRecord(nil), res.Subscriptions...)
			c.edit(&r)
			err := r.Verify(cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
