package model

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// pickBySearch is the definition pick implements: the first p with
// cumRate[p] > u, or the last product.
func pickBySearch(cum []float64, u float64) int {
	p := sort.Search(len(cum), func(i int) bool { return cum[i] > u })
	return min(p, len(cum)-1)
}

// The guide table only speeds pick up: on rates with zeros, ties, tiny and
// huge products, and on draws at and next to every boundary, it returns
// what the plain search over cumulative rates returns.
func TestPickMatchesSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 500 {
		n := 1 + r.IntN(60)
		var s state
		sum := 0.0
		for range n {
			switch r.IntN(4) {
			case 0: // a product nobody attempts
			case 1:
				sum += 1e-6 * r.Float64()
			default:
				sum += r.Float64()
			}
			s.cumRate = append(s.cumRate, sum)
		}
		if sum == 0 {
			continue
		}
		s.setGuide()
		us := []float64{0, sum, math.Nextafter(sum, 0)}
		for _, c := range s.cumRate {
			us = append(us, c, math.Nextafter(c, 0), math.Nextafter(c, math.Inf(1)))
		}
		for range 200 {
			us = append(us, r.Float64()*sum)
		}
		for _, u := range us {
			if u < 0 || u > sum {
				continue
			}
			if got, want := s.pick(u), pickBySearch(s.cumRate, u); got != want {
				t.Fatalf("trial %d: pick(%v) over %v = %d, want %d", trial, u, s.cumRate, got, want)
			}
		}
	}
}
