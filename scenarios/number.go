package scenarios

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"licsim/model"
)

// ParseNumber is the one reader of numbers typed on a command line: the
// flags of every command (through ParseWhole) and the values of --set.
// It takes the whole string and nothing else, written as a TOML number
// is: an optional sign, digits with optional '_' between them, an
// optional fraction and an optional exponent ("1000", "1_000", "0.25",
// "1e3"). It returns an int64 for a plain integer and a float64
// otherwise, as the TOML parser does for the same text, so that a value
// from --set is checked exactly like the same value in a file.
//
// It refuses, with a message that says what to write instead, what
// fmt.Sscan used to read in part: surrounding spaces (" 5"), thousands
// separators ("1,000"), trailing text ("5x"), hexadecimal, inf and nan.
func ParseNumber(s string) (any, error) {
	if s == "" {
		return nil, errors.New("empty; want a number")
	}
	if strings.TrimSpace(s) != s {
		return nil, fmt.Errorf("%q has spaces around it; write the number alone", s)
	}
	if bare := strings.ReplaceAll(s, ",", ""); bare != s && lexNumber(bare) == len(bare) {
		return nil, fmt.Errorf("%s: write numbers without thousands separators, such as %s", s, bare)
	}
	if n := lexNumber(s); n < len(s) {
		if n == 0 || !isDigit(s[n-1]) {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return nil, fmt.Errorf("%q is not a number: %q follows %q", s, s[n:], s[:n])
	}
	clean := strings.ReplaceAll(s, "_", "")
	if !strings.ContainsAny(clean, ".eE") {
		n, err := strconv.ParseInt(clean, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s is %w", s, errRange)
		}
		return n, nil
	}
	x, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(x, 0) {
		return nil, fmt.Errorf("%s is %w", s, errRange)
	}
	return x, nil
}

// lexNumber checks the grammar ParseNumber accepts,
// [+-] digits [. digits] [(e|E) [+-] digits], with single '_' allowed
// between digits, and returns how much of s it read: len(s) when all.
func lexNumber(s string) int {
	i := 0
	sign := func() {
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
	}
	digits := func() bool {
		start := i
		for i < len(s) && (isDigit(s[i]) || s[i] == '_' && i > start && i+1 < len(s) && isDigit(s[i+1])) {
			i++
		}
		return i > start
	}
	sign()
	if !digits() {
		return i
	}
	if i < len(s) && s[i] == '.' {
		dot := i
		i++
		if !digits() {
			return dot
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		e := i
		i++
		sign()
		if !digits() {
			return e
		}
	}
	return i
}

// errRange is a number too large for its type.
var errRange = errors.New("out of range")

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// ParseWhole reads a whole number in [lo, hi] with ParseNumber: "1e3" is
// 1000, but "2.9", "1,000" and "5x" are refused, never read in part.
func ParseWhole(s string, lo, hi int64) (int64, error) {
	v, err := ParseNumber(s)
	if err != nil && !errors.Is(err, errRange) {
		return 0, err
	}
	n, msg := int64(0), ""
	if err == nil {
		n, msg = toInt(v)
	}
	if msg != "" && !strings.HasSuffix(msg, "out of range") {
		return 0, errors.New(msg)
	}
	if err != nil || msg != "" || n < lo || n > hi {
		return 0, fmt.Errorf("%s is out of range (allowed: %s to %s)", s, groupInt(lo), groupInt(hi))
	}
	return n, nil
}

// centsOf converts an amount in currency units to cents, exactly. The
// amount's decimals are those of the shortest text that reads back as x,
// which is the text written in the file or on the command line: an
// amount with more than 2 is refused, whatever its size (a relative
// tolerance once let 12345.678 round to 1234568 cents).
func centsOf(x float64) (model.Cents, string) {
	t := strconv.FormatFloat(x, 'f', -1, 64)
	whole, frac, _ := strings.Cut(t, ".")
	if len(frac) > 2 {
		return 0, t + " has more than 2 decimals"
	}
	frac += strings.Repeat("0", 2-len(frac))
	c, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, t + " is out of range"
	}
	return model.Cents(c), ""
}
