package tenant

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
	"licsim/scenarios"
)

// roundTripScenario is a tenant with trials (with and without a card),
// monthly and annual terms (annual billed up front and monthly), seat
// changes, quits and leavers.
const roundTripScenario = `name = "round trip"
start = 2024-01-01
months = 24
seed = 13
replications = 1
[population]
headcount = 600
hires_per_month = 8.0
attrition_per_year = 0.15
[[product]]
id = "power-bi-pro"
interest_per_year = 0.3
monthly_term = 0.5
annual_billing = "upfront"
seats_mean = 1.5
[[product]]
id = "visio-plan-2"
interest_per_year = 0.2
monthly_term = 0.3
[[product]]
id = "teams-premium"
interest_per_year = 0.1
[catalog_growth]
per_year = 0.0                  # new products have no SKU to export
`

// writeExports writes the export of a run (see Simulated) into dir and
// returns the files.
func writeExports(t *testing.T, dir string, cfg *model.Config, res *model.Result) []string {
	t.Helper()
	exp, err := Simulated(cfg, res)
	require.NoError(t, err)
	var files []string
	for _, f := range exp {
		files = append(files, filepath.Join(dir, f.Name))
		require.NoError(t, os.WriteFile(files[len(files)-1], f.Data, 0o644))
	}
	return files
}

// held is one self-service subscription as the round trip compares it.
type held struct {
	product string
	seats   int
	trial   bool
	monthly bool   // the term (not compared for trials: see below)
	next    string // the trial's end or the term's next renewal
	left    bool
}

// TestRoundTrip (issue 13): simulate a tenant for 24 months, export its
// state on month 24 as an admin would, import the exports and check that
// the imported [[existing]] subscriptions are the live ones of the run,
// subscription by subscription: product, seats, trial or term, next
// renewal (or trial end), buyer left.
//
// What the exports cannot carry, and so is not compared:
//   - the term of a trial (it converts to monthly or annual; Graph shows
//     neither), auto-renew (a subscription with it off stays "Enabled"
//     to its term's end), up-front or monthly billing of an annual term,
//     and assigned seats (a companySubscription has no count of them);
//   - monthly or annual when an annual term renews within a month of the
//     export's date: the importer reads the term from the gap to the next
//     renewal (§5), so such a subscription comes back monthly;
//   - a renewal on the 29th–31st that the month before cannot carry: an
//     [[existing]] line renews on term_start's day of the month, and the
//     importer's term_start is a term before the renewal, clamped (a
//     monthly term renewing on 31 March comes back renewing on the 28th
//     or 29th). The test expects the clamped day for those.
func TestRoundTrip(t *testing.T) {
	cfg, err := scenarios.Parse("roundtrip.toml", []byte(roundTripScenario))
	require.NoError(t, err)
	res, err := model.Run(context.Background(), cfg, 0, model.Options{Subscriptions: true, Staff: true})
	require.NoError(t, err)
	require.NoError(t, res.Verify(cfg))
	asOf := model.AddMonths(cfg.Start, cfg.Months)

	files := writeExports(t, t.TempDir(), cfg, &res)
	exp, err := ReadPaths(files)
	require.NoError(t, err)
	text, unmapped, err := Scenario(exp, Options{AsOf: asOf})
	require.NoError(t, err)
	assert.Empty(t, unmapped)
	imported, err := scenarios.Parse("imported.toml", []byte(text))
	require.NoError(t, err, text)
	assert.Equal(t, asOf, imported.Start)

	want := map[held]int{}
	var live, ambiguous, clamped, trials, left int
	for _, r := range res.Subscriptions {
		if !r.Live {
			continue
		}
		live++
		next := cfg.Start.AddDate(0, 0, int(r.Next))
		h := held{product: r.Product, seats: r.Seats, trial: r.Term == "trial", left: r.BuyerLeft}
		if h.trial {
			trials++
		} else {
			h.monthly = r.Term == "monthly"
			if !h.monthly && !next.After(model.AddMonths(asOf, 1)) {
				h.monthly = true // read from the gap: see above
				ambiguous++
			}
			months := 12
			if h.monthly {
				months = 1
			}
			if back := model.AddMonths(model.AddMonths(next, -months), months); !back.Equal(next) {
				next = back // see above
				clamped++
			}
		}
		if h.left {
			left++
		}
		h.next = next.Format(time.DateOnly)
		want[h]++
	}
	got := map[held]int{}
	for _, ex := range imported.Existing {
		h := held{product: ex.Product, seats: ex.Seats, trial: ex.Trial, left: ex.BuyerLeft}
		if ex.Trial {
			h.next = ex.TrialEnd.Format(time.DateOnly)
		} else {
			h.monthly = ex.Monthly
			months := 12
			if ex.Monthly {
				months = 1
			}
			h.next = model.AddMonths(ex.TermStart, months).Format(time.DateOnly)
		}
		got[h] += ex.Count
	}
	t.Logf("%d live subscriptions on %s: %d trials, %d with the buyer gone, %d annual read as monthly, %d renewals clamped; %d [[existing]] lines",
		live, asOf.Format(time.DateOnly), trials, left, ambiguous, clamped, len(imported.Existing))
	require.Greater(t, live, 50, "a tenant worth the round trip")
	require.Greater(t, trials, 0)
	require.Greater(t, left, 0)
	var diff []string
	for h, n := range want {
		if got[h] != n {
			diff = append(diff, fmt.Sprintf("%+v: %d in the run, %d imported", h, n, got[h]))
		}
	}
	for h, n := range got {
		if _, ok := want[h]; !ok {
			diff = append(diff, fmt.Sprintf("%+v: 0 in the run, %d imported", h, n))
		}
	}
	assert.Empty(t, diff, "%s", strings.Join(diff, "\n"))
}
