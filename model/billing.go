package model

// chargeTerm charges what is due at a term's start (start) or at a
// monthly anniversary inside an annual term billed monthly; reason names
// the charge in the ledger.
func (s *state) chargeTerm(i int32, start bool, reason string) {
	sb := &s.subs[i]
	s.chargeBuyer(i, sb, sb.due(&s.prods[sb.prod].cur, start), reason)
}

// due is what subscription sb owes at a term's start (start) or at a
// monthly anniversary inside an annual term billed monthly, at the
// per-seat prices of the charge's day (R20).
func (sb *sub) due(price *priceRow, start bool) Cents {
	seats := Cents(sb.seats)
	switch {
	case sb.flags&fMonthly != 0:
		return price.monthly * seats
	case sb.flags&fUpfront == 0:
		return price.annualMonthly * seats
	case start:
		return price.upfront * seats
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

// bill adds a buyer's charge (a refund is negative) to the totals, the
// month's row and its product's spend (R27), and reports whether it is
// stranded. Small enough to inline into the anniversary, the commonest
// event.
func (s *state) bill(sb *sub, amount Cents) (stranded bool) {
	s.totals[BuyerSpend] += amount
	s.spendRow[sb.prod] += amount
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
		rec := &s.recs[i]
		rec.paid += amount
		if stranded {
			rec.stranded += amount
		}
	}
	if s.tracer != nil {
		s.emit(TrCharge, sb.buyer, sb.prod, i, sb.seats)
		s.traceLine.Payer, s.traceLine.Amount, s.traceLine.Term, s.traceLine.Reason = PayBuyer, amount, termName(sb), reason
		s.flush()
	}
}

// orgCharge charges a month of org licence batch j (R26). At the end of
// each of its terms (org_term_months) the batch drops, with
// org_on_departure = "release", the licences of its product nobody holds
// (their holders left): they are not charged again.
func (s *state) orgCharge(j int32) {
	batch := &s.batches[j]
	pr := &s.prods[batch.prod]
	if t := int32(s.cfg.Admin.OrgTermMonths); batch.month > 0 && t > 0 && batch.month%t == 0 &&
		s.cfg.Admin.OrgOnDeparture == OrgReleaseAtTerm && pr.spare > 0 {
		n := min(int32(pr.spare), batch.seats)
		batch.seats -= n
		pr.spare -= int(n)
		s.totals[OrgLicencesReleased] += int64(n)
		s.trace(TrOrgRelease, -1, batch.prod, -1, n)
		if batch.seats == 0 {
			return
		}
	}
	amount := pr.OrgPrice * Cents(batch.seats)
	if amount > 0 {
		s.totals[OrgSpend] += amount
		s.monthRow[SerOrgSpend] += amount
		s.spendRow[len(s.prods)+int(batch.prod)] += amount
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
