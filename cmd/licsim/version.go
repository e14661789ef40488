package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"licsim/reports/buildinfo"
)

// cmdVersion prints the module version, the VCS revision and whether the
// tree was modified, and the Go version, from the build information the
// Go toolchain embeds in the binary.
func cmdVersion(fs *flag.FlagSet) action {
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		fmt.Fprint(stdout, buildinfo.Read().Text())
		return nil
	}
}
