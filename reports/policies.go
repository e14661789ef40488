package reports

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"licsim/model"
	"licsim/reports/rs"
)

// Policies is an N-way comparison of policies (scenarios) run on common
// random numbers: replication r of every policy used seed Mix(seed, r).
// The first policy is the status quo that the others are measured
// against. Policies may have different replication counts when a
// sequential selection stopped some early: each mean is over a policy's
// own replications, each difference over the replications both have.
type Policies struct {
	Header   // the first policy's; Replications is the most any policy ran
	Names    []string
	Reps     []int
	Metrics  []PolicyMetric // model.Metrics() order
	Selected *Selected      // nil when no objective was given
	// Warnings are what the command warned of: policies that configure
	// the same simulation, settings that degrade silently. compare.json
	// and the report repeat them.
	Warnings []string
}

// PolicyMetric is one metric across the policies.
type PolicyMetric struct {
	Metric model.Metric
	Each   []Stats // over each policy's replications
	// Diff[i] describes the paired differences policy i − first over
	// their common replications (Diff[0] is all zero).
	Diff []Stats
	// PerYear[i] is Diff[i].Mean ÷ months × 12: what policy i costs more
	// (negative: saves) per year than the first.
	PerYear []float64
}

// Get returns metric m across the policies.
func (p *Policies) Get(m model.Metric) PolicyMetric {
	for _, d := range p.Metrics {
		if d.Metric == m {
			return d
		}
	}
	return PolicyMetric{Metric: m}
}

// Selected is the result of a ranking-and-selection run (rs.KN) on an
// objective, in the words a decision needs.
type Selected struct {
	Objective  *Objective
	Confidence float64 // 1 − α
	Delta      float64 // indifference zone, in the objective's unit
	N0         int
	MaxReps    int
	*rs.Selection
	FixedN int // replications per policy of the fixed-n procedure of the same confidence
}

// Statement is the selection's conclusion as a sentence.
func (p *Policies) Statement() string {
	s := p.Selected
	if s == nil {
		return ""
	}
	money := s.Objective.Money()
	delta := Human(s.Delta, money, p.currencyIf(money))
	conf := fmt.Sprintf("%g%%", s.Confidence*100)
	switch {
	case s.Best == 0:
		return fmt.Sprintf("no policy is better than %s by more than %s on %s (probability ≥ %s)", p.Names[0], delta, s.Objective.Text, conf)
	case s.Best > 0:
		return fmt.Sprintf("%s is best on %s with probability ≥ %s within %s", p.Names[s.Best], s.Objective.Text, conf, delta)
	case s.Tie:
		return fmt.Sprintf("no policy is named best: %s gave exactly the same %s in every replication", p.list(s.Survivors), s.Objective.Text)
	default:
		lead := s.Survivors[0]
		for _, i := range s.Survivors {
			if mean(s.Outputs[i][:s.Reps[i]]) < mean(s.Outputs[lead][:s.Reps[lead]]) {
				lead = i
			}
		}
		return fmt.Sprintf("no policy is named best: %s were not separated by %s within --max-reps %d (lowest mean so far: %s, without a guarantee)", p.list(s.Survivors), delta, s.MaxReps, p.Names[lead])
	}
}

func (p *Policies) currencyIf(money bool) string {
	if money {
		return p.Currency
	}
	return ""
}

func (p *Policies) list(idx []int) string {
	var names []string
	for _, i := range idx {
		names = append(names, p.Names[i])
	}
	return strings.Join(names, ", ")
}

func mean(xs []float64) float64 {
	m, _ := rs.HalfWidth(xs)
	return m
}

// ComparePolicies pairs replication r of every policy with replication r
// of the first. results[i] are policy i's totals in replication order
// from 0. Differences are taken in integer units before any division, so
// a policy compared with itself differs by exactly zero.
func ComparePolicies(cfgs []*model.Config, results [][]Totals) (*Policies, error) {
	if len(cfgs) != len(results) || len(cfgs) < 2 {
		return nil, fmt.Errorf("compare: %d configurations and %d result sets: need two or more of each", len(cfgs), len(results))
	}
	p := &Policies{Reps: make([]int, len(cfgs))}
	most := 0
	for i, cfg := range cfgs {
		p.Names = append(p.Names, cfg.Name)
		p.Reps[i] = len(results[i])
		most = max(most, len(results[i]))
		for r := range results[i] {
			if results[i][r].Rep != r || r < len(results[0]) && results[i][r].Seed != results[0][r].Seed {
				return nil, fmt.Errorf("compare: replication %d of %s is not paired with replication %d of %s", r, cfg.Name, r, cfgs[0].Name)
			}
		}
	}
	p.Header = headerOf(cfgs[0], most)
	for _, m := range model.Metrics() {
		pm := PolicyMetric{Metric: m}
		for i := range cfgs {
			xs := make([]float64, len(results[i]))
			for r := range xs {
				xs[r] = value(m.Money(), results[i][r].Get(m))
			}
			pm.Each = append(pm.Each, Describe(xs))
			n := min(len(results[i]), len(results[0]))
			d := make([]float64, n)
			for r := range d {
				d[r] = value(m.Money(), results[i][r].Get(m)-results[0][r].Get(m))
			}
			ds := Describe(d)
			pm.Diff = append(pm.Diff, ds)
			pm.PerYear = append(pm.PerYear, ds.Mean/float64(cfgs[0].Months)*12)
		}
		p.Metrics = append(p.Metrics, pm)
	}
	return p, nil
}

// PolicyHeadline are the metrics a comparison of policies leads with.
var PolicyHeadline = []model.Metric{model.TotalCost, model.CompanyCost, model.BuyerSpend, model.OrgSpend, model.StrandedSpend}

// PrintPolicies writes, per headline metric, each policy's mean with its
// 95% CI, its paired difference to the first with its CI, and the saving
// per year; then the selection's conclusion.
func PrintPolicies(w io.Writer, p *Policies) {
	fmt.Fprintf(w, "status quo: %s\n", p.Names[0])
	for i, n := range p.Names[1:] {
		fmt.Fprintf(w, "policy %d:   %s\n", i+2, n)
	}
	fmt.Fprintf(w, "paired replications (common random numbers) · seed %d · %d months · %s\n", p.Seed, p.Months, p.Currency)
	for _, m := range PolicyHeadline {
		pm := p.Get(m)
		fmt.Fprintf(w, "\n%s%s\n", label(m), unitSuffix(m, p.Currency))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "\treps\tmean\t95%% CI\t− status quo\t95%% CI of difference\tsaves per year\t\n")
		for i, name := range p.Names {
			f := func(x float64) string { return Human(x, m.Money(), "") }
			e, d := pm.Each[i], pm.Diff[i]
			if i == 0 {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s – %s\t\t\t\t\n", name, p.Reps[i], f(e.Mean), f(e.CI95[0]), f(e.CI95[1]))
				continue
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s – %s\t%s\t%s – %s\t%s\t\n", name, p.Reps[i], f(e.Mean), f(e.CI95[0]), f(e.CI95[1]),
				signed(d.Mean, m.Money()), signed(d.CI95[0], m.Money()), signed(d.CI95[1], m.Money()), signed(-pm.PerYear[i], m.Money()))
		}
		tw.Flush()
	}
	if s := p.Selected; s != nil {
		fmt.Fprintf(w, "\nselection (Kim–Nelson, δ = %s, n0 = %d): %s\n", Human(s.Delta, s.Objective.Money(), p.currencyIf(s.Objective.Money())), s.N0, p.Statement())
		var parts []string
		for i, n := range p.Names {
			parts = append(parts, fmt.Sprintf("%s %d", n, s.Reps[i]))
		}
		fmt.Fprintf(w, "replications needed: %s (%d in all; a fixed-n comparison of the same confidence: %d × %d = %d)\n",
			strings.Join(parts, ", "), s.Used(), s.FixedN, len(p.Names), s.FixedN*len(p.Names))
		if s.Best >= 0 {
			pm := p.Get(model.TotalCost)
			if s.Best > 0 {
				fmt.Fprintf(w, "%s saves %s per year in total cost against %s\n", p.Names[s.Best], Human(-pm.PerYear[s.Best], true, p.Currency), p.Names[0])
			}
		}
	}
}
