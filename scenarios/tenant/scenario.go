package tenant

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"licsim/model"
	"licsim/scenarios"
)

// skuParts maps Graph skuPartNumber to a catalog id. Only Power BI Pro's
// skuId is matched too (tenant-data.md §5 names it); the other products
// are matched by skuPartNumber, which Microsoft's licensing CSV lists.
var skuParts = map[string]string{
	"POWER_BI_PRO":               "power-bi-pro",
	"PBI_PREMIUM_PER_USER":       "power-bi-premium-per-user",
	"POWERAPPS_PER_USER":         "power-apps-per-user",
	"FLOW_PER_USER":              "power-automate-per-user",
	"POWERAUTOMATE_ATTENDED_RPA": "power-automate-rpa",
	"VISIOONLINE_PLAN1":          "visio-plan-1",
	"VISIOCLIENT":                "visio-plan-2",
	"PROJECT_P1":                 "planner-plan-1",
	"PROJECTPROFESSIONAL":        "project-plan-3",
	"Microsoft_365_Copilot":      "microsoft-365-copilot",
	"SPE_F1":                     "microsoft-365-f3",
	"Microsoft_Teams_Premium":    "teams-premium",
}

var skuIDs = map[string]string{
	"f8a1db68-be16-40ed-86d5-cb42ce701560": "power-bi-pro",
}

// SkuPart is the skuPartNumber licsim reads as catalog product id, for
// writing exports (tests) and docs; "" when none.
func SkuPart(id string) string {
	for k, v := range skuParts {
		if v == id {
			return k
		}
	}
	return ""
}

// ProductOf is the catalog id of a subscription's SKU, "" when the
// built-in catalog does not have it.
func ProductOf(s *Subscription) string {
	if id, ok := skuParts[s.SkuPartNumber]; ok {
		return id
	}
	return skuIDs[strings.ToLower(s.SkuID)]
}

// Options are what the command line adds to the exports.
type Options struct {
	AsOf time.Time // zero: the latest timestamp in the export (§5)
	// Keys replaces or adds keys of the scenario written: a key as --set
	// names it ("population.attrition_per_year", "product.ID.card_given")
	// to its value as TOML text, with a comment if any. A product key
	// applies to a product the export has subscriptions or a policy of.
	Keys map[string]string
	// Header adds lines to the leading comment; Tail is text appended to
	// the scenario (such as [[uncertain]] tables).
	Header []string
	Tail   string
}

// line is one [[existing]] group.
type line struct {
	product                       string
	seats                         int
	monthly, trial, left, guessed bool
	termStart, trialEnd, started  time.Time
	count                         int
}

// Scenario writes the scenario the export describes: TOML text, and the
// rows it could not map (also listed in the TOML). The text loads with
// scenarios.Load; an error is an *Error.
func Scenario(exp *Export, opt Options) (string, []string, error) {
	cat, err := scenarios.Catalog()
	if err != nil {
		return "", nil, err
	}
	byID := map[string]*scenarios.CatalogProduct{}
	byProductID := map[string]string{}
	for i := range cat {
		p := &cat[i]
		byID[p.ID] = p
		byProductID[p.MSCommerceID] = p.ID
		for _, o := range p.OlderIDs {
			byProductID[o] = p.ID
		}
	}
	asOf := opt.AsOf
	if asOf.IsZero() {
		for _, s := range exp.Subscriptions {
			asOf = later(asOf, s.Created)
		}
		for _, u := range exp.Users {
			asOf = later(asOf, u.Deleted)
		}
		if asOf.IsZero() {
			return "", nil, &Error{[]Problem{{File: strings.Join(exp.Files, ", "), Msg: "no timestamp to date the export by (no subscription's createdDateTime, no user's deletedDateTime): give --as-of DATE"}}}
		}
	}
	var unmapped []string
	var probs []Problem
	employed := map[string]bool{}
	known := map[string]bool{}
	for _, u := range exp.Users {
		known[u.ID] = true
		if u.Employed() {
			employed[u.ID] = true
		}
	}
	productOf := ProductOf
	used := map[string]bool{}
	policies := map[string]model.Policy{}
	policyFrom := map[string]string{}
	for _, p := range exp.Policies {
		if p.PolicyID != "" && p.PolicyID != "AllowSelfServicePurchase" {
			continue
		}
		id, ok := byProductID[p.ProductID]
		if !ok {
			unmapped = append(unmapped, fmt.Sprintf("%s: %s: policy of %s %q is not in the built-in catalog", p.File, p.Where, p.ProductID, p.ProductName))
			continue
		}
		var pol model.Policy
		switch strings.ToLower(p.PolicyValue) {
		case "enabled", "true":
			pol = model.Enabled
		case "onlytrialswithoutpaymentmethod":
			pol = model.TrialsOnly
		case "disabled", "false":
			pol = model.Disabled
		default:
			probs = append(probs, Problem{File: p.File, Where: p.Where + " PolicyValue", Msg: fmt.Sprintf("%q: want Enabled, OnlyTrialsWithoutPaymentMethod or Disabled", p.PolicyValue)})
			continue
		}
		policies[id], policyFrom[id], used[id] = pol, p.ProductID, true
	}
	lines := map[line]int{}
	var order []line
	trialOwners := map[string]map[string]bool{}
	selfUnits := map[string]int{}
	orgUnits := map[string]int{}
	stale := 0
	for i := range exp.Subscriptions {
		s := &exp.Subscriptions[i]
		id := productOf(s)
		if s.OwnerType != "User" {
			if id != "" && s.Status == "Enabled" {
				orgUnits[id] += s.TotalLicenses
			}
			continue // the organisation's: org licences (§5)
		}
		if id == "" {
			unmapped = append(unmapped, fmt.Sprintf("%s: %s: self-service subscription of SKU %s (%s) is not in the built-in catalog", s.File, s.Where, s.SkuPartNumber, s.SkuID))
			continue
		}
		used[id] = true
		if s.IsTrial {
			if trialOwners[id] == nil {
				trialOwners[id] = map[string]bool{}
			}
			trialOwners[id][s.OwnerID] = true
		}
		if s.Status != "Enabled" {
			continue // stopped: Warning, Suspended, Deleted (§5)
		}
		selfUnits[id] += s.TotalLicenses
		if s.Next.Before(asOf) {
			stale++
			unmapped = append(unmapped, fmt.Sprintf("%s: %s: live but its nextLifecycleDateTime %s is before the export's date %s; left out", s.File, s.Where, s.Next.Format(time.DateOnly), asOf.Format(time.DateOnly)))
			continue
		}
		l := line{product: id, seats: max(s.TotalLicenses, 1), trial: s.IsTrial, started: s.Created}
		l.left = exp.HasUsers && !employed[s.OwnerID]
		if s.IsTrial {
			l.termStart, l.trialEnd, l.monthly = s.Created, s.Next, true
			if s.Created.After(asOf) {
				l.termStart = asOf
			}
		} else {
			// The term: a monthly term renews within a month; a renewal
			// further off is an annual term's (§5: from the gap).
			l.monthly = !s.Next.After(model.AddMonths(asOf, 1))
			l.guessed = l.monthly && s.Next.Sub(s.Created) >= 365*24*time.Hour && monthsBetween(s.Created, s.Next)%12 == 0
			months := 12
			if l.monthly {
				months = 1
			}
			l.termStart = model.AddMonths(s.Next, -months)
			if l.termStart.After(asOf) {
				l.termStart = asOf
			}
			if l.started.After(l.termStart) {
				l.started = l.termStart
			}
		}
		if p := byID[id]; p != nil && l.started.Before(p.Added) {
			l.started = p.Added
		}
		if n := lines[l]; n == 0 {
			order = append(order, l)
		}
		lines[l]++
	}
	if len(probs) > 0 {
		return "", unmapped, &Error{probs}
	}
	ids := make([]string, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# Imported by licsim import from a tenant's exports, dated %s.\n", asOf.Format(time.DateOnly))
	w("# From the export: start (the export's date), headcount and, where the users\n")
	w("# carry dates, hires and attrition; each product's policy (MSCommerce);\n")
	w("# the self-service subscriptions live on that day ([[existing]]), the share of\n")
	w("# employees who used a product's trial, and org licences (subscribedSkus).\n")
	if len(opt.Keys) == 0 {
		w("# Defaults, to be replaced with what the tenant's own logs show: every\n")
		w("# behaviour key (interest_per_year, card_given, quit_per_year, ...), the\n")
		w("# admin table, and assigned seats (a companySubscription has no count of them).\n")
	} else {
		w("# Defaults: the keys not set below, the admin table, and assigned seats\n")
		w("# (a companySubscription has no count of them).\n")
	}
	for _, h := range opt.Header {
		w("# %s\n", h)
	}
	w("# Files read:\n")
	for _, f := range exp.Files {
		w("#   %s\n", f)
	}
	if len(unmapped) > 0 {
		w("# Rows not mapped (not in the built-in catalog, see licsim catalog):\n")
		for _, u := range unmapped {
			w("#   %s\n", u)
		}
	}
	w("\nname = %q\n", "Tenant as of "+asOf.Format(time.DateOnly))
	w("start = %s\n\n", asOf.Format(time.DateOnly))

	written := map[string]bool{}
	keyOr := func(key, def string) {
		v, ok := opt.Keys[key]
		if !ok {
			v = def
		}
		written[key] = true
		w("%s = %s\n", key[strings.LastIndexByte(key, '.')+1:], v)
	}
	rest := func(prefix string) {
		var ks []string
		for k := range opt.Keys {
			if strings.HasPrefix(k, prefix) && !strings.Contains(k[len(prefix):], ".") && !written[k] {
				ks = append(ks, k)
			}
		}
		slices.Sort(ks)
		for _, k := range ks {
			keyOr(k, "")
		}
	}
	w("[population]\n")
	if exp.HasUsers {
		head, hires, leavers := 0, 0, 0
		yearAgo := asOf.AddDate(-1, 0, 0)
		for _, u := range exp.Users {
			if u.Employed() {
				head++
			}
			if !u.Hired.IsZero() && u.Hired.After(yearAgo) && !u.Hired.After(asOf) {
				hires++
			}
			left := u.Left
			if left.IsZero() {
				left = u.Deleted
			}
			if !left.IsZero() && left.After(yearAgo) && !left.After(asOf) {
				leavers++
			}
		}
		w("headcount = %d                 # users with accountEnabled and no deletedDateTime\n", head)
		keyOr("population.hires_per_month", fmtFloat(float64(hires)/12)+"          # employeeHireDate in the year before start, / 12")
		attr := 0.0
		if avg := float64(head) + float64(leavers)/2; avg > 0 {
			attr = math.Min(float64(leavers)/avg, 0.95)
		}
		keyOr("population.attrition_per_year", fmtFloat(attr)+"       # leavers (employeeLeaveDateTime, else deletedDateTime) in the year before start / average headcount")
	} else {
		w("# no users export: headcount, hires and attrition are the defaults\n")
	}
	rest("population.")
	for _, id := range ids {
		p := byID[id]
		w("\n[[product]]\nid = %q\n", id)
		if pol, ok := policies[id]; ok {
			w("policy = %q              # MSCommerce %s\n", pol.String(), policyFrom[id])
		} else {
			w("# policy: no MSCommerce row for it; enabled is the default for new products\n")
		}
		if p != nil && !p.PriceKnown {
			w("price_annual = 0.00         # FILL IN: the built-in catalog has no price for %s\n", p.Name)
		}
		if org := orgUnits[id]; org > 0 {
			assigned := org
			for _, s := range exp.SKUs {
				if skuParts[s.SkuPartNumber] == id || skuIDs[strings.ToLower(s.SkuID)] == id {
					assigned = min(max(s.Consumed-selfUnits[id], 0), org)
				}
			}
			w("org_assigned = %d            # org licences held (subscribedSkus consumedUnits less self-service seats)\n", assigned)
			w("org_spare = %d               # org licences not assigned\n", org-assigned)
		}
		if owners := trialOwners[id]; len(owners) > 0 && exp.HasUsers && len(employed) > 0 {
			n := 0
			for o := range owners {
				if employed[o] {
					n++
				}
			}
			w("trial_used_share = %s       # employees who started a trial of it (isTrial subscriptions, any status)\n", fmtFloat(float64(n)/float64(len(employed))))
		}
		rest("product." + id + ".")
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].product < order[j].product })
	for _, l := range order {
		w("\n[[existing]]\nproduct = %q\n", l.product)
		if n := lines[l]; n > 1 {
			w("count = %d\n", n)
		}
		w("seats = %d                    # totalLicenses\n", l.seats)
		if l.trial {
			w("trial = true\nterm_start = %s          # createdDateTime: the trial's start\ntrial_end = %s           # nextLifecycleDateTime\n",
				l.termStart.Format(time.DateOnly), l.trialEnd.Format(time.DateOnly))
		} else {
			term := "annual"
			if l.monthly {
				term = "monthly"
			}
			note := "from the next renewal, a term before nextLifecycleDateTime"
			if l.guessed {
				note += "; monthly or annual cannot be told apart, monthly assumed"
			}
			w("term = %q\nterm_start = %s          # %s\n", term, l.termStart.Format(time.DateOnly), note)
			if l.started.Before(l.termStart) {
				w("started = %s             # createdDateTime\n", l.started.Format(time.DateOnly))
			}
		}
		if l.left {
			w("buyer_left = true             # ownerId is not an employed user\n")
		}
	}
	b.WriteString(opt.Tail)
	return b.String(), unmapped, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()-a.Month())
}

func fmtFloat(x float64) string {
	s := fmt.Sprintf("%.4f", x)
	s = strings.TrimRight(s, "0")
	if strings.HasSuffix(s, ".") {
		s += "0"
	}
	return s
}
