package scenarios

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// InputError is bad input: a file that cannot be read, parsed or
// accepted, or a bad override. Commands exit with code 2 on it.
//
// When the input was read, Problems lists everything wrong with it, in
// file order, and the message has one line per problem. Err joins the
// problems (errors.As finds each *Problem) or holds the cause otherwise.
type InputError struct {
	File     string
	Err      error
	Problems []*Problem
}

// Error lists the problems, one per line, or says why the input could
// not be read.
func (e *InputError) Error() string {
	if len(e.Problems) > 0 {
		lines := make([]string, len(e.Problems))
		for i, p := range e.Problems {
			lines[i] = p.Error()
		}
		return strings.Join(lines, "\n")
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap gives the joined problems, or the cause, to errors.Is and As.
func (e *InputError) Unwrap() error { return e.Err }

// Problem is one thing wrong with a scenario: where it is, which key, what
// is wrong and what would be accepted. It reads
//
//	file:line: key: problem (allowed: ...)
//
// or, for a syntax error, file:line:col: ..., or, for a value given with
// --set, file: --set KEY=VALUE: key: problem (allowed: ...).
type Problem struct {
	File    string
	Line    int    // 0 when the problem has no line (a missing key)
	Col     int    // syntax errors only
	Set     string // the --set override the value came from, if any
	Key     string // "population.headcount", "product[2] (visio-plan-1).price_annual"
	Msg     string
	Allowed string // the accepted values, if it helps
}

// Error is the problem as one line, in the form above.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteString(":" + strconv.Itoa(p.Col))
		}
	}
	b.WriteString(": ")
	if p.Set != "" {
		b.WriteString("--set " + p.Set + ": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	b.WriteString(p.Msg)
	if p.Allowed != "" {
		b.WriteString(" (allowed: " + p.Allowed + ")")
	}
	return b.String()
}

// newInputError wraps the problems of one file, sorted by line so that
// they read top to bottom; problems without a line (missing keys, sizes)
// come first.
func newInputError(file string, probs []*Problem) *InputError {
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	errs := make([]error, len(probs))
	for i, p := range probs {
		errs[i] = p
	}
	return &InputError{File: file, Err: errors.Join(errs...), Problems: probs}
}
