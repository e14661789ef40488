package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"licsim/scenarios"
	"licsim/scenarios/tenant"
)

const importHelp = `
Reads a tenant's exports, each recognised by its content (a folder of them
works): Graph GET /directory/subscriptions, /users and /subscribedSkus JSON,
and Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase saved
as CSV or JSON. Writes a commented scenario that starts from the tenant's
state on the export's date (--as-of overrides it). Rows that cannot be
mapped (an unknown SKU) are listed on stderr and in the scenario. See
scenarios/README.md, "Start from your tenant".
`

// cmdImport writes a scenario from a tenant's exports.
func cmdImport(fs *flag.FlagSet) action {
	asOf := fs.String("as-of", "", "the export's date, YYYY-MM-DD (default: its latest createdDateTime or deletedDateTime)")
	out := fs.String("out", "", "write the scenario to this file (default: stdout)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		var opt tenant.Options
		if *asOf != "" {
			t, err := time.Parse(time.DateOnly, *asOf)
			if err != nil {
				return usageErr("--as-of %q: want a date YYYY-MM-DD", *asOf)
			}
			opt.AsOf = t
		}
		exp, err := tenant.ReadPaths(args)
		if err != nil {
			return err // a *tenant.Error: exit code 2
		}
		src, unmapped, err := tenant.Scenario(exp, opt)
		for _, u := range unmapped {
			fmt.Fprintln(stderr, "licsim import: not mapped:", u)
		}
		if err != nil {
			return err
		}
		// The written scenario must load: check before writing anything.
		if _, err := scenarios.Parse("imported.toml", []byte(src)); err != nil {
			return fmt.Errorf("the imported scenario does not load (a bug): %w", err)
		}
		if *out == "" {
			_, err := io.WriteString(stdout, src)
			return err
		}
		return writeAtomic(*out, []byte(src))
	}
}

// writeAtomic writes b to path through a temporary file in its folder.
func writeAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".licsim-import-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
