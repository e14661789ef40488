package main

import (
	"flag"
	"strconv"

	"licsim/scenarios"
)

// wholeFlag is a whole-number flag read by scenarios.ParseWhole, the
// parser --set uses too: "1e3" is 1000, and "1,000", "2.9", "5x" or a
// value out of [lo, hi] are refused with exit code 2, never read in part
// (flag.IntVar's strconv accepts less, fmt.Sscan read "1,000" as 1).
type wholeFlag[T ~int | ~int32 | ~int64 | ~uint64] struct {
	p      *T
	lo, hi int64
	set    *bool // set to true when the flag is given, if not nil
}

// wholeVar defines a whole-number flag with a default and a range.
func wholeVar[T ~int | ~int32 | ~int64 | ~uint64](fs *flag.FlagSet, p *T, name string, def T, lo, hi int64, usage string) *wholeFlag[T] {
	*p = def
	f := &wholeFlag[T]{p: p, lo: lo, hi: hi}
	fs.Var(f, name, usage)
	return f
}

// Set reads the flag's value.
func (f *wholeFlag[T]) Set(s string) error {
	n, err := scenarios.ParseWhole(s, f.lo, f.hi)
	if err != nil {
		return err
	}
	*f.p = T(n)
	if f.set != nil {
		*f.set = true
	}
	return nil
}

// String gives the value; flag.PrintDefaults calls it on a zero
// wholeFlag to learn whether a default is worth printing.
func (f *wholeFlag[T]) String() string {
	if f == nil || f.p == nil {
		return "0"
	}
	return strconv.FormatInt(int64(*f.p), 10)
}
