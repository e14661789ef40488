package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"licsim/model"
	"licsim/scenarios"
)

// cmdCatalog prints the built-in product catalog as a table: what a
// [[product]] with one of these ids inherits, at the prices in force on
// a day (--as-of, R20).
func cmdCatalog(fs *flag.FlagSet) action {
	sources := fs.Bool("sources", false, "also list each product's ProductIds, its sources and which figures are derived")
	asOf := fs.String("as-of", "", "show the prices and rules in force on this date (YYYY-MM-DD); default: today")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		day := time.Now().UTC()
		if *asOf != "" {
			t, err := time.Parse(time.DateOnly, *asOf)
			if err != nil {
				return usageErr("catalog: --as-of %q: want a date such as 2025-04-01", *asOf)
			}
			day = t
		}
		day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
		return printCatalog(stdout, day, *sources)
	}
}

// printCatalog writes the catalog table as of day and, with sources,
// where each product's facts come from.
func printCatalog(stdout io.Writer, day time.Time, sources bool) error {
	cat, err := scenarios.Catalog()
	if err != nil {
		return err
	}
	rules, err := scenarios.Rules()
	if err != nil {
		return err
	}
	date := day.Format(time.DateOnly)
	fmt.Fprintf(stdout, "Built-in self-service catalog as of %s: list prices in %s per seat per month.\n\n", date, scenarios.CatalogCurrency)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tname\tannual\tmonthly\tbilled monthly\ttrial\tcard\tadded\tnext price")
	billing := rules.MonthlyBillingPremium.On(day)
	for _, p := range cat {
		trial := "none"
		if p.TrialDays > 0 {
			trial = fmt.Sprintf("%d days", p.TrialDays)
		}
		card := "-"
		switch p.Trial {
		case "card":
			card = "yes"
		case "no-card":
			card = "no"
		}
		annual, monthly, billed, next := "n/a", "n/a", "n/a", ""
		if p.PriceKnown {
			a, m := p.PriceAt(day)
			annual, monthly = model.FormatCents(a), model.FormatCents(m)
			billed = model.FormatCents(a + model.Cents(float64(a)*billing+0.5))
			for _, st := range p.Steps {
				if st.From.After(day) {
					next = fmt.Sprintf("%s from %s", model.FormatCents(st.PriceAnnual), st.From.Format(time.DateOnly))
					break
				}
			}
		}
		if !p.Added.After(day) || p.Added.IsZero() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, annual, monthly, billed, trial, card, p.Added.Format(time.DateOnly), next)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, `
Rules in force on %s (R20-R22): a monthly term costs %g%% more than an
annual one (%s); an annual term billed monthly costs %g%% more than paid up
front (%s); cancels and seat removals within %d days of a purchase or
renewal are refunded pro rata (%s).

A [[product]] with one of these ids inherits its name, added date, trial,
card requirement and dated prices; set any of them to override. "card" is
whether the trial needs a payment card (R04); "n/a": no source gave a
price, a scenario must set one. Products added after %s are not listed.
`, date, 100*rules.MonthlyTermPremium.On(day), rules.MonthlyTermPremium.Sources,
		100*billing, rules.MonthlyBillingPremium.Sources, rules.RefundWindowDays, rules.RefundWindowSources, date)
	if sources {
		fmt.Fprintln(stdout)
		for _, p := range cat {
			ids := p.MSCommerceID
			if len(p.OlderIDs) > 0 {
				ids += " (before: " + strings.Join(p.OlderIDs, ", ") + ")"
			}
			fmt.Fprintf(stdout, "%s: ProductId %s; sources %s; derived: %s", p.ID, ids, p.Sources, p.Derived)
			if p.Note != "" {
				fmt.Fprintf(stdout, "; %s", p.Note)
			}
			fmt.Fprintln(stdout)
		}
	}
	return nil
}
