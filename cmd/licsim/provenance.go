package main

import (
	"runtime/debug"

	"licsim/model"
	"licsim/reports"
	"licsim/reports/part"
	"licsim/scenarios"
)

// buildVersion is licsim's version from its build information: the
// module version (a tag when installed with go install), else the VCS
// revision the binary was built from (with "+dirty" when the tree had
// changes), else "(devel)". It never depends on the machine or the run,
// so that reports stay byte-identical across runs of one binary.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		return "(devel) " + rev + dirty
	}
	return "(devel)"
}

// provenance is what a run's reports say about where they come from:
// the reproducing command, the scenario file as written (when it can be
// read and still describes cfg: a merge may run where the file changed
// or is missing), licsim's version and every assumption of cfg.
func provenance(ref string, cfg *model.Config) *reports.Provenance {
	p := &reports.Provenance{Command: reports.RunCommand(ref, cfg), Version: buildVersion()}
	for _, a := range scenarios.Assumptions(cfg) {
		p.Assumptions = append(p.Assumptions, reports.Assumption(a))
	}
	if name, data, err := scenarios.Source(ref); err == nil {
		if parsed, err := scenarios.Parse(name, data); err == nil && sameScenario(parsed, cfg) {
			p.File, p.Source = ref, data // as the command line names it: the same for a run and its merge
		}
	}
	return p
}

// sameScenario reports whether a and b are one scenario, whatever their
// seeds and replication counts (which --seed and --reps override).
func sameScenario(a, b *model.Config) bool {
	ha, errA := part.ConfigHash(a)
	hb, errB := part.ConfigHash(b)
	return errA == nil && errB == nil && ha == hb
}
