package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"licsim/cmd/internal/calibrate"
	"licsim/model"
	"licsim/reports/part"
	"licsim/scenarios"
	"licsim/scenarios/tenant"
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	stopSignals := notifySignals(cancel, os.Stderr, os.Exit)
	limit := scenarios.MemoryLimit()
	// The garbage collector works harder as the heap nears the limit,
	// and the guard stops the run with an internal error before the
	// runtime would die of it (with exit code 2, the code of bad input).
	debug.SetMemoryLimit(limit)
	stopGuard := guardMemory(ctx, cancel, limit+limit/8, heapBytes, 100*time.Millisecond)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopGuard()
	stopSignals()
	os.Exit(exitCode(err, os.Stderr))
}

// command is one subcommand: what `licsim help` and `licsim NAME --help`
// say of it, and how it runs. run() parses its flags and checks its
// argument count, so that every command answers --help, bad flags and
// wrong arguments the same way.
type command struct {
	name    string
	usage   string // arguments after the name
	summary string
	help    string // printed after the flags by --help; "" for none
	// minArgs and maxArgs bound the positional arguments (maxArgs < 0:
	// no bound); wrongArgs is the usage error otherwise, after "NAME: ",
	// with the count given in place of a %d it contains.
	minArgs, maxArgs int
	wrongArgs        string
	// flags registers the command's flags and returns what runs it once
	// they are parsed.
	flags func(fs *flag.FlagSet) action
}

// action runs a command with its parsed flags; args are its positional
// arguments, already counted.
type action func(ctx context.Context, args []string, stdout, stderr io.Writer) error

const unbounded = -1

func commands() []command {
	return []command{
		{name: "run", usage: "[FILE|NAME] [--reps N] [--seed S] [--set KEY=V] [--workers W] [--out DIR] [--shard K/N]",
			summary: "run a scenario's replications and write the reports", help: runHelp,
			maxArgs: 1, wrongArgs: "one scenario at a time, got %d", flags: cmdRun},
		{name: "compare", usage: "A B [C...] | A --variant 'KEY=V' ... [--objective METRIC] [--reps N] [--out DIR]",
			summary: "compare policies on the same random numbers; with --objective, name the best with a guarantee", help: compareHelp,
			minArgs: 1, maxArgs: maxPolicies, wrongArgs: "want 2 to 20 policies: scenarios A B [C...], or one scenario and --variant's; got %d", flags: cmdCompare},
		{name: "sensitivity", usage: "FILE [--input KEY=LO:HI ...] [--objective METRIC] [--reps N] [--out DIR]",
			summary: "what drives the cost: one-at-a-time tornado and Morris screening of uncertain inputs", help: sensitivityHelp,
			minArgs: 1, maxArgs: 1, wrongArgs: "want one scenario FILE or NAME, got %d", flags: cmdSensitivity},
		{name: "sweep", usage: "FILE --set KEY=V1,V2,... [--out DIR]",
			summary: "one run per value of a parameter", help: sweepHelp,
			minArgs: 1, maxArgs: 1, wrongArgs: "want one scenario FILE, got %d", flags: cmdSweep},
		{name: "validate", usage: "FILE...",
			summary: "check scenario files and list every problem",
			minArgs: 1, maxArgs: unbounded, flags: cmdValidate,
			wrongArgs: fmt.Sprintf("name at least one scenario file or shipped scenario (shipped: %s)", strings.Join(scenarios.Shipped(), ", "))},
		{name: "trace", usage: "FILE [--rep R] [--employee ID]",
			summary: "print one replication's events as JSON lines", help: traceHelp,
			minArgs: 1, maxArgs: 1, wrongArgs: "want one scenario FILE or NAME, got %d", flags: cmdTrace},
		{name: "init", summary: "print a commented scenario template",
			wrongArgs: "takes no arguments; save its output with: licsim init > my-scenario.toml", flags: cmdInit},
		{name: "catalog", summary: "list the built-in product catalog",
			wrongArgs: "takes no arguments", flags: cmdCatalog},
		{name: "merge", usage: "PART... [--out DIR] [--wait DURATION]",
			summary: "merge the parts of a sharded run (run --shard K/N) into the outputs of the whole run", help: mergeHelp,
			minArgs: 1, maxArgs: unbounded, wrongArgs: "give the part files or folders to merge", flags: cmdMerge},
		{name: "k8s-job", usage: "FILE --shards N --image IMAGE [--reps R] [--seed S]",
			summary: "print a Kubernetes Indexed Job that runs a scenario in N shards and merges them", help: k8sJobHelp,
			minArgs: 1, maxArgs: 1, wrongArgs: "want one scenario, FILE or NAME; got %d", flags: cmdK8sJob},
		{name: "slurm-job", usage: "FILE --shards N [--reps R] [--seed S] [--results DIR] [--out DIR] [--submit]",
			summary: "write Slurm batch jobs that run a scenario in N shards and merge them; print or run the sbatch commands", help: slurmJobHelp,
			minArgs: 1, maxArgs: 1, wrongArgs: "want one scenario, FILE or NAME; got %d", flags: cmdSlurmJob},
		{name: "import", usage: "FILE|FOLDER... [--as-of DATE] [--out FILE]",
			summary: "write a scenario that starts from a tenant's exports (Graph, MSCommerce)", help: importHelp,
			minArgs: 1, maxArgs: unbounded, wrongArgs: "give the export files or folders", flags: cmdImport},
		{name: "calibrate", usage: "FILE|FOLDER... [--as-of DATE] [--since DATE] [--out FILE] [--report DIR] [--holdout MONTHS]",
			summary: "fit a scenario to a tenant's history, with intervals; --holdout back-tests the forecast", help: calibrateHelp,
			minArgs: 1, maxArgs: unbounded, wrongArgs: "give the export files or folders", flags: cmdCalibrate},
		{name: "version", summary: "print the version, VCS revision and Go version of this binary",
			wrongArgs: "takes no arguments", flags: cmdVersion},
	}
}

// run is the whole program, callable from tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return usageErr("no command given")
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = append([]string{"version"}, args[1:]...)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return withCause(ctx, c.run(ctx, args[1:], stdout, stderr))
		}
	}
	// The error first, and a line, not the whole help: the user knows
	// the program and mistyped a word.
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	hint := `run "licsim help" for the commands`
	if n := scenarios.Nearest(name, names); n != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", n, hint)
	}
	return usageErr("unknown command %q; %s", name, hint)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `licsim simulates what self-service purchases of Microsoft 365 licences cost
employees and the organisation: trials, card entries, auto-renewals,
departures and admin takeovers, over many seeded replications.

Usage:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  licsim %-9s %s\n", c.name, c.usage)
		fmt.Fprintf(w, "  %-16s %s\n", "", c.summary)
	}
	fmt.Fprintf(w, `
Without a file, run uses the embedded default scenario %q. Shipped
scenarios (run by name): %s.
Run "licsim COMMAND --help" for a command's flags.

Exit codes: 0 success, 1 internal error (out of memory included), 2 bad input
(file, key or flag), 129/130/143 stopped by SIGHUP/SIGINT (Ctrl-C)/SIGTERM,
leaving --out as it was; a second Ctrl-C exits at once.
`, scenarios.DefaultName, strings.Join(scenarios.Shipped(), ", "))
}

// usageError is a bad command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErr(format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...)}
}

// exitCode prints err and maps it to the contract's exit codes.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "licsim:", err)
	var se *signalError
	if errors.As(err, &se) {
		return se.exitCode()
	}
	var ue *usageError
	var ie *scenarios.InputError
	var pe *part.Error
	var ce *model.ConfigError
	var te *tenant.Error
	var ke *calibrate.Error
	if errors.As(err, &ke) {
		return 2
	}
	if errors.As(err, &ue) || errors.As(err, &ie) || errors.As(err, &pe) || errors.As(err, &ce) || errors.As(err, &te) {
		return 2
	}
	if errors.Is(err, context.Canceled) {
		return 130
	}
	return 1
}

// run parses the command's flags, answers --help, checks the argument
// count and runs it.
func (c *command) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	act := c.flags(fs)
	args, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stdout, "Usage: licsim %s %s\n\n%s.\n\nFlags:\n", c.name, c.usage, c.summary)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fmt.Fprint(stdout, c.help)
		return nil
	}
	if err != nil {
		return err
	}
	if len(args) < c.minArgs || c.maxArgs != unbounded && len(args) > c.maxArgs {
		msg := c.wrongArgs
		if strings.Contains(msg, "%d") {
			msg = fmt.Sprintf(msg, len(args))
		}
		return usageErr("%s: %s", c.name, msg)
	}
	return act(ctx, args, stdout, stderr)
}

// suggestFlag offers the nearest flag of fs for an unknown one, or the
// list of its flags.
func suggestFlag(fs *flag.FlagSet, err error) string {
	const undefined = "flag provided but not defined: -"
	msg := err.Error()
	if !strings.HasPrefix(msg, undefined) {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if n := scenarios.Nearest(strings.TrimPrefix(msg, undefined), names); n != "" {
		return fmt.Sprintf("; did you mean --%s?", n)
	}
	if len(names) == 0 {
		return "; it takes no flags"
	}
	return fmt.Sprintf("; its flags: --%s (see licsim %s --help)", strings.Join(names, ", --"), fs.Name())
}

// parseFlags parses flags that may come before, between or after the
// positional arguments ("licsim run FILE --reps 10"), and returns the
// positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageErr("%s: %v%s", fs.Name(), err, suggestFlag(fs, err))
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
