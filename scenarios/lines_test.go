package scenarios

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIndexLines(t *testing.T) {
	src, err := os.ReadFile("testdata/good/tricky-syntax.toml")
	require.NoError(t, err)
	ix := indexLines(string(src))
	for path, want := range map[string]int{
		"name":                          2,
		"start":                         4,
		"population.headcount":          5,
		"population.admins":             6,
		"admin":                         8,
		"admin.on_review":               9,
		"admin.review_every_days":       10,
		"product":                       12,
		"product[1]":                    12,
		"product[1].id":                 13,
		"product[1].name":               14,
		"product[1].interest_per_year":  16,
		"product[2]":                    18,
		"product[2].policy":             22,
		"policy_change[1].product":      26,
		"catalog_growth.price_annual":   30,
		"product[2].no_such_key":        18, // falls back to its table
		"catalog_growth.price_annual.x": 30,
		"no_such_key":                   0,
	} {
		assert.Equal(t, want, ix.line(path), path)
	}
}

func TestIndexLinesSubTables(t *testing.T) {
	src := "a = 1\n[[product]]\nid = 'x'\n[product.extra]\nk = 1\n[[product]]\nid = \"y\" # comment with = sign\ns = \"\"\"\nk2 = not a key\n\"\"\"\nk3 = 3\n"
	ix := indexLines(src)
	assert.Equal(t, 4, ix.line("product[1].extra"))
	assert.Equal(t, 5, ix.line("product[1].extra.k"))
	assert.Equal(t, 7, ix.line("product[2].id"))
	assert.Equal(t, 0, ix["product[2].k2"], "keys inside a multi-line string are text")
	assert.Equal(t, 11, ix.line("product[2].k3"))
}

func TestKeyAt(t *testing.T) {
	src := "name = 'x'\n[[product]]\nid = 'a'\n[[product]]\nprice_annual = 1.2.3\n"
	assert.Equal(t, "product[2].price_annual", keyAt(src, 5))
	assert.Equal(t, "product[2]", keyAt(src, 4))
	assert.Equal(t, "", keyAt(src, 0))
	assert.Equal(t, "", keyAt(src, 99))
}

func TestParseKey(t *testing.T) {
	for in, want := range map[string][]string{
		`a.b = 1`:           {"a", "b"},
		`"a.b" . c = 1`:     {"a.b", "c"},
		`'lit' = 1`:         {"lit"},
		`"esc\"q".x = 1`:    {`esc"q`, "x"},
		`product]]`:         {"product"},
		`= 1`:               nil,
		`"unterminated = 1`: nil,
	} {
		parts, _, ok := parseKey(in)
		if want == nil {
			assert.False(t, ok, in)
			continue
		}
		assert.Equal(t, want, parts, in)
	}
}

func TestGoodFiles(t *testing.T) {
	cfg, err := Load("testdata/good/tricky-syntax.toml")
	require.NoError(t, err)
	assert.Equal(t, "Tricky syntax", cfg.Name)
	assert.Equal(t, 300, cfg.Population.Headcount)
	assert.Equal(t, 91, cfg.Admin.ReviewEveryDays)
	assert.Equal(t, `Visio "Plan 1"`, cfg.Products[0].Name)
	assert.Equal(t, 0.1, cfg.Products[0].InterestPerYear)
	assert.Equal(t, "contoso-crm", cfg.PolicyChanges[0].Product)

	cfg, err = Load("testdata/good/minimal.toml")
	require.NoError(t, err)
	assert.Empty(t, cfg.Products)
}
