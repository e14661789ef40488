package reports

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	fixturepkg "licsim/reports/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func mustDate(t testing.TB, s string) time.Time { return fixturepkg.Date(t, s) }

// fixture is a small scenario with three hand-made replications: enough
// to pin every writer's format without running the model.
func fixture(t testing.TB) (*model.Config, []model.Result) { return fixturepkg.Run(t) }

// totals keeps what a comparison keeps of each of results.
func totals(results []model.Result) []Totals {
	out := make([]Totals, len(results))
	for i := range results {
		out[i] = TotalsOf(&results[i])
	}
	return out
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./reports -update to create it")
	assert.Equal(t, string(want), string(got), "%s differs from the golden file (go test ./reports -update rewrites it)", name)
}

func render(t *testing.T, fn func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, fn(&b))
	return b.Bytes()
}

// failAfter is a writer that fails once n bytes were written: a disk
// that fills up half-way.
type failAfter struct {
	n   int
	err error
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		w := f.n
		f.n = 0
		return w, f.err
	}
	f.n -= len(p)
	return len(p), nil
}
