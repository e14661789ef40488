package scenarios

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
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

// report records a problem with the value at path.
func (d *decoder) report(path, label, msg, allowed string) {
	p := &Problem{File: d.file, Key: label, Msg: msg, Allowed: allowed}
	if s, ok := d.sets[path]; ok {
		p.Set = s
	} else {
		p.Line = d.lines.line(path)
	}
	d.probs = append(d.probs, p)
}

// bad records a problem with key k of table tbl.
func (d *decoder) bad(tbl *table, k, msg, allowed string) {
	d.report(tbl.keyPath(k), tbl.keyLabel(k), msg, allowed)
}

// unknown reports every key of tbl that the format does not have, in file
// order, with a suggestion when one is close.
func (d *decoder) unknown(tbl *table) {
	var keys []string
	for k := range tbl.raw {
		if lookup(tbl.name, k) != nil {
			continue
		}
		if _, isTable := tables[k]; isTable && tbl.name == tTop {
			continue
		}
		if slices.Contains(subTables[tbl.name], k) {
			continue
		}
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := d.lines.line(tbl.keyPath(keys[i])), d.lines.line(tbl.keyPath(keys[j]))
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		d.bad(tbl, k, "unknown key"+suggest(tbl.name, k), "")
	}
}

// suggest offers the nearest known key, in this table or another one.
func suggest(tableName, k string) string {
	best, bestD := "", 3
	for _, s := range tableSpecs[tableName] {
		if dist := editDistance(k, s.name); dist < bestD {
			best, bestD = s.name, dist
		}
	}
	if tableName == tTop {
		for name := range tables {
			if dist := editDistance(k, name); dist < bestD {
				best, bestD = name, dist
			}
		}
	}
	if best != "" {
		return fmt.Sprintf("; did you mean %s?", best)
	}
	for _, other := range tableOrder {
		if other == tableName {
			continue
		}
		if lookup(other, k) != nil {
			where := "at the top of the file, before any [table]"
			if other != tTop {
				where = "in [" + other + "]"
				if tables[other] {
					where = "in [[" + other + "]]"
				}
			}
			return fmt.Sprintf("; %s belongs %s", k, where)
		}
	}
	if tableName != tTop && len(tableSpecs[tableName]) <= 12 {
		names := make([]string, len(tableSpecs[tableName]))
		for i, s := range tableSpecs[tableName] {
			names[i] = s.name
		}
		return " (known keys: " + strings.Join(names, ", ") + ")"
	}
	return "; see scenarios/README.md for every key"
}

// Nearest is the candidate closest to s by edit distance, if it is close
// enough to be a typo (at most 2 edits, or a third of s); "" otherwise.
// The command line uses it for mistyped commands and flags, as this
// package does for keys.
func Nearest(s string, candidates []string) string {
	best, bestD := "", max(2, len(s)/3)+1
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// syntaxProblem turns a TOML parse error into a problem with line and
// column, reworded where the parser's message is cryptic.
func syntaxProblem(file, src string, err error) *Problem {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &Problem{File: file, Msg: "cannot read as TOML: " + err.Error()}
	}
	line, col := pe.Position.Line, pe.Position.Col
	if st := pe.Position.Start; st >= 0 && st <= len(src) {
		// The parser counts a newline it complains about as the start
		// of the next line; the byte offset places it where people
		// look: at the end of the line that lacks something.
		line = strings.Count(src[:st], "\n") + 1
		col = st - strings.LastIndexByte(src[:st], '\n')
	}
	key := keyAt(src, line)
	if key == "" {
		key = pe.LastKey
	}
	msg := strings.TrimSuffix(pe.Message, ".")
	if m := reBadDate.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("%s is not a real date; write dates like 2025-01-31", m[1])
	} else if m := reBareWord.FindStringSubmatch(msg); m != nil {
		name := "key"
		if key != "" {
			name = key[strings.LastIndexByte(key, '.')+1:]
		}
		msg = fmt.Sprintf("%s: text values need quotes, as in %s = %q", msg, name, m[1])
	}
	return &Problem{File: file, Line: line, Col: col, Key: key, Msg: "syntax error: " + msg}
}

var (
	reBadDate  = regexp.MustCompile(`^invalid datetime: "([^"]*)"$`)
	reBareWord = regexp.MustCompile(`^expected value but found "([A-Za-z][A-Za-z0-9_-]*)" instead$`)
)
