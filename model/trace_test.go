package model

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got))
}

// tinyTrace is a small scenario whose whole trace fits a golden file and
// shows every kind of line: trials, conversions, charges, seats for
// colleagues, a departure, a takeover, an org purchase.
func tinyTrace() *Config {
	cfg := small()
	cfg.Population = Population{Headcount: 12, Admins: 1, HiresPerMonth: 0.5, AttritionPerYear: 0.3}
	cfg.Months = 14
	p := &cfg.Products[0]
	p.InterestPerYear, p.SeatsMean, p.MonthlyTerm, p.CardGiven = 1.5, 1.6, 0.5, 0.7
	p.AutorenewOffInTrial, p.ExtendTrial = 0.3, 0.3
	cfg.Admin.ReviewEveryDays, cfg.Admin.OnReview, cfg.Admin.WhenShort = 180, ActTakeover, ShortBuy
	cfg.Admin.NotifyDelivery = 0.5
	return cfg
}

func TestJSONTraceGolden(t *testing.T) {
	var buf bytes.Buffer
	cfg := tinyTrace()
	tr := NewJSONTracer(&buf, cfg.Start, -1)
	_, err := Run(context.Background(), cfg, 0, Options{Trace: tr})
	require.NoError(t, err)
	require.NoError(t, tr.Flush())
	golden(t, "trace.jsonl", buf.Bytes())

	// Every line is a JSON object with a date and a contract event name.
	names := map[string]bool{}
	for _, n := range traceNames {
		names[n] = true
	}
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		var ev map[string]any
		require.NoError(t, json.Unmarshal(line, &ev), "%s", line)
		assert.True(t, names[ev["event"].(string)], "%s", line)
		assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, ev["day"])
	}
}

// The employee filter keeps exactly that employee's lines.
func TestJSONTraceEmployeeFilter(t *testing.T) {
	cfg := tinyTrace()
	var all, one bytes.Buffer
	for _, c := range []struct {
		buf *bytes.Buffer
		emp int32
	}{{&all, -1}, {&one, 3}} {
		tr := NewJSONTracer(c.buf, cfg.Start, c.emp)
		_, err := Run(context.Background(), cfg, 0, Options{Trace: tr})
		require.NoError(t, err)
		require.NoError(t, tr.Flush())
	}
	var want []string
	for _, line := range bytes.Split(all.Bytes(), []byte("\n")) {
		if bytes.Contains(line, []byte(`"employee":3,`)) || bytes.HasSuffix(line, []byte(`"employee":3}`)) {
			want = append(want, string(line))
		}
	}
	got := bytes.Split(bytes.TrimSpace(one.Bytes()), []byte("\n"))
	require.NotEmpty(t, want)
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i], string(got[i]))
	}
}
