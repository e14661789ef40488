package scenarios

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnread: each rule names the key that makes a setting inert, and
// only then; the README's own sweep of admin.review_every_days on the
// baseline (on_review = "none") once gave four identical rows silently.
func TestUnread(t *testing.T) {
	for _, c := range []struct {
		sets []string
		key  string
		why  string // "" when the key matters
	}{
		{nil, "admin.review_every_days", `admin.on_review is "none"`},
		{[]string{"admin.on_review=cancel"}, "admin.review_every_days", ""},
		{[]string{"admin.on_review=cancel", "admin.review_every_days=0"}, "admin.on_review", "admin.review_every_days is 0"},
		{nil, "admin.when_short", `neither admin.on_review nor admin.on_notice is "takeover"`},
		{[]string{"admin.on_notice=takeover"}, "admin.when_short", ""},
		{[]string{"admin.on_notice=takeover", "admin.notify_delivery=0"}, "admin.when_short", "neither"},
		{[]string{"admin.notify_delivery=0"}, "admin.on_notice", "admin.notify_delivery is 0"},
		{nil, "admin.notice_delay_days", "admins act on no notice"},
		{nil, "admin.departure_delay_days", `admin.on_departure is "none"`},
		{[]string{"admin.on_departure=cancel"}, "admin.departure_delay_days", ""},
		{[]string{"catalog_growth.per_year=0"}, "catalog_growth.interest_per_year", "catalog_growth.per_year is 0"},
		{[]string{"catalog_growth.per_year=0"}, "admin.disable_new_after_days", "no product is added during the run"},
		{nil, "catalog_growth.interest_per_year", ""},
		{nil, "population.headcount", ""},
		{nil, "product.*.card_given", ""},
	} {
		cfg, err := Load("baseline", mustSets(t, c.sets...)...)
		require.NoError(t, err)
		got := Unread(cfg, c.key)
		if c.why == "" {
			assert.Empty(t, got, "%s with %v", c.key, c.sets)
		} else {
			assert.Contains(t, got, c.why, "%s with %v", c.key, c.sets)
		}
	}
}

// TestWarnings_TakeoverWithoutLicences: takeover with when_short =
// cancel and no spare org licences silently equals cancel: a warning,
// not a refusal.
func TestWarnings_TakeoverWithoutLicences(t *testing.T) {
	cfg, err := Load("baseline", mustSets(t, "admin.on_review=takeover", "admin.review_every_days=90")...)
	require.NoError(t, err, "a warning, not an error")
	ws := Warnings(cfg)
	require.Len(t, ws, 1)
	assert.Contains(t, ws[0], `every takeover finds too few org licences and cancels instead`)
	for _, fix := range [][]string{{"admin.when_short=buy"}, {"product.*.org_spare=5"}, {"admin.on_review=cancel"}} {
		cfg, err := Load("baseline", mustSets(t, append([]string{"admin.on_review=takeover", "admin.review_every_days=90"}, fix...)...)...)
		require.NoError(t, err)
		assert.Empty(t, Warnings(cfg), "%v", fix)
	}
	base, err := Load("baseline")
	require.NoError(t, err)
	assert.Empty(t, Warnings(base))
}
