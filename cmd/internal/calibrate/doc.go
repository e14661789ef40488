// Package calibrate fits a scenario to a tenant's history: from the
// exports `licsim import` reads (shared/tenant-data.md §5), the
// behavioural keys that are otherwise guesses, each by maximum
// likelihood on the model's own processes, with its standard error from
// the observed information and a 95% interval; and it back-tests the
// fit, forecasting the last months of the history from the months before
// them (`licsim calibrate`, `--holdout`).
//
// # What is fitted, and how
//
// Days count from the history's first day; an employee is on staff from
// employeeHireDate (or the first day) to employeeLeaveDateTime (or
// deletedDateTime, or the export's date).
//
//   - interest_per_year: attempts are a Poisson process per employee
//     while they hold no seat of the product. With a trial that needs a
//     card, first attempts become trials only with a card (rate
//     interest × card_given) and attempts after the trial is used are
//     purchases (rate interest); without, every attempt shows. Rates are
//     events over eligible employee-years, with the score interval of a
//     Poisson count. Seats colleagues hold are not in the export; their
//     expected days come off the exposure (see exposure).
//   - card_given: the ratio of the two rates (log-Wald interval); for a
//     trial without a card, conversions ÷ (1 − autorenew_off_in_trial).
//   - autorenew_off_in_trial: Bernoulli, trials that ended unconverted
//     with their buyer on staff, Wilson interval.
//   - seats_mean: 1 + Poisson, from trials' seats (a trial's seats never
//     change), score interval.
//   - quit_per_year, monthly_term, extend_trial: one mixture likelihood
//     over when paid subscriptions stopped, summed over the term and the
//     extension the export does not show (quit.go).
//   - leaver_stop_per_year: the hazard after a buyer left (leaver.go).
//   - attrition_per_year and hires_per_month: exponential tenure and
//     Poisson hires, from the users export.
//
// A key with fewer than 5 observations, or that the history does not
// identify, keeps import's value and says why. Contradictory records are
// skipped and listed with their file and row.
//
// # What this package owns and may import
//
// calibrate owns the estimators, the back-test and the calibration
// report (calibration.json, calibration.html). It may import model,
// scenarios, scenarios/tenant, reports and gonum; cmd/licsim imports
// it, never the other way. It lives under cmd/internal because it joins
// scenarios and reports, which depend on model only (the module's top
// level is fixed, shared/ARCHITECTURE.md). Its files:
//
//   - history.go: an export read as the model's processes see it (days,
//     spells on staff, subscriptions by owner), contradictions listed.
//   - estimate.go: Estimate and the intervals (Poisson score, Wilson,
//     log-Wald).
//   - fit.go: Run: every estimate, and the calibrated scenario.
//   - quit.go: the quit hazard with term and extension summed over.
//   - leaver.go: the hazard after the buyer left (R25).
//   - backtest.go: RunBacktest: the export cut at T − h, the fit on it,
//     the forecast from it and the observed months; Draw, a scenario with
//     the fitted keys drawn from their sampling distributions.
//   - report.go: calibration.json, calibration.html
//     (calibration.html.tmpl), backtest.csv and the back-test's charts.
package calibrate
