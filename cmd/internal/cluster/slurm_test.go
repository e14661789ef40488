package cluster

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const tinyScenario = "name = \"tiny\"\n"

// goldenSpecs are the specs whose written files are kept in testdata.
var goldenSpecs = map[string]SlurmSpec{
	// The shipped scenario by name, every option, a shared results folder.
	"baseline-all-options": {
		Scenario: "baseline", Text: []byte(tinyScenario), Shards: 3, Reps: 30, Seed: 5,
		Partition: "compute", CPUs: 4, Mem: "4G", Time: "1-00:00:00",
		Licsim: "/opt/licsim/bin/licsim", Results: "/shared/licsim results",
	},
	// A file in a folder, defaults: the results next to the scripts.
	"file-defaults": {
		Scenario: "scenarios/Big Org.toml", Text: []byte(tinyScenario), Shards: 1, Reps: 1, Seed: 42, CPUs: 1,
	},
}

// TestSlurmWrite_Golden compares the written scripts and commands with
// testdata/slurm/NAME/; the folder they were written into reads as /DIR.
// go test ./cmd/internal/cluster -run Slurm.*Golden -update rewrites them.
func TestSlurmWrite_Golden(t *testing.T) {
	for name, spec := range goldenSpecs {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			f, err := spec.Write(dir)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"commands.txt": strings.Join(f.Commands, "\n") + "\n"}
			for _, p := range []string{f.Shards, f.Merge, f.Submit} {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				got[filepath.Base(p)] = string(data)
			}
			text, err := os.ReadFile(f.Scenario)
			if err != nil || string(text) != tinyScenario {
				t.Errorf("scenario copy %s: %q, %v", f.Scenario, text, err)
			}
			for file, text := range got {
				text = strings.ReplaceAll(text, dir, "/DIR")
				golden := filepath.Join("testdata", "slurm", name, file)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if text != string(want) {
					t.Errorf("%s differs from %s:\n%s", file, golden, text)
				}
			}
		})
	}
}

// TestSlurmWrite_Layout checks the run's folders and the scenario's copy.
func TestSlurmWrite_Layout(t *testing.T) {
	dir := t.TempDir()
	s := goldenSpecs["file-defaults"]
	f, err := s.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "scenario", "Big-Org.toml"); f.Scenario != want {
		t.Errorf("Scenario = %s, want %s", f.Scenario, want)
	}
	if f.ScenarioArg != "Big-Org.toml" || !f.Fallback {
		t.Errorf("a path with a space: ScenarioArg %q, Fallback %v; want the base name, cleaned, as a fallback", f.ScenarioArg, f.Fallback)
	}
	if f.Run != filepath.Join(dir, s.RunID()) || f.Parts != filepath.Join(f.Run, "parts") {
		t.Errorf("Run %s, Parts %s", f.Run, f.Parts)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestSlurmRunID_DiffersPerRun: any change of scenario, text, seed,
// replications or shards gives another folder; the same SlurmSpec the same.
func TestSlurmRunID_DiffersPerRun(t *testing.T) {
	base := SlurmSpec{Scenario: "baseline", Text: []byte("a"), Shards: 3, Reps: 30, Seed: 5}
	if got := base.RunID(); !strings.HasPrefix(got, "baseline-seed5-reps30-shards3-") {
		t.Errorf("RunID = %s", got)
	}
	edits := map[string]func(*SlurmSpec){
		"scenario": func(s *SlurmSpec) { s.Scenario = "baseline.toml" },
		"text":     func(s *SlurmSpec) { s.Text = []byte("b") },
		"seed":     func(s *SlurmSpec) { s.Seed = 6 },
		"reps":     func(s *SlurmSpec) { s.Reps = 31 },
		"shards":   func(s *SlurmSpec) { s.Shards = 2 },
	}
	for name, edit := range edits {
		s := base
		edit(&s)
		if s.RunID() == base.RunID() {
			t.Errorf("%s changed, RunID did not: %s", name, s.RunID())
		}
	}
	again := base
	if again.RunID() != base.RunID() {
		t.Error("the same SlurmSpec gave another RunID")
	}
}

// TestSlurmSpec_Validate lists each problem's message; a SlurmSpec with several
// problems reports them all.
func TestSlurmSpec_Validate(t *testing.T) {
	ok := SlurmSpec{Scenario: "baseline", Text: []byte("x"), Shards: 3, Reps: 30, Seed: 5, CPUs: 1}
	tests := []struct {
		name string
		edit func(*SlurmSpec)
		want []string // substrings of the error; none: valid
	}{
		{"valid", func(*SlurmSpec) {}, nil},
		{"no scenario", func(s *SlurmSpec) { s.Scenario = "" }, []string{`scenario "": required`}},
		{"newline in scenario", func(s *SlurmSpec) { s.Scenario = "a\nrm -rf /" }, []string{"without control characters"}},
		{"empty text", func(s *SlurmSpec) { s.Text = nil }, []string{"empty text"}},
		{"no reps", func(s *SlurmSpec) { s.Reps = 0 }, []string{"--reps 0: must be at least 1"}},
		{"no shards", func(s *SlurmSpec) { s.Shards = 0 }, []string{"--shards 0: must be in [1, 30]"}},
		{"more shards than reps", func(s *SlurmSpec) { s.Shards = 31 }, []string{"--shards 31: must be in [1, 30]"}},
		{"no cpus", func(s *SlurmSpec) { s.CPUs = 0 }, []string{"--cpus 0: must be at least 1"}},
		{"mem 4G", func(s *SlurmSpec) { s.Mem = "4G" }, nil},
		{"mem 4096M", func(s *SlurmSpec) { s.Mem = "4096M" }, nil},
		{"mem 4096", func(s *SlurmSpec) { s.Mem = "4096" }, nil},
		{"mem 4GB", func(s *SlurmSpec) { s.Mem = "4GB" }, []string{`--mem "4GB": want a size`}},
		{"mem 0", func(s *SlurmSpec) { s.Mem = "0" }, []string{`--mem "0"`}},
		{"mem 4Gi", func(s *SlurmSpec) { s.Mem = "4Gi" }, []string{`--mem "4Gi"`}},
		{"time minutes", func(s *SlurmSpec) { s.Time = "90" }, nil},
		{"time MM:SS", func(s *SlurmSpec) { s.Time = "90:30" }, nil},
		{"time HH:MM:SS", func(s *SlurmSpec) { s.Time = "36:00:00" }, nil},
		{"time D-HH", func(s *SlurmSpec) { s.Time = "2-12" }, nil},
		{"time D-HH:MM", func(s *SlurmSpec) { s.Time = "2-12:30" }, nil},
		{"time D-HH:MM:SS", func(s *SlurmSpec) { s.Time = "1-00:00:00" }, nil},
		{"time 1h", func(s *SlurmSpec) { s.Time = "1h" }, []string{`--time "1h": want MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS`}},
		{"time 25 hours in a day", func(s *SlurmSpec) { s.Time = "1-25:00:00" }, []string{`--time "1-25:00:00"`}},
		{"time 60 minutes", func(s *SlurmSpec) { s.Time = "1:60:00" }, []string{`--time "1:60:00"`}},
		{"time 60 seconds", func(s *SlurmSpec) { s.Time = "10:60" }, []string{`--time "10:60"`}},
		{"partition", func(s *SlurmSpec) { s.Partition = "gpu_a100" }, nil},
		{"partitions", func(s *SlurmSpec) { s.Partition = "short,long" }, nil},
		{"partition with a space", func(s *SlurmSpec) { s.Partition = "my part" }, []string{`--partition "my part": want names`}},
		{"partition dash-led", func(s *SlurmSpec) { s.Partition = "-x" }, []string{`--partition "-x"`}},
		{"licsim name", func(s *SlurmSpec) { s.Licsim = "licsim" }, nil},
		{"licsim relative path", func(s *SlurmSpec) { s.Licsim = "bin/licsim" }, []string{`--licsim "bin/licsim": want an absolute path`}},
		{"results relative", func(s *SlurmSpec) { s.Results = "results" }, []string{`--results "results": want an absolute path`}},
		{"results with %", func(s *SlurmSpec) { s.Results = "/shared/100%" }, []string{`want no control characters, '%'`}},
		{"results with a space", func(s *SlurmSpec) { s.Results = "/shared/my results" }, nil},
		{"everything wrong", func(s *SlurmSpec) { *s = SlurmSpec{Mem: "x", Time: "y", Partition: "z z"} }, []string{
			`scenario "": required`, "empty text", "--reps 0", "--shards 0: must be in [1, 1]", "--cpus 0", `--mem "x"`, `--time "y"`, `--partition "z z"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			s.Text = []byte("x")
			tt.edit(&s)
			err := s.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q, want it to contain %q", err, w)
				}
			}
			if lines := strings.Count(err.Error(), "\n") + 1; lines != len(tt.want) {
				t.Errorf("Validate() gave %d problems, want %d:\n%v", lines, len(tt.want), err)
			}
			if _, werr := s.Write(t.TempDir()); werr == nil {
				t.Error("Write accepted an invalid SlurmSpec")
			}
		})
	}
}
