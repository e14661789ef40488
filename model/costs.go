package model

import "slices"

// MonthsPerPeriod is the length of the periods costs are booked by: 12
// months from the scenario's start, the last one shorter when Months is
// not a multiple of 12.
const MonthsPerPeriod = 12

// CostKind is one amount of Result.Costs.
type CostKind int

// The amounts booked per period and product group, in cents. Total cost
// (R27) is CostBuyer + CostOrg; reimbursed buyer spend is CostCompany −
// CostOrg.
const (
	CostBuyer    CostKind = iota // buyer spend, net of refunds
	CostOrg                      // org spend
	CostCompany                  // R27: org spend plus the reimbursed share of buyer spend
	NumCostKinds                 // number of kinds; not a kind
)

// Periods is the number of 12-month periods of cfg's horizon.
func Periods(cfg *Config) int { return (cfg.Months + MonthsPerPeriod - 1) / MonthsPerPeriod }

// CostGroups names the product groups costs are booked by, in the order
// of the seat series: each configured product's ID, then, with catalog
// growth, "new-products" for all products added during the run.
func CostGroups(cfg *Config) []string {
	g := make([]string, 0, len(cfg.Products)+1)
	for _, p := range cfg.Products {
		g = append(g, p.ID)
	}
	if cfg.Growth.PerYear > 0 {
		g = append(g, NewProductsGroup)
	}
	return g
}

// NewProductsGroup is the cost group (and the seat series' suffix) of the
// products Microsoft adds during a run.
const NewProductsGroup = "new-products"

// CostIndex is the index in Result.Costs of kind k of group g in period
// p, for a scenario of groups product groups.
func CostIndex(groups, p, g int, k CostKind) int { return (p*groups+g)*int(NumCostKinds) + int(k) }

// CostsLen is len(Result.Costs) for cfg.
func CostsLen(cfg *Config) int { return Periods(cfg) * len(CostGroups(cfg)) * int(NumCostKinds) }

// setupSpend sizes the spend table, one row per period of buyer then org
// spend per product, once the products are known; bill and orgCharge add
// to the current period's row by index (see setMonth), without a lookup
// or an allocation per charge.
func (s *state) setupSpend() {
	n := Periods(s.cfg) * 2 * len(s.prods)
	s.spend = slices.Grow(s.spend[:0], n)[:n]
	clear(s.spend)
	// The first period's row; setMonth moves it on. (Not setMonth(0)
	// itself: during a history warm-up the monthly row is a scratch row
	// until the run starts.)
	s.spendRow = s.spend[:2*len(s.prods)]
}

// costs builds Result.Costs from the spend table and sets the costs of
// R27: the company reimburses each product's expensed_share of its buyer
// spend (net of refunds), rounded half up to the cent per product on its
// spend so far: a period's reimbursement is the rounded share of the
// spend up to its end less that up to the period before, so that the
// periods add up exactly to the product's rounded total.
func (s *state) costs() []int64 {
	np := len(s.prods)
	w := 2 * np
	periods := Periods(s.cfg)
	groups := len(s.cfg.Products)
	if s.cfg.Growth.PerYear > 0 {
		groups++
	}
	out := make([]int64, periods*groups*int(NumCostKinds)) // handed out with the Result
	var reimbursed Cents
	for p := range s.prods {
		pr := &s.prods[p]
		g := pr.series - serFixed
		var spent, soFar Cents
		for k := range periods {
			buyer, org := s.spend[k*w+p], s.spend[k*w+np+p]
			spent += buyer
			r := Cents(0)
			if spent > 0 && pr.ExpensedShare > 0 {
				r = roundCents(float64(spent) * pr.ExpensedShare)
			}
			i := CostIndex(groups, k, g, 0)
			out[i+int(CostBuyer)] += buyer
			out[i+int(CostOrg)] += org
			out[i+int(CostCompany)] += org + r - soFar
			soFar = r
		}
		reimbursed += soFar
	}
	s.totals[ReimbursedSpend] = reimbursed
	s.totals[CompanyCost] = s.totals[OrgSpend] + reimbursed
	s.totals[TotalCost] = s.totals[BuyerSpend] + s.totals[OrgSpend]
	return out
}
