package scenarios

// The [[existing]] tables: a tenant's subscriptions live on start
// (see decode.go for the decoder).

import (
	"fmt"
	"strings"

	"licsim/model"
)

// existing decodes the tenant's subscriptions live on start
// ([[existing]]); model.Existing.Problems names their contradictions.
func (d *decoder) existing(tbls []*table, cfg *model.Config, ids map[string]string) {
	for _, tbl := range tbls {
		d.unknown(tbl)
		var ex model.Existing
		var prod *model.Product
		if d.required(tbl, "product", "the product id or MSCommerce ProductId") {
			name := d.str(tbl, "product")
			ex.Product = name
			if id, ok := ids[name]; ok {
				ex.Product = id
			}
			for k := range cfg.Products {
				if cfg.Products[k].ID == ex.Product {
					prod = &cfg.Products[k]
				}
			}
			tbl.label = fmt.Sprintf("%s (%s)", tbl.path, name)
		}
		ex.Count = d.int(tbl, "count")
		ex.Seats = d.int(tbl, "seats")
		ex.Monthly = d.str(tbl, "term") == "monthly"
		ex.Upfront = enum(d, tbl, "billing", model.ParseBilling) == model.BillUpfront && !ex.Monthly
		if d.required(tbl, "term_start", "the day the current term (or the trial) started") {
			ex.TermStart = d.date(tbl, "term_start")
		}
		if tbl.has("started") {
			ex.Started = d.date(tbl, "started")
		}
		ex.Autorenew = d.bool(tbl, "autorenew")
		ex.Trial = d.bool(tbl, "trial")
		if tbl.has("trial_end") {
			ex.TrialEnd = d.date(tbl, "trial_end")
		}
		ex.Card = prod == nil || prod.TrialNeedsCard
		if tbl.has("card") {
			ex.Card = d.bool(tbl, "card")
		}
		ex.BuyerLeft = d.bool(tbl, "buyer_left")
		ex.Assigned = ex.Seats
		if ex.BuyerLeft {
			ex.Assigned--
		}
		if tbl.has("assigned") {
			ex.Assigned = d.int(tbl, "assigned")
		}
		if ex.Product == "" || ex.TermStart.IsZero() || cfg.Start.IsZero() {
			cfg.Existing = append(cfg.Existing, ex)
			continue
		}
		for _, pr := range ex.Problems(cfg.Start, prod) {
			if pr.Key == "product" {
				known := make([]string, 0, len(cfg.Products))
				for _, p := range cfg.Products {
					known = append(known, p.ID)
				}
				pr.Allowed = strings.Join(known, ", ")
			}
			if pr.Key == "trial_end" && !tbl.has("trial_end") {
				d.required(tbl, "trial_end", "a trial needs its end")
				continue
			}
			d.bad(tbl, pr.Key, pr.Msg, pr.Allowed)
		}
		cfg.Existing = append(cfg.Existing, ex)
	}
}
