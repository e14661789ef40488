package cluster

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCPUWorkers(t *testing.T) {
	for cpu, want := range map[string]int{"1": 1, "2": 2, "1.5": 2, "500m": 1, "2500m": 3, "0": 0, "0m": 0, "x": 0} {
		assert.Equal(t, want, CPUWorkers(cpu), cpu)
	}
}

func TestJobSpec_Problems(t *testing.T) {
	ok := JobSpec{Shards: 3, Parallelism: 16, Image: "licsim:1", Arch: "amd64", CPU: "1", Memory: "1Gi", Wait: time.Hour}
	assert.Empty(t, ok.Problems())
	for _, tt := range []struct {
		name   string
		change func(*JobSpec)
		want   string
	}{
		{"zero shards", func(s *JobSpec) { s.Shards = 0 }, "--shards 0: must be in [1, 100000]"},
		{"too many shards", func(s *JobSpec) { s.Shards = MaxShards + 1 }, "--shards 100001"},
		{"no image", func(s *JobSpec) { s.Image = "" }, `--image "": required`},
		{"image with space", func(s *JobSpec) { s.Image = "lic sim" }, `--image "lic sim"`},
		{"bad name", func(s *JobSpec) { s.Name = "Licsim_Run" }, `--name "Licsim_Run"`},
		{"long name", func(s *JobSpec) { s.Name = strings.Repeat("a", MaxName+1) }, "--name"},
		{"zero parallelism", func(s *JobSpec) { s.Parallelism = 0 }, "--parallelism 0"},
		{"bad class", func(s *JobSpec) { s.StorageClass = "NFS!" }, `--storage-class "NFS!"`},
		{"bad storage", func(s *JobSpec) { s.Storage = "big" }, `--storage "big"`},
		{"bad cpu", func(s *JobSpec) { s.CPU = "lots" }, `--cpu "lots"`},
		{"zero cpu", func(s *JobSpec) { s.CPU = "0" }, `--cpu "0"`},
		{"bad memory", func(s *JobSpec) { s.Memory = "1 GB" }, `--memory "1 GB"`},
		{"zero wait", func(s *JobSpec) { s.Wait = 0 }, "--wait 0s: must be positive"},
		{"bad arch", func(s *JobSpec) { s.Arch = "x86 64" }, `--arch "x86 64"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			spec := ok
			tt.change(&spec)
			probs := spec.Problems()
			require.Len(t, probs, 1)
			assert.Contains(t, probs[0], tt.want)
		})
	}
	all := JobSpec{}
	assert.Len(t, all.Problems(), 6, "every problem at once: shards, image, parallelism, cpu, memory, wait")
}
