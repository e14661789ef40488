package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"unsafe"

	"licsim/model"
	"licsim/reports"
	"licsim/reports/rs"
	"licsim/scenarios"
)

// maxPolicies bounds the policies of one comparison.
const maxPolicies = 20

const compareHelp = `
Policies: two to 20 scenarios (files or shipped names; status-quo is another
name for baseline), or one scenario and its --variant's. The first is the
status quo every other is measured against. All (A the first) run with
A's seed and A's replication count (or --seed and --reps), whatever their files say:
replication r of every policy then sees the same employees, hires, departures
and wishes (common random numbers), and differences are measured replication
by replication. Comparing a scenario with itself gives exactly zero.

  licsim compare baseline trials-only disable-all quarterly-takeover
  licsim compare baseline --variant 'admin.on_review=takeover; admin.review_every_days=91'

Policies must share start, months, currency and population.headcount, and may
differ in anything else; --allow-different compares different start, months or
headcount anyway (never different currencies).

--objective names what to minimise (total_cost, or a weighted sum such as
org_spend+0.5*buyer_spend): the replications are then decided by the fully
sequential procedure KN of Kim and Nelson (2001) on the paired outputs: every
policy runs --n0 replications, then, replication by replication, policies
clearly worse than another are dropped, until one is left, it can be said that
none beats the status quo by more than --delta (default: 1% of the status
quo's first-stage mean), or --max-reps. It names the best with probability at
least --confidence when the best is --delta better than the rest, writes
` + scenarios.FilePolicyScript + ` (the MSCommerce PowerShell that applies it) and prints it.
Replications run in batches in replication order: the result does not depend on
--workers.

Writes into --out: ` + reports.FileCompare + ` (for the first two policies as
before: a, b, diff = mean of B − A, ci95 of diff; extended with every policy and
the selection), ` + reports.FileWorkbook + ` (the same numbers as an Excel workbook: sheets
Policies, Selection, Warnings, Policy script), the charts, ` + reports.FileReport + ` and,
with a best, ` + scenarios.FilePolicyScript + `.
Files appear only when everything succeeded.
`

// compareFlags are compare's flags beyond runFlags.
type compareFlags struct {
	runFlags
	variants       stringList
	objective      string
	delta          amountFlag
	confidence     float64
	n0, maxReps    int
	allowDifferent bool
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, " | ") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func (f *compareFlags) register(fs *flag.FlagSet) {
	f.runFlags.register(fs)
	f.registerSet(fs)
	fs.Var(&f.variants, "variant", "a policy: the first scenario with these `KEY=V[; KEY=V...]` overrides (repeatable)")
	fs.StringVar(&f.objective, "objective", "", "select the best policy on this `metric` or weighted sum (total_cost, org_spend+0.5*buyer_spend)")
	fs.Var(&f.delta, "delta", "indifference zone: the smallest difference of the objective worth telling apart (`amount`, e.g. 5000 or 5000USD)")
	fs.Float64Var(&f.confidence, "confidence", 0.95, "probability of selecting the best (when it is --delta better), in (0.5, 1)")
	wholeVar(fs, &f.n0, "n0", 10, 2, 1000, "first-stage replications of each policy")
	wholeVar(fs, &f.maxReps, "max-reps", 2000, 2, model.MaxReplications, "replications of a policy at most")
	fs.BoolVar(&f.allowDifferent, "allow-different", false, "compare policies with different start, months or headcount")
}

// policy is one policy of a comparison: where it comes from, the
// overrides that make it, and its name in the reports.
type policy struct {
	ref  string
	sets []scenarios.Set
	name string
}

// policiesOf reads the policies from the arguments and the variants.
func (f *compareFlags) policiesOf(args []string) ([]policy, error) {
	var ps []policy
	for _, a := range args {
		if a == "status-quo" {
			if _, err := os.Stat(a); err != nil {
				a = "baseline"
			}
		}
		ps = append(ps, policy{ref: a})
	}
	for _, v := range f.variants {
		p := policy{ref: ps[0].ref}
		for _, kv := range strings.Split(v, ";") {
			if strings.TrimSpace(kv) == "" {
				continue
			}
			s, err := scenarios.ParseSet(strings.TrimSpace(kv))
			if err != nil {
				return nil, err
			}
			p.sets = append(p.sets, s)
		}
		if len(p.sets) == 0 {
			return nil, usageErr("--variant %q: want KEY=VALUE overrides separated by ';'", v)
		}
		ps = append(ps, p)
	}
	if len(ps) < 2 || len(ps) > maxPolicies {
		return nil, usageErr("compare: want 2 to %d policies (scenarios, or one scenario and --variant's); got %d", maxPolicies, len(ps))
	}
	return ps, nil
}

// cmdCompare runs two or more policies on the same seeds and reports, per
// metric, each one's mean and its paired difference to the first with
// their 95% confidence intervals, the saving per year and, with
// --objective, the best policy by KN selection.
func cmdCompare(fs *flag.FlagSet) action {
	var f compareFlags
	f.register(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		ps, err := f.policiesOf(args)
		if err != nil {
			return err
		}
		f.kept = func(cfg *model.Config) int64 {
			reps := cfg.Replications
			if f.objective != "" {
				reps = max(reps, f.maxReps) // a selection may run up to --max-reps
			}
			return int64(len(ps)) * int64(reps) * int64(unsafe.Sizeof(reports.Totals{}))
		}
		var obj *reports.Objective
		if f.objective != "" {
			if obj, err = reports.ParseObjective(f.objective); err != nil {
				return usageErr("--objective: %v", err)
			}
			if !(f.confidence > 0.5 && f.confidence < 1) {
				return usageErr("--confidence %g: must be in (0.5, 1), such as 0.95", f.confidence)
			}
			if f.maxReps < f.n0 {
				return usageErr("--max-reps %d: must be at least --n0 %d", f.maxReps, f.n0)
			}
		} else if f.delta.set {
			return usageErr("--delta needs --objective: the indifference zone is in the objective's unit")
		}
		cfgs := make([]*model.Config, len(ps))
		for i, p := range ps {
			sets := p.sets
			if i > 0 {
				// Pair the replications: every policy runs on the first one's seeds.
				sets = append(sets, repsSet(cfgs[0].Replications), seedSet(cfgs[0].Seed))
			}
			if cfgs[i], err = f.load(p.ref, stderr, sets...); err != nil {
				return err
			}
			ps[i].name = cfgs[i].Name
			if len(p.sets) > 0 {
				var s []string
				for _, x := range p.sets {
					s = append(s, x.String())
				}
				ps[i].name = cfgs[i].Name + " [" + strings.Join(s, "; ") + "]"
				cfgs[i].Name = ps[i].name
			}
		}
		if err := comparable(ps, cfgs, f.allowDifferent); err != nil {
			return err
		}
		if obj != nil {
			if err := f.delta.checkCurrency("delta", cfgs[0].Currency); err != nil {
				return err
			}
		}
		st, err := openOutputs(f.out, reports.Set)
		if err != nil {
			return err
		}
		defer st.Abort()
		refs := make([]string, len(ps))
		for i, p := range ps {
			refs[i] = p.ref
			if len(p.sets) > 0 {
				refs[i] = p.name
			}
		}
		warnings := compareWarnings(refs, cfgs, ps)
		printWarnings(stdout, warnings)
		var pol *reports.Policies
		var prog *progress
		if obj == nil {
			prog = f.progress(stderr, len(cfgs)*cfgs[0].Replications, "compare")
			// A comparison reads totals only: each replication's are
			// kept as it finishes, not its Result.
			kept := make([][]reports.Totals, len(cfgs))
			for i, cfg := range cfgs {
				kept[i] = make([]reports.Totals, 0, cfg.Replications)
				if err = model.ReplicateEach(ctx, cfg, 0, cfg.Replications, f.workers, prog.add, keepTotals(&kept[i], nil)); err != nil {
					prog.finish(true, "")
					return err
				}
			}
			prog.replicated()
			pol, err = reports.ComparePolicies(cfgs, kept)
		} else {
			prog = f.progress(stderr, len(cfgs)*f.maxReps, "select")
			pol, err = f.selectBest(ctx, cfgs, obj, prog)
			prog.replicated()
		}
		if err != nil {
			prog.finish(true, "")
			return err
		}
		pol.Warnings = warnings
		var best *model.Config
		if s := pol.Selected; s != nil && s.Best >= 0 {
			best = cfgs[s.Best]
		}
		script := ""
		if best != nil {
			var b strings.Builder
			if err := scenarios.WritePolicyScript(&b, best); err != nil {
				return err
			}
			script = b.String()
		}
		err = writeOutputs(ctx, st, prog, func(st *reports.Stage) error {
			if err := reports.WritePolicies(ctx, st, pol, reports.CommandLine(commandArgs(fs, "compare", args)), script); err != nil {
				return err
			}
			if best == nil {
				return nil
			}
			return st.Write(scenarios.FilePolicyScript, func(w io.Writer) error { _, err := io.WriteString(w, script); return err })
		})
		if err != nil {
			return err
		}
		if len(cfgs) == 2 {
			reports.PrintCompareTable(stdout, pol.Pairwise())
			fmt.Fprintln(stdout)
		}
		reports.PrintPolicies(stdout, pol)
		if best != nil {
			fmt.Fprintf(stdout, "\nto apply %s (%s in %s):\n", best.Name, scenarios.FilePolicyScript, f.out)
			fmt.Fprint(stdout, script)
		}
		prog.finish(f.quiet, "; "+reports.FileCompare+", "+reports.FileWorkbook+", charts and "+reports.FileReport+" written to "+f.out+"/")
		return nil
	}
}

// selectBest runs KN on the objective: each batch runs the replications
// the surviving policies need, keeping the totals of every one, so that
// no replication runs twice and the reports use them all.
func (f *compareFlags) selectBest(ctx context.Context, cfgs []*model.Config, obj *reports.Objective, prog *progress) (*reports.Policies, error) {
	kept := make([][]reports.Totals, len(cfgs))
	sample := func(ctx context.Context, systems []int, first, end int) ([][]float64, error) {
		out := make([][]float64, len(systems))
		for j, i := range systems {
			err := model.ReplicateEach(ctx, cfgs[i], first, end, f.workers, prog.add, keepTotals(&kept[i], func(r *model.Result) {
				out[j] = append(out[j], obj.Value(r))
			}))
			if err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	kn := rs.KN{Alpha: 1 - f.confidence, Delta: f.delta.value, N0: f.n0, MaxReps: f.maxReps}
	if !f.delta.set {
		// The default indifference zone: 1% of the status quo's
		// first-stage mean (deterministic: the first stage is fixed).
		kn.DeltaOf = func(first [][]float64) float64 {
			m, _ := rs.HalfWidth(first[0])
			return max(0.01*abs(m), 0.01)
		}
	}
	sel, err := kn.Select(ctx, len(cfgs), sample)
	if err != nil {
		return nil, err
	}
	pol, err := reports.ComparePolicies(cfgs, kept)
	if err != nil {
		return nil, err
	}
	pol.Selected = &reports.Selected{Objective: obj, Confidence: f.confidence, Delta: sel.Delta, N0: f.n0, MaxReps: f.maxReps, Selection: sel, FixedN: kn.FixedN(sel)}
	return pol, nil
}

// keepTotals appends each replication's totals to kept, for
// model.ReplicateEach, after handing the replication to also (when not
// nil).
func keepTotals(kept *[]reports.Totals, also func(r *model.Result)) func(r *model.Result) error {
	return func(r *model.Result) error {
		if also != nil {
			also(r)
		}
		*kept = append(*kept, reports.TotalsOf(r))
		return nil
	}
}

// commandArgs is a command's name, positional arguments and the flags
// given (in name order), for the reproducing command line.
func commandArgs(fs *flag.FlagSet, name string, args []string) []string {
	out := append([]string{name}, args...)
	fs.Visit(func(fl *flag.Flag) {
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			out = append(out, "--"+fl.Name)
			return
		}
		if l, ok := fl.Value.(*stringList); ok {
			for _, v := range *l {
				out = append(out, "--"+fl.Name, v)
			}
			return
		}
		out = append(out, "--"+fl.Name, fl.Value.String())
	})
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// comparable refuses policies whose amounts cannot be set side by side:
// a different start, horizon or headcount (unless allowed) or currency.
func comparable(ps []policy, cfgs []*model.Config, allow bool) error {
	a := cfgs[0]
	var diffs []string
	for i, b := range cfgs[1:] {
		name := ps[i+1].name
		if b.Currency != a.Currency {
			return &scenarios.InputError{File: ps[i+1].ref, Err: fmt.Errorf("currency %s differs from %s in %s: amounts cannot be compared", b.Currency, a.Currency, ps[0].ref)}
		}
		if !b.Start.Equal(a.Start) {
			diffs = append(diffs, fmt.Sprintf("%s starts %s, %s %s", name, b.Start.Format("2006-01-02"), ps[0].name, a.Start.Format("2006-01-02")))
		}
		if b.Months != a.Months {
			diffs = append(diffs, fmt.Sprintf("%s runs %d months, %s %d", name, b.Months, ps[0].name, a.Months))
		}
		if b.Population.Headcount != a.Population.Headcount {
			diffs = append(diffs, fmt.Sprintf("%s has population.headcount %d, %s %d", name, b.Population.Headcount, ps[0].name, a.Population.Headcount))
		}
	}
	if len(diffs) == 0 || allow {
		return nil
	}
	return usageErr("compare: the policies cannot be compared: %s; policies must share start, months, currency and population.headcount and may differ in anything else (--allow-different compares a different start, months or headcount anyway)", strings.Join(diffs, "; "))
}

// compareWarnings says when a comparison can only show zeros (two
// configurations are the same but for their names, or a variant sets a
// key the model never reads in that scenario) and what each scenario
// does that its author may not mean (scenarios.Warnings).
func compareWarnings(names []string, cfgs []*model.Config, ps []policy) []string {
	var ws []string
	for i, p := range ps {
		for _, set := range p.sets {
			if why := scenarios.Unread(cfgs[i], set.Key); why != "" {
				ws = append(ws, names[i]+": "+scenarios.UnreadText(set.Key, why))
			}
		}
	}
	for i := 1; i < len(cfgs); i++ {
		ca, cb := *cfgs[0], *cfgs[i]
		ca.Name, cb.Name = "", ""
		if reflect.DeepEqual(ca, cb) {
			ws = append(ws, fmt.Sprintf("%s and %s configure the same simulation: every difference will be 0", names[0], names[i]))
		}
	}
	for i, cfg := range cfgs {
		for _, w := range scenarios.Warnings(cfg) {
			ws = append(ws, names[i]+": "+w)
		}
	}
	return ws
}
