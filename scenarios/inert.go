package scenarios

import (
	"fmt"
	"strings"

	"licsim/model"
)

// unreadRule says when the model never reads a key: unread returns why,
// or "" when the key can matter in cfg. The rules follow the model's
// events (see model/doc.go): a review happens only every
// review_every_days > 0 days and does what on_review says, and so on.
type unreadRule struct {
	key    string // a path as --set writes it; product keys as "product.*.KEY"
	unread func(cfg *model.Config) string
}

// unreadRules lists the keys whose effect depends on other keys. A key
// not listed is assumed to matter.
var unreadRules = []unreadRule{
	{"admin.review_every_days", func(c *model.Config) string {
		return when(c.Admin.OnReview == model.ActNone, `admin.on_review is "none": a review does nothing`)
	}},
	{"admin.on_review", func(c *model.Config) string {
		return when(c.Admin.ReviewEveryDays == 0, "admin.review_every_days is 0: there are no reviews")
	}},
	{"admin.when_short", func(c *model.Config) string {
		return when(!takesOver(c), `neither admin.on_review nor admin.on_notice is "takeover" (with reviews or notices that happen)`)
	}},
	{"admin.on_notice", func(c *model.Config) string {
		return when(c.Admin.NotifyDelivery == 0, "admin.notify_delivery is 0: no notice reaches the admins")
	}},
	{"admin.notice_delay_days", func(c *model.Config) string {
		return when(c.Admin.OnNotice == model.ActNone || c.Admin.NotifyDelivery == 0, `admins act on no notice (admin.on_notice is "none" or admin.notify_delivery is 0)`)
	}},
	{"admin.departure_delay_days", func(c *model.Config) string {
		return when(c.Admin.OnDeparture == model.DepNone, `admin.on_departure is "none": admins do not act on departures`)
	}},
	{"admin.disable_new_after_days", func(c *model.Config) string {
		for _, p := range c.Products {
			if !p.Added.Before(c.Start) {
				return ""
			}
		}
		return when(c.Growth.PerYear == 0, "no product is added during the run (catalog_growth.per_year is 0 and every product's added date is before start)")
	}},
}

// growthKeys are read only when products are added during the run.
var growthKeys = func() []string {
	var keys []string
	for _, s := range tableSpecs[tGrowth] {
		if s.name != "per_year" {
			keys = append(keys, s.path())
		}
	}
	return keys
}()

// when returns why if cond holds, else "".
func when(cond bool, why string) string {
	if cond {
		return why
	}
	return ""
}

// takesOver reports whether admins ever take a subscription over in cfg.
func takesOver(c *model.Config) bool {
	a := c.Admin
	return a.OnReview == model.ActTakeover && a.ReviewEveryDays > 0 ||
		a.OnNotice == model.ActTakeover && a.NotifyDelivery > 0
}

// Unread says why the setting key (a path as --set writes it:
// "admin.review_every_days", "product.visio-plan-1.price_annual") cannot
// change the results of cfg, by the rules above: sweeping it, or
// comparing scenarios that differ only by it, gives identical results.
// It returns "" when the key may matter, or when no rule knows it.
func Unread(cfg *model.Config, key string) string {
	for _, g := range growthKeys {
		if key == g {
			return when(cfg.Growth.PerYear == 0, "catalog_growth.per_year is 0: no product is added during the run")
		}
	}
	for _, r := range unreadRules {
		if r.key == key {
			return r.unread(cfg)
		}
	}
	return ""
}

// Warnings are things a valid scenario does that its author probably did
// not mean: it runs, but one of its settings silently becomes another.
// Commands print them; they never refuse the scenario.
func Warnings(cfg *model.Config) []string {
	var ws []string
	if takesOver(cfg) && cfg.Admin.WhenShort == model.ShortCancel {
		var spare []string
		for _, p := range cfg.Products {
			if p.OrgSpare > 0 {
				spare = append(spare, p.ID)
			}
		}
		if len(spare) == 0 {
			ws = append(ws, `admins take subscriptions over, but no product has org_spare licences and admin.when_short is "cancel": `+
				`every takeover finds too few org licences and cancels instead, as on_review/on_notice = "cancel" would; `+
				`set admin.when_short = "buy", or give the products org_spare`)
		}
	}
	return ws
}

// UnreadText is the warning for a setting that changes nothing: "KEY
// changes nothing in this scenario: WHY".
func UnreadText(key, why string) string {
	return fmt.Sprintf("%s changes nothing in this scenario: %s", key, strings.TrimSpace(why))
}
