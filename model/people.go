package model

import "licsim/sim"

// addEmployee creates an employee who joins at real time t.
func (s *state) addEmployee(t float64, admin bool) int32 {
	e := int32(len(s.emps))
	s.emps = append(s.emps, employee{left: noDay, leaves: noDay, active: int32(len(s.active)), firstSub: -1, row: -1})
	s.active = append(s.active, e)
	if s.wantStaff {
		s.hired = append(s.hired, sim.Time(t))
	}
	// One stream draws the tenure, then the wait for the first attempt;
	// both are the same whatever the admins do.
	employeeStream := sim.StreamOf(sim.Absorb(s.employeeKey, uint64(e))) // = NewStream(seed, purposeEmployee, e)
	if !admin && s.leaveRate > 0 {
		if d := sim.Time(t + employeeStream.Exp()/s.leaveRate); d < s.cal.horizon {
			s.sim.Schedule(d, evDeparture, e, 0)
			s.emps[e].leaves = d
		}
	}
	s.startAttempts(e, t, &employeeStream)
	return e
}

func (s *state) hire() {
	e := s.addEmployee(s.hireAt, false)
	s.totals[Hires]++
	s.trace(TrHire, e, -1, -1, 0)
	s.hireAt += s.hireStream.Exp() / s.hireRate
	if d := sim.Time(s.hireAt); d < s.cal.horizon {
		s.sim.Schedule(d, evHire, 0, 0)
	}
}

// departure: the employee leaves (R11). Their seats are freed; what they
// bought keeps charging them until its term ends.
func (s *state) departure(e int32) {
	s.settleEmployee(e)
	now := s.sim.Now()
	emp := &s.emps[e]
	emp.left = now
	last := s.active[len(s.active)-1]
	s.active[emp.active] = last
	s.emps[last].active = emp.active
	s.active = s.active[:len(s.active)-1]
	s.totals[Departures]++
	s.trace(TrDeparture, e, -1, -1, 0)
	s.releaseSeats(e)
	s.orphanSubs(e)
}

// settleEmployee settles what employee e bought: their boundaries today
// come before e's departure (boundary.go), in the trace too. The
// subscriptions whose seats e holds are settled as releaseSeats reaches
// them.
func (s *state) settleEmployee(e int32) {
	for i := s.emps[e].firstSub; i >= 0; i = s.subx[i].nextOfBuyer {
		s.settle(i)
	}
}

// releaseSeats frees leaver e's seats, org licences included, and drops
// their pending licence requests.
func (s *state) releaseSeats(e int32) {
	r := s.emps[e].row
	if r < 0 {
		return // never attempted anything
	}
	row := s.slots[int(r)*len(s.prods):][:len(s.prods)]
	for p := range row {
		sl := &row[p]
		if sl.sub < 0 && sl.flags()&(slOrgSeat|slRequest) == 0 {
			continue // most of a row: products the leaver never held
		}
		if sl.sub >= 0 {
			// Its boundary today comes first (boundary.go); settling adds
			// no rows, so sl stays valid.
			s.settle(sl.sub)
		}
		if sl.sub >= 0 {
			s.removeHolder(sl.sub, e)
		}
		if sl.flags()&slOrgSeat != 0 {
			s.prods[p].spare++
			s.prods[p].inUse--
			s.orgInUse--
		}
		sl.clear(slOrgSeat | slRequest)
	}
}

// orphanSubs: what leaver e bought keeps charging them until its term
// ends, stranded from today; what is still usable is orphaned, may stop
// renewing, and admins may act on it (R11).
func (s *state) orphanSubs(e int32) {
	now := s.sim.Now()
	for i := s.emps[e].firstSub; i >= 0; i = s.subx[i].nextOfBuyer {
		sb := &s.subs[i]
		if sb.state == stEnded {
			continue
		}
		s.strand(i)
		if sb.flags&(fNoAccess|fTakenOver|fCancelled) != 0 {
			continue // admins already acted on it: cancelled or taken over
		}
		sb.flags |= fOrphaned
		s.liveOrphan++
		s.totals[OrphanedSubscriptions]++
		if s.subx[i].stream.Bernoulli(s.prods[sb.prod].LeaverStopsRenewal) {
			sb.flags |= fLeaverStops
			if sb.state == stPaid {
				s.autorenewOff(i)
			}
		}
		s.scheduleLeaverStop(i)
		if s.cfg.Admin.OnDeparture != DepNone && now >= s.cal.origin { // admins act from start on (history.go)
			if d := now + sim.Time(s.cfg.Admin.DepartureDelayDays); d < s.cal.horizon {
				s.sim.Schedule(d, evDepartAct, i, 0)
			}
		}
	}
}

// scheduleLeaverStop draws when leaver's subscription i stops renewing
// (R25): the buyer's card lapses, or they notice the charge and cancel,
// at hazard leaver_stop_per_year from the departure on. The time is kept
// in hazardAt, which the buyer's own hazards no longer use, and comes as
// an evHazard (see hazard).
func (s *state) scheduleLeaverStop(i int32) {
	sb := &s.subs[i]
	rate := s.prods[sb.prod].LeaverStopPerYear / DaysPerYear
	if rate <= 0 || sb.flags&fAutorenew == 0 && sb.state == stPaid {
		return
	}
	ext := &s.subx[i]
	ext.hazardAt = float64(s.sim.Now()) + ext.stream.Exp()/rate
	if d := sim.Time(ext.hazardAt); d < s.cal.horizon {
		s.sim.Schedule(d, evHazard, i, 0)
	}
}

// leaverStops: leaver's subscription i stops renewing (R25); a trial with
// a card then expires at its end.
func (s *state) leaverStops(i int32) {
	sb := &s.subs[i]
	if sb.flags&fAutorenew == 0 {
		return
	}
	sb.flags |= fLeaverStops
	s.totals[LeaverStops]++
	s.autorenewOff(i)
}
