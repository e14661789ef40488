package part

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"

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
// of what it writes, whatever p.Digest holds. A shard that writes its
// replications as they come uses a Writer, which gives the same bytes.
func Write(w io.Writer, p *Part) error {
	var lines bytes.Buffer
	pw := &Writer{h: p.Header, cfg: p.Config, sum: newDigest(p.Header), lines: &lines}
	for i := range p.Results {
		if err := pw.add(&p.Results[i]); err != nil {
			return pw.fail(err)
		}
	}
	return pw.finish(w, &lines)
}

// Writer writes the part of a shard whose replications come one at a
// time (Add), so that the shard holds none of their Results: each is
// encoded at once onto scratch, and Finish writes the header, whose
// digest covers them all, then copies them back from scratch. The bytes
// are those Write gives for the same part.
type Writer struct {
	h       Header
	cfg     *model.Config
	sum     *digest
	lines   io.Writer // the replications as the file spells them
	scratch io.ReadWriteSeeker
	n       int
}

// NewWriter starts the part of shard k of n of cfg's replications, like
// New; scenario is the argument given to `licsim run` and arch the
// architecture that runs them (runtime.GOARCH). scratch (a temporary
// file) holds the encoded replications until Finish.
func NewWriter(scenario, arch string, cfg *model.Config, k, n int, scratch io.ReadWriteSeeker) (*Writer, error) {
	h, err := header(scenario, arch, cfg, k, n)
	if err != nil {
		return nil, err
	}
	return &Writer{h: h, cfg: cfg, sum: newDigest(h), lines: scratch, scratch: scratch}, nil
}

// Add encodes the next replication of the shard.
func (w *Writer) Add(r *model.Result) error {
	if want := w.h.First + w.n; r.Rep != want || want >= w.h.End {
		return fmt.Errorf("shard %d of %d: replication %d after %d of [%d, %d)", w.h.Shard, w.h.Shards, r.Rep, w.n, w.h.First, w.h.End)
	}
	res := resultOf(r)
	if err := w.add(&res); err != nil {
		return w.fail(err)
	}
	return nil
}

// Finish writes the part to out once every replication of the shard was
// added.
func (w *Writer) Finish(out io.Writer) error {
	if w.n != w.h.End-w.h.First {
		return fmt.Errorf("shard %d of %d: %d results for replications [%d, %d)", w.h.Shard, w.h.Shards, w.n, w.h.First, w.h.End)
	}
	if _, err := w.scratch.Seek(0, io.SeekStart); err != nil {
		return w.fail(err)
	}
	return w.finish(out, w.scratch)
}

// add hashes r's JSON and writes it as Write spells it: after the first,
// each replication starts a line of its own.
func (w *Writer) add(r *Result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if w.n > 0 {
		if _, err := io.WriteString(w.lines, ",\n"); err != nil {
			return err
		}
	}
	w.sum.add(b)
	if _, err := w.lines.Write(lineBreaks(b)); err != nil {
		return err
	}
	w.n++
	return nil
}

// finish writes the header with the digest, the config, the replications
// read from lines, and the end.
func (w *Writer) finish(out io.Writer, lines io.Reader) error {
	h := w.h
	h.Digest = w.sum.end(true)
	head, err := json.Marshal(file{Header: h, Config: configOf(w.cfg), Results: []Result{}})
	if err != nil {
		return w.fail(err)
	}
	head, ok := bytes.CutSuffix(lineBreaks(head), []byte("]}"))
	if !ok {
		return w.fail(errors.New("the results do not end the file"))
	}
	if _, err := out.Write(head); err != nil {
		return err
	}
	if _, err := io.Copy(out, lines); err != nil {
		return err
	}
	_, err = io.WriteString(out, "]}\n")
	return err
}

// digest is a part's digest as it is computed, replication by
// replication, by a Writer and a Reader alike: the SHA-256 of the JSON of
// the header without its Digest and a newline, then of the results as
// encoding/json spells them in one array (or null), and a newline. So a
// part decoded whole and encoded again gives the digest it was written
// with.
type digest struct {
	sum hash.Hash
	n   int // results added
}

// newDigest starts the digest of a part with header h.
func newDigest(h Header) *digest {
	h.Digest = ""
	d := &digest{sum: sha256.New()}
	_ = json.NewEncoder(d.sum).Encode(h) // a hash never fails to write; a Header always encodes
	return d
}

// add adds the JSON of the next result.
func (d *digest) add(result []byte) {
	if d.n == 0 {
		io.WriteString(d.sum, "[")
	} else {
		io.WriteString(d.sum, ",")
	}
	d.sum.Write(result)
	d.n++
}

// end is the digest, in hex, of the results added as an array, or as
// null (no array) when array is false.
func (d *digest) end(array bool) string {
	switch {
	case !array:
		io.WriteString(d.sum, "null\n")
	case d.n == 0:
		io.WriteString(d.sum, "[]\n")
	default:
		io.WriteString(d.sum, "]\n")
	}
	return hex.EncodeToString(d.sum.Sum(nil))
}

// fail names the part in err.
func (w *Writer) fail(err error) error {
	return fmt.Errorf("part %s: %w", Name(w.h.Shard, w.h.Shards), err)
}

// lineBreaks breaks the line before each replication but the first: the
// bytes are still one JSON value, read back by Decode like any other.
// Only a replication's object starts with "rep", so that the break
// never falls elsewhere, and breaking the replications one by one gives
// the bytes of breaking the whole file.
func lineBreaks(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte(`},{"rep":`), []byte("},\n{\"rep\":"))
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
