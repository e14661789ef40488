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
	b, x := &s.subs[i], &s.subx[i]
	for range 8 {
		c := s.active[x.rng.IntN(len(s.active))]
		sl := s.peek(c, b.prod)
		if c != b.buyer && sl.sub < 0 && sl.flags&(slOrgSeat|slRequest) == 0 {
			s.addHolder(i, c)
			s.tr(TrAssign, c, b.prod, i, 0)
			return
		}
	}
}

func (s *state) addHolder(i, e int32) {
	x := &s.subx[i]
	sl := s.slot(e, s.subs[i].prod)
	sl.sub = i
	sl.link = x.holders
	x.holders = e
	x.assigned++
}

func (s *state) removeHolder(i, e int32) {
	b, x := &s.subs[i], &s.subx[i]
	prev := int32(-1)
	for h := x.holders; h >= 0; h = s.slot(h, b.prod).link {
		if h == e {
			next := s.slot(h, b.prod).link
			if prev < 0 {
				x.holders = next
			} else {
				s.slot(prev, b.prod).link = next
			}
			break
		}
		prev = h
	}
	sl := s.slot(e, b.prod)
	sl.sub, sl.link = -1, -1
	x.assigned--
}

// clearHolders takes every seat of subscription i away.
func (s *state) clearHolders(i int32) {
	p, x := s.subs[i].prod, &s.subx[i]
	for h := x.holders; h >= 0; {
		sl := s.slot(h, p)
		h, sl.sub, sl.link = sl.link, -1, -1
	}
	x.holders, x.assigned = -1, 0
}

func (s *state) hasAccess(i int32) bool {
	b := &s.subs[i]
	return b.state != stEnded && b.flags&fNoAccess == 0
}

// accessOn and accessOff keep the live counts of subscriptions and seats.
func (s *state) accessOn(i int32) {
	b := &s.subs[i]
	s.live++
	s.ssSeats += int64(b.seats)
	s.seriesSeats[s.prods[b.prod].series] += int64(b.seats)
}

func (s *state) accessOff(i int32) {
	b := &s.subs[i]
	s.live--
	s.ssSeats -= int64(b.seats)
	s.seriesSeats[s.prods[b.prod].series] -= int64(b.seats)
	if b.flags&fOrphaned != 0 {
		s.liveOrphan--
	}
	s.clearHolders(i)
}
