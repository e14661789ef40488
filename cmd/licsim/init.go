package main

import (
	"context"
	"flag"
	"io"

	"licsim/scenarios"
)

// cmdInit prints a commented scenario with every key at its default, to
// start a new file from: licsim init > my-scenario.toml.
func cmdInit(fs *flag.FlagSet) action {
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		_, err := io.WriteString(stdout, scenarios.Template())
		return err
	}
}
