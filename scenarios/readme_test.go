package scenarios

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// TestREADME keeps the generated parts of README.md (between
// "<!-- BEGIN name -->" and "<!-- END name -->") equal to what the code
// says: the key reference from the spec table, the catalog from
// catalog.toml, the shipped scenarios from their opening comments. Run
// go test ./scenarios -update to rewrite them.
func TestREADME(t *testing.T) {
	src, err := os.ReadFile("README.md")
	require.NoError(t, err)
	doc := string(src)
	for name, body := range map[string]string{"keys": readmeKeys(), "catalog": readmeCatalog(t), "shipped": readmeShipped()} {
		begin, end := "<!-- BEGIN "+name+" -->\n", "<!-- END "+name+" -->"
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		require.True(t, i >= 0 && j > i, "README.md lacks the %s markers", name)
		if *update {
			doc = doc[:i+len(begin)] + body + doc[j:]
			continue
		}
		assert.Equal(t, body, doc[i+len(begin):j], "README.md section %s is stale: go test ./scenarios -update", name)
	}
	if *update {
		require.NoError(t, os.WriteFile("README.md", []byte(doc), 0o644))
	}
	for _, s := range specs {
		assert.Contains(t, doc, "`"+s.name+"`", "README.md does not document %s", s.path())
	}
}

// readmeKeys is the key reference: one table per TOML table.
func readmeKeys() string {
	var b strings.Builder
	titles := map[string]string{
		tTop: "Top level", tPopulation: "`[population]`", tAdmin: "`[admin]`", tProduct: "`[[product]]` (one per product)",
		tChange: "`[[policy_change]]` (optional, any number)", tGrowth: "`[catalog_growth]`",
		tPrice: "`[[product.price]]` (optional, inside a product: dated prices, R20)", tBilling: "`[billing]` (R20–R22, R27)",
		tExisting:  "`[[existing]]` (optional, any number: the tenant's subscriptions live on start)",
		tUncertain: "`[[uncertain]]` (optional, any number: the inputs `licsim sensitivity` varies)",
	}
	for _, tbl := range tableOrder {
		fmt.Fprintf(&b, "\n#### %s\n\n", titles[tbl])
		b.WriteString("| key | meaning | unit | default | allowed | rule | example |\n|---|---|---|---|---|---|---|\n")
		for _, s := range tableSpecs[tbl] {
			ex := s.example
			if ex == "" {
				ex = s.defText()
			}
			unit := s.unit
			if unit == "" {
				unit = s.kind.typeName()
			}
			rule := s.rule
			if rule == "" {
				rule = "–"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | `%s = %s` |\n",
				s.name, mdCell(s.doc), unit, mdCell(s.defText()), mdCell(s.allowedText()), rule, s.name, ex)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "*", `\*`, "<", "&lt;").Replace(s)
}

func readmeCatalog(t *testing.T) string {
	cat, err := Catalog()
	require.NoError(t, err)
	var b strings.Builder
	b.WriteString("\n| id | name | ProductId (older) | trial | annual (from) | monthly | added | sources | derived |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, p := range cat {
		ids := p.MSCommerceID
		if len(p.OlderIDs) > 0 {
			ids += " (" + strings.Join(p.OlderIDs, ", ") + ")"
		}
		trial := p.Trial
		if p.TrialDays > 0 {
			trial = fmt.Sprintf("%s, %d days", p.Trial, p.TrialDays)
		}
		annual, monthly := "not found", "–"
		if p.PriceKnown {
			annual, monthly = model.FormatCents(p.PriceAnnual), model.FormatCents(p.PriceMonthly)
			for _, st := range p.Steps {
				annual += fmt.Sprintf("; %s from %s", model.FormatCents(st.PriceAnnual), st.From.Format("2006-01-02"))
				monthly += "; " + model.FormatCents(st.PriceMonthly)
			}
		}
		name := p.Name
		if len(p.FormerCatalogIDs) > 0 {
			name += " (former id `" + strings.Join(p.FormerCatalogIDs, "`, `") + "`)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n", p.ID, mdCell(name), ids, trial, annual, monthly,
			p.Added.Format("2006-01-02"), p.Sources, mdCell(p.Derived))
	}
	rules, err := Rules()
	require.NoError(t, err)
	fmt.Fprintf(&b, "\nDated rules (R20–R22): a monthly term costs %g%% more than an annual one from %s (%s); an annual term billed monthly costs %g%% more than one paid up front from %s (%s); the refund window is %d days (%s).\n\n",
		100*rules.MonthlyTermPremium.Share, rules.MonthlyTermPremium.From.Format("2006-01-02"), rules.MonthlyTermPremium.Sources,
		100*rules.MonthlyBillingPremium.Share, rules.MonthlyBillingPremium.From.Format("2006-01-02"), rules.MonthlyBillingPremium.Sources,
		rules.RefundWindowDays, rules.RefundWindowSources)
	return b.String()
}

// readmeShipped lists each shipped scenario with the question its
// opening comment asks.
func readmeShipped() string {
	var b strings.Builder
	b.WriteString("\n| name | question it answers |\n|---|---|\n")
	for _, name := range Shipped() {
		src, _ := ShippedSource(name)
		var q []string
		for _, line := range strings.Split(string(src), "\n") {
			text, isComment := strings.CutPrefix(line, "#")
			text = strings.TrimSpace(text)
			if !isComment || text == "" {
				break // the question is the opening comment's first paragraph
			}
			q = append(q, text)
		}
		fmt.Fprintf(&b, "| `%s` | %s |\n", name, mdCell(strings.TrimPrefix(strings.Join(q, " "), "Question: ")))
	}
	b.WriteString("\n")
	return b.String()
}
