// Command licsim simulates the cost and churn of Microsoft 365
// self-service licences. Run `licsim help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"licsim/model"
	"licsim/reports/part"
	"licsim/scenarios"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// command is one subcommand.
type command struct {
	name    string
	usage   string // arguments after the name
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"run", "[FILE|NAME] [--reps N] [--seed S] [--workers W] [--out DIR] [--shard K/N]", "run a scenario's replications and write the reports", cmdRun},
		{"compare", "FILE_A FILE_B [--reps N] [--out DIR]", "paired comparison of two scenarios on the same random numbers", cmdCompare},
		{"sweep", "FILE --set KEY=V1,V2,... [--out DIR]", "one run per value of a parameter", cmdSweep},
		{"validate", "FILE...", "check scenario files and list every problem", cmdValidate},
		{"trace", "FILE [--rep R] [--employee ID]", "print one replication's events as JSON lines", cmdTrace},
		{"init", "", "print a commented scenario template", cmdInit},
		{"catalog", "", "list the built-in product catalog", cmdCatalog},
		{"merge", "PART... [--out DIR] [--wait DURATION]", "merge the parts of a sharded run (run --shard K/N) into the outputs of the whole run", cmdMerge},
		{"k8s-job", "FILE --shards N --image IMAGE [--reps R] [--seed S]", "print a Kubernetes Indexed Job that runs a scenario in N shards and merges them", cmdK8sJob},
	}
}

// run is the whole program, callable from tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return usageErr("no command given")
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return usageErr("unknown command %q", name)
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

Exit codes: 0 success, 1 internal error, 2 bad input (file, key or flag).
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
	var ue *usageError
	var ie *scenarios.InputError
	var pe *part.Error
	var ce *model.ConfigError
	if errors.As(err, &ue) || errors.As(err, &ie) || errors.As(err, &pe) || errors.As(err, &ce) {
		return 2
	}
	if errors.Is(err, context.Canceled) {
		return 130
	}
	return 1
}

// parseFlags parses flags that may come before, between or after the
// positional arguments ("licsim run FILE --reps 10"), and returns the
// positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageErr("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// helpFor prints a command's flags when --help is given.
func helpFor(fs *flag.FlagSet, c string, w io.Writer) {
	for _, cmd := range commands() {
		if cmd.name == c {
			fmt.Fprintf(w, "Usage: licsim %s %s\n\n%s.\n\nFlags:\n", c, cmd.usage, cmd.summary)
		}
	}
	fs.SetOutput(w)
	fs.PrintDefaults()
}
