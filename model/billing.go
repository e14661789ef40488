package model

// chargeTerm charges what is due at a term's start (start) or at a
// monthly anniversary inside an annual term billed monthly; reason names
// the charge in the ledger.
func (s *state) chargeTerm(i int32, start bool, reason string) {
	b := &s.subs[i]
	s.chargeBuyer(i, b, b.due(&s.prods[b.prod], start), reason)
}

// due is what subscription b owes at a term's start (start) or at a
// monthly anniversary inside an annual term billed monthly.
func (b *sub) due(pr *prod, start bool) Cents {
	seats := Cents(b.seats)
	switch {
	case b.flags&fMonthly != 0:
		return pr.PriceMonthly * seats
	case b.flags&fUpfront == 0:
		return pr.PriceAnnual * seats
	case start:
		return 12 * pr.PriceAnnual * seats
	}
	return 0
}

// chargeBuyer charges subscription i (b) to its buyer. Every paid month
// of every subscription passes here, so the R15 records and the trace
// are out of line.
func (s *state) chargeBuyer(i int32, b *sub, amount Cents, reason string) {
	if amount == 0 {
		return
	}
	stranded := s.bill(b, amount)
	if s.wantSubs || s.trace != nil {
		s.chargeRecord(i, amount, stranded, reason)
	}
}

// bill adds a buyer's charge to the totals and the month's row, and
// reports whether it is stranded. Small enough to inline into the
// anniversary, the commonest event.
func (s *state) bill(b *sub, amount Cents) (stranded bool) {
	s.totals[BuyerSpend] += amount
	s.monthRow[SerBuyerSpend] += amount
	if s.sim.Now() >= b.strandFrom {
		s.totals[StrandedSpend] += amount
		s.monthRow[SerStrandedSpend] += amount
		return true
	}
	return false
}

// chargeRecord adds a charge to the R15 records and the trace.
func (s *state) chargeRecord(i int32, amount Cents, stranded bool, reason string) {
	b := &s.subs[i]
	if s.wantSubs { // the cold part is only touched for the R15 records
		x := &s.subx[i]
		x.paid += amount
		if stranded {
			x.stranded += amount
		}
	}
	if s.trace != nil {
		s.emit(TrCharge, b.buyer, b.prod, i, b.seats)
		s.tev.Payer, s.tev.Amount, s.tev.Term, s.tev.Reason = PayBuyer, amount, termName(b), reason
		s.flush()
	}
}

func (s *state) orgCharge(j int32) {
	bt := &s.batches[j]
	amount := s.prods[bt.prod].OrgPrice * Cents(bt.seats)
	if amount > 0 {
		s.totals[OrgSpend] += amount
		s.monthRow[SerOrgSpend] += amount
		if s.trace != nil {
			s.emit(TrCharge, -1, bt.prod, -1, bt.seats)
			s.tev.Payer, s.tev.Amount, s.tev.Reason = PayOrg, amount, "org-licence"
			s.flush()
		}
	}
	bt.month++
	if d := s.cal.addMonths(bt.anchor, int(bt.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evOrgCharge, j, 0)
	}
}
