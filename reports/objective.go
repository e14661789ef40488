package reports

import (
	"fmt"
	"strconv"
	"strings"

	"licsim/model"
)

// Objective is what a selection minimises: a weighted sum of metrics,
// such as total_cost, or org_spend+0.5*buyer_spend. Money metrics count
// in currency units.
type Objective struct {
	Text  string
	Terms []ObjectiveTerm
}

// ObjectiveTerm is one weighted metric of an Objective.
type ObjectiveTerm struct {
	Weight float64
	Metric model.Metric
}

// ParseObjective reads "METRIC" or a sum "W*METRIC+METRIC-W*METRIC..."
// of metric names (summary.json's) with optional weights (plain
// decimals: 0.5, not 5e-1).
func ParseObjective(s string) (*Objective, error) {
	text := strings.ReplaceAll(s, " ", "")
	if text == "" {
		return nil, fmt.Errorf("objective: empty; want a metric such as total_cost, or a sum such as org_spend+0.5*buyer_spend")
	}
	o := &Objective{Text: text}
	rest := text
	for rest != "" {
		sign := 1.0
		switch rest[0] {
		case '+':
			rest = rest[1:]
		case '-':
			sign, rest = -1, rest[1:]
		}
		end := strings.IndexAny(rest, "+-")
		term := rest
		if end >= 0 {
			term, rest = rest[:end], rest[end:]
		} else {
			rest = ""
		}
		w, name := 1.0, term
		if ws, n, ok := strings.Cut(term, "*"); ok {
			v, err := strconv.ParseFloat(ws, 64)
			if err != nil || v != v || v > 1e12 || v < -1e12 {
				return nil, fmt.Errorf("objective %q: weight %q is not a number", s, ws)
			}
			w, name = v, n
		}
		m, ok := model.MetricByName(name)
		if !ok {
			return nil, fmt.Errorf("objective %q: unknown metric %q; the money metrics are total_cost, company_cost, buyer_spend, org_spend, stranded_spend", s, name)
		}
		o.Terms = append(o.Terms, ObjectiveTerm{Weight: sign * w, Metric: m})
	}
	return o, nil
}

// Money reports whether every term is an amount.
func (o *Objective) Money() bool {
	for _, t := range o.Terms {
		if !t.Metric.Money() {
			return false
		}
	}
	return true
}

// Value is the objective of one replication, money in currency units.
func (o *Objective) Value(r *model.Result) float64 {
	v := 0.0
	for _, t := range o.Terms {
		v += t.Weight * value(t.Metric.Money(), r.Get(t.Metric))
	}
	return v
}

// Value is a replication's total of m in report units: money in currency
// units, counts as they are.
func Value(m model.Metric, r model.Result) float64 { return value(m.Money(), r.Get(m)) }
