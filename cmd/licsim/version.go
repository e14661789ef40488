package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
)

// cmdVersion prints the module version, the VCS revision and whether the
// tree was modified, and the Go version, from the build information the
// Go toolchain embeds in the binary.
func cmdVersion(fs *flag.FlagSet) action {
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		fmt.Fprint(stdout, versionText(debug.ReadBuildInfo()))
		return nil
	}
}

// versionText writes what versionOf finds, one fact per line.
func versionText(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "licsim (no build information)\n"
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	s := fmt.Sprintf("licsim %s\n", version)
	var rev, modified, when string
	for _, kv := range info.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.modified":
			modified = kv.Value
		case "vcs.time":
			when = kv.Value
		}
	}
	if rev != "" {
		s += "revision " + rev
		if modified == "true" {
			s += " (modified)"
		}
		if when != "" {
			s += " of " + when
		}
		s += "\n"
	}
	return s + info.GoVersion + "\n"
}

// nearest is the candidate closest to s by edit distance, if it is close
// enough to be a typo (at most 2 edits, or a third of s); "" otherwise.
func nearest(s string, candidates []string) string {
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
