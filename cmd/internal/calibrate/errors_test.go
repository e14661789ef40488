package calibrate

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/scenarios"
	"licsim/scenarios/tenant"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./calibrate -update")
	assert.Equal(t, string(want), got)
}

// files is a small tenant's export, as files.
func files(t testing.TB, headcount, months int) ([]tenant.ExportFile, *model.Config) {
	t.Helper()
	cfg, err := scenarios.Parse("truth.toml", []byte(truth(headcount, months, 5)))
	require.NoError(t, err)
	res, err := model.Run(context.Background(), cfg, 0, model.Options{Subscriptions: true, Staff: true})
	require.NoError(t, err)
	fs, err := tenant.Simulated(cfg, &res)
	require.NoError(t, err)
	return fs, cfg
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestTooLittleHistory (issue 14): too little history to fit anything is
// bad input with a message that says what is missing and how much would
// be needed (golden messages).
func TestTooLittleHistory(t *testing.T) {
	fs, cfg := files(t, 300, 12)
	asOf := model.AddMonths(cfg.Start, cfg.Months)
	noUsers := []tenant.ExportFile{fs[0]}
	few, fewCfg := files(t, 12, 4)
	for _, c := range []struct {
		name  string
		files []tenant.ExportFile
		opt   Options
	}{
		{"no-users", noUsers, Options{AsOf: asOf}},
		{"too-short", fs, Options{AsOf: asOf, Since: model.AddMonths(asOf, -2)}},
		{"too-few-subscriptions", few, Options{AsOf: model.AddMonths(fewCfg.Start, fewCfg.Months), Since: fewCfg.Start}},
	} {
		t.Run(c.name, func(t *testing.T) {
			exp, err := tenant.Read(c.files)
			require.NoError(t, err)
			_, err = Run(exp, c.opt)
			var ce *Error
			require.ErrorAs(t, err, &ce)
			golden(t, c.name, err.Error()+"\n")
		})
	}
	exp, err := tenant.Read(fs)
	require.NoError(t, err)
	_, err = RunBacktest(context.Background(), exp, BacktestOptions{Options: Options{AsOf: asOf, Since: cfg.Start}, Holdout: 10, Replications: 10})
	var ce *Error
	require.ErrorAs(t, err, &ce)
	golden(t, "holdout", err.Error()+"\n")
}

// TestContradictoryRecords (issue 14): records that contradict each
// other or the export are skipped, each listed with its file and row,
// and counted; the rest is fitted as well as without them.
func TestContradictoryRecords(t *testing.T) {
	fs, cfg := files(t, 500, 24)
	asOf := model.AddMonths(cfg.Start, cfg.Months)
	cleanExp, err := tenant.Read(fs)
	require.NoError(t, err)
	clean, err := Run(cleanExp, Options{AsOf: asOf, Since: cfg.Start})
	require.NoError(t, err)
	edit := func(name string, add ...map[string]any) {
		for i := range fs {
			if fs[i].Name != name {
				continue
			}
			var v struct{ Value []map[string]any }
			require.NoError(t, json.Unmarshal(fs[i].Data, &v))
			v.Value = append(v.Value, add...)
			b, err := json.Marshal(map[string]any{"value": v.Value})
			require.NoError(t, err)
			fs[i].Data = b
		}
	}
	sub := func(owner, created string, trial bool, status, next string) map[string]any {
		s := map[string]any{"ownerType": "User", "ownerId": owner, "skuPartNumber": "POWER_BI_PRO", "isTrial": trial,
			"createdDateTime": created, "status": status, "totalLicenses": 1}
		if next != "" {
			s["nextLifecycleDateTime"] = next
		}
		return s
	}
	edit("users.json",
		map[string]any{"id": "late-hire", "accountEnabled": false, "employeeHireDate": "2023-05-01", "employeeLeaveDateTime": "2023-02-01"},
		map[string]any{"id": "vanished", "accountEnabled": false},
		map[string]any{"id": "twice", "accountEnabled": true},
		map[string]any{"id": "twice", "accountEnabled": true},
		map[string]any{"id": "hired-2023", "accountEnabled": true, "employeeHireDate": "2023-06-01"})
	edit("subscriptions.json",
		sub("nobody", "2022-03-01", false, "Deleted", "2022-04-01"),
		sub("twice", "2024-02-01", false, "Enabled", "2024-03-01"),
		sub("twice", "2022-05-01", true, "Deleted", "2022-05-01"),
		sub("twice", "2022-06-01", false, "Deleted", "2022-02-01"),
		sub("twice", "2022-09-01", true, "Deleted", ""),
		sub("hired-2023", "2022-07-01", true, "Deleted", ""),
	)
	exp, err := tenant.Read(fs)
	require.NoError(t, err)
	f, err := Run(exp, Options{AsOf: asOf, Since: cfg.Start})
	require.NoError(t, err)
	golden(t, "contradictory", strings.Join(f.Warnings, "\n")+"\n")
	assert.Len(t, f.Warnings, 7)
	assert.Contains(t, f.Scenario, "7 records skipped as contradictory")
	rep := NewReport(f, nil)
	assert.Equal(t, 7, rep.WarningCount)
	// A subscription created after --as-of is not a contradiction: the
	// history is read as on that day, and the note says what was left out.
	require.Len(t, f.Notes, 1)
	assert.Contains(t, f.Notes[0], "the exports run to 2024-02-01; the history is read as on 2024-01-01 (--as-of): 1 subscription created")
	require.Len(t, f.Estimates, len(clean.Estimates))
	for i, e := range f.Estimates {
		c := clean.Estimates[i]
		assert.Equal(t, c.Fitted, e.Fitted, e.Key)
		if c.Fitted {
			assert.InDelta(t, c.Value, e.Value, (c.High-c.Low)/4, "%s: a few records more or less move it little", e.Key)
		}
	}
}

// FuzzRun: no subscriptions export makes calibrate panic: whatever the
// reader accepts is fitted or refused with an error. Seeded with a
// small simulated tenant's export.
func FuzzRun(f *testing.F) {
	fs, cfg := files(f, 200, 6)
	asOf := model.AddMonths(cfg.Start, cfg.Months)
	f.Add(fs[0].Data)
	f.Add([]byte(`{"value": [{"ownerType": "User", "ownerId": "user-7", "skuPartNumber": "POWER_BI_PRO", "isTrial": true, "createdDateTime": "2022-02-01", "status": "Enabled", "nextLifecycleDateTime": "2022-03-03", "totalLicenses": 3}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		files := append([]tenant.ExportFile{{Name: "subscriptions.json", Data: b}}, fs[1:]...)
		exp, err := tenant.Read(files)
		if err != nil {
			return
		}
		_, _ = Run(exp, Options{AsOf: asOf, Since: cfg.Start})
	})
}
