package model

// pick is the product whose share of the cumulative attempt rates holds
// u: the first p with cumRate[p] > u, or the last product. A guide table
// (Chen and Asau's indexed search) starts it next to the answer, so that
// it takes one or two predictable comparisons where a binary search over
// a few dozen products takes five unpredictable ones. The two scans make
// it exact whatever the rounding of the guide's index.
func (s *state) pick(u float64) int {
	j := min(int(u*s.guideScale), len(s.guide)-1)
	p := int(s.guide[j])
	for p > 0 && s.cumRate[p-1] > u {
		p--
	}
	for p < len(s.cumRate)-1 && s.cumRate[p] <= u {
		p++
	}
	return p
}

// setGuide builds pick's guide table over cumRate: entry j is the answer
// for u = j/len × total.
func (s *state) setGuide() {
	total := s.totalRate()
	n := 4 * len(s.cumRate)
	s.guide = s.guide[:0]
	s.guideScale = 0
	if total <= 0 {
		return
	}
	s.guideScale = float64(n) / total
	p := 0
	for j := range n {
		u := float64(j) * total / float64(n)
		for p < len(s.cumRate)-1 && s.cumRate[p] <= u {
			p++
		}
		s.guide = append(s.guide, int32(p))
	}
}
