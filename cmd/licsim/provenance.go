package main

import (
	"licsim/model"
	"licsim/reports"
	"licsim/reports/buildinfo"
	"licsim/reports/part"
	"licsim/scenarios"
)

// provenance is what a run's reports say about where they come from:
// the reproducing command, the scenario file as written (when it can be
// read and still describes cfg: a merge may run where the file changed
// or is missing), licsim's version and every assumption of cfg.
func provenance(ref string, cfg *model.Config) *reports.Provenance {
	p := &reports.Provenance{Command: reports.RunCommand(ref, cfg), Version: buildinfo.Read().Report(), Warnings: scenarios.Warnings(cfg)}
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
