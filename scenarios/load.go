package scenarios

import (
	"strings"

	"github.com/BurntSushi/toml"

	"licsim/model"
)

// Load is the one route from a scenario reference to a validated
// model.Config: ref is a file path or a shipped scenario's name, resolved
// by Source; the overrides are applied on top of the text, in order, as
// if they had been written in it, and validated exactly like it (problems
// with them say they came from --set). Every error about the input is an
// *InputError.
func Load(ref string, sets ...Set) (*model.Config, error) {
	return LoadShard(ref, 1, sets...)
}

// LoadShard is Load for a run split into shards (licsim run --shard
// K/N, N = shards): the memory estimate counts the results of one
// shard's replications, which is all a shard holds, rather than those of
// the whole run. Everything else is checked as Load checks it.
func LoadShard(ref string, shards int, sets ...Set) (*model.Config, error) {
	name, data, err := Source(ref)
	if err != nil {
		return nil, err
	}
	return parse(name, data, max(shards, 1), sets)
}

// backstopGap marks the refusal of a configuration that validation
// accepted and model.Check did not: a bug here, never the user's.
const backstopGap = "please report this gap in validation"

// Parse is Load for a scenario's text already in memory (as Source
// returned it); name is the file name messages use.
func Parse(name string, data []byte, sets ...Set) (*model.Config, error) {
	return parse(name, data, 1, sets)
}

// parse is Parse for one of shards shards of the run.
func parse(name string, data []byte, shards int, sets []Set) (*model.Config, error) {
	cfg, _, err := parseAll(name, data, shards, sets)
	return cfg, err
}

// parseAll is parse that also returns the [[uncertain]] inputs.
func parseAll(name string, data []byte, shards int, sets []Set) (*model.Config, []Uncertain, error) {
	if len(data) > maxFileSize {
		return nil, nil, tooLarge(name, int64(len(data)))
	}
	src := string(data)
	if p := prescan(name, src); p != nil {
		return nil, nil, newInputError(name, []*Problem{p})
	}
	var root map[string]any
	if _, err := toml.Decode(src, &root); err != nil {
		return nil, nil, newInputError(name, []*Problem{syntaxProblem(name, src, err)})
	}
	if root == nil {
		root = map[string]any{}
	}
	d := &decoder{file: name, lines: indexLines(src), sets: map[string]string{}, shards: shards}
	d.applySets(root, sets)
	cfg := d.config(root)
	if len(d.probs) == 0 {
		// The backstop: anything accepted above must satisfy the
		// model. A failure here is a gap in this package's checks.
		if err := model.Check(cfg); err != nil {
			d.probs = append(d.probs, &Problem{File: name, Msg: "rejected by the model's own checks (" + backstopGap + "): " + strings.ReplaceAll(err.Error(), "\n", "; ")})
		}
	}
	if len(d.probs) > 0 {
		return nil, nil, newInputError(name, d.probs)
	}
	return cfg, d.unc, nil
}
