package rs

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Precision runs replications in batches until the 95% confidence
// interval of the mean of every output is narrow enough:
//
//	half-width = t(0.975; n−1) · s / √n ≤ Target          (absolute)
//	half-width ≤ Target · |mean|                            (Relative)
//
// checked only at the end of each batch, so that the stopping count
// depends on the outputs alone, not on how many workers ran them. This is
// the sequential procedure of Law (2015), Simulation Modeling and
// Analysis, 5th ed., §9.4.1, with batches instead of single
// replications; with targets that are not tiny its coverage is close to
// the nominal 95%.
type Precision struct {
	Target   float64
	Relative bool
	Min      int // replications before the first check, ≥ 2
	Batch    int // replications added per step, ≥ 1
	MaxReps  int // at most, ≥ Min
}

// Reached is the outcome of Precision.Run.
type Reached struct {
	N    int       // replications run
	Met  bool      // every output met the target
	Half []float64 // half-width of each output's 95% CI at N
	Mean []float64 // mean of each output at N
	// Worst is the output with the largest half-width relative to its
	// target (the one that decided the stop).
	Worst int
}

// Run asks sample for replications [first, end), in order, until the
// target is met or MaxReps: sample returns one slice per output, with
// end − first values each. Values are kept, never asked for again.
func (p Precision) Run(ctx context.Context, sample func(ctx context.Context, first, end int) ([][]float64, error)) (*Reached, error) {
	if p.Min < 2 || p.Batch < 1 || p.MaxReps < p.Min || !(p.Target > 0) {
		return nil, fmt.Errorf("precision: want min ≥ 2, batch ≥ 1, max reps ≥ min and a positive target; got %+v", p)
	}
	var outs [][]float64
	n := 0
	for {
		end := min(p.MaxReps, max(p.Min, n+p.Batch))
		if n == 0 {
			end = p.Min
		}
		got, err := sample(ctx, n, end)
		if err != nil {
			return nil, err
		}
		if outs == nil {
			outs = make([][]float64, len(got))
		}
		if len(got) != len(outs) {
			return nil, fmt.Errorf("precision: sample returned %d outputs, want %d", len(got), len(outs))
		}
		for i := range got {
			outs[i] = append(outs[i], got[i]...)
		}
		n = end
		r := p.check(outs)
		r.N = n
		if r.Met || n >= p.MaxReps {
			return r, nil
		}
	}
}

func (p Precision) check(outs [][]float64) *Reached {
	r := &Reached{Met: true, Half: make([]float64, len(outs)), Mean: make([]float64, len(outs))}
	worst := -1.0
	for i, xs := range outs {
		r.Mean[i], r.Half[i] = HalfWidth(xs)
		target := p.Target
		if p.Relative {
			target *= math.Abs(r.Mean[i])
		}
		if r.Half[i] > target {
			r.Met = false
		}
		ratio := r.Half[i] / target
		if target == 0 {
			ratio = math.Inf(1)
			if r.Half[i] == 0 {
				ratio = 0
			}
		}
		if ratio > worst {
			worst, r.Worst = ratio, i
		}
	}
	return r
}

// HalfWidth is the mean of xs and the half-width of its 95% confidence
// interval, t(0.975; n−1) · s / √n (0 for fewer than 2 values or s = 0).
func HalfWidth(xs []float64) (mean, half float64) {
	n := float64(len(xs))
	if len(xs) == 0 {
		return 0, 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= n
	if len(xs) < 2 {
		return mean, 0
	}
	v := 0.0
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	v /= n - 1
	if v == 0 {
		return mean, 0
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975)
	return mean, t * math.Sqrt(v/n)
}
