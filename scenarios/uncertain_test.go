package scenarios

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const withUncertain = `name = "Unsure"
start = 2025-01-01

[[product]]
id = "visio-plan-1"

[[uncertain]]
key = "product.*.card_given"
low = 0.4
high = 0.8

[[uncertain]]
key = "product.visio-plan-1.price_annual"
low = 4
high = 6.50

[[uncertain]]
key = "admin.notice_delay_days"
low = 3
high = 3
`

// TestUncertain_ListedInFileOrder: the ranges come back as written, in
// order, with their lines; the run's own values are untouched.
func TestUncertain_ListedInFileOrder(t *testing.T) {
	cfg, unc, err := parseAll("unsure.toml", []byte(withUncertain), 1, nil)
	require.NoError(t, err)
	assert.Equal(t, []Uncertain{
		{Key: "product.*.card_given", Low: 0.4, High: 0.8, Line: 7},
		{Key: "product.visio-plan-1.price_annual", Low: 4, High: 6.5, Line: 12},
		{Key: "admin.notice_delay_days", Low: 3, High: 3, Line: 17},
	}, unc)
	assert.InDelta(t, 0.6, cfg.Products[0].CardGiven, 1e-12, "the run keeps the key's default")
	plain, err := Parse("unsure.toml", []byte(withUncertain))
	require.NoError(t, err)
	assert.Equal(t, cfg, plain, "[[uncertain]] does not change the model's configuration")
}

func TestUncertain_NoneWhenAbsent(t *testing.T) {
	_, unc, err := LoadUncertain("baseline")
	require.NoError(t, err)
	assert.Empty(t, unc)
}

// TestUncertain_NotOverridable: --set cannot reach [[uncertain]] (it is
// an array of tables; --input is the way).
func TestUncertain_NotOverridable(t *testing.T) {
	_, err := ParseSet("uncertain.low=0.1")
	var ie *InputError
	require.True(t, errors.As(err, &ie), "%v", err)
	assert.Contains(t, err.Error(), "--input")
}

// TestUncertain_MissingKey: a table without its key is reported at the
// table's line, and the ranges are not checked against anything.
func TestUncertain_MissingKey(t *testing.T) {
	_, _, err := parseAll("u.toml", []byte("name = \"x\"\nstart = 2025-01-01\n[[uncertain]]\nlow = 1\nhigh = 2\n"), 1, nil)
	require.Error(t, err)
	assert.Equal(t, `u.toml:3: uncertain[1].key: missing: the input to vary, as --set takes it (allowed: a numeric key as --set takes it (product.ID.KEY, product.*.KEY, population.KEY, ...), not seed or replications, once per file; for example key = "product.*.card_given")`, err.Error())
}
