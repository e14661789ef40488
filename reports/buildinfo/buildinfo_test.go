package buildinfo

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInfo_Formats(t *testing.T) {
	settings := []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}}
	release := FromDebug(&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "licsim", Version: "v1.2.3"}, Settings: settings}, true)
	devel := FromDebug(&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "licsim", Version: "(devel)"}, Settings: settings}, true)
	bare := FromDebug(&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "licsim"}}, true)
	none := FromDebug(nil, false)
	tests := []struct {
		name           string
		info           Info
		text, rep, cod string
	}{
		{"release", release, "licsim v1.2.3\nrevision abc123 (modified) of 2026-01-02T03:04:05Z\ngo1.26.0\n", "v1.2.3", "abc123-dirty go1.26.0"},
		{"devel", devel, "licsim (devel)\nrevision abc123 (modified) of 2026-01-02T03:04:05Z\ngo1.26.0\n", "(devel) abc123+dirty", "abc123-dirty go1.26.0"},
		{"no vcs", bare, "licsim (devel)\ngo1.26.0\n", "(devel)", "unknown go1.26.0"},
		{"no build info", none, "licsim (no build information)\n", "unknown", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.text, tt.info.Text())
			assert.Equal(t, tt.rep, tt.info.Report())
			assert.Equal(t, tt.cod, tt.info.Code())
		})
	}
}
