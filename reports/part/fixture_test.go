package part

import (
	"testing"

	"licsim/model"
	fixturepkg "licsim/reports/internal/fixture"
)

// fixture is the reports package's writers fixture: a small scenario with
// three hand-made replications.
func fixture(t testing.TB) (*model.Config, []model.Result) { return fixturepkg.Run(t) }
