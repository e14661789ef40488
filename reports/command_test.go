package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"licsim/model"
)

func TestRunCommand(t *testing.T) {
	cfg := &model.Config{Replications: 200, Seed: 1}
	assert.Equal(t, "licsim run baseline --reps 200 --seed 1", RunCommand("baseline", cfg))
	assert.Equal(t, "licsim run 'my file.toml' --reps 200 --seed 1", RunCommand("my file.toml", cfg))
	assert.Equal(t, `licsim run 'it'\''s.toml' --reps 200 --seed 1`, RunCommand("it's.toml", cfg))
	assert.Equal(t, "licsim run '' --reps 200 --seed 1", RunCommand("", cfg))
}
