package reports

import (
	"crypto/sha256"
	"encoding/hex"
)

// Assumption is one input of a run as it took effect (see
// scenarios.Assumptions, which builds them from the scenario format's key
// table; its type has the same fields, so a slice converts element by
// element). reports does not import scenarios: the command passes them
// in.
type Assumption struct {
	Table string // "" (top level), "population", "admin", "product", "policy_change", "catalog_growth"
	Item  string // the product's id or the policy change's number; "" for tables that appear once
	Key   string // the key's name in its table
	Value string // the effective value as TOML source
	Unit  string // the key's unit, "" when none
	Doc   string // what the key means
}

// Path is the key as a --set override names it: "population.headcount",
// "product.visio-plan-1.price_annual", "policy_change.1.date".
func (a Assumption) Path() string {
	p := a.Key
	if a.Item != "" {
		p = a.Item + "." + p
	}
	if a.Table != "" {
		p = a.Table + "." + p
	}
	return p
}

// Provenance is what a run's outputs say about where they come from,
// beyond the scenario's parsed values: the command that reproduces them,
// the scenario file as written, licsim's version and every assumption.
type Provenance struct {
	// Command reproduces the run (RunCommand); it must not depend on
	// --workers or --out.
	Command string
	// File names the scenario (a path or a shipped name) and Source is
	// its text; empty when it could not be read when writing.
	File   string
	Source []byte
	// Version is licsim's version, from its build information.
	Version string
	// Assumptions are every input as it took effect, in file order.
	Assumptions []Assumption
	// Warnings are what the scenario does that its author may not mean
	// (a takeover that always cancels for want of org licences...),
	// shown at the top of the report as on the command line.
	Warnings []string
}

// SourceSHA256 is the hex SHA-256 of the scenario file's bytes, or ""
// without a source.
func (p *Provenance) SourceSHA256() string {
	if len(p.Source) == 0 {
		return ""
	}
	h := sha256.Sum256(p.Source)
	return hex.EncodeToString(h[:])
}
