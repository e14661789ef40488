package model

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestR11_LeaversMakeNoAttempts runs replications event by event and checks
// that no attempt is ever handled on or after its employee's departure
// day, nor for someone who has left (nextAttempt does not schedule them:
// they would do nothing), while the replication still gives Run's
// Result. The employees are keen and leave often, so that most of them
// draw attempts past their departure.
func TestR11_LeaversMakeNoAttempts(t *testing.T) {
	cfg := small()
	cfg.Population.AttritionPerYear, cfg.Population.HiresPerMonth = 0.6, 20
	cfg.Products[0].InterestPerYear = 3
	for rep := range 3 {
		want, err := Run(context.Background(), cfg, rep, Options{})
		require.NoError(t, err)

		r, err := NewRunner(cfg)
		require.NoError(t, err)
		s := &r.st
		s.epochs = r.epochs
		s.setup(cfg, r.cal, rep, Options{})
		attempts, leavers := 0, 0
		for {
			run := s.sim.NextRun(s.cal.horizon)
			if len(run) == 0 {
				break
			}
			for i := range run {
				ev := &run[i]
				if ev.Kind == evAttempt {
					emp := &s.emps[ev.Entity]
					require.Less(t, ev.At, emp.leaves, "an attempt on or after the departure day was scheduled")
					require.Equal(t, noDay, emp.left, "an attempt of a leaver was handled")
					attempts++
				}
				if ev.Kind == evDeparture {
					leavers++
				}
				s.handle(ev)
			}
		}
		got := s.finish()
		assert.Equal(t, want.Totals, got.Totals)
		assert.Equal(t, want.Monthly, got.Monthly)
		assert.Equal(t, want.Events, got.Events)
		assert.Greater(t, attempts, 1000)
		assert.Greater(t, leavers, 100)
	}
}
