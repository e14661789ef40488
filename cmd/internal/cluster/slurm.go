package cluster

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// SlurmSpec is one sharded run to write jobs for.
type SlurmSpec struct {
	// Scenario is the scenario argument as given to `licsim run`
	// ("baseline", "scenarios/big.toml"). The shards run with this very
	// argument, next to a copy of Text, so that the merged report names
	// the command that reproduces the run on one machine.
	Scenario string
	// Text is the scenario's TOML text, copied next to the scripts.
	Text []byte
	// Shards is the number of array tasks, in [1, Reps].
	Shards int
	// Reps is the run's replication count.
	Reps int
	// Seed is the run's base seed.
	Seed uint64
	// Partition is the Slurm partition (or comma-separated list) to run
	// in; empty: the cluster's default.
	Partition string
	// CPUs is the CPUs of each task (--cpus-per-task); a shard runs that
	// many replications at a time.
	CPUs int
	// Mem is the memory of each task (--mem), such as 4G or 4096M; empty:
	// the cluster's default.
	Mem string
	// Time is the time limit of each task (--time) in Slurm's formats:
	// MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS; empty: the
	// partition's default.
	Time string
	// Licsim is the licsim binary on the compute nodes: an absolute path,
	// or a name found on their PATH; empty: "licsim".
	Licsim string
	// Results is the shared folder, absolute, that every node sees; the
	// run writes into Results/RUNID. Empty: the folder Write writes into.
	Results string
}

var (
	// slurmTime is Slurm's --time: minutes, minutes:seconds,
	// hours:minutes:seconds, days-hours, days-hours:minutes,
	// days-hours:minutes:seconds.
	slurmTime = regexp.MustCompile(`^(?:([0-9]+)-([0-9]+)(?::([0-9]+)(?::([0-9]+))?)?|([0-9]+)(?::([0-9]+)(?::([0-9]+))?)?)$`)
	slurmMem  = regexp.MustCompile(`^[1-9][0-9]*[KMGT]?$`)
	// partition: names of letters, digits, '_', '.', '-', comma-separated.
	partition = regexp.MustCompile(`^[A-Za-z0-9_.][A-Za-z0-9_.-]*(,[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$`)
)

// Validate returns every problem of the SlurmSpec at once, joined, or nil.
// The messages name the flags of `licsim slurm-job` that set each field.
func (s *SlurmSpec) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if s.Scenario == "" || hasControl(s.Scenario) {
		bad("scenario %q: required, without control characters", s.Scenario)
	}
	if len(s.Text) == 0 {
		bad("scenario %q: empty text", s.Scenario)
	}
	if s.Reps < 1 {
		bad("--reps %d: must be at least 1", s.Reps)
	}
	if s.Shards < 1 || s.Reps >= 1 && s.Shards > s.Reps {
		bad("--shards %d: must be in [1, %d] (the replications)", s.Shards, max(1, s.Reps))
	}
	if s.CPUs < 1 {
		bad("--cpus %d: must be at least 1", s.CPUs)
	}
	if s.Mem != "" && !slurmMem.MatchString(s.Mem) {
		bad("--mem %q: want a size such as 4G or 4096M (K, M, G or T; M without a suffix)", s.Mem)
	}
	if s.Time != "" && !validTime(s.Time) {
		bad("--time %q: want MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (hours below 24, minutes and seconds below 60 after the first field)", s.Time)
	}
	if s.Partition != "" && !partition.MatchString(s.Partition) {
		bad("--partition %q: want names of letters, digits, '_', '.' and '-', comma-separated", s.Partition)
	}
	if s.Licsim != "" && (hasControl(s.Licsim) || strings.ContainsRune(s.Licsim, '/') && !filepath.IsAbs(s.Licsim)) {
		bad("--licsim %q: want an absolute path or a name on the nodes' PATH", s.Licsim)
	}
	if s.Results != "" {
		if err := checkResults(s.Results); err != nil {
			bad("--results %q: %w", s.Results, err)
		}
	}
	return errors.Join(errs...)
}

// checkResults checks a results folder: it appears in #SBATCH --output
// lines, where Slurm reads '%' as a pattern and quotes and backslashes
// as quoting.
func checkResults(dir string) error {
	switch {
	case !filepath.IsAbs(dir):
		return errors.New("want an absolute path, the same on every node")
	case hasControl(dir) || strings.ContainsAny(dir, `%"\`):
		return errors.New(`want no control characters, '%', '"' or '\'`)
	}
	return nil
}

// validTime checks Slurm's time formats and the ranges of the fields
// after the first.
func validTime(t string) bool {
	m := slurmTime.FindStringSubmatch(t)
	if m == nil {
		return false
	}
	below := func(s string, n int) bool {
		if s == "" {
			return true
		}
		v, err := strconv.Atoi(s)
		return err == nil && v < n
	}
	if m[1] != "" { // days-hours[:minutes[:seconds]]
		return below(m[2], 24) && below(m[3], 60) && below(m[4], 60)
	}
	switch {
	case m[7] != "": // hours:minutes:seconds
		return below(m[6], 60) && below(m[7], 60)
	default: // minutes[:seconds]
		return below(m[6], 60)
	}
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f })
}

// RunID names the run's folder under Results: the scenario's name, the
// seed, the replications and the shards, and a hash of the scenario's
// argument and text. A rerun of the same SlurmSpec gets the same folder and
// rewrites the same parts; any other run gets another, so parts of two
// runs never mix.
func (s *SlurmSpec) RunID() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", s.Scenario)
	h.Write(s.Text)
	return fmt.Sprintf("%s-seed%d-reps%d-shards%d-%s", cmp.Or(slug(s.Scenario), "scenario"), s.Seed, s.Reps, s.Shards, hex.EncodeToString(h.Sum(nil))[:8])
}
