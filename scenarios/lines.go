package scenarios

import (
	"strconv"
	"strings"
)

// lineIndex maps key paths to the line that defines them, so that every
// problem can name its line. BurntSushi/toml v1.6 keeps key positions in
// an unexported field (MetaData.keyInfo), so we scan the source ourselves.
// The scan runs only on text the TOML parser has already accepted, which
// lets it stay small: it follows table headers, `key =` lines, and skips
// the insides of multi-line strings and arrays.
//
// Paths are dotted, with arrays of tables numbered from 1 as people count:
// "months", "population.headcount", "product[2]", "product[2].price_annual".
type lineIndex map[string]int

// line is where path is defined, or failing that where its nearest
// enclosing table or array element is; 0 when nothing is known.
func (ix lineIndex) line(path string) int {
	for path != "" {
		if n, ok := ix[path]; ok {
			return n
		}
		path = parentPath(path)
	}
	return 0
}

// parentPath drops the last component of a path: "product[2].id" →
// "product[2]" → "product" → "".
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i > 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

// first records line n for path and the tables that enclose it, unless
// they were seen earlier: [foo.bar] and foo.bar = 1 define foo too, and a
// problem with foo must name their line.
func (ix lineIndex) first(path string, n int) {
	for ; path != ""; path = parentPath(path) {
		if _, seen := ix[path]; !seen {
			ix[path] = n
		}
	}
}

// indexLines scans a TOML document the parser accepted.
func indexLines(src string) lineIndex {
	ix := lineIndex{}
	counts := map[string]int{} // array-of-tables path → elements so far
	cur := ""                  // the current table's path
	// qualify turns header keys into a path, numbering the elements of
	// arrays of tables already opened ("product", "x" → "product[2].x").
	qualify := func(parts []string) string {
		p := ""
		for i, k := range parts {
			if i > 0 {
				p += "."
			}
			p += k
			if n := counts[p]; n > 0 && i < len(parts)-1 {
				p += "[" + strconv.Itoa(n) + "]"
			}
		}
		return p
	}
	var (
		depth int    // open brackets and braces of a value spanning lines
		ml    string // the closing delimiter of an open multi-line string
	)
	lines := strings.Split(src, "\n")
	for i, ln := range lines {
		n := i + 1
		rest := ln
		if ml != "" {
			j := strings.Index(rest, ml)
			if j < 0 {
				continue
			}
			rest, ml = rest[j+3:], ""
		}
		if depth > 0 || rest != ln {
			depth, ml = scanValue(rest, depth)
			continue
		}
		t := strings.TrimLeft(ln, " \t")
		switch {
		case strings.HasPrefix(t, "[["):
			parts, _, ok := parseKey(t[2:])
			if !ok {
				continue
			}
			p := qualify(parts)
			counts[p]++
			cur = p + "[" + strconv.Itoa(counts[p]) + "]"
			ix[cur] = n
			ix.first(p, n)
		case strings.HasPrefix(t, "["):
			parts, _, ok := parseKey(t[1:])
			if !ok {
				continue
			}
			cur = qualify(parts)
			ix[cur] = n
			ix.first(parentPath(cur), n)
		case t == "" || t[0] == '#':
		default:
			parts, after, ok := parseKey(t)
			if !ok || !strings.HasPrefix(after, "=") {
				continue
			}
			p := strings.Join(parts, ".")
			if cur != "" {
				p = cur + "." + p
			}
			ix.first(p, n)
			depth, ml = scanValue(after[1:], 0)
		}
	}
	return ix
}

// parseKey reads a dotted key (bare, "basic" or 'literal' parts) and
// returns its parts and what follows it, spaces trimmed.
func parseKey(s string) (parts []string, rest string, ok bool) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return nil, "", false
		}
		var part string
		switch s[0] {
		case '"':
			j := 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, "", false
			}
			uq, err := strconv.Unquote(s[:j+1])
			if err != nil {
				uq = s[1:j]
			}
			part, s = uq, s[j+1:]
		case '\'':
			j := strings.IndexByte(s[1:], '\'')
			if j < 0 {
				return nil, "", false
			}
			part, s = s[1:j+1], s[j+2:]
		default:
			j := 0
			for j < len(s) && isBare(s[j]) {
				j++
			}
			if j == 0 {
				return nil, "", false
			}
			part, s = s[:j], s[j:]
		}
		parts = append(parts, part)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s, true
		}
		s = s[1:]
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// scanValue follows a value's text from bracket depth d and returns the
// depth at the end of the line and, when a multi-line string is left
// open, its closing delimiter.
func scanValue(s string, d int) (int, string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '#':
			return d, ""
		case '[', '{':
			d++
		case ']', '}':
			if d > 0 {
				d--
			}
		case '"', '\'':
			delim := s[i : i+1]
			if strings.HasPrefix(s[i:], strings.Repeat(delim, 3)) {
				end := strings.Index(s[i+3:], strings.Repeat(delim, 3))
				if end < 0 {
					return d, strings.Repeat(delim, 3)
				}
				i += 3 + end + 2
				// A closing delimiter may be followed by up to two more
				// quotes that belong to the string.
				for i+1 < len(s) && s[i+1] == c {
					i++
				}
				continue
			}
			for i++; i < len(s) && s[i] != c; i++ {
				if c == '"' && s[i] == '\\' {
					i++
				}
			}
		}
	}
	return d, ""
}

// keyAt names the key defined on a line of a document the parser
// rejected there, from the text before it: "product[3].price_annual".
// It is "" when the line defines no key (a broken header, stray text).
func keyAt(src string, line int) string {
	lines := strings.SplitN(src, "\n", line+1)
	if line < 1 || line > len(lines) {
		return ""
	}
	ix := indexLines(strings.Join(lines[:line], "\n"))
	best := ""
	for p, n := range ix {
		// The deepest path defined on the line is the key itself.
		if n == line && len(p) > len(best) {
			best = p
		}
	}
	return best
}
