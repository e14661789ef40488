package part

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// fill sets every field of v to a value of its own: numbers count up,
// enums (uint8) take their second value, lists get one element.
func fill(v reflect.Value, next *int) {
	*next++
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2020, 1, *next, 0, 0, 0, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			fill(v.Field(i), next)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), next)
	case reflect.String:
		v.SetString("s" + string(rune('a'+*next%26)))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Uint8:
		v.SetUint(1)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*next))
	case reflect.Uint64:
		v.SetUint(uint64(*next))
	case reflect.Float64:
		v.SetFloat(float64(*next) + 0.25)
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

// configRoundTrip writes cfg as the part format spells it and reads it
// back.
func configRoundTrip(t *testing.T, cfg *model.Config) ([]byte, *model.Config) {
	t.Helper()
	b, err := json.Marshal(configOf(cfg))
	require.NoError(t, err)
	var c config
	require.NoError(t, json.Unmarshal(b, &c))
	back, err := c.model()
	require.NoError(t, err)
	return b, back
}

// TestConfig_RoundTripsEveryField: the part format's config carries every
// field of model.Config, so a field added to the model and forgotten here
// fails this test, not a merge.
func TestConfig_RoundTripsEveryField(t *testing.T) {
	var cfg model.Config
	next := 0
	fill(reflect.ValueOf(&cfg).Elem(), &next)
	b, back := configRoundTrip(t, &cfg)
	assert.Equal(t, &cfg, back)
	assert.Contains(t, string(b), `"on_review":"cancel"`, "enums by their spellings")
}

// TestConfig_EmptyAndAbsentListsApart: the hash tells [] from null, so
// the round trip keeps them apart.
func TestConfig_EmptyAndAbsentListsApart(t *testing.T) {
	for _, changes := range [][]model.PolicyChange{nil, {}} {
		cfg := model.Config{PolicyChanges: changes}
		_, back := configRoundTrip(t, &cfg)
		assert.Equal(t, changes == nil, back.PolicyChanges == nil)
		h1, err := ConfigHash(&cfg)
		require.NoError(t, err)
		h2, err := ConfigHash(back)
		require.NoError(t, err)
		assert.Equal(t, h1, h2)
	}
}

func TestConfig_UnknownSpellingRefused(t *testing.T) {
	c := configOf(&model.Config{})
	c.Admin.OnNotice = "shrug"
	_, err := c.model()
	assert.ErrorContains(t, err, "admin.on_notice")
}
