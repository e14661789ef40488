package model

// Metric identifies one total of a replication. The first 22 are the
// contract's required names; the rest extend it.
type Metric int

// The metrics, in the order reports list them.
const (
	BuyerSpend            Metric = iota // cents charged to employees' cards
	OrgSpend                            // cents paid by the organisation
	StrandedSpend                       // buyer cents for time after departure, cancel or takeover
	TrialsStarted                       // R03
	TrialsExtended                      // R06
	TrialsConverted                     // R05
	TrialsExpired                       // R05 (auto-renew off), R07 (no card)
	Purchases                           // R09: direct purchases
	Renewals                            // term renewals
	AutorenewOff                        // auto-renew switched off (in trial, by quitting, by a leaver)
	Takeovers                           // R17
	AdminCancels                        // R10: cancels that took effect (takeovers not included)
	CancelFaults                        // R18: cancels that only turned auto-renew off
	LicenceRequests                     // R13
	RequestsApproved                    // R13
	Hires                               // employees hired during the run
	Departures                          // employees who left
	OrphanedSubscriptions               // R11: live subscriptions whose buyer left
	NotificationsBuyer                  // R19: mails to buyers
	NotificationsAdmin                  // R14: trial-start notices that reached the admins
	SelfserviceSeatsEnd                 // seats of live self-service subscriptions at the horizon
	OrgSeatsEnd                         // org licences assigned to employees at the horizon

	Attempts            // attempts to get a product (not counting those while holding a seat)
	AttemptsBlocked     // attempts refused by a disabled (or trials-only) policy
	TrialsAbandoned     // trial attempts given up because no card was entered
	RequestsDenied      // R13
	SeatChanges         // R16
	AdminPurchases      // R12: org seats bought by admins for themselves
	OrgLicencesBought   // org licences bought during the run (takeovers, requests, admins)
	Reassignments       // seats admins reassigned after a departure
	SubscriptionsEnd    // live self-service subscriptions at the horizon
	ProductsAdded       // products Microsoft added during the run
	CompanyCost         // R27: org spend plus the buyer spend the company reimburses
	TotalCost           // R27: buyer spend plus org spend
	ReimbursedSpend     // R27: buyer spend reimbursed as expense claims
	Refunds             // R21, R22: refunds paid to buyers
	RefundedSpend       // R21, R22: cents refunded (buyer_spend is net of them)
	LeaverStops         // R25: leavers' subscriptions that stopped renewing by the hazard
	OrgLicencesReleased // R26: org licences dropped at their term's end after their holders left
	NumMetrics          // number of metrics; not a metric
)

var metricNames = [NumMetrics]string{
	"buyer_spend", "org_spend", "stranded_spend", "trials_started", "trials_extended",
	"trials_converted", "trials_expired", "purchases", "renewals", "autorenew_off",
	"takeovers", "admin_cancels", "cancel_faults", "licence_requests", "requests_approved",
	"hires", "departures", "orphaned_subscriptions", "notifications_buyer",
	"notifications_admin", "selfservice_seats_end", "org_seats_end",
	"attempts", "attempts_blocked", "trials_abandoned", "requests_denied", "seat_changes",
	"admin_purchases", "org_licences_bought", "reassignments", "subscriptions_end",
	"products_added", "company_cost", "total_cost", "reimbursed_spend", "refunds",
	"refunded_spend", "leaver_stops", "org_licences_released",
}

var metricHelp = [NumMetrics]string{
	"charged to employees' own cards",
	"paid by the organisation for org licences",
	"buyer spend for time after the buyer left or the org cancelled or took over",
	"free trials started",
	"trials extended by 30 days",
	"trials converted to paid",
	"trials ended without a charge",
	"direct purchases without a trial",
	"terms renewed",
	"auto-renew switched off",
	"subscriptions taken over by the org",
	"subscriptions cancelled by admins",
	"admin cancels that only turned auto-renew off",
	"licence requests sent to admins",
	"licence requests approved",
	"employees hired",
	"employees who left",
	"live subscriptions whose buyer left",
	"mails to buyers about their subscription",
	"trial-start notices that reached the admins",
	"self-service seats live at the horizon",
	"org licences in use at the horizon",
	"attempts to get a product",
	"attempts refused by policy",
	"trials abandoned at the card prompt",
	"licence requests denied",
	"seat count changes by buyers",
	"org seats bought by admins for themselves",
	"org licences bought during the run",
	"seats reassigned after a departure",
	"self-service subscriptions live at the horizon",
	"products added to the catalog",
	"org spend plus the buyer spend the company reimburses as expenses",
	"buyer spend plus org spend",
	"buyer spend the company reimburses as expense claims",
	"refunds of cancels and seat removals within the refund window",
	"refunded to buyers (buyer spend is net of it)",
	"leavers' subscriptions stopped by the leaver hazard",
	"org licences released at their term's end after their holders left",
}

// Metrics lists every metric in report order.
func Metrics() []Metric {
	m := make([]Metric, NumMetrics)
	for i := range m {
		m[i] = Metric(i)
	}
	return m
}

// Name is the metric's contract name, as in summary.json.
func (m Metric) Name() string { return metricNames[m] }

// Help is a short description for tables and reports.
func (m Metric) Help() string { return metricHelp[m] }

// Money reports whether the metric is an amount in cents.
func (m Metric) Money() bool {
	switch m {
	case BuyerSpend, OrgSpend, StrandedSpend, CompanyCost, TotalCost, ReimbursedSpend, RefundedSpend:
		return true
	}
	return false
}

// MetricByName finds a metric by its contract name.
func MetricByName(name string) (Metric, bool) {
	for i, n := range metricNames {
		if n == name {
			return Metric(i), true
		}
	}
	return 0, false
}
