package reports

import (
	"fmt"
	"strings"

	"licsim/model"
)

// RunCommand is the command line that writes the same files as a run of
// cfg from the scenario argument: the seed and replication count made
// explicit, --workers and --out left out because results do not depend
// on them (so report.html, which shows it, does not either). A merged
// sharded run and the Kubernetes manifest name it too.
func RunCommand(scenario string, cfg *model.Config) string {
	return fmt.Sprintf("licsim run %s --reps %d --seed %d", ShellQuote(scenario), cfg.Replications, cfg.Seed)
}

// ShellQuote quotes s for a POSIX shell when it needs it: in single
// quotes unless it is made of letters, digits and "-_./=,:+" only (no
// '*', which the shell would expand).
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=,:+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
