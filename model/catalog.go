package model

import (
	"fmt"

	"licsim/sim"
)

// setupProducts copies the configured products, draws the ones
// Microsoft adds during this replication (R01) and sets what each holds
// during a replication.
func (s *state) setupProducts(cfg *Config) {
	s.prods = s.prods[:0]
	for i := range cfg.Products {
		p := &cfg.Products[i]
		s.prods = append(s.prods, prod{Product: p, added: max(s.cal.dayOf(p.Added), -1)})
	}
	if cfg.Growth.PerYear > 0 {
		s.growCatalog(&cfg.Growth)
	}
	fixed := serFixed + len(cfg.Products)
	for i := range s.prods {
		p := &s.prods[i]
		if p.grown {
			p.Product = &p.grownCopy
			p.series = fixed
		} else {
			p.series = serFixed + i
		}
		p.exists = p.added <= 0
		p.policy = p.Product.Policy
		p.attempt = p.InterestPerYear / DaysPerYear
		p.quit = p.QuitPerYear / DaysPerYear
		p.seatChange = p.SeatChangePerYear / DaysPerYear
		p.spare = p.OrgSpare
		p.inUse = 0
		p.reassign = p.reassign[:0]
	}
}

// growCatalog draws the products Microsoft adds during this replication
// (R01): a Poisson process of g.PerYear, each with a uniform annual price
// in [g.PriceAnnualMin, g.PriceAnnualMax], until the horizon or
// MaxProducts.
func (s *state) growCatalog(g *Growth) {
	growthStream := sim.NewStream(s.seed, purposeGrowth)
	t := float64(s.cal.origin) // from start: the configured products are those added before
	for n := 1; len(s.prods) < MaxProducts; n++ {
		t += growthStream.Exp() / (g.PerYear / DaysPerYear)
		d := sim.Time(t)
		if d >= s.cal.horizon {
			break
		}
		price := g.PriceAnnualMin + Cents(growthStream.Float64()*float64(g.PriceAnnualMax-g.PriceAnnualMin+1))
		price = min(price, g.PriceAnnualMax)
		s.prods = append(s.prods, prod{added: d, grown: true, grownCopy: Product{
			ID:             fmt.Sprintf("%s-%d", GrowthPrefix, n),
			Name:           fmt.Sprintf("New product %d", n),
			Added:          s.cal.date(d),
			Policy:         Enabled,
			TrialDays:      g.TrialDays,
			TrialNeedsCard: g.TrialNeedsCard,
			PriceAnnual:    price,
			PriceMonthly:   roundCents(float64(price) * (1 + g.MonthlyPremium)),
			OrgPrice:       price,
			Behaviour:      g.Behaviour,
		}})
	}
}

// roundCents rounds a non-negative amount to whole cents.
func roundCents(amount float64) Cents { return Cents(amount + 0.5) }

func (s *state) productAdded(p int32) {
	pr := &s.prods[p]
	pr.exists = true
	s.totals[ProductsAdded]++
	s.trace(TrProductAdded, -1, p, -1, 0)
}

// applyPolicy sets a dated policy change (R02): "*" means every product
// that exists on that date; products added later start enabled (R01).
// A change dated before the start applies silently, as the policy at day 0.
func (s *state) applyPolicy(pc *PolicyChange, traced bool) {
	for p := range s.prods {
		pr := &s.prods[p]
		if pc.Product == AllProducts && !pr.exists || pc.Product != AllProducts && pr.ID != pc.Product {
			continue
		}
		pr.policy = pc.Policy
		if traced && s.tracer != nil {
			s.emit(TrPolicyChange, -1, int32(p), -1, 0)
			s.traceLine.Policy = pc.Policy.String()
			s.flush()
		}
	}
}

// disableNew: admins disable product p, new in the catalog
// (disable_new_after_days).
func (s *state) disableNew(p int32) {
	s.prods[p].policy = Disabled
	if s.tracer != nil {
		s.emit(TrPolicyChange, -1, p, -1, 0)
		s.traceLine.Policy = Disabled.String()
		s.flush()
	}
}
