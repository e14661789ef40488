// Package model is the licence domain: employees who try and buy
// Microsoft 365 self-service products with their own cards, and the
// admins who cancel, take over or leave them be. Every rule R01–R19 of
// the domain (shared/domain.md) is an event handler or a state transition
// here, with the exact semantics of the scenario contract
// (shared/scenario-format.md); each has a test named after it.
//
// A replication is one seeded run: [Run] or, reusing memory, a [Runner].
// It returns a [Result] of totals in integer cents, monthly series and,
// on request, the subscriptions as the admin center lists them (R15).
// With a [Tracer] every event is reported; [JSONTracer] writes the
// contract's JSON lines, and each charge names its payer and reason, so
// the trace is the ledger.
//
// # Random numbers
//
// Every draw comes from a stream keyed by what it is about (sim.Mix):
// an employee's tenure and first attempt (its time and product) from
// (employee); attempt k of an employee, with all its decisions, the time
// and product of attempt k+1 and the life of the subscription it
// creates, from (employee, k); hires and catalog growth from streams of
// their own. Attempts at all products are one Poisson process per
// employee whose arrivals pick a product by its rate (superposition), so
// the k-th attempt of an employee is the same whatever the admins do:
// two policies compared on the same seeds differ only where they act.
//
// # Where the contract leaves room
//
//   - A trial has seats like a purchase (1 + Poisson(seats_mean − 1)); the
//     buyer holds one and colleagues the others.
//   - Colleagues who get seats are picked at random among employees who
//     hold no seat of the product and have no licence request pending
//     for it; a few misses leave the seat unassigned.
//   - A takeover needs as many spare org licences as the subscription has
//     assigned seats (R17); the cancel that follows can fail (R18), and the
//     subscription then runs to its term's end with nobody on it.
//   - Under trials-only a trial that needs a card cannot start; such
//     attempts count as blocked (attempts_blocked), not as abandoned at
//     the card prompt (trials_abandoned).
//   - A leaver's trial converts at its end (a departed buyer turns nothing
//     off); leaver_stops_renewal then stops its first renewal.
//   - on_departure = "reassign" offers the leaver's freed seats to the next
//     employees who attempt the product.
//   - The buyer gets one mail per start, conversion, renewal, auto-renew
//     off (a failed cancel included), seat change, takeover, cancel, term
//     end, trial extension and trial expiry.
//   - orphaned_subscriptions counts subscriptions still usable when their
//     buyer left (taken-over and cancelled ones are the org's already).
//   - "*" in a policy change means every product existing on that date;
//     products added later start enabled (R01). disable_new_after_days
//     applies to products added on or after the start.
//   - A year is 365 days for every rate per year.
//   - R20: a charge pays the price of its day; org_price does not step.
//   - R21: "within 7 days" is day 0 to 6 after the term's start; the
//     refund is the unused part of the current charge period (a month, or
//     the year of an upfront term), per seat, rounded down to the cent.
//     A buyer who quits within the window cancels; an admin cancel after
//     it turns auto-renew off and keeps access, so it strands nothing.
//     cancel_fault, kept as an extra, applies to any admin cancel.
//   - R22: a seat added is charged the unused part of the period at once;
//     a removal in the window (of the term's start or the last seat added)
//     is refunded the same way; later it takes effect at the renewal.
//   - Admins act on a subscription once; a takeover always moves the
//     holders to org licences and cuts access, whatever its cancel does.
//   - R24: the trial digest goes out on days 7, 14, ... and names the
//     product's first trial in the tenant; a conversion is a purchase.
//   - R25: the leaver hazard turns auto-renew off (the term runs out).
//   - R26: a leaver's spare org licence is dropped at its batch's term end.
//   - Stranded spend includes the part of the current period paid ahead
//     when the subscription strands (a strand trace line).
//   - A subscription's month boundary (a monthly charge, a renewal, the
//     term's end) happens first on its day for everything that looks at
//     the subscription: a review, notice or departure on a renewal day
//     sees the renewed term (and its refund window).
//
// # Speed
//
// A replication of a large tenant is a few million events over tables
// larger than the CPU's caches, so the layout is chosen for the event
// loop (bench/README.md has the figures):
//
//   - Subscriptions are a 32-byte hot record (what charges and
//     anniversaries read) and a cold one; employees are 32 bytes.
//   - An employee's row of product slots is added at their first attempt,
//     not at hiring: most employees never make one. A slot is 8 bytes
//     (its holder link and flags share a word).
//   - An attempt on or after the employee's departure day is never
//     scheduled: the departure day is drawn, and kept, when they join.
//   - The tables are sized before the first event from the expected
//     headcount, hires and attempts (sizeTables): a Runner's first
//     replication of the enterprise tenant cost 2.6–4.6 later ones while
//     they grew by doubling, 1.3–1.8 since (BenchmarkFirstReplication).
//   - Ending a subscription is final, so its pending events are known to
//     be stale by its state; the engine keeps no cancellation table.
//   - A month boundary that only charges what the last one did is no
//     event: it is charged in bulk when something next looks at the
//     subscription or at the horizon (boundary.go), so the events per
//     employee-month do not grow with the horizon. A subscription charged
//     every month has its quiet boundaries booked by runs (those between
//     two price steps, two report periods and either side of the
//     stranding day charge alike) into a difference array of the monthly
//     series, so that booking does not grow with the months either
//     (bookQuietMonths; where report months start on the 29th or later,
//     and for terms paid up front, a loop per boundary). Options.EventCharges
//     keeps every boundary an event, the reference with identical results.
//   - The loop takes a day's events a run at a time (sim.NextRun) and,
//     for large tenants, prefetches in two stages what the events a few
//     places ahead will touch; an attempt carries its product so that
//     the employee's slot of it can be prefetched.
//
// # What this package owns and may import
//
// model owns the domain and its rules: the Config a scenario resolves to,
// the state of a replication, every rule's event handler, the Result and
// the trace. It imports only sim (the event engine and random streams)
// and the standard library; scenarios, reports and cmd import it, never
// the other way. Its files, in the order a reader meets them:
//
//   - config.go: Config and its enums, with their spellings.
//   - check.go: limits, cross-key bounds and Check, the backstop for any Config.
//   - run.go: Run, Runner, the event kinds, the loop and its dispatch (handle).
//   - replicate.go: Replicate(Range), replications on parallel workers; ReplicateEach hands them over in order as they finish.
//   - state.go: a replication's state and the layout of its records.
//   - setup.go: resetting the state for a replication, dated events, the headcount.
//   - catalog.go: products, catalog growth and policies (R01, R02).
//   - people.go: hires and departures (R11).
//   - attempt.go: attempts, trials, purchases, blocked attempts (R03, R04, R08, R09, R12, R13).
//   - pick.go: the product an attempt is at (a guide table).
//   - subscription.go: a subscription's life: trial end, terms, quits, seat changes (R05–R07, R16).
//   - boundary.go: month boundaries, per event or in bulk: settle, arm, bookQuiet (by runs or each).
//   - seats.go: who holds a subscription's seats, and the live counts.
//   - billing.go: every charge of the ledger, buyers' and the org's.
//   - org.go: what admins do: reviews, cancels, takeovers, requests, org licences (R10–R13, R17, R18, R26).
//   - notice.go: admin notices (R14, R24).
//   - prices.go: dated prices and the price epochs (R20).
//   - refund.go: the refund window, refunds and stranded shares (R21, R22).
//   - prefetch.go: prefetching for large tenants.
//   - result.go: Result, the monthly series and the R15 records.
//   - metrics.go: the totals' names and meanings.
//   - trace.go: the trace events, JSONTracer and the handlers' trace helpers.
//   - calendar.go: days, months and the contract's clamping.
//   - money.go: Cents and FormatCents.
//   - memory.go: the memory estimate of a run.
package model
