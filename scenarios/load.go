// Package scenarios turns TOML scenario files into model.Config: it
// decodes, rejects unknown keys, applies documented defaults and checks
// every value, reporting all problems at once with file, line and key. It
// also holds the built-in product catalog and ships the project's own
// scenarios, embedded in the binary. The format is documented in
// README.md in this folder.
package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"licsim/model"
)

//go:embed *.toml
var shipped embed.FS

// DefaultName is the shipped scenario `licsim run` uses without a file.
const DefaultName = "baseline"

// catalogFile is embedded with the scenarios but is not one.
const catalogFile = "catalog.toml"

// maxFileSize bounds what Load reads: a scenario with the model's
// largest product count fits in a few MiB.
const maxFileSize = 16 << 20

// Shipped lists the names of the embedded scenarios, sorted.
func Shipped() []string {
	entries, _ := shipped.ReadDir(".")
	var names []string
	for _, e := range entries {
		if e.Name() != catalogFile {
			names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
		}
	}
	sort.Strings(names)
	return names
}

// ShippedSource returns the text of a shipped scenario ("baseline" or
// "baseline.toml").
func ShippedSource(name string) ([]byte, bool) {
	file := strings.TrimSuffix(name, ".toml") + ".toml"
	if file == catalogFile || strings.ContainsAny(name, `/\`) {
		return nil, false
	}
	b, err := shipped.ReadFile(file)
	return b, err == nil
}

// Load reads a scenario from a file path or, when no such file exists, a
// shipped scenario by name ("baseline" or "baseline.toml"). Every error
// about the input is an *InputError.
func Load(path string) (*model.Config, error) { return LoadWith(path) }

// LoadWith is Load with overrides applied on top of the file, in order,
// as if they had been written in it; their values are validated exactly
// like the file's, and problems with them say they came from --set.
func LoadWith(path string, sets ...Set) (*model.Config, error) {
	name, data, err := read(path)
	if err != nil {
		return nil, err
	}
	return parse(name, data, sets)
}

// read finds a scenario's text: a file, else a shipped scenario.
func read(path string) (string, []byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if b, ok := ShippedSource(path); ok && errors.Is(err, fs.ErrNotExist) {
			return strings.TrimSuffix(path, ".toml") + ".toml", b, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil, &InputError{File: path, Err: fmt.Errorf("no such file, and no shipped scenario of that name (shipped: %s)", strings.Join(Shipped(), ", "))}
		}
		return "", nil, &InputError{File: path, Err: err}
	}
	if fi.IsDir() {
		return "", nil, &InputError{File: path, Err: errors.New("is a directory, not a scenario file")}
	}
	if fi.Size() > maxFileSize {
		return "", nil, &InputError{File: path, Err: fmt.Errorf("is %s; a scenario file is at most %s", bytesText(fi.Size()), bytesText(maxFileSize))}
	}
	b, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		return "", nil, &InputError{File: path, Err: err}
	}
	return path, b, nil
}

// Parse decodes a scenario's text; name is the file name messages use.
func Parse(name string, data []byte) (*model.Config, error) { return parse(name, data, nil) }

func parse(name string, data []byte, sets []Set) (*model.Config, error) {
	if len(data) > maxFileSize {
		return nil, &InputError{File: name, Err: fmt.Errorf("is %s; a scenario file is at most %s", bytesText(int64(len(data))), bytesText(maxFileSize))}
	}
	src := string(data)
	var root map[string]any
	if _, err := toml.Decode(src, &root); err != nil {
		return nil, newInputError(name, []*Problem{syntaxProblem(name, src, err)})
	}
	if root == nil {
		root = map[string]any{}
	}
	d := &decoder{file: name, lines: indexLines(src), sets: map[string]string{}}
	d.applySets(root, sets)
	cfg := d.config(root)
	if len(d.probs) == 0 {
		// The backstop: anything accepted above must satisfy the
		// model. A failure here is a gap in this package's checks.
		if err := model.Check(cfg); err != nil {
			d.probs = append(d.probs, &Problem{File: name, Msg: "rejected by the model's own checks (please report this gap in validation): " + strings.ReplaceAll(err.Error(), "\n", "; ")})
		}
	}
	if len(d.probs) > 0 {
		return nil, newInputError(name, d.probs)
	}
	return cfg, nil
}
