// Package buildinfo says which licsim build is running, from the build
// information the Go toolchain embeds in every binary: the one place
// that reads it, for `licsim version`, the reports' provenance and the
// shard parts' code version. It imports only the standard library.
package buildinfo

import (
	"fmt"
	"runtime/debug"
)

// Info is what the build information says of this binary.
type Info struct {
	OK       bool   // the binary carries build information
	Module   string // the main module's version: a tag, "(devel)" or ""
	Revision string // the VCS revision it was built from, if known
	Time     string // the revision's commit time, if known
	Modified bool   // the work tree had uncommitted changes
	Go       string // the Go toolchain, such as go1.26.0
}

// Read returns this binary's build information.
func Read() Info { return FromDebug(debug.ReadBuildInfo()) }

// FromDebug turns runtime/debug's build information into an Info.
func FromDebug(bi *debug.BuildInfo, ok bool) Info {
	if !ok || bi == nil {
		return Info{}
	}
	info := Info{OK: true, Module: bi.Main.Version, Go: bi.GoVersion}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		case "vcs.time":
			info.Time = s.Value
		}
	}
	return info
}

// Report is the version a report names: the module version when it is a
// release, else "(devel) REVISION" ("+dirty" when the tree had changes),
// else "(devel)". It never depends on the machine or the run, so that
// reports stay byte-identical across runs of one binary.
func (i Info) Report() string {
	if !i.OK {
		return "unknown"
	}
	if i.Module != "" && i.Module != "(devel)" {
		return i.Module
	}
	if i.Revision != "" {
		dirty := ""
		if i.Modified {
			dirty = "+dirty"
		}
		return "(devel) " + i.Revision + dirty
	}
	return "(devel)"
}

// Code names the build for the shard parts: the VCS revision ("-dirty"
// when the tree had changes), else the module version, then the Go
// toolchain, whose compiler decides how floating point rounds:
// "3f2a9c41…-dirty go1.26.0". Parts of different builds are not merged.
func (i Info) Code() string {
	if !i.OK {
		return "unknown"
	}
	v := i.Module
	if i.Revision != "" {
		v = i.Revision
		if i.Modified {
			v += "-dirty"
		}
	}
	if v == "" {
		v = "unknown"
	}
	return v + " " + i.Go
}

// Text is what `licsim version` prints, one fact a line.
func (i Info) Text() string {
	if !i.OK {
		return "licsim (no build information)\n"
	}
	version := i.Module
	if version == "" {
		version = "(devel)"
	}
	s := fmt.Sprintf("licsim %s\n", version)
	if i.Revision != "" {
		s += "revision " + i.Revision
		if i.Modified {
			s += " (modified)"
		}
		if i.Time != "" {
			s += " of " + i.Time
		}
		s += "\n"
	}
	return s + i.Go + "\n"
}
