package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"licsim/scenarios"
)

// overrideFlags collects repeated --set KEY=VALUE overrides.
type overrideFlags []scenarios.Set

func (s *overrideFlags) String() string {
	parts := make([]string, len(*s))
	for i, set := range *s {
		parts[i] = set.String()
	}
	return strings.Join(parts, " ")
}

func (s *overrideFlags) Set(v string) error {
	set, err := scenarios.ParseSet(v)
	if err != nil {
		return err
	}
	*s = append(*s, set)
	return nil
}

// cmdValidate checks scenario files (paths or shipped names) and prints
// every problem, one a line, as file:line: key: problem (allowed: ...).
// Like tomlv, it reads every file before failing, so one run lists all
// there is to fix; the exit code is 2 when any file is refused.
func cmdValidate(fs *flag.FlagSet) action {
	var sets overrideFlags
	fs.Var(&sets, "set", "override a key as `KEY=VALUE` before checking (repeatable)")
	quiet := fs.Bool("quiet", false, "print nothing for files that are fine")
	return func(ctx context.Context, files []string, stdout, stderr io.Writer) error {
		refused := 0
		for _, file := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			cfg, err := loadScenario(file, sets...)
			var ie *scenarios.InputError
			switch {
			case errors.As(err, &ie):
				refused++
				if len(ie.Problems) == 0 {
					fmt.Fprintln(stdout, ie)
				}
				for _, p := range ie.Problems {
					fmt.Fprintln(stdout, p)
				}
			case err != nil:
				return err
			case !*quiet:
				fmt.Fprintf(stdout, "%s: ok: %q, %d products, %d months from %s, %d replications\n",
					file, cfg.Name, len(cfg.Products), cfg.Months, cfg.Start.Format("2006-01-02"), cfg.Replications)
			}
			if err == nil {
				for _, w := range scenarios.Warnings(cfg) {
					fmt.Fprintf(stdout, "%s: warning: %s\n", file, w)
				}
			}
		}
		if refused > 0 {
			return &scenarios.InputError{File: "validate", Err: fmt.Errorf("%d of %d scenarios refused", refused, len(files))}
		}
		return nil
	}
}
