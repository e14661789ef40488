package model

// buyOrg buys n org licences of p: charged today and on the same day of
// every later month until the horizon.
func (s *state) buyOrg(p, n int32) {
	s.prods[p].spare += int(n)
	s.totals[OrgLicencesBought] += int64(n)
	j := int32(len(s.batches))
	s.batches = append(s.batches, orgBatch{prod: p, seats: n, anchor: s.sim.Now()})
	// The purchase line names the seats; money shows on the charge lines
	// that follow, so that trace sums equal the ledger.
	s.tr(TrOrgPurchase, -1, p, -1, n)
	s.orgCharge(j)
}

// giveOrgSeat assigns a spare org licence of p to e.
func (s *state) giveOrgSeat(e, p int32) {
	s.prods[p].spare--
	s.prods[p].inUse++
	s.orgInUse++
	s.slot(e, p).flags |= slOrgSeat
	s.tr(TrAssign, e, p, -1, 0)
}

// adminAct applies a review or notice action to live subscription i.
func (s *state) adminAct(i int32, a Action) {
	switch a {
	case ActCancel:
		s.cancel(i, false)
	case ActTakeover:
		s.takeover(i)
	}
}

// cancel (R10, R18): access ends at once and the subscription never
// renews; its buyer pays the rest of the term. With probability
// cancel_fault it only turns auto-renew off. A takeover's cancel is part
// of the takeover and is not traced or counted as a cancel of its own.
func (s *state) cancel(i int32, takeover bool) {
	b := &s.subs[i]
	if s.subx[i].rng.Bernoulli(s.cfg.Admin.CancelFault) {
		s.totals[CancelFaults]++
		s.subEvent(TrCancelFault, i)
		s.autorenewOff(i)
		return
	}
	if !takeover {
		s.totals[AdminCancels]++
		s.subEvent(TrCancel, i)
		s.mail(i)
	}
	b.flags |= fCancelled
	b.strandFrom = min(b.strandFrom, s.sim.Now())
	b.flags &^= fAutorenew
	if b.state == stTrial {
		s.end(i) // nothing was charged and nothing will be
		return
	}
	s.accessOff(i)
	b.flags |= fNoAccess
}

// takeover (R17): holders get equivalent org licences, then the
// subscription is cancelled; with too few spare licences, when_short
// decides.
func (s *state) takeover(i int32) {
	b := &s.subs[i]
	p := b.prod
	pr := &s.prods[p]
	need := int(s.subx[i].assigned)
	if pr.spare < need {
		switch s.cfg.Admin.WhenShort {
		case ShortBuy:
			s.buyOrg(p, int32(need-pr.spare))
		case ShortCancel:
			s.cancel(i, false)
			return
		case ShortSkip:
			return
		}
	}
	s.totals[Takeovers]++
	s.subEvent(TrTakeover, i)
	s.mail(i)
	for h := s.subx[i].holders; h >= 0; {
		next := s.slot(h, p).link
		s.removeHolder(i, h)
		s.giveOrgSeat(h, p)
		h = next
	}
	b.flags |= fTakenOver
	b.strandFrom = min(b.strandFrom, s.sim.Now())
	s.cancel(i, true)
}

// departAct: admins act on a leaver's subscription (R11).
func (s *state) departAct(i int32) {
	if !s.hasAccess(i) {
		return
	}
	switch s.cfg.Admin.OnDeparture {
	case DepCancel:
		s.cancel(i, false)
	case DepReassign:
		if s.subx[i].assigned < s.subs[i].seats {
			p := &s.prods[s.subs[i].prod]
			p.reassign = append(p.reassign, i)
		}
	}
}

func (s *state) requestDecision(e, p int32) {
	if s.peek(e, p).flags&slRequest == 0 {
		return // lapsed: the employee left
	}
	sl := s.slot(e, p)
	sl.flags &^= slRequest
	if sl.flags&slApprove == 0 {
		s.totals[RequestsDenied]++
		s.tr(TrRequestDenied, e, p, -1, 0)
		return
	}
	s.totals[RequestsApproved]++
	s.tr(TrRequestApproved, e, p, -1, 0)
	if s.prods[p].spare == 0 {
		s.buyOrg(p, 1)
	}
	s.giveOrgSeat(e, p)
}
