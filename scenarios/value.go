package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"licsim/model"
)

// describe names a TOML value for a message.
func describe(v any) string {
	switch x := v.(type) {
	case int64:
		return "the whole number " + strconv.FormatInt(x, 10)
	case float64:
		return "the number " + strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return "the text " + strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "the date " + x.Format(time.DateOnly)
		case "time-local":
			return "the time of day " + x.Format(time.TimeOnly)
		case "datetime-local":
			return "the date and time " + x.Format("2006-01-02T15:04:05")
		}
		return "the date and time " + x.Format(time.RFC3339)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

// get returns key k of tbl converted to its spec's kind, or (nil, false)
// when absent. A value of the wrong type or out of range is reported and
// returned as absent, so that the caller falls back to the default.
func (d *decoder) get(tbl *table, k string) (any, bool) {
	s := lookup(tbl.name, k)
	raw, ok := tbl.raw[k]
	if s == nil || !ok {
		return nil, false
	}
	v, msg := convert(s, raw)
	if msg != "" {
		d.bad(tbl, k, msg, s.allowedText())
		return nil, false
	}
	return v, true
}

// convert checks a raw TOML value against a spec: type, then range. It
// returns the value as the Go type of the spec's kind, or a message.
func convert(s *spec, raw any) (any, string) {
	switch s.kind {
	case kString:
		return toText(raw)
	case kEnum:
		return toChoice(s.choices, raw)
	case kBool:
		return toBool(raw)
	case kInt:
		return toIntIn(s, raw)
	case kFloat:
		return toFloatIn(s, raw)
	case kMoney:
		return checked(toMoney(raw))
	case kMoneyRange:
		return toMoneyRange(raw)
	case kDate:
		return toDate(s, raw)
	}
	return nil, "unsupported key kind"
}

// checked turns a typed conversion into convert's (value, message), with no
// value when there is a message.
func checked[V any](v V, msg string) (any, string) {
	if msg != "" {
		return nil, msg
	}
	return v, ""
}

// toText accepts a TOML string.
func toText(raw any) (any, string) {
	x, isStr := raw.(string)
	if !isStr {
		return nil, "want text in quotes, got " + describe(raw)
	}
	return x, ""
}

// toChoice accepts one of choices, suggesting the nearest when it is a
// near miss.
func toChoice(choices []string, raw any) (any, string) {
	x, isStr := raw.(string)
	if !isStr {
		return nil, "want text in quotes, got " + describe(raw)
	}
	if contains(choices, x) {
		return x, ""
	}
	msg := strconv.Quote(x) + " is not one of the choices"
	for _, c := range choices {
		if editDistance(strings.ToLower(x), c) <= 2 {
			msg += "; did you mean " + strconv.Quote(c) + "?"
			break
		}
	}
	return nil, msg
}

// toBool accepts true or false, and says so when they came quoted.
func toBool(raw any) (any, string) {
	x, isBool := raw.(bool)
	if isBool {
		return x, ""
	}
	if str, isStr := raw.(string); isStr && (str == "true" || str == "false") {
		return nil, "want true or false without quotes, got " + describe(raw)
	}
	return nil, "want true or false, got " + describe(raw)
}

// toIntIn accepts a whole number within the spec's range.
func toIntIn(s *spec, raw any) (any, string) {
	n, msg := toInt(raw)
	if msg != "" {
		return nil, msg
	}
	if f := float64(n); f < s.lo || f > s.hi {
		return nil, groupInt(n) + " is out of range"
	}
	return n, ""
}

// toFloatIn accepts a finite number within the spec's range.
func toFloatIn(s *spec, raw any) (any, string) {
	x, msg := toFloat(raw)
	if msg != "" {
		return nil, msg
	}
	if x < s.lo || x > s.hi || s.hiOpen && x == s.hi {
		return nil, strconv.FormatFloat(x, 'g', -1, 64) + " is out of range"
	}
	return x, ""
}

// toMoneyRange accepts [min, max] amounts with min <= max.
func toMoneyRange(raw any) (any, string) {
	arr, isArr := raw.([]any)
	if !isArr || len(arr) != 2 {
		return nil, "want [min, max], got " + describe(raw)
	}
	var r [2]model.Cents
	for i, e := range arr {
		c, msg := toMoney(e)
		if msg != "" {
			return nil, [...]string{"min: ", "max: "}[i] + msg
		}
		r[i] = c
	}
	if r[0] > r[1] {
		return nil, fmt.Sprintf("min %s is above max %s", model.FormatCents(r[0]), model.FormatCents(r[1]))
	}
	return r, ""
}

// toDate accepts a TOML local date within the format's years, as a UTC
// midnight.
func toDate(s *spec, raw any) (any, string) {
	x, isTime := raw.(time.Time)
	if !isTime {
		if str, isStr := raw.(string); isStr {
			if _, err := time.Parse(time.DateOnly, str); err == nil {
				return nil, "want a date without quotes, as in " + s.name + " = " + str
			}
		}
		return nil, "want a date such as 2025-01-01, got " + describe(raw)
	}
	if x.Location().String() != "date-local" {
		return nil, "want a date alone, without a time or zone, got " + describe(raw)
	}
	if x.Year() < minYear || x.Year() > maxYear {
		return nil, x.Format(time.DateOnly) + " is out of range"
	}
	return utcDate(x), ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// toInt accepts a TOML integer, or a float with no fractional part (so
// that 1e5 reads as 100000).
func toInt(raw any) (int64, string) {
	switch x := raw.(type) {
	case int64:
		return x, ""
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) || math.IsNaN(x) {
			return 0, "want a whole number, got " + describe(raw)
		}
		if math.Abs(x) > 1<<53 {
			return 0, strconv.FormatFloat(x, 'g', -1, 64) + " is out of range"
		}
		return int64(x), ""
	}
	return 0, "want a whole number, got " + describe(raw)
}

// toFloat accepts any finite TOML number.
func toFloat(raw any) (float64, string) {
	switch x := raw.(type) {
	case int64:
		return float64(x), ""
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, "want a finite number, got " + describe(raw)
		}
		return x, ""
	}
	return 0, "want a number, got " + describe(raw)
}

// toMoney reads an amount in currency units, whole or not, as cents.
func toMoney(raw any) (model.Cents, string) {
	switch v := raw.(type) {
	case int64:
		return toCents(float64(v))
	case float64:
		return toCents(v)
	}
	return 0, "want an amount such as 5.00, got " + describe(raw)
}

// toCents converts currency units to cents. Amounts are refused rather
// than rounded when they have more than 2 decimals: a price of 14.388 is
// more likely a computation pasted in than a price.
func toCents(x float64) (model.Cents, string) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, "want a finite amount, got " + strconv.FormatFloat(x, 'g', -1, 64)
	}
	if x < 0 {
		return 0, strconv.FormatFloat(x, 'f', -1, 64) + " is negative"
	}
	if x > float64(maxMoney) {
		return 0, strconv.FormatFloat(x, 'f', -1, 64) + " is out of range"
	}
	return centsOf(x)
}

// utcDate keeps a date's calendar day as a UTC midnight, as the model
// wants it.
func utcDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// value returns key k of tbl as the Go type V its TOML type decodes to,
// or its default when it is absent or bad (the problem is then already
// recorded), or V's zero value when it has no default.
func value[V any](d *decoder, tbl *table, k string) V {
	if v, ok := d.get(tbl, k); ok {
		return v.(V)
	}
	if s := lookup(tbl.name, k); s != nil && s.def != nil {
		return s.def.(V)
	}
	var zero V
	return zero
}

func (d *decoder) int(tbl *table, k string) int        { return int(value[int64](d, tbl, k)) }
func (d *decoder) float(tbl *table, k string) float64  { return value[float64](d, tbl, k) }
func (d *decoder) str(tbl *table, k string) string     { return value[string](d, tbl, k) }
func (d *decoder) bool(tbl *table, k string) bool      { return value[bool](d, tbl, k) }
func (d *decoder) date(tbl *table, k string) time.Time { return value[time.Time](d, tbl, k) }

// money is value for amounts, whose defaults are written in currency
// units.
func (d *decoder) money(tbl *table, k string) model.Cents {
	if v, ok := d.get(tbl, k); ok {
		return v.(model.Cents)
	}
	if s := lookup(tbl.name, k); s != nil && s.def != nil {
		c, _ := toCents(s.def.(float64))
		return c
	}
	return 0
}

// enum reads a choice and maps it to the model's value with parse.
func enum[T any](d *decoder, tbl *table, k string, parse func(string) (T, error)) T {
	v, err := parse(d.str(tbl, k))
	if err != nil {
		// Only reachable for a choice without a default that is
		// missing or bad, which is already reported.
		var zero T
		return zero
	}
	return v
}

// checkText reports names that are empty, too long or not one line.
func checkText(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "is empty"
	case utf8.RuneCountInString(s) > maxNameLen:
		return fmt.Sprintf("is %d characters long", utf8.RuneCountInString(s))
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return "contains a line break or control character"
	}
	return ""
}

// checkID reports ids that cannot serve as a product id: they appear in
// CSV columns, series names and --set paths (product.ID.key), so they are
// kept to letters, digits, '-' and '_'.
func checkID(id string) string {
	switch {
	case id == "":
		return "is empty"
	case utf8.RuneCountInString(id) > maxIDLen:
		return fmt.Sprintf("is %d characters long", utf8.RuneCountInString(id))
	case strings.HasPrefix(id, model.GrowthPrefix):
		return fmt.Sprintf("starts with %q, which names the products added during a run", model.GrowthPrefix)
	}
	for _, r := range id {
		if r >= utf8.RuneSelf || !isBare(byte(r)) {
			return fmt.Sprintf("contains %q", string(r))
		}
	}
	return ""
}
