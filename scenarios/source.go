package scenarios

import (
	"os"
	"path/filepath"
	"strings"
)

// Source returns the text of a scenario exactly as Load resolves path: the
// file when it exists, otherwise a shipped scenario by name ("baseline" or
// "baseline.toml"). name is the one Load uses in messages: path itself for
// a file, "NAME.toml" for a shipped scenario. Commands that hand a scenario
// to another machine (licsim k8s-job) ship this text, so that the other
// machine loads the very same configuration.
func Source(path string) (name string, data []byte, err error) {
	data, err = os.ReadFile(path)
	if err == nil {
		return path, data, nil
	}
	base := strings.TrimSuffix(filepath.Base(path), ".toml")
	if b, e2 := shipped.ReadFile(base + ".toml"); e2 == nil && !strings.ContainsRune(path, os.PathSeparator) {
		return base + ".toml", b, nil
	}
	return "", nil, &InputError{File: path, Err: err}
}
