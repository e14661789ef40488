package part

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"licsim/model"
)

// file is a part as written: the header, the config in the part format's
// spelling, then the replications.
type file struct {
	Header
	Config  *config  `json:"config"`
	Results []Result `json:"results"`
}

// Write writes p as JSON: the header fields first, one replication per
// line, so that a part stays readable with a pager. It sets the digest
// of what it writes, whatever p.Digest holds.
func Write(w io.Writer, p *Part) error {
	h := p.Header
	d, err := digest(h, p.Results)
	if err != nil {
		return fmt.Errorf("part %s: %w", Name(p.Shard, p.Shards), err)
	}
	h.Digest = d
	b, err := json.Marshal(file{Header: h, Config: configOf(p.Config), Results: p.Results})
	if err != nil {
		return fmt.Errorf("part %s: %w", Name(p.Shard, p.Shards), err)
	}
	// Break the line after each replication: the bytes are still one
	// JSON value, read back by Decode like any other.
	s := strings.ReplaceAll(string(b), `},{"rep":`, "},\n{\"rep\":")
	_, err = io.WriteString(w, s+"\n")
	return err
}

// Read reads the part file at path and checks it on its own: the format
// version, the hash against the config it carries, the shard's
// replication range, the metric and series names against this licsim,
// every replication's number, seed and row lengths, the plausibility of
// its numbers (model.Result.Verify: counts ≥ 0, totals equal to the sum
// of their months, ...), then the digest. Any problem is an *Error
// naming the file.
func Read(path string) (*Part, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("read part: %w", err)}
	}
	defer f.Close()
	return Decode(path, f)
}

// Decode reads a part from r like Read; name is the file name for
// messages.
func Decode(name string, r io.Reader) (*Part, error) {
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
	if err := p.check(); err != nil {
		return nil, errorf("%s: %w", name, err)
	}
	return p, nil
}

// check verifies a decoded part on its own.
func (p *Part) check() error {
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
	if err := p.checkResults(); err != nil {
		return err
	}
	d, err := digest(p.Header, p.Results)
	if err != nil {
		return err
	}
	if d != p.Digest {
		return fmt.Errorf("digest %s does not match its results (%s): edited or corrupted after it was written", shortHash(p.Digest), shortHash(d))
	}
	return nil
}

// digest is the SHA-256 of the JSON of h without its Digest, a newline,
// and the JSON of results. encoding/json spells equal values in equal
// bytes, so decoding a part and encoding it again gives the digest it
// was written with.
func digest(h Header, results []Result) (string, error) {
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

// checkResults verifies that the part holds its shard's replications, in
// order, each with its seed and full rows.
func (p *Part) checkResults() error {
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

// model is r as the model returns it.
func (r *Result) model() *model.Result {
	res := &model.Result{
		Rep: r.Rep, Seed: r.Seed, Monthly: r.Monthly, Costs: r.Costs,
		Subscriptions: r.Subscriptions, Events: r.Events, Employees: r.Employees,
		Carried: r.Carried,
	}
	copy(res.Totals[:], r.Totals)
	return res
}

// shortHash abbreviates a hash for messages.
func shortHash(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}
