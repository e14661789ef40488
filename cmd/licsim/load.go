package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"licsim/model"
	"licsim/scenarios"
)

// loadScenario is the one route from a scenario (a file or a shipped
// name) and overrides to a validated configuration: every command loads
// through it, directly or through runFlags.load, so that every command
// checks the same things. Overrides from flags (--reps, --seed, --set)
// are scenario keys, validated like the file's own.
func loadScenario(ref string, sets ...scenarios.Set) (*model.Config, error) {
	return loadShard(ref, 1, sets...)
}

// loadShard is loadScenario for a run split into shards: the memory
// check counts one shard's results (see scenarios.LoadShard).
func loadShard(ref string, shards int, sets ...scenarios.Set) (*model.Config, error) {
	return scenarios.LoadShard(ref, shards, sets...)
}

// repsSet is a replication count as an override.
func repsSet(reps int) scenarios.Set {
	return scenarios.Set{Key: "replications", Value: strconv.Itoa(reps)}
}

// seedSet is a base seed as an override.
func seedSet(seed uint64) scenarios.Set {
	return scenarios.Set{Key: "seed", Value: strconv.FormatUint(seed, 10)}
}

// scenarioFlags are --reps and --seed: when given, they override the
// scenario's replications and seed; and, for the commands that register
// it (registerSet), --set KEY=VALUE, any scenario key.
type scenarioFlags struct {
	reps    int
	repsSet bool
	seed    uint64
	seedSet bool
	sets    overrideFlags
}

// registerSet registers --set, which overrides any scenario key as if it
// were in the file (sweep has a --set of its own, with value lists).
func (f *scenarioFlags) registerSet(fs *flag.FlagSet) {
	fs.Var(&f.sets, "set", "override a scenario key as `KEY=VALUE`, checked like the file's own (repeatable; e.g. history=none, admin.on_review=cancel)")
}

// register registers --reps and --seed, read by the parser --set uses
// and limited to the ranges of the scenario keys they override.
func (f *scenarioFlags) register(fs *flag.FlagSet) {
	wholeVar(fs, &f.reps, "reps", 0, 1, model.MaxReplications, "replications (default: the scenario's `replications`)").set = &f.repsSet
	wholeVar(fs, &f.seed, "seed", 0, 0, math.MaxInt64, "base seed (default: the scenario's `seed`)").set = &f.seedSet
}

// overrides are the flags given, as scenario overrides.
func (f *scenarioFlags) overrides() []scenarios.Set {
	sets := slices.Clone(f.sets)
	if f.repsSet {
		sets = append(sets, repsSet(f.reps))
	}
	if f.seedSet {
		sets = append(sets, seedSet(f.seed))
	}
	return sets
}

// printWarnings writes what a command warns of, one "warning:" line
// each, on stdout before its results, where they are read with them (the
// reports repeat them).
func printWarnings(w io.Writer, warnings []string) {
	for _, s := range warnings {
		fmt.Fprintln(w, "warning:", s)
	}
}
