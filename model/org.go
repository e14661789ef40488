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
	s.trace(TrOrgPurchase, -1, p, -1, n)
	s.orgCharge(j)
}

// giveOrgSeat assigns a spare org licence of p to e.
func (s *state) giveOrgSeat(e, p int32) {
	s.prods[p].spare--
	s.prods[p].inUse++
	s.orgInUse++
	s.slotOf(e, p).flags |= slOrgSeat
	s.trace(TrAssign, e, p, -1, 0)
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
	sb := &s.subs[i]
	if s.subx[i].stream.Bernoulli(s.cfg.Admin.CancelFault) {
		s.totals[CancelFaults]++
		s.traceSub(TrCancelFault, i)
		s.autorenewOff(i)
		return
	}
	if !takeover {
		s.totals[AdminCancels]++
		s.traceSub(TrCancel, i)
		s.mail(i)
	}
	sb.flags |= fCancelled
	sb.strandFrom = min(sb.strandFrom, s.sim.Now())
	sb.flags &^= fAutorenew
	if sb.state == stTrial {
		s.end(i) // nothing was charged and nothing will be
		return
	}
	s.accessOff(i)
	sb.flags |= fNoAccess
}

// takeover (R17): holders get equivalent org licences, then the
// subscription is cancelled; with too few spare licences, when_short
// decides.
func (s *state) takeover(i int32) {
	sb := &s.subs[i]
	p := sb.prod
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
	s.traceSub(TrTakeover, i)
	s.mail(i)
	for h := s.subx[i].holders; h >= 0; {
		next := s.slotOf(h, p).link
		s.removeHolder(i, h)
		s.giveOrgSeat(h, p)
		h = next
	}
	sb.flags |= fTakenOver
	sb.strandFrom = min(sb.strandFrom, s.sim.Now())
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
	if s.slotValue(e, p).flags&slRequest == 0 {
		return // lapsed: the employee left
	}
	sl := s.slotOf(e, p)
	sl.flags &^= slRequest
	if sl.flags&slApprove == 0 {
		s.totals[RequestsDenied]++
		s.trace(TrRequestDenied, e, p, -1, 0)
		return
	}
	s.totals[RequestsApproved]++
	s.trace(TrRequestApproved, e, p, -1, 0)
	if s.prods[p].spare == 0 {
		s.buyOrg(p, 1)
	}
	s.giveOrgSeat(e, p)
}

// review: admins go through every live subscription (R10, R17).
func (s *state) review() {
	for i := range s.subs {
		if s.hasAccess(int32(i)) {
			s.adminAct(int32(i), s.cfg.Admin.OnReview)
		}
	}
}
