package cluster

import (
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// This file holds what the Kubernetes manifest and the Slurm jobs share:
// how a scenario argument names things, and where its copy goes.

// slug is the scenario's base name without .toml, in lower-case letters,
// digits and single '-': "scenarios/Big Org.toml" gives "big-org",
// "Ωmega.toml" gives "mega", and a name without any letter or digit
// gives "".
func slug(arg string) string {
	base := strings.TrimSuffix(path.Base(filepath.ToSlash(arg)), ".toml")
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// plainPath is a scenario path that the jobs can use as given: relative,
// plain characters, no empty or dash-led elements.
var plainPath = regexp.MustCompile(`^[A-Za-z0-9_.][A-Za-z0-9._-]*(/[A-Za-z0-9_.][A-Za-z0-9._-]*)*$`)

// scenarioItem returns where the scenario's copy lies under the folder
// the jobs work in (the ConfigMap's mount, the Slurm scenario folder).
// The jobs run in that folder, so a relative path of plain elements is
// kept as given and the merged report shows the user's own command. Other
// arguments (absolute paths, elements starting with "..", which
// Kubernetes refuses in a ConfigMap item's path, odd characters) fall
// back to their base name, cleaned: fallback is then true, and the jobs
// must be given item as the argument.
func scenarioItem(arg string) (item string, fallback bool) {
	if plainPath.MatchString(arg) && !strings.HasPrefix(arg, "..") && !strings.Contains(arg, "/..") {
		if item := path.Clean(arg); item != "." {
			return item, false
		}
	}
	base := strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r)) {
			return r
		}
		return '-'
	}, path.Base(filepath.ToSlash(arg)))
	base = strings.TrimLeft(base, ".-")
	if base == "" {
		base = ScenarioKey
	}
	return base, true
}
