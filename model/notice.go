package model

import "licsim/sim"

// Admin notices (R14, R24). Microsoft tells every global admin of the
// first trial of each product in the tenant, in a weekly digest of the
// trials started the week before (MC697802, microsoft-program.md 3.7),
// and of each purchase (5.1); a trial's conversion is a purchase. Each
// notice reaches the admins with probability notify_delivery (R14: the
// seed saw notices go missing). on_notice acts on purchase notices and,
// with act_on_trial_digest, on the trial that a digest reports.
// notices = "per-trial" keeps the seed's reading: a notice per trial
// start and none for purchases.

// Arguments of evNotice.
const (
	noticeAct    uint16 = iota // admins act on the subscription (on_notice)
	noticeDigest               // the weekly digest reports the subscription's trial
)

// digestEvery is the days between two trial digests; the first goes out
// a week after the start.
const digestEvery = 7

// trialNotice handles the notice of trial i's start; delivered is the
// attempt's draw of whether a notice reaches the admins.
func (s *state) trialNotice(i int32, delivered bool) {
	sb := &s.subs[i]
	switch s.cfg.Admin.Notices {
	case NoticesPerTrial:
		if delivered {
			s.notifyAdmin(i)
			s.scheduleAct(i)
		}
	case NoticesMicrosoft:
		pr := &s.prods[sb.prod]
		if pr.noticed {
			return // only the product's first trial is notified
		}
		pr.noticed = true
		if d := (s.sim.Now()/digestEvery + 1) * digestEvery; delivered && d < s.cal.horizon {
			s.sim.Schedule(d, evNotice, i, noticeDigest)
		}
	}
}

// purchaseNotice: admins are told of purchase i (R24).
func (s *state) purchaseNotice(i int32) {
	if s.cfg.Admin.Notices != NoticesMicrosoft {
		return
	}
	if s.subx[i].stream.Bernoulli(s.cfg.Admin.NotifyDelivery) {
		s.notifyAdmin(i)
		s.scheduleAct(i)
	}
}

// notifyAdmin counts and traces a notice about subscription i.
func (s *state) notifyAdmin(i int32) {
	s.totals[NotificationsAdmin]++
	s.trace(TrNotifyAdmin, s.subs[i].buyer, s.subs[i].prod, i, 0)
}

// scheduleAct has admins act on subscription i notice_delay_days after a
// notice, when they act on notices.
func (s *state) scheduleAct(i int32) {
	if s.cfg.Admin.OnNotice == ActNone || s.sim.Now() < s.cal.origin { // admins act from start on (history.go)
		return
	}
	if d := s.sim.Now() + sim.Time(s.cfg.Admin.NoticeDelayDays); d < s.cal.horizon {
		s.sim.Schedule(d, evNotice, i, noticeAct)
	}
}

// notice handles an evNotice about subscription i.
func (s *state) notice(i int32, arg uint16) {
	if arg == noticeDigest {
		s.notifyAdmin(i)
		if s.cfg.Admin.ActOnTrialDigest {
			s.scheduleAct(i)
		}
		return
	}
	if s.actionable(i) {
		s.adminAct(i, s.cfg.Admin.OnNotice)
	}
}
