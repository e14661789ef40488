package scenarios

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"licsim/model"
)

// Uncertain is one [[uncertain]] table of a scenario: an input its author
// is unsure of and the range it may plausibly take. It is not part of
// model.Config (the model runs on one value of every key); `licsim
// sensitivity` varies it.
type Uncertain struct {
	Key       string  // as --set takes it: "product.*.card_given"
	Low, High float64 // Low <= High, both values Key accepts
	Line      int     // where the table is in the file, 0 if unknown
}

// LoadUncertain is Load that also returns the scenario's [[uncertain]]
// inputs, in file order (none when it lists none).
func LoadUncertain(ref string, sets ...Set) (*model.Config, []Uncertain, error) {
	name, data, err := Source(ref)
	if err != nil {
		return nil, nil, err
	}
	return parseAll(name, data, 1, sets)
}

// notUncertain are numeric keys that are not assumptions about the
// tenant: varying them says nothing about what drives the cost.
var notUncertain = map[string]string{
	"seed":         "the seed picks the random draws; common random numbers hold it fixed",
	"replications": "replications set the precision, not the cost",
}

// uncertain decodes every [[uncertain]]: each key must be a numeric key
// --set takes (a product it names must exist) and listed once, and low
// and high values that key accepts, low <= high. Rules between keys (admins
// at most headcount) are checked when sensitivity loads each end.
func (d *decoder) uncertain(tbls []*table, cfg *model.Config) []Uncertain {
	var out []Uncertain
	first := map[string]string{} // key → label of the table that listed it
	for _, tbl := range tbls {
		u := Uncertain{Line: d.lines.line(tbl.path)}
		var target *spec
		if d.required(tbl, "key", "the input to vary, as --set takes it") {
			u.Key = d.str(tbl, "key")
			target = d.uncertainKey(tbl, u.Key, cfg)
			if target != nil {
				tbl.label = fmt.Sprintf("%s (%s)", tbl.path, u.Key)
				if prev, dup := first[u.Key]; dup {
					d.bad(tbl, "key", fmt.Sprintf("%s is already listed by %s", u.Key, prev), "each key once")
					target = nil
				} else {
					first[u.Key] = tbl.path
				}
			}
		}
		d.unknown(tbl)
		lowOK, highOK := d.required(tbl, "low", "the lowest plausible value"), d.required(tbl, "high", "the highest plausible value")
		if target == nil {
			continue
		}
		bound := func(k string, v *float64) bool {
			raw := tbl.raw[k]
			if _, msg := convert(target, raw); msg != "" {
				d.bad(tbl, k, msg, target.allowedText())
				return false
			}
			*v, _ = toFloat(raw)
			return true
		}
		lowOK = lowOK && bound("low", &u.Low)
		highOK = highOK && bound("high", &u.High)
		if !lowOK || !highOK {
			continue
		}
		if u.Low > u.High {
			d.bad(tbl, "high", fmt.Sprintf("%s is below low (%s)", fnum(u.High), fnum(u.Low)), "a value at least low")
			continue
		}
		out = append(out, u)
	}
	return out
}

// uncertainKey resolves an [[uncertain]] key to its spec, reporting a key
// that is unknown, not a number, not an assumption, or names a product
// the scenario lacks.
func (d *decoder) uncertainKey(tbl *table, key string, cfg *model.Config) *spec {
	if _, isStr := tbl.raw["key"].(string); !isStr {
		return nil // reported by str
	}
	allowed := lookup(tUncertain, "key").allowedText()
	tableName, id, s, err := splitSetKey(key)
	if err != nil {
		d.bad(tbl, "key", strconv.Quote(key)+": "+err.Error(), allowed)
		return nil
	}
	if s.kind != kInt && s.kind != kFloat && s.kind != kMoney {
		d.bad(tbl, "key", fmt.Sprintf("%s is %s, not a number: it has no range", key, "a "+s.kind.typeName()), allowed)
		return nil
	}
	if why, ok := notUncertain[s.path()]; ok && tableName == tTop {
		d.bad(tbl, "key", key+" is not an assumption: "+why, allowed)
		return nil
	}
	if tableName == tProduct {
		known := []string{"*"}
		found := false
		for _, p := range cfg.Products {
			known = append(known, p.ID)
			found = found || p.ID == id
		}
		switch {
		case len(cfg.Products) == 0:
			d.bad(tbl, "key", key+": the scenario has no [[product]]", "")
			return nil
		case id != "*" && !found:
			d.bad(tbl, "key", fmt.Sprintf("%s: the scenario has no product with id %q", key, id), "product."+strings.Join(known, ".KEY, product.")+".KEY")
			return nil
		}
	}
	return s
}

// z95 is the standard normal's 97.5% quantile.
const z95 = 1.959963984540054

// Draw is a value of u's key drawn as if [Low, High] were its 95%
// interval (what licsim calibrate writes): normal on the logit scale for a
// key within 0 to 1 (a probability or share), on the log scale for one
// that is positive (of seats_mean − 1 for seats_mean), else on its own
// scale; clamped to the key's range, rounded for whole-number keys. A
// point interval (Low = High) gives that point.
func (u Uncertain) Draw(r *rand.Rand) Set {
	_, _, s, err := splitSetKey(u.Key)
	if err != nil || u.Low >= u.High {
		return Set{Key: u.Key, Value: strconv.FormatFloat(u.Low, 'g', -1, 64)}
	}
	lo, hi := s.lo, s.hi
	fwd, back := func(x float64) float64 { return x }, func(y float64) float64 { return y }
	switch {
	case lo == 0 && hi == 1 && u.Low > 0 && u.High < 1:
		fwd = func(x float64) float64 { return math.Log(x / (1 - x)) }
		back = func(y float64) float64 { return 1 / (1 + math.Exp(-y)) }
	case lo >= 0 && u.Low > lo:
		fwd = func(x float64) float64 { return math.Log(x - lo) }
		back = func(y float64) float64 { return lo + math.Exp(y) }
	}
	a, b := fwd(u.Low), fwd(u.High)
	v := back((a+b)/2 + r.NormFloat64()*(b-a)/(2*z95))
	v = min(max(v, lo), hi)
	switch s.kind {
	case kInt:
		v = math.Round(v)
	case kMoney:
		v = math.Round(v*100) / 100
	}
	return Set{Key: u.Key, Value: strconv.FormatFloat(v, 'g', -1, 64)}
}
