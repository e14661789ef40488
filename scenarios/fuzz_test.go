package scenarios

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"licsim/model"
)

// FuzzLoad feeds the loader arbitrary text, seeded with every shipped
// scenario, the init template and the bad corpus. Whatever happens, it
// must not panic; a refusal must be an *InputError whose every problem
// names the file, and none may be the internal backstop (model.Check
// refusing what validation accepted: a gap in validation); and whatever
// loads must pass model.Check and run a replication (shrunk, so that the
// fuzzer stays fast).
func FuzzLoad(f *testing.F) {
	for _, name := range Shipped() {
		src, _ := ShippedSource(name)
		f.Add(src)
	}
	f.Add([]byte(Template()))
	for _, file := range badFiles(f) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.toml", data)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("refusal is not an *InputError: %v", err)
			}
			if len(ie.Problems) == 0 {
				t.Fatalf("refusal lists no problem: %v", err)
			}
			for _, p := range ie.Problems {
				if p.File != "fuzz.toml" || p.Msg == "" || !strings.HasPrefix(p.Error(), "fuzz.toml") {
					t.Fatalf("problem without file or message: %#v", p)
				}
				if strings.Contains(p.Msg, backstopGap) {
					t.Fatalf("validation accepted what model.Check refuses: %v", p)
				}
			}
			return
		}
		if err := model.Check(cfg); err != nil {
			t.Fatalf("loaded but fails model.Check: %v", err)
		}
		runShrunk(t, cfg)
	})
}

// FuzzSet applies an arbitrary override to the baseline: no panic, and a
// refusal is an *InputError that says it came from --set.
func FuzzSet(f *testing.F) {
	for _, s := range []string{"months=12", "admin.on_departure=cancel", "product.*.card_given=0.9",
		"product.visio-plan-1.price_annual=7.5", "product.*.price_annual=9000000", "catalog_growth.price_annual=[1.0, 2.0]", "start=2025-02-28", "name=x"} {
		k, v, _ := strings.Cut(s, "=")
		f.Add(k, v)
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		cfg, err := Load("baseline", Set{Key: key, Value: value})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("refusal is not an *InputError: %v", err)
			}
			if strings.Contains(err.Error(), backstopGap) {
				t.Fatalf("validation accepted what model.Check refuses: %v", err)
			}
			return
		}
		if err := model.Check(cfg); err != nil {
			t.Fatalf("loaded but fails model.Check: %v", err)
		}
	})
}

// runShrunk runs one replication of a small copy of cfg: at most 50
// employees, 2 hires a month, 24 months, 6 products a year added, and
// only when the expected number of attempts is small. The rates,
// prices and policies, where the surprises are, stay as loaded.
func runShrunk(t *testing.T, cfg *model.Config) {
	c := *cfg
	c.Months = min(c.Months, 24)
	c.Population.Headcount = min(c.Population.Headcount, 50)
	c.Population.Admins = min(c.Population.Admins, c.Population.Headcount)
	c.Population.HiresPerMonth = min(c.Population.HiresPerMonth, 2)
	c.Growth.PerYear = min(c.Growth.PerYear, 6)
	attempts := float64(c.Population.Headcount) + c.Population.HiresPerMonth*float64(c.Months)
	rate := c.Growth.InterestPerYear * c.Growth.PerYear * float64(c.Months) / 12
	for i := range c.Products {
		rate += c.Products[i].InterestPerYear
	}
	if attempts*rate*float64(c.Months)/12 > 200_000 || len(c.Products) > 200 {
		return
	}
	if err := model.Check(&c); err != nil {
		t.Fatalf("shrunk copy fails model.Check: %v", err)
	}
	if _, err := model.Run(context.Background(), &c, 0, model.Options{}); err != nil {
		t.Fatalf("run: %v", err)
	}
}
