package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"licsim/model"
	"licsim/scenarios"
)

// cmdCatalog prints the built-in product catalog as a table: what a
// [[product]] with one of these ids inherits.
func cmdCatalog(fs *flag.FlagSet) action {
	sources := fs.Bool("sources", false, "also list each product's MSCommerce id and the sources of its facts")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return printCatalog(stdout, *sources)
	}
}

// printCatalog writes the catalog table and, with sources, where each
// product's facts come from.
func printCatalog(stdout io.Writer, sources bool) error {
	cat, err := scenarios.Catalog()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Built-in self-service catalog: list prices in %s per seat per month.\n\n", scenarios.CatalogCurrency)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tname\tannual\tmonthly\ttrial\tcard\tadded\tas of")
	for _, p := range cat {
		trial := "none"
		if p.TrialDays > 0 {
			trial = fmt.Sprintf("%d days", p.TrialDays)
		}
		card := "no"
		switch {
		case p.TrialDays == 0:
			card = "-"
		case p.TrialNeedsCard:
			card = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, model.FormatCents(p.PriceAnnual), model.FormatCents(p.PriceMonthly),
			trial, card, p.Added.Format("2006-01-02"), p.AsOf.Format("2006-01-02"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	for _, p := range cat {
		for _, e := range p.EarlierPrices {
			fmt.Fprintf(stdout, "%s: %s annual, %s monthly before %s; a scenario starting earlier uses it.\n",
				p.ID, model.FormatCents(e.PriceAnnual), model.FormatCents(e.PriceMonthly), e.Until.Format("2006-01-02"))
		}
	}
	fmt.Fprintln(stdout, `
A [[product]] with one of these ids inherits its name, added date, trial,
card requirement and prices; set any of them to override. "card" is
whether the trial needs a payment card (R04).`)
	if sources {
		fmt.Fprintln(stdout)
		for _, p := range cat {
			id := p.MSCommerceID
			if id == "" {
				id = "(not listed)"
			}
			fmt.Fprintf(stdout, "%s: MSCommerce %s; %s", p.ID, id, p.Source)
			if p.Note != "" {
				fmt.Fprintf(stdout, "; %s", p.Note)
			}
			fmt.Fprintln(stdout)
		}
	}
	return nil
}
