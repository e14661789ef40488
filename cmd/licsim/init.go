package main

import (
	"context"
	"errors"
	"flag"
	"io"

	"licsim/scenarios"
)

// cmdInit prints a commented scenario with every key at its default, to
// start a new file from: licsim init > my-scenario.toml.
func cmdInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		helpFor(fs, "init", stdout)
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("init: takes no arguments; save its output with: licsim init > my-scenario.toml")
	}
	_, err = io.WriteString(stdout, scenarios.Template())
	return err
}
