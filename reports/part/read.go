package part

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"licsim/model"
)

// Read reads the part file at path and checks it on its own: the format
// version, the hash against the config it carries, the shard's
// replication range, the metric and series names against this licsim,
// every replication's number, seed and row lengths, the plausibility of
// its numbers (model.Result.Verify: counts ≥ 0, totals equal to the sum
// of their months, ...), then the digest. Any problem is an *Error
// naming the file. The Part holds every replication; a Reader reads them
// one at a time.
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
	rd, err := NewReader(name, r)
	if err != nil {
		return nil, err
	}
	p := rd.Part()
	err = rd.Each(func(r *Result) error {
		p.Results = append(p.Results, *r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if p.Results == nil && rd.array {
		p.Results = []Result{} // "results": [] decodes as no results, "results": null as none at all
	}
	return p, nil
}

// Reader reads a part as a stream, so that reading one holds its header
// and one replication at a time, whatever its size: NewReader reads the
// header and the config and checks them, Each reads the replications,
// checking each and adding it to the digest as it goes, and checks the
// digest at the end. It accepts and refuses what Decode did when it
// decoded a whole part at once, with the same messages, but for two
// things: the results must be the part's last field (Write puts them
// there), and when the JSON itself is broken, encoding/json may word its
// syntax error differently.
//
// A replication handed over is checked on its own; the digest, which
// covers them all, is checked only after the last. A caller that must
// not act on a part whose digest fails keeps what it is given until
// Each returns nil, as a merge keeps its outputs unwritten.
type Reader struct {
	name string
	dec  *json.Decoder
	p    *Part   // the header and config, without results
	sum  *digest // the digest so far, from the header on
	// array: the results are a JSON array, and the decoder is inside
	// it until Each has read them; otherwise they were null or absent.
	array, inArray bool
	used           bool // Each was called
	found          problems
}

// problems are the problems found in a part, kept until its end so that
// the first in the whole-part decoder's order is reported: broken JSON
// anywhere first (encoding/json scans a whole value before decoding
// it), then what it stopped decoding at (abort), then the first value of
// a wrong type, and only then the checks of the decoded part: the
// header's, the number of replications, each replication's in order,
// the digest.
type problems struct {
	abort, typed error // from encoding/json, as Decode wraps them
	layout       error // a field after the results
	header       error // a failed check of the header, as returned
	rep          error // the first replication that fails its checks
}

// decoded notes the error of decoding a value, if any.
func (ps *problems) decoded(err error) {
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.As(err, &te):
		if ps.typed == nil {
			ps.typed = err
		}
	case ps.abort == nil:
		ps.abort = err
	}
}

// NewReader reads the header and the config of the part in r and checks
// them, as Read does; name is the file name for messages. Any problem is
// an *Error naming the file. To rank its problems as Decode did, it
// reads the rest of a part that fails.
func NewReader(name string, r io.Reader) (*Reader, error) {
	dec := json.NewDecoder(r)
	// Tokens hold numbers as written, so that reading one cannot fail
	// where the whole-part decoder skipped it.
	dec.UseNumber()
	rd := &Reader{name: name, dec: dec}
	if err := rd.head(); err != nil {
		return nil, err
	}
	return rd, nil
}

// Part is the part without its results: header, config and file name.
// Each call returns a new one.
func (rd *Reader) Part() *Part {
	p := *rd.p
	return &p
}

// head reads up to the results (or the end of the part) and checks the
// header; on any problem it reads to the end and returns the first.
func (rd *Reader) head() error {
	t, err := rd.dec.Token()
	if err != nil {
		return rd.broken(err, true)
	}
	var f file
	switch t {
	case json.Delim('{'):
		results, err := rd.fields(&f, false)
		if err != nil {
			return err
		}
		rd.p, rd.found.header = headerOf(rd.name, &f)
		if results {
			if err := rd.openResults(); err != nil {
				return err
			}
		} else if err := rd.closeObject(); err != nil {
			return err
		}
	case nil:
		// null decodes as an empty part, which its format refuses.
		_, rd.found.header = headerOf(rd.name, &f)
		return rd.found.header
	default:
		// Not an object: encoding/json would name its kind.
		if err := rd.skip(t); err != nil {
			return err
		}
		return rd.notPart(json.Unmarshal(sample(t), &file{}))
	}
	if rd.found != (problems{}) {
		return rd.drain(0)
	}
	rd.sum = newDigest(rd.p.Header)
	return nil
}

// fields reads the fields of the part's object into f, as the whole-part
// decoder did (later fields replace earlier ones, names match in any
// case), up to the results, or to the end of the object: it says which.
// Fields after the results (after) are decoded for their errors only.
func (rd *Reader) fields(f *file, after bool) (results bool, err error) {
	for rd.dec.More() {
		t, err := rd.dec.Token()
		if err != nil {
			return false, rd.broken(err, false)
		}
		key, _ := t.(string) // More and Token keep to JSON: an object's key is a string
		if !after && strings.EqualFold(key, "results") {
			return true, nil
		}
		var raw json.RawMessage
		if err := rd.dec.Decode(&raw); err != nil {
			return false, rd.broken(err, false)
		}
		if after && rd.found.layout == nil {
			rd.found.layout = fmt.Errorf("field %q after the results, which end a part", key)
		}
		rd.found.decoded(unmarshalField(f, key, raw))
	}
	return false, nil
}

// unmarshalField decodes the field key of the part's object into f, as
// part of the whole object, so that errors name the field as they did.
func unmarshalField(f *file, key string, value json.RawMessage) error {
	name, _ := json.Marshal(key) // a string always encodes
	obj := make([]byte, 0, len(name)+len(value)+3)
	obj = append(append(append(append(obj, '{'), name...), ':'), value...)
	return json.Unmarshal(append(obj, '}'), f)
}

// openResults reads the start of the results: an array, null, or
// another value, a type error.
func (rd *Reader) openResults() error {
	t, err := rd.dec.Token()
	if err != nil {
		return rd.broken(err, false)
	}
	switch t {
	case json.Delim('['):
		rd.array, rd.inArray = true, true
		return nil
	case nil:
	default:
		if err := rd.skip(t); err != nil {
			return err
		}
		rd.found.decoded(unmarshalField(&file{}, "results", sample(t)))
	}
	return rd.closeObject()
}

// closeObject reads the fields after the results, if any, and the end
// of the part's object.
func (rd *Reader) closeObject() error {
	if _, err := rd.fields(&file{}, true); err != nil {
		return err
	}
	if _, err := rd.dec.Token(); err != nil {
		return rd.broken(err, false)
	}
	return nil
}

// Each reads the replications, in order, and hands each to each once it
// passed its checks (see Read); the digest is checked after the last.
// each's r is not reused. An error from each stops it and is returned
// as it is; any problem of the part is an *Error naming the file, as
// Read's. Each reads the part once: a second call is an error.
func (rd *Reader) Each(each func(r *Result) error) error {
	if rd.used {
		return fmt.Errorf("%s: the part was read already", rd.name)
	}
	rd.used = true
	want := rd.p.End - rd.p.First
	n := 0
	for rd.inArray && rd.dec.More() {
		r := new(Result)
		if err := rd.decodeResult(r); err != nil {
			return err
		}
		i := n
		n++
		if rd.found != (problems{}) || i >= want {
			return rd.drain(n)
		}
		if err := rd.p.checkResult(i, r); err != nil {
			rd.found.rep = err
			return rd.drain(n)
		}
		b, err := json.Marshal(r)
		if err != nil {
			return rd.notPart(err)
		}
		rd.sum.add(b)
		if err := each(r); err != nil {
			return err
		}
	}
	return rd.end(n)
}

// decodeResult decodes the next replication into r. Broken JSON is
// returned at once; a value of a wrong type is noted, named as the
// whole-part decoder named it.
func (rd *Reader) decodeResult(r *Result) error {
	err := rd.dec.Decode(r)
	var te *json.UnmarshalTypeError
	if err == nil || !errors.As(err, &te) {
		if err != nil {
			return rd.broken(err, false)
		}
		return nil
	}
	// The whole-part decoder was in the part's object, in its results.
	if te.Struct == "" && te.Field == "" {
		te.Struct, te.Field = "file", "results"
	} else {
		te.Field = "results." + te.Field
	}
	rd.found.decoded(te)
	return nil
}

// drain reads the rest of a part that failed, n replications read, so
// that broken JSON or a type error further on, which the whole-part
// decoder reported first, still is; then returns the first problem.
func (rd *Reader) drain(n int) error {
	for rd.inArray && rd.dec.More() {
		if err := rd.decodeResult(new(Result)); err != nil {
			return err
		}
		n++
	}
	return rd.end(n)
}

// end reads the end of the results and of the part, then returns the
// first problem of a part of n replications, or checks its digest.
func (rd *Reader) end(n int) error {
	if rd.inArray {
		if _, err := rd.dec.Token(); err != nil {
			return rd.broken(err, false)
		}
		rd.inArray = false
		if err := rd.closeObject(); err != nil {
			return err
		}
	}
	switch ps := rd.found; {
	case ps.abort != nil:
		return rd.notPart(ps.abort)
	case ps.typed != nil:
		return rd.notPart(ps.typed)
	case ps.layout != nil:
		return rd.notPart(ps.layout)
	case ps.header != nil:
		return ps.header
	case n != rd.p.End-rd.p.First:
		return errorf("%s: %d replications, want %d ([%d, %d))", rd.name, n, rd.p.End-rd.p.First, rd.p.First, rd.p.End)
	case ps.rep != nil:
		return errorf("%s: %w", rd.name, ps.rep)
	}
	if d := rd.sum.end(rd.array); d != rd.p.Digest {
		return errorf("%s: digest %s does not match its results (%s): edited or corrupted after it was written", rd.name, shortHash(rd.p.Digest), shortHash(d))
	}
	return nil
}

// skip reads the rest of a value whose first token is t.
func (rd *Reader) skip(t json.Token) error {
	depth := 0
	for {
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
		var err error
		if t, err = rd.dec.Token(); err != nil {
			return rd.broken(err, false)
		}
	}
}

// sample is a value of the kind of t, for encoding/json to name it in
// its error as it would the value t begins.
func sample(t json.Token) []byte {
	switch t.(type) {
	case json.Delim:
		if t == json.Delim('{') {
			return []byte("{}")
		}
		return []byte("[]")
	case string:
		return []byte(`""`)
	case bool:
		return []byte("true")
	}
	return []byte("0")
}

// broken is the error of JSON that cannot be read. Only at the start
// does the end of the input mean an empty file; elsewhere it cuts a
// value short.
func (rd *Reader) broken(err error, start bool) error {
	if err == io.EOF && !start {
		err = io.ErrUnexpectedEOF
	}
	return rd.notPart(rd.reword(err))
}

// reword words a syntax error of json.Decoder's Token as the scanner
// does, as the whole-part decoder reported it. The character at fault
// is the first the decoder has not read.
func (rd *Reader) reword(err error) error {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return err
	}
	var c [1]byte
	if n, _ := rd.dec.Buffered().Read(c[:]); n == 0 {
		return err
	}
	char := quoteChar(c[0])
	var msg string
	switch m := se.Error(); m {
	case "expected colon after object key":
		msg = "invalid character " + char + " after object key"
	case "expected comma after array element":
		msg = "invalid character " + char + " after array element"
	case "invalid character " + char: // at the first key of an object
		msg = m + " looking for beginning of object key string"
	default:
		return err
	}
	return &syntaxError{msg: msg, err: se}
}

// quoteChar quotes a byte as encoding/json's scanner does in its
// messages.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// syntaxError is a json.SyntaxError worded otherwise.
type syntaxError struct {
	msg string
	err *json.SyntaxError
}

func (e *syntaxError) Error() string { return e.msg }
func (e *syntaxError) Unwrap() error { return e.err }

func (rd *Reader) notPart(err error) error {
	return errorf("%s: not a licsim part file: %w", rd.name, err)
}

// headerOf is the part f's header and config make, and the first
// problem of its header, as an *Error naming the file.
func headerOf(name string, f *file) (*Part, error) {
	p := &Part{Header: f.Header, File: name}
	if f.Format != Format {
		return p, errorf("%s: format %q, this licsim reads %q", name, f.Format, Format)
	}
	if f.Config != nil {
		cfg, err := f.Config.model()
		if err != nil {
			return p, errorf("%s: %w", name, err)
		}
		p.Config = cfg
	}
	if err := p.checkHeader(); err != nil {
		return p, errorf("%s: %w", name, err)
	}
	return p, nil
}

// checkHeader verifies a part's header and config on their own.
func (p *Part) checkHeader() error {
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
	return nil
}

// checkResult verifies that r, the i-th replication of the part, is
// its replication, with its seed, full rows and plausible numbers.
func (p *Part) checkResult(i int, r *Result) error {
	rep := p.First + i
	monthly := p.Config.Months * len(p.Series)
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
	return nil
}
