package scenarios

import (
	"errors"
	"math/rand/v2"
	"strconv"
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

// TestUncertain_Draw: a draw treats [low, high] as a 95% interval: about
// 95% of draws fall in it, half on each side of its centre on the
// key's scale (logit for probabilities, log for rates, log of
// seats_mean − 1), never out of the key's range; whole-number keys draw
// whole numbers and a point interval gives its point.
func TestUncertain_Draw(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, u := range []Uncertain{
		{Key: "product.*.card_given", Low: 0.05, High: 0.4},
		{Key: "product.*.quit_per_year", Low: 0.2, High: 0.9},
		{Key: "product.visio-plan-1.seats_mean", Low: 1.1, High: 1.6},
		{Key: "population.hires_per_month", Low: 3, High: 12},
	} {
		inside, n := 0, 4000
		for range n {
			s := u.Draw(r)
			v, err := strconv.ParseFloat(s.Value, 64)
			require.NoError(t, err)
			require.Equal(t, u.Key, s.Key)
			if v >= u.Low && v <= u.High {
				inside++
			}
			_, err = Parse("drawn.toml", []byte(withUncertain), s)
			require.NoError(t, err, "%s=%s", s.Key, s.Value)
		}
		assert.InDelta(t, 0.95, float64(inside)/float64(n), 0.015, u.Key)
	}
	d := Uncertain{Key: "admin.notice_delay_days", Low: 2, High: 9}.Draw(r)
	assert.NotContains(t, d.Value, ".")
	assert.Equal(t, "3", Uncertain{Key: "admin.notice_delay_days", Low: 3, High: 3}.Draw(r).Value)
}
