package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Set is one KEY=VALUE override, KEY a dotted path as in the file:
// "population.attrition_per_year", "admin.on_departure", "months",
// "product.visio-plan-1.card_given" (one product by id), "product.*.card_given" (every product).
type Set struct{ Key, Value string }

// String gives the override back as written: KEY=VALUE.
func (s Set) String() string { return s.Key + "=" + s.Value }

// ParseSet reads "key=value". It checks that the key is one the format
// has, so that a sweep fails on a typo before anything runs; whether a
// product id exists, and whether the value is valid, is checked when the
// override is applied to a scenario (Load). The error is an
// *InputError.
func ParseSet(s string) (Set, error) {
	k, v, ok := strings.Cut(s, "=")
	set := Set{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)}
	if !ok || set.Key == "" {
		return Set{}, setError(fmt.Errorf("%q: want KEY=VALUE, such as population.attrition_per_year=0.2", s))
	}
	if set.Value == "" {
		return Set{}, setError(fmt.Errorf("%s: the value is empty", set.Key))
	}
	if _, _, _, err := splitSetKey(set.Key); err != nil {
		return Set{}, setError(fmt.Errorf("%s: %w", set.Key, err))
	}
	return set, nil
}

func setError(err error) error { return &InputError{File: "--set", Err: err} }

// splitSetKey resolves an override's key: its table, the product id for
// product keys ("*" for all), and its spec.
func splitSetKey(key string) (tableName, id string, s *spec, err error) {
	parts := strings.Split(key, ".")
	switch {
	case len(parts) == 1:
		tableName = tTop
	case parts[0] == tProduct && len(parts) == 3:
		tableName, id = tProduct, parts[1]
		if id == "" {
			return "", "", nil, errors.New("the product id is empty; use product.ID.KEY or product.*.KEY")
		}
	case parts[0] == tProduct:
		return "", "", nil, errors.New("product keys name the product: product.ID.KEY, or product.*.KEY for every product")
	case parts[0] == tChange:
		return "", "", nil, errors.New("policy changes cannot be overridden; edit the file")
	case parts[0] == tExisting:
		return "", "", nil, errors.New("existing subscriptions cannot be overridden; edit the file")
	case parts[0] == tUncertain:
		return "", "", nil, errors.New("uncertain inputs cannot be overridden; give licsim sensitivity --input KEY=LO:HI")
	case len(parts) == 2:
		if _, ok := tables[parts[0]]; !ok {
			return "", "", nil, fmt.Errorf("unknown table %q%s", parts[0], suggest(tTop, parts[0]))
		}
		tableName = parts[0]
	default:
		return "", "", nil, errors.New("unknown key; see scenarios/README.md for every key")
	}
	name := parts[len(parts)-1]
	if tableName == tTop {
		if _, isTable := tables[name]; isTable {
			return "", "", nil, fmt.Errorf("%s is a table; override one of its keys, such as %s", name, tableSpecs[name][0].path())
		}
	}
	s = lookup(tableName, name)
	if s == nil {
		return "", "", nil, errors.New("unknown key" + suggest(tableName, name))
	}
	if tableName == tProduct && name == "id" {
		return "", "", nil, errors.New("a product's id cannot be overridden")
	}
	return tableName, id, s, nil
}

// setValue reads an override's value as the key's TOML type. Text
// choices may be written without quotes (admin.on_departure=cancel).
func setValue(s *spec, v string) (any, error) {
	if strings.ContainsAny(v, "\r\n") {
		return nil, errors.New("the value contains a line break")
	}
	if s.kind == kInt || s.kind == kFloat || s.kind == kMoney {
		// Numbers typed on a command line go through the parser the
		// flags use, so that "1,000" or "5x" get the same answer
		// everywhere; the key's range and decimals are then checked as
		// for a value in the file.
		return ParseNumber(v)
	}
	var m map[string]any
	if _, err := toml.Decode("v = "+v, &m); err == nil && len(m) == 1 {
		if raw, ok := m["v"]; ok {
			return raw, nil
		}
	}
	if s.kind == kString || s.kind == kEnum {
		return v, nil
	}
	return nil, fmt.Errorf("%s is not a valid %s", strconv.Quote(v), s.kind.typeName())
}

// applySets writes the overrides into the parsed file, in order, and
// remembers which paths they set so that problems with their values are
// reported as coming from --set.
func (d *decoder) applySets(root map[string]any, sets []Set) {
	for _, set := range sets {
		bad := func(msg, allowed string) {
			d.probs = append(d.probs, &Problem{File: d.file, Set: set.String(), Key: set.Key, Msg: msg, Allowed: allowed})
		}
		tableName, id, s, err := splitSetKey(set.Key)
		if err != nil {
			bad(err.Error(), "")
			continue
		}
		raw, err := setValue(s, set.Value)
		if err != nil {
			bad(err.Error(), s.allowedText())
			continue
		}
		switch tableName {
		case tTop:
			root[s.name] = raw
			d.sets[s.name] = set.String()
		case tProduct:
			elems := productElems(root)
			var known []string
			n := 0
			for i, m := range elems {
				pid, _ := m["id"].(string)
				known = append(known, pid)
				if id == "*" || pid == id {
					m[s.name] = raw
					d.sets[fmt.Sprintf("%s[%d].%s", tProduct, i+1, s.name)] = set.String()
					n++
				}
			}
			if n == 0 {
				if id == "*" {
					bad("the scenario has no [[product]]", "")
				} else {
					bad(fmt.Sprintf("the scenario has no product with id %q", id), strings.Join(append(known, "*"), ", "))
				}
			}
		default:
			m, ok := root[tableName].(map[string]any)
			if root[tableName] == nil {
				m, ok = map[string]any{}, true
				root[tableName] = m
			}
			if !ok {
				bad(fmt.Sprintf("[%s] in the file is not a table", tableName), "")
				continue
			}
			m[s.name] = raw
			d.sets[s.path()] = set.String()
		}
	}
}

// productElems returns the [[product]] tables of a parsed file, however
// they were written; nil when product is not an array of tables (that
// is reported when the file is decoded).
func productElems(root map[string]any) []map[string]any {
	switch v := root[tProduct].(type) {
	case []map[string]any:
		return v
	case []any:
		out := make([]map[string]any, 0, len(v))
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}
