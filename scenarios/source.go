package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
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

// ShippedSource returns the text of a shipped scenario by its bare name
// ("baseline" or "baseline.toml"); false for anything else, a path
// included.
func ShippedSource(name string) ([]byte, bool) {
	file := strings.TrimSuffix(name, ".toml") + ".toml"
	if file == catalogFile || strings.ContainsAny(name, `/\`) {
		return nil, false
	}
	b, err := shipped.ReadFile(file)
	return b, err == nil
}

// Source resolves a scenario reference to its text; Load reads every
// scenario through it, and commands that hand a scenario to another
// machine (licsim k8s-job) ship the text it returns, so that the other
// machine loads the very same configuration. The rules:
//
//   - ref names an existing file (anything but a directory): that file;
//     name is ref.
//   - otherwise, ref is a shipped scenario's bare name ("baseline" or
//     "baseline.toml", no path separator): the shipped scenario; name is
//     "baseline.toml". A directory of that name does not shadow it, as a
//     directory cannot be a scenario.
//   - otherwise an *InputError: a directory, a missing file (listing the
//     shipped names), a file over 16 MiB, or one that cannot be read.
func Source(ref string) (name string, data []byte, err error) {
	fi, statErr := os.Stat(ref)
	if statErr == nil && !fi.IsDir() {
		return readFile(ref, fi)
	}
	if statErr == nil || errors.Is(statErr, fs.ErrNotExist) {
		if b, ok := ShippedSource(ref); ok {
			return strings.TrimSuffix(ref, ".toml") + ".toml", b, nil
		}
	}
	switch {
	case statErr == nil:
		return "", nil, &InputError{File: ref, Err: errors.New("is a directory, not a scenario file")}
	case errors.Is(statErr, fs.ErrNotExist):
		return "", nil, &InputError{File: ref, Err: fmt.Errorf("no such file, and no shipped scenario of that name (shipped: %s)", strings.Join(Shipped(), ", "))}
	}
	return "", nil, &InputError{File: ref, Err: statErr}
}

// readFile reads a scenario file, fi its os.Stat. Only a regular file
// is read: a FIFO would block the open for ever, and a device or a pipe
// (/dev/zero, /dev/urandom, /dev/stdin) may never end. A file too large
// to be a scenario is refused before reading it, and whatever the file
// turns out to be, no more than the limit is read.
func readFile(path string, fi fs.FileInfo) (string, []byte, error) {
	if msg := notRegular(fi.Mode()); msg != "" {
		return "", nil, &InputError{File: path, Err: errors.New(msg)}
	}
	if fi.Size() > maxFileSize {
		return "", nil, tooLarge(path, fi.Size())
	}
	// O_NONBLOCK: should a FIFO replace the file after the Stat, the
	// open returns at once rather than wait for a writer.
	f, err := os.OpenFile(filepath.Clean(path), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", nil, &InputError{File: path, Err: err}
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && notRegular(fi.Mode()) != "" {
		return "", nil, &InputError{File: path, Err: errors.New(notRegular(fi.Mode()))}
	}
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return "", nil, &InputError{File: path, Err: err}
	}
	if len(b) > maxFileSize {
		return "", nil, &InputError{File: path, Err: fmt.Errorf("is larger than %s, the most a scenario file may be", bytesText(maxFileSize))}
	}
	return path, b, nil
}

// notRegular says why a file of mode m cannot be a scenario; "" for a
// regular file.
func notRegular(m fs.FileMode) string {
	what := ""
	switch {
	case m.IsRegular():
		return ""
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		what = "a device"
	default:
		what = "a special file"
	}
	return "is " + what + ", not a scenario file; save the scenario to a file and name that"
}

// tooLarge refuses a scenario text of size bytes.
func tooLarge(name string, size int64) error {
	return &InputError{File: name, Err: fmt.Errorf("is %s; a scenario file is at most %s", bytesText(size), bytesText(maxFileSize))}
}
