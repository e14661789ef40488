package part

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
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

// referenceCheck is the old order of checks on a whole part: the header
// (its checks are the streaming reader's, which reads it first too), the
// replications' count, each replication, then the digest.
func referenceCheck(p *Part) error {
	if err := p.checkHeader(); err != nil {
		return err
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
	for i := range p.Results {
		if err := p.checkResult(i, &p.Results[i]); err != nil {
			return err
		}
	}
	return nil
}
