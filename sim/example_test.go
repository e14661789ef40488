package sim_test

import (
	"fmt"

	"licsim/sim"
)

// The event kinds of a toy model: a customer arrives, and is served.
const (
	arrive sim.Kind = iota
	serve
)

// Example shows the engine's loop: schedule value events, pull them back
// in time order, and let the model switch on the kind. Customer 2's
// service is cancelled: its event never arrives.
func Example() {
	s := sim.New(sim.NewBuckets[sim.Time](64))
	for id := range int32(3) {
		s.Schedule(sim.Time(id), arrive, id, 0)
	}
	for {
		ev, ok := s.Next(100)
		if !ok {
			break
		}
		switch ev.Kind {
		case arrive:
			fmt.Printf("t=%d customer %d arrives\n", s.Now(), ev.Entity)
			s.ScheduleTracked(s.Now()+10, serve, ev.Entity, 0)
			if ev.Entity == 2 {
				s.Cancel(2) // changed their mind
			}
		case serve:
			fmt.Printf("t=%d customer %d served\n", s.Now(), ev.Entity)
		}
	}
	fmt.Println("events:", s.Dispatched(), "dropped:", s.Dropped())
	// Output:
	// t=0 customer 0 arrives
	// t=1 customer 1 arrives
	// t=2 customer 2 arrives
	// t=10 customer 0 served
	// t=11 customer 1 served
	// events: 5 dropped: 1
}
