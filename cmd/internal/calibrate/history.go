package calibrate

import (
	"fmt"
	"slices"
	"time"

	"licsim/model"
	"licsim/scenarios/tenant"
)

// history is an export read as the model's processes see it: days from
// the history's first day (since), employees' spells on staff and each
// product's subscriptions by owner.
type history struct {
	since, asOf time.Time
	// exported is the day the export was pulled: a live subscription's
	// next renewal within a month of it is a monthly term's (paidTerm).
	exported time.Time
	days     int // asOf, in days from since
	people   []person
	byID     map[string]int
	products map[string]*productHistory
	hires    int // employeeHireDate within the history
	warnings []string
}

// person is one user's spell on staff within the history: [in, out).
type person struct {
	in, out int
	left    bool // left within the history
}

// owned is one self-service subscription.
type owned struct {
	owner   int // index in history.people
	created int
	// ended is the day nobody could use it any more: for a stopped
	// subscription the day §5 reads (nextLifecycleDateTime, or a lapsed
	// trial's trial length after createdDateTime), -1 when unknown; for
	// a live one the export's date (days).
	ended   int
	live    bool
	next    int // a live subscription's trial end or next renewal
	trial   bool
	seats   int
	where   string // file and row, for warnings
	skipped bool   // contradicts another record (see readHistory)
}

type productHistory struct {
	id     string
	subs   []owned
	byUser map[int][]int // owner → indexes in subs, by createdDateTime
}

// day is t in days from since.
func (h *history) day(t time.Time) int { return int(t.Sub(h.since).Hours() / 24) }

// date is day d as a date.
func (h *history) date(d int) time.Time { return h.since.AddDate(0, 0, d) }

// readHistory reads exp for the history from since to asOf (zero: the
// first of the month of the earliest createdDateTime), using prior for
// each product's trial length. Contradictory records are skipped and
// listed in warnings; a live subscription whose next renewal is before
// stale is one (the export's date, or a --as-of before it).
func readHistory(exp *tenant.Export, prior *model.Config, since, asOf, stale time.Time) *history {
	h := &history{asOf: asOf, exported: asOf, byID: map[string]int{}, products: map[string]*productHistory{}}
	if since.IsZero() {
		for _, s := range exp.Subscriptions {
			if s.OwnerType == "User" && (since.IsZero() || s.Created.Before(since)) {
				since = s.Created
			}
		}
		since = time.Date(since.Year(), since.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	h.since, h.days = since, 0
	h.days = h.day(asOf)
	warn := func(where, format string, a ...any) {
		h.warnings = append(h.warnings, where+": "+fmt.Sprintf(format, a...))
	}
	for _, u := range exp.Users {
		where := "user " + u.ID
		p := person{in: 0, out: h.days}
		if !u.Hired.IsZero() {
			p.in = max(h.day(u.Hired), 0)
			if h.day(u.Hired) >= 0 && h.day(u.Hired) < h.days {
				h.hires++
			}
		}
		left := u.Left
		if left.IsZero() {
			left = u.Deleted
		}
		switch {
		case !left.IsZero():
			if d := h.day(left); d < h.days {
				p.out, p.left = d, d >= 0
			}
		case !u.Employed():
			warn(where, "not employed (accountEnabled false or deletedDateTime) but no employeeLeaveDateTime or deletedDateTime: left on an unknown day; skipped")
			continue
		}
		if !u.Hired.IsZero() && !left.IsZero() && left.Before(u.Hired) {
			warn(where, "leaves (%s) before being hired (%s); skipped", left.Format(time.DateOnly), u.Hired.Format(time.DateOnly))
			continue
		}
		if _, dup := h.byID[u.ID]; dup {
			warn(where, "listed twice; the second is skipped")
			continue
		}
		p.out = max(p.out, p.in)
		h.byID[u.ID] = len(h.people)
		h.people = append(h.people, p)
	}
	trialDays := map[string]int{}
	for _, p := range prior.Products {
		trialDays[p.ID] = p.TrialDays
	}
	for i := range exp.Subscriptions {
		s := &exp.Subscriptions[i]
		if s.OwnerType != "User" {
			continue
		}
		id := tenant.ProductOf(s)
		if id == "" {
			continue // listed by import as not mapped
		}
		where := s.File + ": " + s.Where
		owner, ok := h.byID[s.OwnerID]
		if !ok {
			warn(where, "ownerId %s is not in the users export; skipped", s.OwnerID)
			continue
		}
		o := owned{owner: owner, created: h.day(s.Created), trial: s.IsTrial, seats: max(s.TotalLicenses, 1), ended: -1, where: where}
		if o.created < 0 {
			continue // before the history: not part of it
		}
		if o.created >= h.days {
			warn(where, "createdDateTime %s is on or after the export's date %s; skipped", s.Created.Format(time.DateOnly), asOf.Format(time.DateOnly))
			continue
		}
		p := h.people[owner]
		if o.created < p.in || o.created >= p.out && p.left {
			warn(where, "created on %s while its owner %s was not on staff; skipped", s.Created.Format(time.DateOnly), s.OwnerID)
			continue
		}
		switch {
		case s.Status == "Enabled":
			o.live, o.ended, o.next = true, h.days, h.day(s.Next)
			if s.Next.Before(stale) {
				warn(where, "live but its nextLifecycleDateTime %s is before the export's date; skipped", s.Next.Format(time.DateOnly))
				continue
			}
		case !s.Next.IsZero():
			o.ended = h.day(s.Next)
			if o.ended < o.created {
				warn(where, "stopped on %s (nextLifecycleDateTime), before its createdDateTime %s; skipped", s.Next.Format(time.DateOnly), s.Created.Format(time.DateOnly))
				continue
			}
			o.ended = min(o.ended, h.days)
		case s.IsTrial && trialDays[id] > 0:
			o.ended = min(o.created+trialDays[id], h.days) // §5: a lapsed trial ended at its trial length
		}
		ph := h.products[id]
		if ph == nil {
			ph = &productHistory{id: id, byUser: map[int][]int{}}
			h.products[id] = ph
		}
		ph.subs = append(ph.subs, o)
		ph.byUser[owner] = append(ph.byUser[owner], len(ph.subs)-1)
	}
	for _, ph := range h.products {
		for u, idx := range ph.byUser {
			slices.SortStableFunc(idx, func(a, b int) int { return ph.subs[a].created - ph.subs[b].created })
			// R08: a trial is used once; a later trial of the same
			// product by the same owner contradicts the first.
			kept := idx[:1]
			for _, i := range idx[1:] {
				if ph.subs[i].trial {
					ph.subs[i].skipped = true
					h.warnings = append(h.warnings, fmt.Sprintf("%s: a second trial of %s by its owner (created %s): a trial is used once (R08); skipped", ph.subs[i].where, ph.id, h.date(ph.subs[i].created).Format(time.DateOnly)))
					continue
				}
				kept = append(kept, i)
			}
			ph.byUser[u] = kept
		}
	}
	slices.Sort(h.warnings)
	return h
}

// spanMonths is the history's length in whole calendar months.
func (h *history) spanMonths() int {
	n := 0
	for !model.AddMonths(h.since, n+1).After(h.asOf) {
		n++
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
