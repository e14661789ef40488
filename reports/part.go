package reports

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

// PartFormat names the version of the part file format. A licsim reads
// only its own version: a part is raw per-replication data, and merging
// rows written under other rules would give outputs no single run gives.
const PartFormat = "licsim-part/1"

// Part is the partial result of one shard of a sharded run (`licsim run
// --shard K/N`): everything `licsim merge` needs to write the outputs of
// the unsharded run byte for byte, and everything it needs to tell that
// parts belong together.
//
// Shard K of N holds replications [First, End) = [K·R/N, (K+1)·R/N) of R;
// with more shards than replications some shards hold none, and still
// write a part so that the merge can tell "empty" from "missing".
type Part struct {
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
	// Metrics and Series name the columns of Totals and Monthly, so that
	// a part from a licsim with other metrics is refused, not misread.
	Metrics []string      `json:"metrics"`
	Series  []string      `json:"series"`
	Config  *model.Config `json:"config"`
	Results []PartResult  `json:"results"`

	// File is the file the part was read from, for messages.
	File string `json:"-"`
}

// PartResult is one replication of a part: model.Result with Totals as a
// slice in Part.Metrics order. Integers go through encoding/json exactly.
type PartResult struct {
	Rep           int                        `json:"rep"`
	Seed          uint64                     `json:"seed"`
	Totals        []int64                    `json:"totals"`
	Monthly       []int64                    `json:"monthly"`
	Subscriptions []model.SubscriptionRecord `json:"subscriptions,omitempty"`
	Events        uint64                     `json:"events"`
	Employees     int                        `json:"employees"`
}

// PartName is the file name of shard k of n: every shard of a run can
// write into one shared folder.
func PartName(k, n int) string { return fmt.Sprintf("part-%d-of-%d.json", k, n) }

// PartGlob matches the part files in a folder.
const PartGlob = "part-*.json"

// ShardRange returns the replications [first, end) of shard k of n for a
// run of reps replications: [k·reps/n, (k+1)·reps/n), so that shard sizes
// differ by at most one and the shards cover 0..reps-1 once, in order.
// The caller keeps 0 <= k < n; the arithmetic is in int64 so that it
// cannot overflow for any n and reps up to model.MaxReplications.
func ShardRange(k, n, reps int) (first, end int) {
	return int(int64(k) * int64(reps) / int64(n)), int(int64(k+1) * int64(reps) / int64(n))
}

// ConfigHash is the hex SHA-256 of cfg as JSON with Seed and Replications
// zeroed: equal hashes mean the same scenario, whatever its seed and
// replication count. model.Config is plain data and encoding/json writes
// struct fields in a fixed order and floats in shortest round-trip form,
// so the JSON is canonical.
func ConfigHash(cfg *model.Config) (string, error) {
	c := *cfg
	c.Seed, c.Replications = 0, 0
	b, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("scenario %q: %w", cfg.Name, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
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

// NewPart builds the part of shard k of n from the results of its
// replications, in order; scenario is the argument given to `licsim run`
// and arch the architecture that ran them (runtime.GOARCH).
func NewPart(scenario, arch string, cfg *model.Config, k, n int, results []model.Result) (*Part, error) {
	if n < 1 || k < 0 || k >= n {
		return nil, fmt.Errorf("shard %d/%d: want 0 <= K < N", k, n)
	}
	hash, err := ConfigHash(cfg)
	if err != nil {
		return nil, err
	}
	first, end := ShardRange(k, n, cfg.Replications)
	if len(results) != end-first {
		return nil, fmt.Errorf("shard %d of %d: %d results for replications [%d, %d)", k, n, len(results), first, end)
	}
	p := &Part{
		Format: PartFormat, Scenario: scenario, Hash: hash, Seed: cfg.Seed, Replications: cfg.Replications,
		Shard: k, Shards: n, First: first, End: end, Arch: arch,
		Metrics: metricNames(), Series: seriesNames(cfg), Config: cfg,
		Results: make([]PartResult, len(results)),
	}
	for i, r := range results {
		if r.Rep != first+i {
			return nil, fmt.Errorf("shard %d of %d: result %d is replication %d, want %d", k, n, i, r.Rep, first+i)
		}
		p.Results[i] = PartResult{
			Rep: r.Rep, Seed: r.Seed, Totals: r.Totals[:], Monthly: r.Monthly,
			Subscriptions: r.Subscriptions, Events: r.Events, Employees: r.Employees,
		}
	}
	return p, nil
}

// WritePart writes p as JSON: the header fields first, one replication
// per line, so that a part stays readable with a pager.
func WritePart(w io.Writer, p *Part) error {
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("part %s: %w", PartName(p.Shard, p.Shards), err)
	}
	// Break the line after each replication: the bytes are still one
	// JSON value, read back by ReadPart like any other.
	s := strings.ReplaceAll(string(b), `},{"rep":`, "},\n{\"rep\":")
	_, err = io.WriteString(w, s+"\n")
	return err
}

// PartError is a part file that cannot be used, or parts that cannot be
// merged. It is bad input: commands exit with code 2. The message names
// the files and the problem.
type PartError struct {
	// Missing lists the missing shards when that is the only problem,
	// so that a caller can wait for them.
	Missing []int
	Err     error
}

func (e *PartError) Error() string { return e.Err.Error() }
func (e *PartError) Unwrap() error { return e.Err }

func partErr(format string, a ...any) error { return &PartError{Err: fmt.Errorf(format, a...)} }

// ReadPart reads the part file at path and checks it on its own: the
// format version, the hash against the config it carries, the shard's
// replication range, the metric and series names against this licsim,
// and every replication's number, seed and row lengths. Any problem is a
// *PartError naming the file.
func ReadPart(path string) (*Part, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &PartError{Err: fmt.Errorf("read part: %w", err)}
	}
	defer f.Close()
	return DecodePart(path, f)
}

// DecodePart reads a part from r like ReadPart; name is the file name for
// messages.
func DecodePart(name string, r io.Reader) (*Part, error) {
	var p Part
	if err := json.NewDecoder(bufio.NewReader(r)).Decode(&p); err != nil {
		return nil, partErr("%s: not a licsim part file: %w", name, err)
	}
	p.File = name
	if p.Format != PartFormat {
		return nil, partErr("%s: format %q, this licsim reads %q", name, p.Format, PartFormat)
	}
	if err := p.check(); err != nil {
		return nil, &PartError{Err: fmt.Errorf("%s: %w", name, err)}
	}
	return &p, nil
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
	}
	return nil
}

// shortHash abbreviates a hash for messages.
func shortHash(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// Merged is a sharded run put back together.
type Merged struct {
	// Scenario is the scenario argument the shards were run with.
	Scenario string
	Config   *model.Config
	// Results are every replication, in order, as an unsharded run
	// returns them.
	Results []model.Result
}

// CheckParts checks that parts (each already checked by ReadPart) belong
// to one run: the same scenario, seed, replication count, shard count
// and architecture, and no shard twice. It returns the shards still
// missing, in order. No parts at all is an error.
func CheckParts(parts []*Part) (missing []int, err error) {
	if len(parts) == 0 {
		return nil, partErr("no part files")
	}
	a := parts[0]
	for _, b := range parts[1:] {
		switch {
		case a.Hash != b.Hash || a.Scenario != b.Scenario:
			return nil, partErr("parts come from different scenarios: %s (hash %s, %s) vs %s (hash %s, %s)",
				a.File, shortHash(a.Hash), a.Scenario, b.File, shortHash(b.Hash), b.Scenario)
		case a.Seed != b.Seed:
			return nil, partErr("parts have different seeds: %s (seed %d) vs %s (seed %d)", a.File, a.Seed, b.File, b.Seed)
		case a.Replications != b.Replications:
			return nil, partErr("parts have different replication counts: %s (%d) vs %s (%d)",
				a.File, a.Replications, b.File, b.Replications)
		case a.Shards != b.Shards:
			return nil, partErr("parts come from different shard counts: %s (shard %d of %d) vs %s (shard %d of %d)",
				a.File, a.Shard, a.Shards, b.File, b.Shard, b.Shards)
		case a.Arch != b.Arch:
			return nil, partErr("parts were computed on different CPU architectures: %s (%s) vs %s (%s); floating point may round differently, so the merge would not equal a single run",
				a.File, a.Arch, b.File, b.Arch)
		}
	}
	seen := make(map[int]*Part, len(parts))
	for _, p := range parts {
		if q, ok := seen[p.Shard]; ok {
			return nil, partErr("shard %d of %d given twice: %s and %s", p.Shard, p.Shards, q.File, p.File)
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

// MissingError describes missing shards: "shard 2 of 7 missing".
func MissingError(missing []int, shards int) error {
	var what string
	switch {
	case len(missing) == 1:
		what = fmt.Sprintf("shard %d", missing[0])
	case len(missing) <= 10:
		what = "shards " + joinInts(missing)
	default:
		what = fmt.Sprintf("shards %s and %d more", joinInts(missing[:10]), len(missing)-10)
	}
	return &PartError{Missing: missing, Err: fmt.Errorf("%s of %d missing", what, shards)}
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ", ")
}

// MergeParts checks parts with CheckParts, refuses missing shards, and
// rebuilds the results of the unsharded run in replication order.
func MergeParts(parts []*Part) (*Merged, error) {
	missing, err := CheckParts(parts)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return nil, MissingError(missing, parts[0].Shards)
	}
	ordered := slices.Clone(parts)
	slices.SortFunc(ordered, func(a, b *Part) int { return a.Shard - b.Shard })
	m := &Merged{Scenario: ordered[0].Scenario, Config: ordered[0].Config,
		Results: make([]model.Result, 0, ordered[0].Replications)}
	for _, p := range ordered {
		for _, r := range p.Results {
			res := model.Result{
				Rep: r.Rep, Seed: r.Seed, Monthly: r.Monthly,
				Subscriptions: r.Subscriptions, Events: r.Events, Employees: r.Employees,
			}
			copy(res.Totals[:], r.Totals)
			m.Results = append(m.Results, res)
		}
	}
	return m, nil
}
