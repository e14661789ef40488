package model

// chargeTerm charges what is due at a term's start (start) or at a
// monthly anniversary inside an annual term billed monthly; reason names
// the charge in the ledger.
func (s *state) chargeTerm(i int32, start bool, reason string) {
	sb := &s.subs[i]
	s.chargeBuyer(i, sb, sb.due(&s.prods[sb.prod], start), reason)
}

// due is what subscription sb owes at a term's start (start) or at a
// monthly anniversary inside an annual term billed monthly.
func (sb *sub) due(pr *prod, start bool) Cents {
	seats := Cents(sb.seats)
	switch {
	case sb.flags&fMonthly != 0:
		return pr.PriceMonthly * seats
	case sb.flags&fUpfront == 0:
		return pr.PriceAnnual * seats
	case start:
		return 12 * pr.PriceAnnual * seats
	}
	return 0
}

// chargeBuyer charges subscription i (sb) to its buyer. Every paid month
// of every subscription passes here, so the R15 records and the trace
// are out of line.
func (s *state) chargeBuyer(i int32, sb *sub, amount Cents, reason string) {
	if amount == 0 {
		return
	}
	stranded := s.bill(sb, amount)
	if s.wantSubs || s.tracer != nil {
		s.chargeRecord(i, amount, stranded, reason)
	}
}

// bill adds a buyer's charge to the totals and the month's row, and
// reports whether it is stranded. Small enough to inline into the
// anniversary, the commonest event.
func (s *state) bill(sb *sub, amount Cents) (stranded bool) {
	s.totals[BuyerSpend] += amount
	s.monthRow[SerBuyerSpend] += amount
	if s.sim.Now() >= sb.strandFrom {
		s.totals[StrandedSpend] += amount
		s.monthRow[SerStrandedSpend] += amount
		return true
	}
	return false
}

// chargeRecord adds a charge to the R15 records and the trace.
func (s *state) chargeRecord(i int32, amount Cents, stranded bool, reason string) {
	sb := &s.subs[i]
	if s.wantSubs { // the cold part is only touched for the R15 records
		ext := &s.subx[i]
		ext.paid += amount
		if stranded {
			ext.stranded += amount
		}
	}
	if s.tracer != nil {
		s.emit(TrCharge, sb.buyer, sb.prod, i, sb.seats)
		s.traceLine.Payer, s.traceLine.Amount, s.traceLine.Term, s.traceLine.Reason = PayBuyer, amount, termName(sb), reason
		s.flush()
	}
}

func (s *state) orgCharge(j int32) {
	batch := &s.batches[j]
	amount := s.prods[batch.prod].OrgPrice * Cents(batch.seats)
	if amount > 0 {
		s.totals[OrgSpend] += amount
		s.monthRow[SerOrgSpend] += amount
		if s.tracer != nil {
			s.emit(TrCharge, -1, batch.prod, -1, batch.seats)
			s.traceLine.Payer, s.traceLine.Amount, s.traceLine.Reason = PayOrg, amount, "org-licence"
			s.flush()
		}
	}
	batch.month++
	if d := s.cal.addMonths(batch.anchor, int(batch.month)); d < s.cal.horizon {
		s.sim.Schedule(d, evOrgCharge, j, 0)
	}
}
