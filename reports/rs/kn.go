package rs

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Sampler runs replications [first, end) of the systems listed (indices
// into the k systems, increasing) and returns their outputs:
// out[j][r−first] is the output of systems[j] in replication r. The
// systems must see common random numbers in replication r for the paired
// variances of KN to pay off; KN stays valid without them.
type Sampler func(ctx context.Context, systems []int, first, end int) ([][]float64, error)

// KN is the fully sequential indifference-zone selection procedure of
//
//	Kim, S.-H. and Nelson, B. L. (2001), "A fully sequential procedure for
//	indifference-zone selection in simulation", ACM Transactions on
//	Modeling and Computer Simulation 11(3):251–273.
//
// for the system with the smallest expected output. With probability at
// least 1 − Alpha it selects the best system whenever the best is at
// least Delta better than every other (the indifference zone); when
// several are within Delta of the best it selects one of them.
//
// Setup: with k systems and a first stage of n0 replications,
//
//	η  = ½ · [ (2α / (k−1))^(−2/(n0−1)) − 1 ]
//	h² = 2η(n0 − 1)
//
// and, for each pair, the sample variance of the paired differences over
// the first stage (common random numbers make it small):
//
//	S²_il = 1/(n0−1) · Σ_{j≤n0} (X_ij − X_lj − (X̄_i(n0) − X̄_l(n0)))².
//
// Screening: after each replication r ≥ n0, system i is eliminated when
// some surviving l has
//
//	X̄_i(r) − X̄_l(r) > W_il(r) = max{0, δ/(2r) · (h² S²_il / δ² − r)}
//
// (the survivors are those eliminated by no one, all at once). It stops
// when one system survives, or when r > N_il = ⌊h² S²_il / δ²⌋ for every
// surviving pair (then W = 0 and the survivors have exactly equal means:
// an exact tie, no best named), or at MaxReps (truncated: no guarantee).
type KN struct {
	Alpha   float64 // 1 − confidence, in (0, 1)
	Delta   float64 // indifference zone, > 0, in the outputs' unit
	N0      int     // first-stage replications, ≥ 2
	MaxReps int     // replications at most per system, ≥ N0
	// Batch is how many replications are asked for at a time after the
	// first stage (default N0). It changes how many replications are
	// run past the stopping stage in the last batch, never the result:
	// the screening is done replication by replication.
	Batch int
	// DeltaOf, when set, replaces Delta by what it returns from the
	// first-stage outputs (first[i] are system i's n0 outputs): an
	// indifference zone relative to the status quo's mean, say. It
	// must return a positive amount.
	DeltaOf func(first [][]float64) float64
}

// Selection is the outcome of KN.Select.
type Selection struct {
	K int
	// Best is the index of the selected system, or −1 when none was
	// separated: an exact tie or a truncated run.
	Best int
	// Survivors are the systems left at the stop (Best alone when one
	// was selected).
	Survivors []int
	// Reps[i] is the number of replications of system i the procedure
	// used: the stage at which it was eliminated, or the last stage.
	Reps []int
	// Run[i] ≥ Reps[i] is the number actually run (the rest of a batch).
	Run []int
	// Stage is the last stage r examined.
	Stage int
	// Truncated: stopped at MaxReps with more than one survivor.
	Truncated bool
	// Tie: the survivors have exactly equal outputs so far and their
	// continuation regions have closed.
	Tie     bool
	Eta, H2 float64
	Delta   float64 // the indifference zone used
	// Outputs[i] are the outputs of system i, Run[i] of them.
	Outputs [][]float64
}

// Eta is η of KN for k systems, first stage n0 and error α.
func Eta(k, n0 int, alpha float64) float64 {
	return 0.5 * (math.Pow(2*alpha/float64(k-1), -2/float64(n0-1)) - 1)
}

func (p KN) check(k int) error {
	switch {
	case k < 2:
		return fmt.Errorf("kn: %d systems: need at least 2", k)
	case !(p.Alpha > 0 && p.Alpha < 1):
		return fmt.Errorf("kn: alpha %g: must be in (0, 1)", p.Alpha)
	case p.DeltaOf == nil && (!(p.Delta > 0) || math.IsInf(p.Delta, 0)):
		return fmt.Errorf("kn: delta %g: must be positive", p.Delta)
	case p.N0 < 2:
		return fmt.Errorf("kn: n0 %d: must be at least 2", p.N0)
	case p.MaxReps < p.N0:
		return fmt.Errorf("kn: max reps %d: must be at least n0 = %d", p.MaxReps, p.N0)
	}
	return nil
}

// Select runs KN on k systems; see KN. Its cost is O(k²) per
// replication beyond what sample costs.
func (p KN) Select(ctx context.Context, k int, sample Sampler) (*Selection, error) {
	if err := p.check(k); err != nil {
		return nil, err
	}
	batch := p.Batch
	if batch < 1 {
		batch = p.N0
	}
	s := &Selection{K: k, Best: -1, Reps: make([]int, k), Run: make([]int, k), Outputs: make([][]float64, k)}
	s.Eta = Eta(k, p.N0, p.Alpha)
	s.H2 = 2 * s.Eta * float64(p.N0-1)
	alive := make([]bool, k)
	for i := range alive {
		alive[i] = true
	}
	sums := make([]float64, k)
	s2 := make([][]float64, k) // S²_il
	have := 0                  // replications every survivor has
	for {
		var systems []int
		for i := range k {
			if alive[i] {
				systems = append(systems, i)
			}
		}
		end := min(p.MaxReps, have+batch)
		if have == 0 {
			end = p.N0
		}
		out, err := sample(ctx, systems, have, end)
		if err != nil {
			return nil, err
		}
		if len(out) != len(systems) {
			return nil, fmt.Errorf("kn: sampler returned %d systems, want %d", len(out), len(systems))
		}
		for j, i := range systems {
			if len(out[j]) != end-have {
				return nil, fmt.Errorf("kn: sampler returned %d replications of system %d, want %d", len(out[j]), i, end-have)
			}
			s.Outputs[i] = append(s.Outputs[i], out[j]...)
			s.Run[i] = end
		}
		if have == 0 {
			s.firstStage(systems, p.N0, s2)
			if p.DeltaOf != nil {
				p.Delta = p.DeltaOf(s.Outputs)
				if !(p.Delta > 0) || math.IsInf(p.Delta, 0) {
					return nil, fmt.Errorf("kn: delta %g from the first stage: must be positive", p.Delta)
				}
			}
			s.Delta = p.Delta
		}
		for r := have + 1; r <= end; r++ {
			for _, i := range systems {
				if alive[i] {
					sums[i] += s.Outputs[i][r-1]
				}
			}
			if r < p.N0 {
				continue
			}
			s.Stage = r
			if p.screen(r, alive, sums, s2, s) {
				return s, nil
			}
		}
		have = end
	}
}

// firstStage computes S²_il over the first n0 outputs.
func (s *Selection) firstStage(systems []int, n0 int, s2 [][]float64) {
	for _, i := range systems {
		s2[i] = make([]float64, s.K)
	}
	for a, i := range systems {
		for _, l := range systems[a+1:] {
			mean := 0.0
			for j := range n0 {
				mean += s.Outputs[i][j] - s.Outputs[l][j]
			}
			mean /= float64(n0)
			v := 0.0
			for j := range n0 {
				d := s.Outputs[i][j] - s.Outputs[l][j] - mean
				v += d * d
			}
			v /= float64(n0 - 1)
			s2[i][l], s2[l][i] = v, v
		}
	}
}

// screen is stage r of KN: it eliminates, records, and reports whether
// the procedure stops.
func (p KN) screen(r int, alive []bool, sums []float64, s2 [][]float64, s *Selection) bool {
	rf := float64(r)
	var out []int
	open := false // some surviving pair still has r ≤ N_il
	for i := range alive {
		if !alive[i] {
			continue
		}
		for l := range alive {
			if l == i || !alive[l] {
				continue
			}
			hs := s.H2 * s2[i][l] / (p.Delta * p.Delta)
			if rf <= math.Floor(hs) {
				open = true
			}
			w := math.Max(0, p.Delta/(2*rf)*(hs-rf))
			if (sums[i]-sums[l])/rf > w {
				out = append(out, i)
				break
			}
		}
	}
	for _, i := range out {
		alive[i] = false
		s.Reps[i] = r
	}
	s.Survivors = s.Survivors[:0]
	for i := range alive {
		if alive[i] {
			s.Survivors = append(s.Survivors, i)
			s.Reps[i] = r
		}
	}
	switch {
	case len(s.Survivors) == 1:
		s.Best = s.Survivors[0]
		return true
	case !open && len(out) == 0:
		s.Tie = true
		return true
	case r >= p.MaxReps:
		s.Truncated = true
		return true
	}
	return false
}

// Used is the total replications the procedure used, Σ Reps.
func (s *Selection) Used() int {
	n := 0
	for _, r := range s.Reps {
		n += r
	}
	return n
}

// FixedN is the replications per system that a two-stage procedure of
// the same confidence and indifference zone takes with common random
// numbers: the Bonferroni procedure of
//
//	Nelson, B. L. and Matejcik, F. J. (1995), "Using common random numbers
//	for indifference-zone selection and multiple comparisons in
//	simulation", Management Science 41(12):1935–1945,
//
// which runs every system N = max{n0, ⌈(t · S / δ)²⌉} times, with t the
// 1 − α/(k−1) quantile of Student's t on n0 − 1 degrees of freedom and S²
// the largest first-stage variance of the paired differences S²_il. It
// is what KN's elimination saves replications against.
func (p KN) FixedN(s *Selection) int {
	p.Delta = s.Delta
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(p.N0 - 1)}.Quantile(1 - p.Alpha/float64(s.K-1))
	v := 0.0
	for i := range s.K {
		for l := i + 1; l < s.K; l++ {
			v = math.Max(v, sampleVar(s.Outputs[i][:p.N0], s.Outputs[l][:p.N0]))
		}
	}
	return max(p.N0, int(math.Ceil(t*t*v/(p.Delta*p.Delta))))
}

func sampleVar(a, b []float64) float64 {
	n := len(a)
	mean := 0.0
	for j := range n {
		mean += a[j] - b[j]
	}
	mean /= float64(n)
	v := 0.0
	for j := range n {
		d := a[j] - b[j] - mean
		v += d * d
	}
	return v / float64(n-1)
}
