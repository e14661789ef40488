package part

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/reports"
	"licsim/reports/buildinfo"
)

// partFixture is the writers' fixture's scenario run by the model (so
// that every result passes model.Result.Verify), with the replications'
// seeds at the edge of uint64 and event counts at the edge of uint64, so
// that exactness shows.
func partFixture(t testing.TB) (*model.Config, []model.Result) {
	t.Helper()
	cfg, _ := fixture(t)
	cfg.Seed = math.MaxUint64 - 3
	cfg.Products[0].SeatsMean = 1.2 // the only value the writers' fixture leaves invalid
	cfg.Products[0].InterestPerYear = 3
	require.NoError(t, model.Check(cfg), "the fixture is a valid scenario")
	results, err := model.Replicate(context.Background(), cfg, 1, nil)
	require.NoError(t, err)
	for i := range results {
		results[i].Events = math.MaxUint64 - uint64(i)
	}
	require.NotEmpty(t, results[0].Subscriptions, "the fixture lists subscriptions")
	return cfg, results
}

// partsOf splits results into n parts, as n shards would write them.
func partsOf(t testing.TB, cfg *model.Config, n int, results []model.Result) []*Part {
	t.Helper()
	var parts []*Part
	for k := range n {
		first, end := ShardRange(k, n, cfg.Replications)
		p, err := New("fixture.toml", "amd64", cfg, k, n, results[first:end])
		require.NoError(t, err)
		p.File = Name(k, n)
		parts = append(parts, p)
	}
	return parts
}

// merged is every replication m hands over, in order.
func merged(t *testing.T, m *Merged) []model.Result {
	t.Helper()
	var rs []model.Result
	require.NoError(t, m.Each(context.Background(), func(r *model.Result) error { rs = append(rs, *r); return nil }))
	return rs
}

// roundTrip writes p and reads it back.
func roundTrip(t *testing.T, p *Part) *Part {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Write(&b, p))
	q, err := Decode(p.File, &b)
	require.NoError(t, err)
	return q
}

func TestShardRange_CoversEveryReplicationOnce(t *testing.T) {
	for _, reps := range []int{1, 2, 7, 20, 199, 1000} {
		for _, n := range []int{1, 2, 3, 7, 19, 20, 21, 64, 1000} {
			next := 0
			for k := range n {
				first, end := ShardRange(k, n, reps)
				require.Equal(t, next, first, "reps %d, shard %d of %d starts where the last ended", reps, k, n)
				size := end - first
				require.True(t, size == reps/n || size == reps/n+1, "reps %d, shard %d of %d: %d", reps, k, n, size)
				next = end
			}
			require.Equal(t, reps, next, "reps %d in %d shards", reps, n)
		}
	}
	first, end := ShardRange(model.MaxReplications-1, model.MaxReplications, model.MaxReplications)
	assert.Equal(t, [2]int{model.MaxReplications - 1, model.MaxReplications}, [2]int{first, end}, "no overflow at the limits")
}

func TestConfigHash_SeedAndReplicationsApart(t *testing.T) {
	cfg, _ := fixture(t)
	h, err := ConfigHash(cfg)
	require.NoError(t, err)
	assert.Len(t, h, 64)
	other := *cfg
	other.Seed, other.Replications = 99, 12345
	h2, err := ConfigHash(&other)
	require.NoError(t, err)
	assert.Equal(t, h, h2, "seed and replications are compared apart")
	other.Population.AttritionPerYear += 1e-12
	h3, err := ConfigHash(&other)
	require.NoError(t, err)
	assert.NotEqual(t, h, h3, "any parameter changes the hash")
	assert.Equal(t, 7, int(cfg.Seed), "the caller's config is left alone")
}

// TestPart_RoundTripIsExact: every number, subscription and config field
// comes back as it was, and the merge rebuilds the results exactly.
func TestPart_RoundTripIsExact(t *testing.T) {
	cfg, results := partFixture(t)
	for _, n := range []int{1, 2, 3, 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var parts []*Part
			for _, p := range partsOf(t, cfg, n, results) {
				q := roundTrip(t, p)
				assert.Equal(t, cfg, q.Config)
				parts = append(parts, q)
			}
			// Shards in any order.
			parts[0], parts[len(parts)-1] = parts[len(parts)-1], parts[0]
			m, err := Merge(parts)
			require.NoError(t, err)
			assert.Equal(t, "fixture.toml", m.Scenario)
			assert.Equal(t, cfg, m.Config)
			assert.Equal(t, results, merged(t, m))
		})
	}
}

func TestWrite_OneReplicationPerLine(t *testing.T) {
	cfg, results := partFixture(t)
	parts := partsOf(t, cfg, 1, results)
	var b bytes.Buffer
	require.NoError(t, Write(&b, parts[0]))
	assert.Equal(t, 3, strings.Count(b.String(), "\n"), "header with replication 0, then one line each for 1 and 2")
	assert.True(t, json.Valid(b.Bytes()))
	assert.Contains(t, b.String(), `"format":"licsim-part/4"`)
}

func TestNew_Refuses(t *testing.T) {
	cfg, results := partFixture(t)
	_, err := New("x", "amd64", cfg, 3, 3, results)
	assert.ErrorContains(t, err, "0 <= K < N")
	_, err = New("x", "amd64", cfg, 0, 2, results)
	assert.ErrorContains(t, err, "3 results for replications [0, 1)")
	_, err = New("x", "amd64", cfg, 1, 3, results[:1])
	assert.ErrorContains(t, err, "replication 0, want 1")
}

// TestDecode_Refuses: a part that is not what it says is refused with
// a message naming the file and the problem.
func TestDecode_Refuses(t *testing.T) {
	cfg, results := partFixture(t)
	tests := []struct {
		name string
		edit func(p *Part)
		raw  string
		want string
	}{
		{name: "not JSON", raw: "hello", want: "part-0-of-1.json: not a licsim part file"},
		{name: "empty", raw: "", want: "not a licsim part file"},
		{name: "other format", edit: func(p *Part) { p.Format = "licsim-part/9" }, want: `format "licsim-part/9", this licsim reads "licsim-part/4"`},
		{name: "no config", edit: func(p *Part) { p.Config = nil }, want: "no scenario config"},
		{name: "no scenario", edit: func(p *Part) { p.Scenario = "" }, want: "no scenario name"},
		{name: "edited config", edit: func(p *Part) { p.Config.Months = 2 }, want: "does not match its config"},
		{name: "invalid config", edit: func(p *Part) { p.Config.Months = 0 }, want: "invalid scenario config"},
		{name: "seed apart from config", edit: func(p *Part) { p.Seed = 1 }, want: "differ from its config"},
		{name: "shard out of range", edit: func(p *Part) { p.Shard = 1 }, want: "shard 1 of 1"},
		{name: "range", edit: func(p *Part) { p.End = 2 }, want: "replications [0, 2) do not match shard 0 of 1"},
		{name: "no arch", edit: func(p *Part) { p.Arch = "" }, want: "no CPU architecture"},
		{name: "other metrics", edit: func(p *Part) { p.Metrics = p.Metrics[1:] }, want: "metrics differ from this licsim's"},
		{name: "other series", edit: func(p *Part) { p.Series[0] = "spend" }, want: "monthly series differ"},
		{name: "missing replication", edit: func(p *Part) { p.Results = p.Results[:2] }, want: "2 replications, want 3"},
		{name: "renumbered", edit: func(p *Part) { p.Results[1].Rep = 7 }, want: "result 1 is replication 7, want 1"},
		{name: "wrong seed", edit: func(p *Part) { p.Results[2].Seed++ }, want: "replication 2: seed"},
		{name: "short totals", edit: func(p *Part) { p.Results[0].Totals = p.Results[0].Totals[:3] }, want: "3 totals"},
		{name: "short monthly", edit: func(p *Part) { p.Results[0].Monthly = nil }, want: "0 monthly values, want 24"},
		{name: "no version", edit: func(p *Part) { p.Version = "" }, want: "no licsim version"},
		// Edited numbers, with the digest recomputed by Write: the
		// plausibility checks refuse them.
		{name: "total changed", edit: func(p *Part) { p.Results[1].Totals[model.BuyerSpend] += 100_000_000 },
			want: "part-0-of-1.json: replication 1: buyer_spend total "},
		{name: "negative count", edit: func(p *Part) { p.Results[2].Totals[model.Departures] = -3 },
			want: "part-0-of-1.json: replication 2: departures = -3: must be in [0, 2^53]"},
		{name: "int64 max", edit: func(p *Part) { p.Results[1].Totals[model.Hires] = math.MaxInt64 },
			want: "part-0-of-1.json: replication 1: hires = 9223372036854775807: must be in [0, 2^53]"},
		{name: "monthly value changed", edit: func(p *Part) { p.Results[0].Monthly[model.SerOrgSpend] = -1 },
			want: "part-0-of-1.json: replication 0: org_spend in month 1 = -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var raw []byte
			if tt.edit != nil {
				cfg := *cfg
				cfg.Products = append([]model.Product(nil), cfg.Products...)
				rs := make([]model.Result, len(results))
				copy(rs, results)
				p, err := New("fixture.toml", "amd64", &cfg, 0, 1, rs)
				require.NoError(t, err)
				p.Results = append([]Result(nil), p.Results...)
				p.Series = append([]string(nil), p.Series...)
				tt.edit(p)
				var b bytes.Buffer
				require.NoError(t, Write(&b, p))
				raw = b.Bytes()
			} else {
				raw = []byte(tt.raw)
			}
			_, err := Decode("part-0-of-1.json", bytes.NewReader(raw))
			var pe *Error
			require.True(t, errors.As(err, &pe), "a *Error: %v", err)
			assert.ErrorContains(t, err, tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "part-0-of-1.json: "), "names the file: %v", err)
		})
	}
}

// TestDecode_RefusesEditedBytes: edits to the written file that keep it
// plausible are caught by the digest; edits that do not are named.
func TestDecode_RefusesEditedBytes(t *testing.T) {
	cfg, results := partFixture(t)
	p := partsOf(t, cfg, 1, results)[0]
	var b bytes.Buffer
	require.NoError(t, Write(&b, p))
	good := b.String()
	q := roundTrip(t, p)
	require.Len(t, q.Digest, 64)
	events := fmt.Sprintf(`"events":%d`, results[1].Events)
	tests := []struct{ name, old, new, want string }{
		{"wrong digest", `"digest":"` + q.Digest[:8], `"digest":"00000000`,
			"part-0-of-1.json: digest 00000000" + q.Digest[8:12] + " does not match its results (" + q.Digest[:12] + "): edited or corrupted after it was written"},
		{"events changed", events, fmt.Sprintf(`"events":%d`, results[1].Events-1), "part-0-of-1.json: digest "},
		{"scenario argument changed", `"scenario":"fixture.toml"`, `"scenario":"other.toml"`, "part-0-of-1.json: digest "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Contains(t, good, tt.old)
			_, err := Decode("part-0-of-1.json", strings.NewReader(strings.Replace(good, tt.old, tt.new, 1)))
			var pe *Error
			require.True(t, errors.As(err, &pe), "a *Error: %v", err)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestRead_MissingFile(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "part-0-of-1.json"))
	var pe *Error
	require.True(t, errors.As(err, &pe))
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.ErrorContains(t, err, "part-0-of-1.json")
}

// TestCheck_Refuses: parts of different runs are named precisely.
func TestCheck_Refuses(t *testing.T) {
	cfg, results := partFixture(t)
	three := func() []*Part { return partsOf(t, cfg, 3, results) }
	tests := []struct {
		name  string
		parts func() []*Part
		want  string
	}{
		{"none", func() []*Part { return nil }, "no part files"},
		{"other scenario", func() []*Part {
			ps := three()
			ps[1].Hash = strings.Repeat("ab", 32)
			return ps
		}, "parts come from different scenarios: part-0-of-3.json (hash "},
		{"other scenario argument", func() []*Part {
			ps := three()
			ps[2].Scenario = "other.toml"
			return ps
		}, "fixture.toml) vs part-2-of-3.json (hash"},
		{"other seed", func() []*Part {
			ps := three()
			ps[1].Seed = 5
			return ps
		}, "parts have different seeds: part-0-of-3.json (seed 18446744073709551612) vs part-1-of-3.json (seed 5)"},
		{"other replications", func() []*Part {
			ps := three()
			ps[2].Replications = 30
			return ps
		}, "parts have different replication counts: part-0-of-3.json (3) vs part-2-of-3.json (30)"},
		{"other shard count", func() []*Part {
			return append(three()[:2], partsOf(t, cfg, 2, results)[1])
		}, "parts come from different shard counts: part-0-of-3.json (shard 0 of 3) vs part-1-of-2.json (shard 1 of 2)"},
		{"other architecture", func() []*Part {
			ps := three()
			ps[1].Arch = "arm64"
			return ps
		}, "different CPU architectures: part-0-of-3.json (amd64) vs part-1-of-3.json (arm64)"},
		{"other licsim version", func() []*Part {
			ps := three()
			ps[2].Version = "def456"
			return ps
		}, "parts were written by different licsim versions: part-0-of-3.json (" + buildinfo.Read().Code() + ") vs part-2-of-3.json (def456); run every shard with one build"},
		{"duplicate", func() []*Part {
			ps := three()
			dup := *ps[1]
			dup.File = "copy/part-1-of-3.json"
			return append(ps, &dup)
		}, "shard 1 of 3 given twice: part-1-of-3.json and copy/part-1-of-3.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Merge(tt.parts())
			var pe *Error
			require.True(t, errors.As(err, &pe), "a *Error: %v", err)
			assert.ErrorContains(t, err, tt.want)
			assert.Empty(t, pe.Missing)
		})
	}
}

func TestCheck_Missing(t *testing.T) {
	cfg, results := partFixture(t)
	ps := partsOf(t, cfg, 3, results)
	missing, err := Check([]*Part{ps[0], ps[2]})
	require.NoError(t, err)
	assert.Equal(t, []int{1}, missing)
	_, err = Merge([]*Part{ps[2]})
	var pe *Error
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, []int{0, 1}, pe.Missing)
	assert.EqualError(t, err, "shards 0, 1 of 3 missing")
}

func TestMissingError(t *testing.T) {
	many := make([]int, 25)
	for i := range many {
		many[i] = i * 2
	}
	for _, tt := range []struct {
		missing []int
		shards  int
		want    string
	}{
		{[]int{2}, 7, "shard 2 of 7 missing"},
		{[]int{0, 6}, 7, "shards 0, 6 of 7 missing"},
		{many, 100, "shards 0, 2, 4, 6, 8, 10, 12, 14, 16, 18 and 15 more of 100 missing"},
	} {
		assert.EqualError(t, missingError(tt.missing, tt.shards), tt.want)
	}
}

// TestMerge_EmptyShards: with more shards than replications, the empty
// shards still count, and the merge equals the whole.
func TestMerge_EmptyShards(t *testing.T) {
	cfg, results := partFixture(t)
	var parts []*Part
	for _, p := range partsOf(t, cfg, 7, results) {
		parts = append(parts, roundTrip(t, p))
	}
	assert.Empty(t, parts[0].Results, "shard 0 of 7 holds no replication of 3")
	m, err := Merge(parts)
	require.NoError(t, err)
	assert.Equal(t, results, merged(t, m))
	_, err = Merge(append(parts[:3:3], parts[4:]...))
	assert.EqualError(t, err, "shard 3 of 7 missing", "an empty shard is still required")
}

// FuzzDecode: no input makes Decode panic; it accepts and refuses what
// the whole-part decoder did, with the same messages (see sameVerdict);
// and a part it accepts merges and summarizes without panicking either.
func FuzzDecode(f *testing.F) {
	for _, data := range fixtureParts(f) {
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte(`{"format":"licsim-part/1"}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"results":[{"rep":0}],"format":"licsim-part/4"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sameVerdict(t, data)
		p, err := Decode("fuzz.json", bytes.NewReader(data))
		if err != nil {
			return
		}
		if p.Shards == 1 {
			m, err := Merge([]*Part{p})
			if err != nil {
				t.Fatal(err)
			}
			var rs []model.Result
			if err := m.Each(context.Background(), func(r *model.Result) error { rs = append(rs, *r); return nil }); err != nil {
				t.Fatal(err)
			}
			reports.Summarize(m.Config, rs)
		}
	})
}
