package part

import (
	"fmt"
	"licsim/reports/buildinfo"

	"licsim/model"
)

// Format names the version of the part file format. A licsim reads only
// its own version: a part is raw per-replication data, and merging rows
// written under other rules would give outputs no single run gives.
// Version 2 spells the config with the part format's own names; version
// 3 adds the code version and the digest of the results; version 4 the
// costs by period and product (model.Result.Costs).
const Format = "licsim-part/4"

// Glob matches the part files in a folder.
const Glob = "part-*.json"

// Name is the file name of shard k of n: every shard of a run can write
// into one shared folder.
func Name(k, n int) string { return fmt.Sprintf("part-%d-of-%d.json", k, n) }

// Part is the partial result of one shard of a sharded run (`licsim run
// --shard K/N`): everything `licsim merge` needs to write the outputs of
// the unsharded run byte for byte, and everything it needs to tell that
// parts belong together.
//
// Shard K of N holds replications [First, End) = [K·R/N, (K+1)·R/N) of R;
// with more shards than replications some shards hold none, and still
// write a part so that the merge can tell "empty" from "missing".
type Part struct {
	Header
	// Config is the scenario the shard ran; the file spells it in the
	// part format's own names (see Write).
	Config *model.Config
	// Results are the shard's replications, in order; the parts
	// Gather returns hold none (see Merged.Each).
	Results []Result
	// File is the file the part was read from, for messages.
	File string
	// unloaded: only the header and config were read (see Gather);
	// Merged.Each streams the results from File.
	unloaded bool
}

// Header is what identifies a part: which run, which shard, which rows.
type Header struct {
	Format string `json:"format"`
	// Scenario is the scenario argument as given to `licsim run`; the
	// merged report shows it in its reproducing command.
	Scenario string `json:"scenario"`
	// Hash identifies the scenario: see ConfigHash. Seed and replication
	// count are kept apart so that a mismatch can be named precisely.
	Hash         string `json:"hash"`
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	Shard        int    `json:"shard"`
	Shards       int    `json:"shards"`
	First        int    `json:"first"` // first replication of the shard
	End          int    `json:"end"`   // one past its last replication
	// Arch is the CPU architecture that ran the shard (GOARCH). The Go
	// compiler fuses multiply-adds on some architectures (arm64) and not
	// on others (amd64), so floating point may round differently: parts
	// from different architectures are not merged.
	Arch string `json:"arch"`
	// Version is the licsim that ran the shard (see buildinfo.Info.Code): the
	// merge equals a single run only when every shard ran the same code.
	Version string `json:"version"`
	// Metrics and Series name the columns of Totals and Monthly, so that
	// a part from a licsim with other metrics is refused, not misread.
	Metrics []string `json:"metrics"`
	Series  []string `json:"series"`
	// Digest is the SHA-256, in hex, of the header's other fields and
	// the results, as Write spells them (see digest). Read recomputes it:
	// a part whose numbers were edited or corrupted after it was written
	// is refused. It is a checksum, not a signature: whoever edits a part
	// can recompute it, and then only the plausibility checks of
	// model.Result.Verify stand in the way.
	Digest string `json:"digest"`
}

// Result is one replication of a part: model.Result with Totals as a
// slice in Part.Metrics order. Integers go through encoding/json exactly.
type Result struct {
	Rep           int                        `json:"rep"`
	Seed          uint64                     `json:"seed"`
	Totals        []int64                    `json:"totals"`
	Monthly       []int64                    `json:"monthly"`
	Costs         []int64                    `json:"costs"`
	Subscriptions []model.SubscriptionRecord `json:"subscriptions,omitempty"`
	Events        uint64                     `json:"events"`
	Employees     int                        `json:"employees"`
	Carried       model.Carried              `json:"carried,omitzero"` // a history warm-up's (model.Carried)
}

// ShardRange returns the replications [first, end) of shard k of n for a
// run of reps replications: [k·reps/n, (k+1)·reps/n), so that shard sizes
// differ by at most one and the shards cover 0..reps-1 once, in order.
// The caller keeps 0 <= k < n; the arithmetic is in int64 so that it
// cannot overflow for any n and reps up to model.MaxReplications.
func ShardRange(k, n, reps int) (first, end int) {
	return int(int64(k) * int64(reps) / int64(n)), int(int64(k+1) * int64(reps) / int64(n))
}

// New builds the part of shard k of n from the results of its
// replications, in order; scenario is the argument given to `licsim run`
// and arch the architecture that ran them (runtime.GOARCH). A shard
// running its replications uses NewWriter instead, which holds none.
func New(scenario, arch string, cfg *model.Config, k, n int, results []model.Result) (*Part, error) {
	h, err := header(scenario, arch, cfg, k, n)
	if err != nil {
		return nil, err
	}
	first, end := h.First, h.End
	if len(results) != end-first {
		return nil, fmt.Errorf("shard %d of %d: %d results for replications [%d, %d)", k, n, len(results), first, end)
	}
	p := &Part{Header: h, Config: cfg, Results: make([]Result, len(results))}
	for i, r := range results {
		if r.Rep != first+i {
			return nil, fmt.Errorf("shard %d of %d: result %d is replication %d, want %d", k, n, i, r.Rep, first+i)
		}
		p.Results[i] = resultOf(&r)
	}
	return p, nil
}

// header is the header of shard k of n of cfg's replications, without
// its digest.
func header(scenario, arch string, cfg *model.Config, k, n int) (Header, error) {
	if n < 1 || k < 0 || k >= n {
		return Header{}, fmt.Errorf("shard %d/%d: want 0 <= K < N", k, n)
	}
	hash, err := ConfigHash(cfg)
	if err != nil {
		return Header{}, err
	}
	first, end := ShardRange(k, n, cfg.Replications)
	return Header{
		Format: Format, Scenario: scenario, Hash: hash, Seed: cfg.Seed, Replications: cfg.Replications,
		Shard: k, Shards: n, First: first, End: end, Arch: arch, Version: buildinfo.Read().Code(),
		Metrics: metricNames(), Series: seriesNames(cfg),
	}, nil
}

// resultOf is r as a part spells it.
func resultOf(r *model.Result) Result {
	return Result{
		Rep: r.Rep, Seed: r.Seed, Totals: r.Totals[:], Monthly: r.Monthly, Costs: r.Costs,
		Subscriptions: r.Subscriptions, Events: r.Events, Employees: r.Employees,
		Carried: r.Carried,
	}
}

// metricNames lists this licsim's metric names in report order.
func metricNames() []string {
	var names []string
	for _, m := range model.Metrics() {
		names = append(names, m.Name())
	}
	return names
}

// seriesNames lists the monthly series of cfg.
func seriesNames(cfg *model.Config) []string {
	var names []string
	for _, s := range model.Series(cfg) {
		names = append(names, s.Name)
	}
	return names
}
