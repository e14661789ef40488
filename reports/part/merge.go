package part

import (
	"context"
	"runtime"
	"slices"

	"licsim/model"
)

// Merged is a sharded run put back together: Each hands over its
// replications, in order, as an unsharded run returns them.
type Merged struct {
	// Scenario is the scenario argument the shards were run with.
	Scenario string
	Config   *model.Config
	parts    []*Part // in shard order
}

// Check checks that parts (each already checked by Read) belong to one
// run: the same scenario, seed, replication count, shard count,
// architecture and licsim version, and no shard twice. It returns the shards still missing,
// in order. No parts at all is an error.
func Check(parts []*Part) (missing []int, err error) {
	if len(parts) == 0 {
		return nil, errorf("no part files")
	}
	a := parts[0]
	for _, b := range parts[1:] {
		if err := sameRun(a, b); err != nil {
			return nil, err
		}
	}
	seen := make(map[int]*Part, len(parts))
	for _, p := range parts {
		if q, ok := seen[p.Shard]; ok {
			return nil, errorf("shard %d of %d given twice: %s and %s", p.Shard, p.Shards, q.File, p.File)
		}
		seen[p.Shard] = p
	}
	for k := range a.Shards {
		if seen[k] == nil {
			missing = append(missing, k)
		}
	}
	return missing, nil
}

// sameRun names the first difference between parts a and b that keeps
// them from being merged, or returns nil.
func sameRun(a, b *Part) error {
	switch {
	case a.Hash != b.Hash || a.Scenario != b.Scenario:
		return errorf("parts come from different scenarios: %s (hash %s, %s) vs %s (hash %s, %s)",
			a.File, shortHash(a.Hash), a.Scenario, b.File, shortHash(b.Hash), b.Scenario)
	case a.Seed != b.Seed:
		return errorf("parts have different seeds: %s (seed %d) vs %s (seed %d)", a.File, a.Seed, b.File, b.Seed)
	case a.Replications != b.Replications:
		return errorf("parts have different replication counts: %s (%d) vs %s (%d)",
			a.File, a.Replications, b.File, b.Replications)
	case a.Shards != b.Shards:
		return errorf("parts come from different shard counts: %s (shard %d of %d) vs %s (shard %d of %d)",
			a.File, a.Shard, a.Shards, b.File, b.Shard, b.Shards)
	case a.Arch != b.Arch:
		return errorf("parts were computed on different CPU architectures: %s (%s) vs %s (%s); floating point may round differently, so the merge would not equal a single run",
			a.File, a.Arch, b.File, b.Arch)
	case a.Version != b.Version:
		return errorf("parts were written by different licsim versions: %s (%s) vs %s (%s); run every shard with one build",
			a.File, a.Version, b.File, b.Version)
	}
	return nil
}

// Merge checks parts with Check, refuses missing shards, and puts the
// parts in replication order for Each.
func Merge(parts []*Part) (*Merged, error) {
	missing, err := Check(parts)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return nil, missingError(missing, parts[0].Shards)
	}
	ordered := slices.Clone(parts)
	slices.SortFunc(ordered, func(a, b *Part) int { return a.Shard - b.Shard })
	return &Merged{Scenario: ordered[0].Scenario, Config: ordered[0].Config, parts: ordered}, nil
}

// Each hands every replication of the run to each, in replication
// order, one part at a time, so that a merge holds one shard's results
// besides what each keeps. A part Gather read is read again for its
// results (and checked again, like the first time): one that changed
// since, by its digest, is refused. each's r is not reused. An error
// from each, a part or ctx stops it and is returned.
func (m *Merged) Each(ctx context.Context, each func(r *model.Result) error) error {
	for _, p := range m.parts {
		if err := ctx.Err(); err != nil {
			return err
		}
		results := p.Results
		if p.unloaded {
			// The previous part's decoding is garbage by now: collecting
			// it first keeps the heap at one part's, where the collector
			// would otherwise let this one's grow on top of it (a merge
			// of one big part would take twice its size).
			runtime.GC()
			q, err := Read(p.File)
			if err != nil {
				return err
			}
			if q.Digest != p.Digest {
				return errorf("%s: changed while merging (digest %s, first read as %s)", p.File, shortHash(q.Digest), shortHash(p.Digest))
			}
			results = q.Results
		}
		for i := range results {
			if err := each(results[i].model()); err != nil {
				return err
			}
		}
	}
	return nil
}
