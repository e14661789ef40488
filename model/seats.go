package model

// fillSeats gives the seats beyond the buyer's to colleagues, after the
// subscription's start has been traced.
func (s *state) fillSeats(i int32) {
	for range s.subs[i].seats - 1 {
		s.fillSeat(i)
	}
}

// fillSeat assigns a free seat of subscription i to a colleague who holds
// no seat of the product and waits for no request; a few random picks,
// and the seat stays unassigned when none fits.
func (s *state) fillSeat(i int32) {
	sb, ext := &s.subs[i], &s.subx[i]
	for range 8 {
		c := s.active[ext.stream.IntN(len(s.active))]
		sl := s.slotValue(c, sb.prod)
		if sl.sub >= 0 && sl.sub != i {
			s.settle(sl.sub) // its term may have ended today (boundary.go)
			sl = s.slotValue(c, sb.prod)
		}
		if c != sb.buyer && sl.sub < 0 && sl.flags()&(slOrgSeat|slRequest) == 0 {
			s.addHolder(i, c)
			s.trace(TrAssign, c, sb.prod, i, 0)
			return
		}
	}
}

func (s *state) addHolder(i, e int32) {
	ext := &s.subx[i]
	sl := s.slotOf(e, s.subs[i].prod)
	sl.sub = i
	sl.setLink(ext.holders)
	ext.holders = e
	ext.assigned++
}

func (s *state) removeHolder(i, e int32) {
	sb, ext := &s.subs[i], &s.subx[i]
	prev := int32(-1)
	for h := ext.holders; h >= 0; h = s.slotOf(h, sb.prod).link() {
		if h == e {
			next := s.slotOf(h, sb.prod).link()
			if prev < 0 {
				ext.holders = next
			} else {
				s.slotOf(prev, sb.prod).setLink(next)
			}
			break
		}
		prev = h
	}
	sl := s.slotOf(e, sb.prod)
	sl.sub = -1
	sl.setLink(-1)
	ext.assigned--
}

// clearHolders takes every seat of subscription i away.
func (s *state) clearHolders(i int32) {
	p, ext := s.subs[i].prod, &s.subx[i]
	for h := ext.holders; h >= 0; {
		sl := s.slotOf(h, p)
		h = sl.link()
		sl.sub = -1
		sl.setLink(-1)
	}
	ext.holders, ext.assigned = -1, 0
}

func (s *state) hasAccess(i int32) bool {
	sb := &s.subs[i]
	return sb.state != stEnded && sb.flags&fNoAccess == 0
}

// accessOn and accessOff keep the live counts of subscriptions and seats.
func (s *state) accessOn(i int32) {
	sb := &s.subs[i]
	s.live++
	s.ssSeats += int64(sb.seats)
	s.seriesSeats[s.prods[sb.prod].series] += int64(sb.seats)
}

func (s *state) accessOff(i int32) {
	sb := &s.subs[i]
	s.live--
	if s.wantSubs {
		s.recs[i].ended = s.sim.Now()
	}
	s.ssSeats -= int64(sb.seats)
	s.seriesSeats[s.prods[sb.prod].series] -= int64(sb.seats)
	if sb.flags&fOrphaned != 0 {
		s.liveOrphan--
	}
	s.clearHolders(i)
}
