// TEMPORARY STUB (branch reports): the scenarios branch provides the real
// Set, ParseSet and LoadWith with these exact signatures. The lead deletes
// this file when merging; nothing else in scenarios/ depends on it.

package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"licsim/model"
)

// Set is one KEY=VALUE override of a scenario file; KEY is a dotted path
// such as "admin.review_every_days" or "product.*.card_given".
type Set struct{ Key, Value string }

// ParseSet reads "KEY=VALUE".
func ParseSet(s string) (Set, error) {
	k, v, ok := strings.Cut(s, "=")
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if !ok || k == "" || v == "" {
		return Set{}, fmt.Errorf("--set %q: want KEY=VALUE", s)
	}
	return Set{Key: k, Value: strings.Trim(v, `"`)}, nil
}

// LoadWith loads a scenario like Load and applies the overrides in
// order. The stub knows only a few keys.
func LoadWith(path string, sets ...Set) (*model.Config, error) {
	cfg, err := Load(path)
	if err != nil {
		return nil, err
	}
	for _, s := range sets {
		if err := stubApply(cfg, s); err != nil {
			return nil, &InputError{File: path, Err: fmt.Errorf("--set %s=%s: %w", s.Key, s.Value, err)}
		}
	}
	if err := model.Check(cfg); err != nil {
		return nil, &InputError{File: path, Err: err}
	}
	return cfg, nil
}

func stubApply(cfg *model.Config, s Set) error {
	fl := func(dst *float64) error {
		x, err := strconv.ParseFloat(s.Value, 64)
		*dst = x
		return err
	}
	in := func(dst *int) error {
		x, err := strconv.Atoi(s.Value)
		*dst = x
		return err
	}
	switch s.Key {
	case "seed":
		x, err := strconv.ParseUint(s.Value, 10, 64)
		cfg.Seed = x
		return err
	case "replications":
		return in(&cfg.Replications)
	case "months":
		return in(&cfg.Months)
	case "population.headcount":
		return in(&cfg.Population.Headcount)
	case "population.hires_per_month":
		return fl(&cfg.Population.HiresPerMonth)
	case "population.attrition_per_year":
		return fl(&cfg.Population.AttritionPerYear)
	case "admin.review_every_days":
		return in(&cfg.Admin.ReviewEveryDays)
	case "admin.notify_delivery":
		return fl(&cfg.Admin.NotifyDelivery)
	case "admin.cancel_fault":
		return fl(&cfg.Admin.CancelFault)
	case "admin.request_approval":
		return fl(&cfg.Admin.RequestApproval)
	case "admin.on_review":
		a, err := model.ParseAction(s.Value)
		cfg.Admin.OnReview = a
		return err
	case "admin.on_notice":
		a, err := model.ParseAction(s.Value)
		cfg.Admin.OnNotice = a
		return err
	case "admin.on_departure":
		d, err := model.ParseDeparture(s.Value)
		cfg.Admin.OnDeparture = d
		return err
	case "catalog_growth.per_year":
		return fl(&cfg.Growth.PerYear)
	}
	parts := strings.Split(s.Key, ".")
	if len(parts) != 3 || parts[0] != "product" {
		return errors.New("unknown key (the stub knows only a few)")
	}
	found := false
	for i := range cfg.Products {
		p := &cfg.Products[i]
		if parts[1] != "*" && parts[1] != p.ID {
			continue
		}
		found = true
		var err error
		switch parts[2] {
		case "card_given":
			err = fl(&p.CardGiven)
		case "interest_per_year":
			err = fl(&p.InterestPerYear)
		case "monthly_term":
			err = fl(&p.MonthlyTerm)
		case "policy":
			p.Policy, err = model.ParsePolicy(s.Value)
		default:
			return errors.New("unknown key (the stub knows only a few)")
		}
		if err != nil {
			return err
		}
	}
	if !found {
		return fmt.Errorf("no product %q", parts[1])
	}
	return nil
}
