package scenarios

import (
	"fmt"

	"licsim/model"
)

// Limits of the text's shape, checked by prescan before the TOML parser
// sees it: BurntSushi/toml takes time that grows faster than the square
// of the nesting of inline tables (a 48 KB file of them took 40 s and
// 2.7 GB) and of the parts of a dotted key. A scenario needs a depth of
// 3 ([[product]] holding an inline array) and keys of 2 parts.
const (
	maxNesting  = 16      // open [ and { at once, table headers included
	maxKeyParts = 16      // parts of a dotted key or table header: a.b.c has 3
	maxTables   = 100_000 // table headers and inline tables; 4,096 products need 4,096
)

// prescan checks the nesting depth, the parts of dotted keys and the
// number of tables of a TOML text in one pass, following strings and
// comments so that their brackets and dots do not count. It does not
// validate the syntax (the parser does, once the text is known to be
// cheap to parse): for any text it stops at the first limit exceeded and
// says where, or returns nil.
func prescan(name, src string) *Problem {
	var (
		stack  []byte // the open [ and {
		line   = 1
		tables int
		parts  = 1    // parts of the key being read
		inKey  = true // reading a key: at a line start, or after { or , in an inline table
	)
	bad := func(msg, allowed string) *Problem {
		return &Problem{File: name, Line: line, Msg: msg, Allowed: allowed}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '\n':
			line++
			if len(stack) == 0 || stack[len(stack)-1] != '[' {
				inKey, parts = true, 1
			}
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			j, nl := skipString(src, i)
			line += nl
			i = j
		case '=':
			inKey = false
		case '.':
			if inKey {
				parts++
				if parts > maxKeyParts {
					return bad(fmt.Sprintf("a key or table name of more than %d dotted parts", maxKeyParts), "keys such as population.headcount: 2 parts")
				}
			}
		case ',':
			if len(stack) > 0 && stack[len(stack)-1] == '{' {
				inKey, parts = true, 1
			}
		case '[', '{':
			header := c == '[' && inKey && len(stack) == 0
			if c == '{' || header {
				tables++
				if tables > maxTables {
					return bad(fmt.Sprintf("more than %s tables", groupInt(maxTables)), fmt.Sprintf("at most %s tables and inline tables; a scenario has at most %s products", groupInt(maxTables), groupInt(model.MaxProducts)))
				}
			}
			stack = append(stack, c)
			if header && i+1 < len(src) && src[i+1] == '[' {
				stack = append(stack, '[') // [[array of tables]]
				i++
			}
			if len(stack) > maxNesting {
				return bad(fmt.Sprintf("brackets or braces nested more than %d deep", maxNesting), "a scenario nests 3 deep: [[product]] with an inline [min, max]")
			}
			inKey = c == '{' || header
			parts = 1
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			inKey = false
		}
	}
	return nil
}

// skipString returns the index of the closing quote of the string
// starting at src[i] (or the end of src), and the line breaks inside it.
func skipString(src string, i int) (end, newlines int) {
	q := src[i]
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		// A multi-line string ends at three quotes, which up to two more
		// quotes may follow.
		for j := i + 3; j < len(src); j++ {
			switch {
			case src[j] == '\n':
				newlines++
			case src[j] == '\\' && q == '"':
				if j+1 < len(src) && src[j+1] == '\n' {
					newlines++
				}
				j++
			case src[j] == q && j+2 < len(src) && src[j+1] == q && src[j+2] == q:
				j += 2
				for j+1 < len(src) && src[j+1] == q {
					j++
				}
				return j, newlines
			}
		}
		return len(src), newlines
	}
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\n':
			// An unterminated string ends at the line's end; the
			// parser will say so.
			return j - 1, newlines
		case src[j] == '\\' && q == '"':
			j++
		case src[j] == q:
			return j, newlines
		}
	}
	return len(src), newlines
}
