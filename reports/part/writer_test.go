package part

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// encodeWhole is how Write spelled a part before Writer: the whole file
// marshalled at once, a line broken before each replication.
func encodeWhole(t *testing.T, p *Part) []byte {
	t.Helper()
	h := p.Header
	d, err := referenceDigest(h, p.Results)
	require.NoError(t, err)
	h.Digest = d
	b, err := json.Marshal(file{Header: h, Config: configOf(p.Config), Results: p.Results})
	require.NoError(t, err)
	return []byte(strings.ReplaceAll(string(b), `},{"rep":`, "},\n{\"rep\":") + "\n")
}

// TestWriter_SameBytesAsTheWholePart: a part written replication by
// replication through a scratch file (a shard) and one written from its
// results at once (Write) are the same bytes as marshalling the whole
// file, empty shards included, so that shards and merges of either
// kind agree, digest and all.
func TestWriter_SameBytesAsTheWholePart(t *testing.T) {
	cfg, results := partFixture(t)
	for _, n := range []int{1, 2, 7} {
		for _, p := range partsOf(t, cfg, n, results) {
			want := encodeWhole(t, p)
			var whole bytes.Buffer
			require.NoError(t, Write(&whole, p))
			assert.Equal(t, string(want), whole.String(), p.File)

			scratch, err := os.CreateTemp(t.TempDir(), "scratch")
			require.NoError(t, err)
			w, err := NewWriter(p.Scenario, p.Arch, cfg, p.Shard, p.Shards, scratch)
			require.NoError(t, err)
			for i := range p.Results {
				require.NoError(t, w.Add(p.Results[i].model()))
			}
			var streamed bytes.Buffer
			require.NoError(t, w.Finish(&streamed))
			assert.Equal(t, string(want), streamed.String(), p.File)
			_, err = Decode(p.File, &streamed)
			assert.NoError(t, err)
			scratch.Close()
		}
	}
}

func TestWriter_RefusesOutOfOrder(t *testing.T) {
	cfg, results := partFixture(t)
	w, err := NewWriter("fixture.toml", "amd64", cfg, 0, 1, nil)
	require.NoError(t, err)
	assert.ErrorContains(t, w.Add(&results[1]), "replication 1 after 0 of [0, 3)")
	assert.ErrorContains(t, w.Finish(&bytes.Buffer{}), "0 results for replications [0, 3)")
}

// TestWriter_HoldsNoResults: a shard's memory does not grow with its
// replications: the Writer keeps each one's encoding on its scratch
// file, not in memory. Replications of the fixture are added over and
// over up to 20,000, renumbered.
func TestWriter_HoldsNoResults(t *testing.T) {
	cfg, results := partFixture(t)
	const kept = 20_000
	big := *cfg
	big.Replications = kept
	scratch, err := os.Create(filepath.Join(t.TempDir(), "scratch"))
	require.NoError(t, err)
	defer scratch.Close()

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	w, err := NewWriter("fixture.toml", "amd64", &big, 0, 1, scratch)
	require.NoError(t, err)
	for i := range kept {
		r := results[i%len(results)]
		r.Rep = i
		require.NoError(t, w.Add(&r))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	full := int64(len(results[0].Monthly)+len(results[0].Costs))*8 + 512
	t.Logf("%d replications: heap %d B (%d B/rep), a full Result about %d B", kept, heap, heap/kept, full)
	assert.Less(t, heap, int64(kept)*full/50, "the writer should hold next to nothing per replication")
	runtime.KeepAlive(w)
}
