package scenarios

// The [[product]] tables and their dated prices, mapped to model.Product
// on top of the built-in catalog (see decode.go for the decoder).

import (
	"fmt"
	"strconv"
	"time"

	"licsim/model"
)

// products decodes every [[product]] and returns the ids written in the
// file, valid or not, so that policy changes naming them are not
// reported twice.
func (d *decoder) products(tbls []*table, cfg *model.Config, share float64) map[string]string {
	ids := map[string]bool{}
	first := map[string]string{} // id → label of the product that used it first
	if len(tbls) > model.MaxProducts {
		d.report(tProduct, tProduct, fmt.Sprintf("%d products", len(tbls)), fmt.Sprintf("at most %d", model.MaxProducts))
		tbls = tbls[:model.MaxProducts]
	}
	for _, tbl := range tbls {
		var p model.Product
		if d.required(tbl, "id", "every product needs an id") {
			p.ID = d.str(tbl, "id")
			ids[p.ID] = true
			if msg := checkID(p.ID); msg != "" {
				if _, isStr := tbl.raw["id"].(string); isStr {
					d.bad(tbl, "id", strconv.Quote(p.ID)+" "+msg, lookup(tProduct, "id").allowedText())
				}
			} else {
				tbl.label = fmt.Sprintf("%s (%s)", tbl.path, p.ID)
				if prev, dup := first[p.ID]; dup {
					d.bad(tbl, "id", fmt.Sprintf("%q is already the id of %s", p.ID, prev), "an id used by one product only")
				} else {
					first[p.ID] = tbl.path
				}
			}
		}
		d.unknown(tbl)
		cat, err := catalogProduct(p.ID)
		if err != nil {
			d.bad(tbl, "id", "the built-in catalog is broken: "+err.Error(), "")
		}
		d.product(tbl, cfg, &p, cat, share)
		cfg.Products = append(cfg.Products, p)
	}
	return d.aliases(tbls, cfg, ids)
}

// aliases adds to ids (id → the product's id) every product's
// MSCommerce ProductIds, its current one (mscommerce_id) and, for a
// catalog product, the older ones, so that a policy change may name a
// product by them (A1: blocks on an old id carry over). A ProductId that
// is another product's id or ProductId is an error.
func (d *decoder) aliases(tbls []*table, cfg *model.Config, ids map[string]bool) map[string]string {
	out := map[string]string{}
	for id := range ids {
		out[id] = id
	}
	owner := map[string]string{} // ProductId → label of its product
	seen := map[string]bool{}
	for k, tbl := range tbls {
		if k >= len(cfg.Products) {
			break
		}
		p := &cfg.Products[k]
		if seen[p.ID] {
			continue // a duplicate id, reported already
		}
		seen[p.ID] = true
		var aliases []string
		cat, _ := catalogProduct(p.ID)
		switch {
		case tbl.has("mscommerce_id"):
			aliases = append(aliases, d.str(tbl, "mscommerce_id"))
		case cat != nil:
			aliases = append(aliases, cat.MSCommerceID)
		}
		if cat != nil {
			aliases = append(aliases, cat.OlderIDs...)
		}
		for _, a := range aliases {
			if a == "" {
				continue
			}
			prev, taken := owner[a]
			if !taken && ids[a] && a != p.ID {
				prev, taken = "the product id "+strconv.Quote(a), true
			}
			if taken {
				if tbl.has("mscommerce_id") {
					d.bad(tbl, "mscommerce_id", fmt.Sprintf("ProductId %q is already %s", a, prev), "a ProductId of one product only")
				} else {
					d.bad(tbl, "id", fmt.Sprintf("the catalog's ProductId %q is already %s; set mscommerce_id", a, prev), "a ProductId of one product only")
				}
				continue
			}
			owner[a] = tbl.label
			out[a] = p.ID
		}
	}
	return out
}

// product decodes one [[product]]; cat is its catalog entry, if any.
func (d *decoder) product(tbl *table, cfg *model.Config, p *model.Product, cat *CatalogProduct, share float64) {
	notInCatalog := "required for a product that is not in the built-in catalog (see licsim catalog)"
	switch {
	case tbl.has("name"):
		p.Name = d.name(tbl)
	case cat != nil:
		p.Name = cat.Name
	default:
		p.Name = p.ID
	}
	switch {
	case tbl.has("added"):
		p.Added = d.date(tbl, "added")
	case cat != nil:
		p.Added = cat.Added
	case p.ID != "":
		d.required(tbl, "added", notInCatalog)
	}
	p.Policy = enum(d, tbl, "policy", model.ParsePolicy)
	switch {
	case tbl.has("trial_days"):
		p.TrialDays = d.int(tbl, "trial_days")
	case cat != nil:
		p.TrialDays = cat.TrialDays
	default:
		p.TrialDays = 30
	}
	switch {
	case tbl.has("trial_needs_card"):
		p.TrialNeedsCard = d.bool(tbl, "trial_needs_card")
	case cat != nil:
		p.TrialNeedsCard = cat.TrialNeedsCard
	default:
		p.TrialNeedsCard = true
	}
	steps := d.priceSteps(tbl, p)
	var catMonthly model.Cents
	switch {
	case tbl.has("price_annual"):
		p.PriceAnnual = d.money(tbl, "price_annual")
	case len(steps) > 0 && !steps[0].From.After(cfg.Start):
		// The first dated price is in force at the start: it is the base.
		p.PriceAnnual, catMonthly = steps[0].Annual, steps[0].Monthly
	case cat != nil && len(steps) == 0 && !cat.PriceKnown:
		d.required(tbl, "price_annual", "the built-in catalog has no price for "+cat.Name+" (none was found, U9)")
	case cat != nil && len(steps) == 0:
		p.PriceAnnual, catMonthly = cat.PriceAt(cfg.Start)
		p.PriceSteps = cat.StepsAfter(cfg.Start)
		if cfg.Currency != CatalogCurrency {
			inherited := "price_annual"
			if !tbl.has("price_monthly") {
				inherited += " and price_monthly"
			}
			d.bad(tbl, "price_annual", fmt.Sprintf("the built-in catalog's prices are in %s but the scenario's currency is %s; give %s in %s",
				CatalogCurrency, cfg.Currency, inherited, cfg.Currency), "")
		}
	case p.ID != "" && len(steps) > 0:
		d.required(tbl, "price_annual", "the price before the first [[product.price]]")
	case p.ID != "":
		d.required(tbl, "price_annual", notInCatalog)
	}
	if len(steps) > 0 {
		p.PriceSteps = steps
	}
	switch {
	case tbl.has("price_monthly"):
		p.PriceMonthly = d.money(tbl, "price_monthly")
	case catMonthly != 0 && !tbl.has("price_annual"):
		p.PriceMonthly = catMonthly
	default:
		p.PriceMonthly = monthlyPremium(p.PriceAnnual)
		if p.PriceMonthly > model.MaxCents {
			// The one ceiling of amounts is model.MaxCents: a derived
			// price must keep to it like a written one.
			d.bad(tbl, "price_annual", fmt.Sprintf("%s makes the default price_monthly (1.2 × price_annual) %s, above the largest amount %s; give price_monthly, or a price_annual of at most %s",
				model.FormatCents(p.PriceAnnual), model.FormatCents(p.PriceMonthly), model.FormatCents(model.MaxCents), model.FormatCents(model.MaxCents*10/12)), "")
			p.PriceMonthly = model.MaxCents
		}
	}
	p.OrgPrice = p.PriceAnnual
	if tbl.has("org_price") {
		p.OrgPrice = d.money(tbl, "org_price")
	}
	p.OrgSpare = d.int(tbl, "org_spare")
	p.OrgAssigned = d.int(tbl, "org_assigned")
	p.TrialUsedShare = d.float(tbl, "trial_used_share")
	d.behaviour(tbl, &p.Behaviour, share)
}

// priceSteps decodes a product's [[product.price]] (R20): dated prices,
// dates strictly increasing.
func (d *decoder) priceSteps(tbl *table, p *model.Product) []model.PriceStep {
	var steps []model.PriceStep
	for _, pt := range d.array(tbl, tPrice) {
		d.unknown(pt)
		var st model.PriceStep
		if d.required(pt, "from", "the day the price applies from") {
			st.From = d.date(pt, "from")
		}
		if d.required(pt, "price_annual", "") {
			st.Annual = d.money(pt, "price_annual")
		}
		st.Monthly = monthlyPremium(st.Annual)
		if pt.has("price_monthly") {
			st.Monthly = d.money(pt, "price_monthly")
		}
		if n := len(steps); n > 0 && !st.From.IsZero() && !steps[n-1].From.Before(st.From) {
			d.bad(pt, "from", fmt.Sprintf("%s is not after the price before it (%s): dated prices must be in order, one per day",
				st.From.Format(time.DateOnly), steps[n-1].From.Format(time.DateOnly)), "a date after the previous [[product.price]]'s")
		}
		steps = append(steps, st)
	}
	if len(steps) > model.MaxPriceSteps {
		d.bad(tbl, tPrice, fmt.Sprintf("%d dated prices", len(steps)), fmt.Sprintf("at most %d", model.MaxPriceSteps))
		steps = steps[:model.MaxPriceSteps]
	}
	return steps
}
