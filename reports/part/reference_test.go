package part

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"licsim/model"
)

// referenceDecode is Decode as it was before parts were read as a
// stream: the whole file decoded at once, then checked. The streaming
// reader must accept and refuse what it did, with the same messages
// (see TestReader_AsReferenceDecode and FuzzDecode).
func referenceDecode(name string, r io.Reader) (*Part, error) {
	var f file
	if err := json.NewDecoder(bufio.NewReader(r)).Decode(&f); err != nil {
		return nil, errorf("%s: not a licsim part file: %w", name, err)
	}
	if f.Format != Format {
		return nil, errorf("%s: format %q, this licsim reads %q", name, f.Format, Format)
	}
	p := &Part{Header: f.Header, Results: f.Results, File: name}
	if f.Config != nil {
		cfg, err := f.Config.model()
		if err != nil {
			return nil, errorf("%s: %w", name, err)
		}
		p.Config = cfg
	}
	if err := referenceCheck(p); err != nil {
		return nil, errorf("%s: %w", name, err)
	}
	return p, nil
}

func referenceCheck(p *Part) error {
	if p.Config == nil {
		return errors.New("no scenario config")
	}
	if p.Scenario == "" {
		return errors.New("no scenario name")
	}
	if p.Config.Seed != p.Seed || p.Config.Replications != p.Replications {
		return fmt.Errorf("seed %d and replications %d differ from its config's %d and %d",
			p.Seed, p.Replications, p.Config.Seed, p.Config.Replications)
	}
	if err := model.Check(p.Config); err != nil {
		return fmt.Errorf("invalid scenario config: %w", err)
	}
	hash, err := ConfigHash(p.Config)
	if err != nil {
		return err
	}
	if hash != p.Hash {
		return fmt.Errorf("hash %s does not match its config (%s): edited, or written by another licsim version", shortHash(p.Hash), shortHash(hash))
	}
	if p.Shards < 1 || p.Shards > model.MaxReplications || p.Shard < 0 || p.Shard >= p.Shards {
		return fmt.Errorf("shard %d of %d: want 0 <= shard < shards <= %d", p.Shard, p.Shards, model.MaxReplications)
	}
	if first, end := ShardRange(p.Shard, p.Shards, p.Replications); p.First != first || p.End != end {
		return fmt.Errorf("replications [%d, %d) do not match shard %d of %d of %d replications: want [%d, %d)",
			p.First, p.End, p.Shard, p.Shards, p.Replications, first, end)
	}
	if p.Arch == "" {
		return errors.New("no CPU architecture")
	}
	if !slices.Equal(p.Metrics, metricNames()) {
		return errors.New("its metrics differ from this licsim's: written by another licsim version")
	}
	if !slices.Equal(p.Series, seriesNames(p.Config)) {
		return errors.New("its monthly series differ from this licsim's: written by another licsim version")
	}
	if p.Version == "" {
		return errors.New("no licsim version")
	}
	if err := referenceCheckResults(p); err != nil {
		return err
	}
	d, err := referenceDigest(p.Header, p.Results)
	if err != nil {
		return err
	}
	if d != p.Digest {
		return fmt.Errorf("digest %s does not match its results (%s): edited or corrupted after it was written", shortHash(p.Digest), shortHash(d))
	}
	return nil
}

func referenceDigest(h Header, results []Result) (string, error) {
	h.Digest = ""
	sum := sha256.New()
	enc := json.NewEncoder(sum)
	if err := enc.Encode(h); err != nil {
		return "", err
	}
	if err := enc.Encode(results); err != nil {
		return "", err
	}
	return hex.EncodeToString(sum.Sum(nil)), nil
}

func referenceCheckResults(p *Part) error {
	if len(p.Results) != p.End-p.First {
		return fmt.Errorf("%d replications, want %d ([%d, %d))", len(p.Results), p.End-p.First, p.First, p.End)
	}
	monthly := p.Config.Months * len(p.Series)
	for i, r := range p.Results {
		rep := p.First + i
		switch {
		case r.Rep != rep:
			return fmt.Errorf("result %d is replication %d, want %d", i, r.Rep, rep)
		case r.Seed != model.RepSeed(p.Config, rep):
			return fmt.Errorf("replication %d: seed %d, want %d", rep, r.Seed, model.RepSeed(p.Config, rep))
		case len(r.Totals) != int(model.NumMetrics):
			return fmt.Errorf("replication %d: %d totals, want %d", rep, len(r.Totals), model.NumMetrics)
		case len(r.Monthly) != monthly:
			return fmt.Errorf("replication %d: %d monthly values, want %d", rep, len(r.Monthly), monthly)
		}
		if err := r.model().Verify(p.Config); err != nil {
			return fmt.Errorf("replication %d: %w", rep, err)
		}
	}
	return nil
}
