package scenarios

import (
	"fmt"
	"strings"
	"time"

	"licsim/model"
)

// templateProduct is the catalog product the template shows in full.
const templateProduct = "visio-plan-1"

// templateStart is the start date the template proposes.
var templateStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Template returns a commented scenario that sets every key to its
// default, for `licsim init`. It is built from the same key table as the
// loader, so it covers every key and validates as printed (a test runs
// it).
func Template() string {
	var b strings.Builder
	b.WriteString(`# A licsim scenario. Every key is set to its default: change what you want
# to explore, delete what you want to keep at its default. Check the file
# with "licsim validate FILE" and run it with "licsim run FILE".
# scenarios/README.md documents every key; rules R01-R27 are in domain.md.
#
# Question: state here the question this scenario answers.
`)
	vals := map[string]string{
		"name":  `"My scenario"`,
		"start": templateStart.Format(time.DateOnly),
	}
	// Products and growth take billing.expensed_share by default: the
	// template shows that default rather than the key's example.
	vals["product.expensed_share"] = "0.0"
	vals["catalog_growth.expensed_share"] = "0.0"
	cat, _ := catalogProduct(templateProduct)
	if cat != nil {
		annual, monthly := cat.PriceAt(templateStart)
		vals["product.id"] = fmt.Sprintf("%q", cat.ID)
		vals["product.name"] = fmt.Sprintf("%q", cat.Name)
		vals["product.added"] = cat.Added.Format(time.DateOnly)
		vals["product.trial_days"] = fmt.Sprint(cat.TrialDays)
		vals["product.trial_needs_card"] = fmt.Sprint(cat.TrialNeedsCard)
		vals["product.price_annual"] = model.FormatCents(annual)
		vals["product.price_monthly"] = model.FormatCents(monthly)
		vals["product.org_price"] = model.FormatCents(annual)
	}
	for _, tbl := range tableOrder {
		switch tbl {
		case tTop:
		case tProduct:
			b.WriteString(`
# One [[product]] table per product (R01-R09). An id from the built-in
# catalog ("licsim catalog") inherits name, added, trial_days,
# trial_needs_card and prices; every key below shows visio-plan-1's value
# and may be deleted to inherit it or changed to override it. A product
# not in the catalog needs at least id, added and price_annual.
[[product]]
`)
		case tPrice:
			b.WriteString(`
# Dated prices (R20), optional: from a date on, a product's charges use
# these prices (renewals and monthly bills after the date; a term paid up
# front keeps its price until it renews). A catalog product inherits the
# catalog's dated prices unless the file gives price_annual or its own.
# For example:
# [[product.price]]
`)
			for _, s := range tableSpecs[tbl] {
				writeKey(&b, s, "# ", vals)
			}
			continue
		case tExisting:
			b.WriteString(`
# The tenant's state at start (optional; "licsim import" writes it from a
# tenant's exports): one [[existing]] table per self-service subscription
# live on start, or per group of identical ones (count). For example:
# [[existing]]
`)
			for _, s := range tableSpecs[tbl] {
				writeKey(&b, s, "# ", vals)
			}
			continue
		case tChange:
			b.WriteString(`
# Policy changes (R02): admins set a product's policy on a date. Optional;
# repeat the table for several changes. For example:
`)
			for _, s := range tableSpecs[tbl] {
				writeKey(&b, s, "# ", vals)
			}
			continue
		case tUncertain:
			b.WriteString(`
# Uncertain inputs, optional: the assumptions this scenario is least sure
# of, each with the range it may plausibly take. "licsim sensitivity FILE"
# varies them (tornado and Morris screening) to show which ones move the
# cost; a run uses the values written above. Repeat the table for each
# input. For example:
# [[uncertain]]
`)
			for _, s := range tableSpecs[tbl] {
				writeKey(&b, s, "# ", vals)
			}
			continue
		default:
			fmt.Fprintf(&b, "\n[%s]\n", tbl)
		}
		for i, s := range tableSpecs[tbl] {
			if i > 0 {
				b.WriteString("\n")
			}
			prefix := ""
			if s.path() == "history_start" { // only with history = "simulate"
				prefix = "# "
			}
			writeKey(&b, s, prefix, vals)
		}
	}
	return b.String()
}

// writeKey writes one key with its doc above it and what it allows
// beside it; prefix comments the key out.
func writeKey(b *strings.Builder, s *spec, prefix string, vals map[string]string) {
	v, ok := vals[s.path()]
	if !ok {
		if s.def != nil {
			v = tomlText(s.def, s.kind)
		} else {
			v = s.example
		}
	}
	doc := s.doc
	if s.rule != "" {
		doc += " (" + s.rule + ")"
	}
	for _, line := range wrap(doc, 74) {
		b.WriteString("# " + line + "\n")
	}
	line := prefix + s.name + " = " + v
	note := s.allowedText()
	if u := strings.TrimPrefix(s.unit, "currency "); u != "" && u != "date" && u != "probability" {
		note += "; " + u
	}
	fmt.Fprintf(b, "%-34s # %s\n", line, note)
}

// wrap breaks text into lines of at most width characters.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
