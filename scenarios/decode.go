package scenarios

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"licsim/model"
)

// decoder builds a model.Config from a parsed TOML tree and collects
// every problem on the way, so that a user sees them all at once. It
// never stops at the first problem: a bad value is reported and replaced
// by its default so that the checks that depend on it can still run.
type decoder struct {
	file  string
	lines lineIndex
	sets  map[string]string // path → the --set override that gave its value
	probs []*Problem
}

// table is one TOML table of the file being decoded.
type table struct {
	name  string // its spec table: "", "population", "product", ...
	path  string // where it is: "", "population", "product[2]"
	label string // how messages call it: "product[2] (visio-plan-1)"
	m     map[string]any
}

func (t *table) keyPath(k string) string {
	if t.path == "" {
		return k
	}
	return t.path + "." + k
}

func (t *table) keyLabel(k string) string {
	if t.label == "" {
		return k
	}
	return t.label + "." + k
}

// report records a problem with the value at path.
func (d *decoder) report(path, label, msg, allowed string) {
	p := &Problem{File: d.file, Key: label, Msg: msg, Allowed: allowed}
	if s, ok := d.sets[path]; ok {
		p.Set = s
	} else {
		p.Line = d.lines.line(path)
	}
	d.probs = append(d.probs, p)
}

// bad records a problem with key k of table t.
func (d *decoder) bad(t *table, k, msg, allowed string) {
	d.report(t.keyPath(k), t.keyLabel(k), msg, allowed)
}

// unknown reports every key of t that the format does not have, in file
// order, with a suggestion when one is close.
func (d *decoder) unknown(t *table) {
	var keys []string
	for k := range t.m {
		if lookup(t.name, k) != nil {
			continue
		}
		if _, isTable := tables[k]; isTable && t.name == tTop {
			continue
		}
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := d.lines.line(t.keyPath(keys[i])), d.lines.line(t.keyPath(keys[j]))
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		d.bad(t, k, "unknown key"+suggest(t.name, k), "")
	}
}

// suggest offers the nearest known key, in this table or another one.
func suggest(tbl, k string) string {
	best, bestD := "", 3
	for _, s := range tableSpecs[tbl] {
		if dist := editDistance(k, s.name); dist < bestD {
			best, bestD = s.name, dist
		}
	}
	if tbl == tTop {
		for name := range tables {
			if dist := editDistance(k, name); dist < bestD {
				best, bestD = name, dist
			}
		}
	}
	if best != "" {
		return fmt.Sprintf("; did you mean %s?", best)
	}
	for _, other := range tableOrder {
		if other == tbl {
			continue
		}
		if lookup(other, k) != nil {
			where := "at the top of the file, before any [table]"
			if other != tTop {
				where = "in [" + other + "]"
				if tables[other] {
					where = "in [[" + other + "]]"
				}
			}
			return fmt.Sprintf("; %s belongs %s", k, where)
		}
	}
	if tbl != tTop && len(tableSpecs[tbl]) <= 12 {
		names := make([]string, len(tableSpecs[tbl]))
		for i, s := range tableSpecs[tbl] {
			names[i] = s.name
		}
		return " (known keys: " + strings.Join(names, ", ") + ")"
	}
	return "; see scenarios/README.md for every key"
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// sub returns the table name of root; an absent table is empty.
func (d *decoder) sub(root *table, name string) *table {
	t := &table{name: name, path: name, label: name, m: map[string]any{}}
	switch v := root.m[name].(type) {
	case nil:
	case map[string]any:
		t.m = v
	default:
		d.report(name, name, fmt.Sprintf("want a table [%s], got %s", name, describe(v)), "")
	}
	return t
}

// array returns the elements of the array of tables name ([[product]]).
func (d *decoder) array(root *table, name string) []*table {
	var elems []map[string]any
	switch v := root.m[name].(type) {
	case nil:
	case []map[string]any:
		elems = v
	case []any:
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				d.report(name, name, fmt.Sprintf("element %d: want a table, got %s", i+1, describe(e)), "")
				continue
			}
			elems = append(elems, m)
		}
	default:
		d.report(name, name, fmt.Sprintf("want an array of tables [[%s]], got %s", name, describe(v)), "")
	}
	out := make([]*table, len(elems))
	for i, m := range elems {
		p := fmt.Sprintf("%s[%d]", name, i+1)
		out[i] = &table{name: name, path: p, label: p, m: m}
	}
	return out
}

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

// get returns key k of t converted to its spec's kind, or (nil, false)
// when absent. A value of the wrong type or out of range is reported and
// returned as absent, so that the caller falls back to the default.
func (d *decoder) get(t *table, k string) (any, bool) {
	s := lookup(t.name, k)
	raw, ok := t.m[k]
	if s == nil || !ok {
		return nil, false
	}
	v, msg := convert(s, raw)
	if msg != "" {
		d.bad(t, k, msg, s.allowedText())
		return nil, false
	}
	return v, true
}

// convert checks a raw TOML value against a spec: type, then range.
func convert(s *spec, raw any) (any, string) {
	switch s.kind {
	case kString, kEnum:
		x, ok := raw.(string)
		if !ok {
			return nil, "want text in quotes, got " + describe(raw)
		}
		if s.kind == kEnum && !contains(s.choices, x) {
			msg := strconv.Quote(x) + " is not one of the choices"
			for _, c := range s.choices {
				if editDistance(strings.ToLower(x), c) <= 2 {
					msg += "; did you mean " + strconv.Quote(c) + "?"
					break
				}
			}
			return nil, msg
		}
		return x, ""
	case kBool:
		x, ok := raw.(bool)
		if !ok {
			if str, isStr := raw.(string); isStr && (str == "true" || str == "false") {
				return nil, "want true or false without quotes, got " + describe(raw)
			}
			return nil, "want true or false, got " + describe(raw)
		}
		return x, ""
	case kInt:
		n, msg := toInt(raw)
		if msg != "" {
			return nil, msg
		}
		if f := float64(n); f < s.lo || f > s.hi {
			return nil, groupInt(n) + " is out of range"
		}
		return n, ""
	case kFloat:
		x, msg := toFloat(raw)
		if msg != "" {
			return nil, msg
		}
		if x < s.lo || x > s.hi || s.hiOpen && x == s.hi {
			return nil, strconv.FormatFloat(x, 'g', -1, 64) + " is out of range"
		}
		return x, ""
	case kMoney:
		return toMoney(raw)
	case kMoneyRange:
		arr, ok := raw.([]any)
		if !ok || len(arr) != 2 {
			return nil, "want [min, max], got " + describe(raw)
		}
		var r [2]model.Cents
		for i, e := range arr {
			c, msg := toMoney(e)
			if msg != "" {
				return nil, [...]string{"min: ", "max: "}[i] + msg
			}
			r[i] = c.(model.Cents)
		}
		if r[0] > r[1] {
			return nil, fmt.Sprintf("min %s is above max %s", model.FormatCents(r[0]), model.FormatCents(r[1]))
		}
		return r, ""
	case kDate:
		x, ok := raw.(time.Time)
		if !ok {
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
	return nil, "unsupported key kind"
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

// toMoney reads an amount in currency units as cents.
func toMoney(raw any) (any, string) {
	var x float64
	switch v := raw.(type) {
	case int64:
		if v < 0 || v > maxMoney {
			return toCentsMsg(float64(v))
		}
		return model.Cents(v) * 100, ""
	case float64:
		x = v
	default:
		return nil, "want an amount such as 5.00, got " + describe(raw)
	}
	return toCentsMsg(x)
}

func toCentsMsg(x float64) (any, string) {
	c, msg := toCents(x)
	if msg != "" {
		return nil, msg
	}
	return c, ""
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
	if x > maxMoney {
		return 0, strconv.FormatFloat(x, 'f', -1, 64) + " is out of range"
	}
	c := math.Round(x * 100)
	if math.Abs(x*100-c) > 1e-6*math.Max(1, c) {
		return 0, strconv.FormatFloat(x, 'f', -1, 64) + " has more than 2 decimals"
	}
	return model.Cents(c), ""
}

// utcDate keeps a date's calendar day as a UTC midnight, as the model
// wants it.
func utcDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// value returns key k of t as the Go type V its TOML type decodes to, or
// its default when it is absent or bad (the problem is then already
// recorded), or V's zero value when it has no default.
func value[V any](d *decoder, t *table, k string) V {
	if v, ok := d.get(t, k); ok {
		return v.(V)
	}
	if s := lookup(t.name, k); s != nil && s.def != nil {
		return s.def.(V)
	}
	var zero V
	return zero
}

func (d *decoder) int(t *table, k string) int        { return int(value[int64](d, t, k)) }
func (d *decoder) float(t *table, k string) float64  { return value[float64](d, t, k) }
func (d *decoder) str(t *table, k string) string     { return value[string](d, t, k) }
func (d *decoder) bool(t *table, k string) bool      { return value[bool](d, t, k) }
func (d *decoder) date(t *table, k string) time.Time { return value[time.Time](d, t, k) }

func (d *decoder) money(t *table, k string) model.Cents {
	if v, ok := d.get(t, k); ok {
		return v.(model.Cents)
	}
	if s := lookup(t.name, k); s != nil && s.def != nil {
		c, _ := toCents(s.def.(float64))
		return c
	}
	return 0
}

// enum reads a choice and maps it to the model's value with parse.
func enum[T any](d *decoder, t *table, k string, parse func(string) (T, error)) T {
	v, err := parse(d.str(t, k))
	if err != nil {
		// Only reachable for a choice without a default that is
		// missing or bad, which is already reported.
		var zero T
		return zero
	}
	return v
}

// has reports whether key k is written in t (whatever its value).
func (t *table) has(k string) bool {
	_, ok := t.m[k]
	return ok
}

// required reports key k of t as missing, when it is.
func (d *decoder) required(t *table, k, why string) bool {
	if t.has(k) {
		return true
	}
	s := lookup(t.name, k)
	msg := "missing"
	if why != "" {
		msg += ": " + why
	}
	allowed := ""
	if s != nil {
		allowed = s.allowedText()
		if s.example != "" {
			allowed += "; for example " + s.name + " = " + s.example
		}
	}
	d.bad(t, k, msg, allowed)
	return false
}

// checkText reports names that are empty, too long or not one line.
func checkText(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "is empty"
	case len(s) > maxNameLen:
		return fmt.Sprintf("is %d characters long", len(s))
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
	case len(id) > maxIDLen:
		return fmt.Sprintf("is %d characters long", len(id))
	case strings.HasPrefix(id, growthPrefix):
		return fmt.Sprintf("starts with %q, which names the products added during a run", growthPrefix)
	}
	for i := 0; i < len(id); i++ {
		if !isBare(id[i]) {
			return fmt.Sprintf("contains %q", id[i:i+1])
		}
	}
	return ""
}

// config decodes the whole file.
func (d *decoder) config(root map[string]any) *model.Config {
	top := &table{name: tTop, m: root}
	d.unknown(top)
	cfg := &model.Config{}

	if d.required(top, "name", "a short title for reports") {
		cfg.Name = d.str(top, "name")
		if msg := checkText(cfg.Name); msg != "" && top.has("name") {
			if _, isStr := top.m["name"].(string); isStr {
				d.bad(top, "name", "the name "+msg, lookup(tTop, "name").allowedText())
			}
		}
	}
	if d.required(top, "start", "day 0 of the simulation") {
		cfg.Start = d.date(top, "start")
	}
	cfg.Months = d.int(top, "months")
	cfg.Currency = d.str(top, "currency")
	if c := cfg.Currency; len(c) != 3 || strings.ToUpper(c) != c || strings.IndexFunc(c, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		d.bad(top, "currency", strconv.Quote(c)+" is not a currency code", lookup(tTop, "currency").allowedText())
		cfg.Currency = "USD"
	}
	cfg.Seed = uint64(d.int(top, "seed"))
	cfg.Replications = d.int(top, "replications")

	d.population(d.sub(top, tPopulation), cfg)
	d.admin(d.sub(top, tAdmin), cfg)
	ids := d.products(d.array(top, tProduct), cfg)
	d.changes(d.array(top, tChange), cfg, ids)
	d.growth(d.sub(top, tGrowth), cfg)
	d.limits(cfg)
	return cfg
}

func (d *decoder) population(t *table, cfg *model.Config) {
	d.unknown(t)
	p := &cfg.Population
	p.Headcount = d.int(t, "headcount")
	p.Admins = d.int(t, "admins")
	if p.Admins > p.Headcount {
		d.bad(t, "admins", fmt.Sprintf("%s admins but a headcount of %s: admins are employees", groupInt(int64(p.Admins)), groupInt(int64(p.Headcount))),
			"0 to headcount")
		p.Admins = p.Headcount
	}
	p.HiresPerMonth = d.float(t, "hires_per_month")
	p.AttritionPerYear = d.float(t, "attrition_per_year")
}

func (d *decoder) admin(t *table, cfg *model.Config) {
	d.unknown(t)
	a := &cfg.Admin
	a.ReviewEveryDays = d.int(t, "review_every_days")
	a.OnReview = enum(d, t, "on_review", model.ParseAction)
	a.WhenShort = enum(d, t, "when_short", model.ParseShort)
	a.NotifyDelivery = d.float(t, "notify_delivery")
	a.OnNotice = enum(d, t, "on_notice", model.ParseAction)
	a.NoticeDelayDays = d.int(t, "notice_delay_days")
	a.OnDeparture = enum(d, t, "on_departure", model.ParseDeparture)
	a.DepartureDelayDays = d.int(t, "departure_delay_days")
	a.RequestApproval = d.float(t, "request_approval")
	a.RequestDelayDays = d.int(t, "request_delay_days")
	a.DisableNewAfterDays = d.int(t, "disable_new_after_days")
	a.CancelFault = d.float(t, "cancel_fault")
}

func (d *decoder) behaviour(t *table, b *model.Behaviour) {
	b.InterestPerYear = d.float(t, "interest_per_year")
	b.CardGiven = d.float(t, "card_given")
	b.AutorenewOffInTrial = d.float(t, "autorenew_off_in_trial")
	b.ExtendTrial = d.float(t, "extend_trial")
	b.MonthlyTerm = d.float(t, "monthly_term")
	b.AnnualBilling = enum(d, t, "annual_billing", model.ParseBilling)
	b.SeatsMean = d.float(t, "seats_mean")
	b.QuitPerYear = d.float(t, "quit_per_year")
	b.SeatChangePerYear = d.float(t, "seat_change_per_year")
	b.RequestWhenBlocked = d.float(t, "request_when_blocked")
	b.LeaverStopsRenewal = d.float(t, "leaver_stops_renewal")
}

// products decodes every [[product]] and returns the ids written in the
// file, valid or not, so that policy changes naming them are not
// reported twice.
func (d *decoder) products(ts []*table, cfg *model.Config) map[string]bool {
	ids := map[string]bool{}
	first := map[string]string{} // id → label of the product that used it first
	if len(ts) > model.MaxProducts {
		d.report(tProduct, tProduct, fmt.Sprintf("%d products", len(ts)), fmt.Sprintf("at most %d", model.MaxProducts))
		ts = ts[:model.MaxProducts]
	}
	for _, t := range ts {
		var p model.Product
		if d.required(t, "id", "every product needs an id") {
			p.ID = d.str(t, "id")
			ids[p.ID] = true
			if msg := checkID(p.ID); msg != "" {
				if _, isStr := t.m["id"].(string); isStr {
					d.bad(t, "id", strconv.Quote(p.ID)+" "+msg, lookup(tProduct, "id").allowedText())
				}
			} else {
				t.label = fmt.Sprintf("%s (%s)", t.path, p.ID)
				if prev, dup := first[p.ID]; dup {
					d.bad(t, "id", fmt.Sprintf("%q is already the id of %s", p.ID, prev), "an id used by one product only")
				} else {
					first[p.ID] = t.path
				}
			}
		}
		d.unknown(t)
		cat, err := catalogProduct(p.ID)
		if err != nil {
			d.bad(t, "id", "the built-in catalog is broken: "+err.Error(), "")
		}
		d.product(t, cfg, &p, cat)
		cfg.Products = append(cfg.Products, p)
	}
	return ids
}

// product decodes one [[product]]; cat is its catalog entry, if any.
func (d *decoder) product(t *table, cfg *model.Config, p *model.Product, cat *CatalogProduct) {
	notInCatalog := "required for a product that is not in the built-in catalog (see licsim catalog)"
	switch {
	case t.has("name"):
		p.Name = d.str(t, "name")
		if msg := checkText(p.Name); msg != "" {
			if _, isStr := t.m["name"].(string); isStr {
				d.bad(t, "name", "the name "+msg, lookup(tProduct, "name").allowedText())
			}
		}
	case cat != nil:
		p.Name = cat.Name
	default:
		p.Name = p.ID
	}
	switch {
	case t.has("added"):
		p.Added = d.date(t, "added")
	case cat != nil:
		p.Added = cat.Added
	case p.ID != "":
		d.required(t, "added", notInCatalog)
	}
	p.Policy = enum(d, t, "policy", model.ParsePolicy)
	switch {
	case t.has("trial_days"):
		p.TrialDays = d.int(t, "trial_days")
	case cat != nil:
		p.TrialDays = cat.TrialDays
	default:
		p.TrialDays = 30
	}
	switch {
	case t.has("trial_needs_card"):
		p.TrialNeedsCard = d.bool(t, "trial_needs_card")
	case cat != nil:
		p.TrialNeedsCard = cat.TrialNeedsCard
	default:
		p.TrialNeedsCard = true
	}
	var catMonthly model.Cents
	switch {
	case t.has("price_annual"):
		p.PriceAnnual = d.money(t, "price_annual")
	case cat != nil:
		p.PriceAnnual, catMonthly = cat.PriceAt(cfg.Start)
		if cfg.Currency != CatalogCurrency {
			inherited := "price_annual"
			if !t.has("price_monthly") {
				inherited += " and price_monthly"
			}
			d.bad(t, "price_annual", fmt.Sprintf("the built-in catalog's prices are in %s but the scenario's currency is %s; give %s in %s",
				CatalogCurrency, cfg.Currency, inherited, cfg.Currency), "")
		}
	case p.ID != "":
		d.required(t, "price_annual", notInCatalog)
	}
	switch {
	case t.has("price_monthly"):
		p.PriceMonthly = d.money(t, "price_monthly")
	case cat != nil && !t.has("price_annual"):
		p.PriceMonthly = catMonthly
	default:
		p.PriceMonthly = monthlyPremium(p.PriceAnnual)
	}
	p.OrgPrice = p.PriceAnnual
	if t.has("org_price") {
		p.OrgPrice = d.money(t, "org_price")
	}
	p.OrgSpare = d.int(t, "org_spare")
	d.behaviour(t, &p.Behaviour)
}

func (d *decoder) changes(ts []*table, cfg *model.Config, ids map[string]bool) {
	for _, t := range ts {
		d.unknown(t)
		var c model.PolicyChange
		if d.required(t, "date", "") {
			c.Date = d.date(t, "date")
		}
		if d.required(t, "product", `a product id, or "*" for every product`) {
			c.Product = d.str(t, "product")
			if _, isStr := t.m["product"].(string); isStr && c.Product != model.AllProducts && !ids[c.Product] {
				known := make([]string, 0, len(cfg.Products)+1)
				known = append(known, model.AllProducts)
				for _, p := range cfg.Products {
					if p.ID != "" {
						known = append(known, p.ID)
					}
				}
				allowed := strings.Join(known, ", ")
				if len(known) > 12 {
					allowed = strings.Join(known[:12], ", ") + ", ..."
				}
				d.bad(t, "product", strconv.Quote(c.Product)+" is not a product of this scenario", allowed)
			}
		}
		if d.required(t, "policy", "") {
			c.Policy = enum(d, t, "policy", model.ParsePolicy)
		}
		cfg.PolicyChanges = append(cfg.PolicyChanges, c)
	}
}

func (d *decoder) growth(t *table, cfg *model.Config) {
	d.unknown(t)
	g := &cfg.Growth
	g.PerYear = d.float(t, "per_year")
	def := lookup(tGrowth, "price_annual").def.([2]float64)
	g.PriceAnnualMin, _ = toCents(def[0])
	g.PriceAnnualMax, _ = toCents(def[1])
	if v, ok := d.get(t, "price_annual"); ok {
		r := v.([2]model.Cents)
		g.PriceAnnualMin, g.PriceAnnualMax = r[0], r[1]
	} else if !t.has("price_annual") && g.PerYear > 0 && cfg.Currency != CatalogCurrency {
		d.bad(t, "price_annual", fmt.Sprintf("the default range [%.2f, %.2f] is in %s but the scenario's currency is %s; give it in %s",
			def[0], def[1], CatalogCurrency, cfg.Currency, cfg.Currency), "")
	}
	g.MonthlyPremium = d.float(t, "monthly_premium")
	g.TrialDays = d.int(t, "trial_days")
	g.TrialNeedsCard = d.bool(t, "trial_needs_card")
	d.behaviour(t, &g.Behaviour)
}

// limits checks what depends on several keys: the model's own size
// limits (see model.Check) and the memory a run will take.
func (d *decoder) limits(cfg *model.Config) {
	p := cfg.Population
	if model.EmployeeBound(cfg) > model.MaxEmployees {
		d.report("population", "population",
			fmt.Sprintf("headcount %s plus twice the expected hires over %d months plus 1,000 exceeds the model's limit of %s employees",
				groupInt(int64(p.Headcount)), cfg.Months, groupInt(model.MaxEmployees)),
			"lower headcount, hires_per_month or months")
	}
	if model.ProductBound(cfg) > model.MaxProducts {
		d.report("catalog_growth.per_year", "catalog_growth.per_year",
			fmt.Sprintf("%d configured products plus up to %s added over %d months (three times the expected number) may exceed the model's limit of %s products",
				len(cfg.Products), groupInt(int64(model.GrowthBound(cfg))), cfg.Months, groupInt(model.MaxProducts)),
			"lower per_year, months or the number of products")
	}
	if len(d.probs) > 0 {
		return
	}
	// One worker: the message then depends only on the file and the
	// machine's memory, and the estimate is generous enough to leave
	// room for a second worker (see EstimateMemory).
	if need, limit := model.EstimateMemory(cfg, 1), memoryLimit(); need > limit {
		key := "replications"
		if r := model.ResultBytes(cfg); r < need/2 {
			key = "population.headcount"
		}
		d.report(key, key, fmt.Sprintf("a run would need about %s of memory (%s); this machine allows %s",
			bytesText(need), explainMemory(cfg), bytesText(limit)),
			"lower population.headcount, months or replications")
	}
}
