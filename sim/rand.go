package sim

import (
	"math"
	"math/bits"
)

// golden is 2^64 divided by the golden ratio, the usual odd increment
// that spreads consecutive keys apart before mixing.
const golden = 0x9e3779b97f4a7c15

// mix64 is the SplitMix64 finalizer: a bijection on uint64 in which every
// input bit affects every output bit.
func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	z ^= z >> 31
	return z
}

// Mix derives a seed from a base seed and a path of keys, for example
// (scenario seed, replication, employee, purpose). It is the one mixing
// function of the project, a sponge over the SplitMix64 finalizer mix64:
//
//	h0 = mix64(seed + golden)
//	h(i+1) = mix64(h(i) ^ key(i))
//
// Every key passes through a full avalanche before the next is absorbed,
// so the result depends on the order of the keys, and every extra key
// (even 0) changes it: Mix(s, a) and Mix(s, a, 0) differ.
func Mix(seed uint64, keys ...uint64) uint64 {
	return Absorb(mix64(seed+golden), keys...)
}

// Absorb continues Mix from an already mixed value h: Mix(seed, a, b) ==
// Absorb(Mix(seed, a), b). A model computes the constant prefix of its
// keys once and absorbs only the keys that vary.
func Absorb(h uint64, keys ...uint64) uint64 {
	for _, k := range keys {
		h = mix64(h ^ k)
	}
	return h
}

// Stream is a PCG random stream as a 16-byte value, so that models can
// keep one per entity inline. It is math/rand/v2's PCG (128-bit LCG, DXSM
// output), number for number, written out here so that Float64 and
// Uint64 are small enough for the compiler to inline (a call per draw
// was a measurable share of a model's events). Its draws are computed
// without platform-dependent floating point (no fused multiply-add, no
// assembly), so a seed gives the same numbers on every machine.
type Stream struct {
	hi, lo uint64
}

// The constants of math/rand/v2's PCG: the 128-bit multiplier and
// increment of its LCG and the multiplier of its DXSM output function.
const (
	pcgMulHi    = 2549297995355413924
	pcgMulLo    = 4865540595714422341
	pcgIncHi    = 6364136223846793005
	pcgIncLo    = 1442695040888963407
	pcgCheapMul = 0xda942042e4dd58b5
)

// NewStream returns the stream for a base seed and a path of keys; see
// [Mix].
func NewStream(seed uint64, keys ...uint64) Stream {
	return StreamOf(Mix(seed, keys...))
}

// StreamOf returns the stream of a value from Mix or Absorb:
// NewStream(seed, keys...) == StreamOf(Mix(seed, keys...)).
func StreamOf(h uint64) Stream {
	return Stream{hi: h, lo: mix64(h ^ golden)}
}

// Uint64 returns a uniformly distributed 64-bit value.
func (s *Stream) Uint64() uint64 {
	// state = state × mul + inc (mod 2^128)
	hi, lo := bits.Mul64(s.lo, pcgMulLo)
	hi += s.hi*pcgMulLo + s.lo*pcgMulHi
	lo, c := bits.Add64(lo, pcgIncLo, 0)
	hi += pcgIncHi + c
	s.hi, s.lo = hi, lo
	// DXSM, "double xorshift multiply"
	hi ^= hi >> 32
	hi *= pcgCheapMul
	hi ^= hi >> 48
	return hi * (lo | 1)
}

// Float64 returns a uniform value in [0, 1) with 53 random bits.
func (s *Stream) Float64() float64 {
	return float64(s.Uint64()>>11) * 0x1p-53
}

// Bernoulli returns true with probability p.
func (s *Stream) Bernoulli(p float64) bool {
	return s.Float64() < p
}

// IntN returns a uniform integer in [0, n) for n > 0, without modulo bias
// (Lemire's multiply-and-reject).
func (s *Stream) IntN(n int) int {
	bound := uint64(n)
	hi, lo := bits.Mul64(s.Uint64(), bound)
	if lo < bound {
		thresh := -bound % bound
		for lo < thresh {
			hi, lo = bits.Mul64(s.Uint64(), bound)
		}
	}
	return int(hi)
}

// Exp returns an exponential variate with mean 1 (the ziggurat method;
// see zigExp).
func (s *Stream) Exp() float64 { return s.zigExp() }

// Poisson returns a Poisson variate with the given mean by counting the
// arrivals of a unit-rate process in [0, mean). It costs mean+1 draws on
// average: meant for the small means of a model (seats per purchase).
func (s *Stream) Poisson(mean float64) int {
	n := 0
	for t := s.Exp(); t < mean; t += s.Exp() {
		n++
	}
	return n
}

// The coefficients of FreeBSD's e_log.c, as in math.Log.
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
	lg1   = 6.666666666666735130e-01
	lg2   = 3.999999999940941908e-01
	lg3   = 2.857142874366239149e-01
	lg4   = 2.222219843214978396e-01
	lg5   = 1.818357216161805012e-01
	lg6   = 1.531383769920937332e-01
	lg7   = 1.479819860511658591e-01
)

// Log is the natural logarithm, computed in portable Go with every
// product rounded explicitly, so that no compiler may fuse it into a
// multiply-add: the result is the same on every architecture. It is
// math.Log's algorithm (from FreeBSD's e_log.c) with the same accuracy
// (< 1 ulp); math.Log itself uses assembly on some platforms.
func Log(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	f1, ki := math.Frexp(x)
	return logReduced(f1, ki)
}

// logReduced is ln(f1 · 2^ki) for f1 in [0.5, 1).
func logReduced(f1 float64, ki int) float64 {
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	t1 := float64(s2 * float64(lg1+float64(s4*float64(lg3+float64(s4*float64(lg5+float64(s4*lg7)))))))
	t2 := float64(s4 * float64(lg2+float64(s4*float64(lg4+float64(s4*lg6)))))
	r := t1 + t2
	hfsq := float64(float64(0.5*f) * f)
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(k*ln2Lo))) - f)
}
