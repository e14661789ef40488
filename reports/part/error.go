package part

import (
	"fmt"
	"strings"
)

// Error is a part file that cannot be used, or parts that cannot be
// merged. It is bad input: commands exit with code 2. The message names
// the files and the problem.
type Error struct {
	// Missing lists the missing shards when that is the only problem,
	// so that a caller can wait for them.
	Missing []int
	Err     error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// errorf is an *Error with a formatted message.
func errorf(format string, a ...any) error { return &Error{Err: fmt.Errorf(format, a...)} }

// missingError describes missing shards: "shard 2 of 7 missing".
func missingError(missing []int, shards int) error {
	var what string
	switch {
	case len(missing) == 1:
		what = fmt.Sprintf("shard %d", missing[0])
	case len(missing) <= 10:
		what = "shards " + joinInts(missing)
	default:
		what = fmt.Sprintf("shards %s and %d more", joinInts(missing[:10]), len(missing)-10)
	}
	return &Error{Missing: missing, Err: fmt.Errorf("%s of %d missing", what, shards)}
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ", ")
}
