package reports

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"
)

// Input is one uncertain input of a sensitivity analysis: a scenario key
// (as --set takes it) and the range it may take.
type Input struct {
	Key    string
	Lo, Hi float64
	From   string // where the range came from: FromDefault, FromInput, or the scenario's file:line
}

// Where an input's range came from, when not from the scenario.
const (
	FromDefault = "default"
	FromInput   = "--input"
)

// ChooseInputs picks what a sensitivity analysis varies: the scenario's
// own [[uncertain]] inputs when it lists any, each --input replacing the
// one of its key or adding to them; without any in the scenario, the
// --input ones, or DefaultInputs when there are none either.
func ChooseInputs(scenario, flags []Input) []Input {
	if len(scenario) == 0 {
		if len(flags) == 0 {
			return slices.Clone(DefaultInputs)
		}
		return slices.Clone(flags)
	}
	out := slices.Clone(scenario)
	for _, in := range flags {
		if i := slices.IndexFunc(out, func(o Input) bool { return o.Key == in.Key }); i >= 0 {
			out[i] = in
		} else {
			out = append(out, in)
		}
	}
	return out
}

// ParseInput reads "KEY=LO:HI".
func ParseInput(s string) (Input, error) {
	key, rng, ok := strings.Cut(s, "=")
	los, his, ok2 := strings.Cut(rng, ":")
	lo, err1 := strconv.ParseFloat(strings.TrimSpace(los), 64)
	hi, err2 := strconv.ParseFloat(strings.TrimSpace(his), 64)
	if !ok || !ok2 || err1 != nil || err2 != nil || !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return Input{}, fmt.Errorf("input %q: want KEY=LO:HI with LO < HI, such as population.attrition_per_year=0.08:0.25", s)
	}
	return Input{Key: strings.TrimSpace(key), Lo: lo, Hi: hi, From: FromInput}, nil
}

// DefaultInputs are the behavioural assumptions a sensitivity analysis
// varies when the command names none: what employees do, which no
// tenant report shows, over ranges wide enough to be honest about it.
// product.* sets the key for every product at once.
var DefaultInputs = []Input{
	{"product.*.interest_per_year", 0.01, 0.06, FromDefault},
	{"product.*.card_given", 0.4, 0.8, FromDefault},
	{"product.*.autorenew_off_in_trial", 0.3, 0.7, FromDefault},
	{"product.*.quit_per_year", 0.15, 0.45, FromDefault},
	{"product.*.seats_mean", 1.0, 1.5, FromDefault},
	{"population.attrition_per_year", 0.08, 0.25, FromDefault},
}

// Evaluate runs the scenario with the inputs at the given values (one
// per input, in order) on the same seeds every time (common random
// numbers) and returns the mean objective.
type Evaluate func(ctx context.Context, values []float64) (float64, error)

// TornadoBar is one input's one-at-a-time swing.
type TornadoBar struct {
	Input
	Low, High float64 // mean objective at Lo and at Hi, the others at Base
}

// Swing is |High − Low|.
func (b TornadoBar) Swing() float64 { return math.Abs(b.High - b.Low) }

// MorrisEffect is one input's elementary-effects screening result
// (Morris 1991; μ* of Campolongo, Cariboni and Saltelli 2007), in the
// objective's unit per the input's whole range.
type MorrisEffect struct {
	Input
	MuStar float64 // mean |EE|: overall influence
	Mu     float64 // mean EE: sign of the influence
	Sigma  float64 // sd of EE: non-linearity or interactions
}

// Sensitivity is the result of a sensitivity analysis.
type Sensitivity struct {
	Scenario                   string
	Objective                  string
	Unit                       string
	Base                       float64        // mean objective of the scenario as written
	Tornado                    []TornadoBar   // by swing, largest first
	Morris                     []MorrisEffect // by μ*, largest first
	Levels, Trajectories, Reps int
}

// Tornado runs each input at its Lo and at its Hi, the others at base
// (the scenario's own values: nil entries of base mean "as written").
func Tornado(ctx context.Context, inputs []Input, eval func(ctx context.Context, key string, value float64) (float64, error)) ([]TornadoBar, error) {
	bars := make([]TornadoBar, len(inputs))
	for i, in := range inputs {
		lo, err := eval(ctx, in.Key, in.Lo)
		if err != nil {
			return nil, err
		}
		hi, err := eval(ctx, in.Key, in.Hi)
		if err != nil {
			return nil, err
		}
		bars[i] = TornadoBar{Input: in, Low: lo, High: hi}
	}
	slices.SortStableFunc(bars, func(a, b TornadoBar) int { return -cmpFloat(a.Swing(), b.Swing()) })
	return bars, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Morris screens the inputs by elementary effects (Morris, M. D. (1991),
// "Factorial sampling plans for preliminary computational experiments",
// Technometrics 33(2):161–174): r trajectories on a p-level grid of the
// unit cube, each moving one input at a time by Δ = p / (2(p − 1)) in a
// random order. The elementary effect of input i is
// (y(x + Δe_i) − y(x)) / Δ in units of the input's range; μ* = mean |EE|
// ranks the inputs (Campolongo, F., Cariboni, J. and Saltelli, A. (2007),
// "An effective screening design for sensitivity analysis of large
// models", Environmental Modelling & Software 22(10):1509–1518) and σ
// flags interactions and curvature.
//
// The trajectories' starting points are a Latin hypercube of r points
// (McKay, Beckman and Conover 1979; gonum's samplemv.LatinHypercube)
// snapped to the grid: along every input the r starts fall in r equal
// strata, so each grid level starts ⌊r/p⌋ or ⌈r/p⌉ trajectories and the
// screening covers every range evenly rather than where independent
// draws happen to cluster. From level j an input steps up when
// j < p/2, else down, which keeps every point inside the range.
// It costs r(k + 1) evaluations; seed makes the design reproducible.
func Morris(ctx context.Context, inputs []Input, levels, trajectories int, seed uint64, eval Evaluate) ([]MorrisEffect, error) {
	k := len(inputs)
	if levels < 2 || levels%2 != 0 || trajectories < 2 || k == 0 {
		return nil, fmt.Errorf("morris: want an even number of levels ≥ 2, at least 2 trajectories and an input; got %d, %d, %d", levels, trajectories, k)
	}
	src := rand.NewPCG(seed, 0x6d6f72726973)
	starts := MorrisStarts(levels, trajectories, k, src)
	rng := rand.New(src)
	delta := float64(levels) / (2 * float64(levels-1))
	step := 1 / float64(levels-1)
	scale := func(x []float64) []float64 {
		v := make([]float64, k)
		for i, in := range inputs {
			v[i] = in.Lo + x[i]*(in.Hi-in.Lo)
		}
		return v
	}
	ee := make([][]float64, k)
	for t := range trajectories {
		x := make([]float64, k)
		up := make([]bool, k)
		for i := range x {
			j := starts[t][i]
			x[i] = float64(j) * step
			up[i] = j < levels/2
		}
		y, err := eval(ctx, scale(x))
		if err != nil {
			return nil, err
		}
		for _, i := range rng.Perm(k) {
			if up[i] {
				x[i] += delta
			} else {
				x[i] -= delta
			}
			y2, err := eval(ctx, scale(x))
			if err != nil {
				return nil, err
			}
			d := (y2 - y) / delta
			if !up[i] {
				d = -d
			}
			ee[i] = append(ee[i], d)
			y = y2
		}
	}
	out := make([]MorrisEffect, k)
	for i, in := range inputs {
		var s Stats = Describe(ee[i])
		abs := 0.0
		for _, e := range ee[i] {
			abs += math.Abs(e)
		}
		out[i] = MorrisEffect{Input: in, MuStar: abs / float64(len(ee[i])), Mu: s.Mean, Sigma: s.SD}
	}
	slices.SortStableFunc(out, func(a, b MorrisEffect) int { return -cmpFloat(a.MuStar, b.MuStar) })
	return out, nil
}

// MorrisStarts returns the grid levels (0 to levels−1) at which each of
// the trajectories starts, one row per trajectory and one column per
// input: a Latin hypercube sample of the unit cube drawn from src, each
// coordinate u snapped to level ⌊u·levels⌋.
func MorrisStarts(levels, trajectories, k int, src rand.Source) [][]int {
	lhs := mat.NewDense(trajectories, k, nil)
	samplemv.LatinHypercube{Q: distmv.NewUnitUniform(k, src), Src: src}.Sample(lhs)
	out := make([][]int, trajectories)
	for t := range out {
		out[t] = make([]int, k)
		for i := range out[t] {
			out[t][i] = min(int(lhs.At(t, i)*float64(levels)), levels-1)
		}
	}
	return out
}

// PrintSensitivity writes the tornado and the Morris screening as tables.
func PrintSensitivity(w io.Writer, s *Sensitivity) {
	f := func(x float64) string { return Human(x, s.Unit != "count", "") }
	fmt.Fprintf(w, "%s — what drives %s (%s) · %d replications per point on the same seeds · as written: %s\n\n", s.Scenario, s.Objective, s.Unit, s.Reps, f(s.Base))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "one at a time\tlow\thigh\tat low\tat high\tswing\t\n")
	for _, b := range s.Tornado {
		fmt.Fprintf(tw, "%s\t%g\t%g\t%s\t%s\t%s\t\n", b.Key, b.Lo, b.Hi, f(b.Low), f(b.High), f(b.Swing()))
	}
	tw.Flush()
	if len(s.Morris) == 0 {
		return
	}
	fmt.Fprintf(w, "\nMorris screening (%d trajectories, %d levels): μ* = mean |elementary effect| over the input's range, σ = its spread (interactions, curvature)\n", s.Trajectories, s.Levels)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "input\tμ*\tμ\tσ\t\n")
	for _, m := range s.Morris {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", m.Key, f(m.MuStar), signed(m.Mu, s.Unit != "count"), f(m.Sigma))
	}
	tw.Flush()
}

// WriteSensitivityCSV writes sensitivity.csv: one row per input with its
// tornado and Morris figures.
func WriteSensitivityCSV(w io.Writer, s *Sensitivity) error {
	var b strings.Builder
	b.WriteString("input,low,high,objective_at_low,objective_at_high,swing,mu_star,mu,sigma\n")
	morris := map[string]MorrisEffect{}
	for _, m := range s.Morris {
		morris[m.Key] = m
	}
	for _, t := range s.Tornado {
		m := morris[t.Key]
		fmt.Fprintf(&b, "%s,%g,%g,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f\n", t.Key, t.Lo, t.Hi, t.Low, t.High, t.Swing(), m.MuStar, m.Mu, m.Sigma)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
