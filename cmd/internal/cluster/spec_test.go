package cluster

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCPUWorkers(t *testing.T) {
	for cpu, want := range map[string]int{"1": 1, "2": 2, "1.5": 2, "500m": 1, "2500m": 3, "0": 0, "0m": 0, "x": 0} {
		assert.Equal(t, want, CPUWorkers(cpu), cpu)
	}
}
