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
	s.slotOf(e, p).set(slOrgSeat)
	s.trace(TrAssign, e, p, -1, 0)
}

// adminAct applies a review or notice action to subscription i.
func (s *state) adminAct(i int32, a Action) {
	s.settle(i) // its term may have ended today (boundary.go)
	if !s.actionable(i) {
		return
	}
	switch a {
	case ActCancel:
		s.cancel(i, false)
	case ActTakeover:
		s.takeover(i)
	}
}

// actionable reports whether admins can still act on subscription i: it
// is live and they have not cancelled or taken it over already.
func (s *state) actionable(i int32) bool {
	return s.hasAccess(i) && s.subs[i].flags&(fCancelled|fTakenOver) == 0
}

// cancel (R10, R21): an admin cancels subscription i, once. A trial just
// ends. A paid subscription follows the buyer's rules (admin_cancel =
// "window", U5): within the refund window it ends with the unused part
// refunded; after it, auto-renew goes off and the term runs, with access,
// to its end. With admin_cancel = "end-access" access ends at once and
// the buyer pays to the term's end, stranded. cancel_fault (R18, an extra
// off by default) makes a cancel only turn auto-renew off, whenever it comes (the seed's observation is R21's documented
// behaviour after the window, so the fault is 0 by default). A
// takeover's cancel is part of the takeover and is not traced or counted
// as a cancel of its own.
func (s *state) cancel(i int32, takeover bool) {
	sb := &s.subs[i]
	if sb.flags&fCancelled != 0 {
		return
	}
	sb.flags |= fCancelled // admins act once, whatever comes of it
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
	switch {
	case sb.state == stTrial:
		sb.flags &^= fAutorenew
		s.end(i) // nothing was charged and nothing will be
	case s.cfg.Commerce.AdminCancel == CancelEndAccess:
		s.strand(i)
		sb.flags &^= fAutorenew
		if s.hasAccess(i) {
			s.accessOff(i)
		}
		sb.flags |= fNoAccess
		s.arm(i, sb) // the term's end is now an event
	case s.inWindow(sb):
		s.refundEnd(i)
	default:
		s.autorenewOff(i) // after the window the term runs out (R21)
	}
}

// takeover (R17): holders get equivalent org licences, then the
// subscription is cancelled (R21's window applies: a refund within it,
// else the buyer pays to the term's end, stranded). With too few spare
// licences, when_short decides. A subscription is taken over once.
func (s *state) takeover(i int32) {
	sb := &s.subs[i]
	if sb.flags&(fTakenOver|fCancelled) != 0 {
		return
	}
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
		next := s.slotOf(h, p).link()
		s.removeHolder(i, h)
		s.giveOrgSeat(h, p)
		h = next
	}
	sb.flags |= fTakenOver
	s.strand(i)
	// Nobody uses it any more: it is the org's, whatever the cancel does.
	if s.hasAccess(i) {
		s.accessOff(i)
	}
	sb.flags |= fNoAccess
	s.cancel(i, true)
}

// departAct: admins act on a leaver's subscription (R11).
func (s *state) departAct(i int32) {
	s.settle(i)
	if !s.actionable(i) {
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
	if s.slotValue(e, p).flags()&slRequest == 0 {
		return // lapsed: the employee left
	}
	sl := s.slotOf(e, p)
	sl.clear(slRequest)
	if sl.flags()&slApprove == 0 {
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

// review: admins go through every live paid subscription they have not
// acted on yet (R10, R17), and through trials too with review_trials.
func (s *state) review() {
	trials := s.cfg.Admin.ReviewTrials
	for i := range s.subs {
		if s.actionable(int32(i)) && (s.subs[i].state == stPaid || trials) {
			s.adminAct(int32(i), s.cfg.Admin.OnReview)
		}
	}
}
