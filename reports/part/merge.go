package part

import (
	"context"
	"fmt"
	"os"
	"reflect"
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
// order, one part at a time. A part Gather read is read now for its
// results, as a stream (see Reader): the merge holds one replication of
// it at a time besides what each keeps, and each part is read once. A
// part's replications are checked as they come and its digest after
// the last, so each may have been handed replications of a part that
// is then refused: a caller writes nothing until Each returns nil. A
// part whose header changed since Gather read it is refused. each's r
// is not reused. An error from each, a part or ctx stops it and is
// returned.
func (m *Merged) Each(ctx context.Context, each func(r *model.Result) error) error {
	for _, p := range m.parts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p.unloaded {
			if err := p.stream(ctx, each); err != nil {
				return err
			}
			continue
		}
		for i := range p.Results {
			if err := each(p.Results[i].model()); err != nil {
				return err
			}
		}
	}
	return nil
}

// stream reads p's file again, checks that its header is the one read
// first, and hands each replication to each as it is read and checked.
func (p *Part) stream(ctx context.Context, each func(r *model.Result) error) error {
	f, err := os.Open(p.File)
	if err != nil {
		return &Error{Err: fmt.Errorf("read part: %w", err)}
	}
	defer f.Close()
	rd, err := NewReader(p.File, f)
	if err != nil {
		return err
	}
	if q := rd.Part(); !sameHeader(q.Header, p.Header) {
		return errorf("%s: changed while merging (digest %s, first read as %s)", p.File, shortHash(q.Digest), shortHash(p.Digest))
	}
	return rd.Each(func(r *Result) error {
		// A big part takes a while: Ctrl-C stops it between replications.
		if err := ctx.Err(); err != nil {
			return err
		}
		return each(r.model())
	})
}

// sameHeader says whether a and b are the same header. The header
// holds the config's hash, which NewReader checked against the config.
func sameHeader(a, b Header) bool { return reflect.DeepEqual(a, b) }
