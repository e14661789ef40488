// Package scenarios turns TOML scenario files into model.Config: it
// decodes, rejects unknown keys, applies documented defaults and checks
// every value, reporting all problems at once with file, line and key. It
// also holds the built-in product catalog and ships the project's own
// scenarios, embedded in the binary. The format is documented in
// README.md in this folder.
//
// [Load] is the one route from a scenario reference (a file path or a
// shipped name, see [Source]) and --set overrides to a validated Config;
// every command goes through it, so every command gets the same checks.
//
// It owns the scenario format (its keys, defaults, ranges and messages),
// the catalog and the shipped scenarios. It may import model,
// github.com/BurntSushi/toml and the standard library; never reports,
// sim or cmd. Facts the model also needs (enum spellings, size limits and
// the cross-key bounds, the memory estimate) live in model and are used
// from there.
//
// # Files
//
//   - source.go: the shipped scenarios and Source, a reference to text
//     (regular files only, read up to the size limit).
//   - prescan.go: nesting, key parts and table count, checked before the
//     TOML parser sees the text.
//   - load.go: Load, LoadShard and Parse, text and overrides to a
//     validated Config.
//   - number.go: ParseNumber and ParseWhole, the one reader of numbers
//     typed on a command line (flags and --set), and exact cents.
//   - schema.go: the key table, the one source of the format's keys.
//   - decode.go: the decoder, from TOML tables to model.Config.
//   - decode_product.go: the [[product]] tables, their aliases and dated prices.
//   - decode_existing.go: the [[existing]] tables, a tenant's subscriptions on start.
//   - value.go: raw TOML values to Go values, checked against their spec.
//   - problems.go: Problem and InputError, and how problems are worded.
//   - limits.go: checks over several keys, the memory fit among them.
//   - memory.go: the memory limit (MemTotal, cgroups, RLIMIT_AS in
//     rlimit_*.go) and how a need for it reads.
//   - inert.go: Unread, the keys a scenario never reads, and Warnings.
//   - lines.go: the line of each key, for messages.
//   - set.go: --set overrides, parsed and applied.
//   - catalog.go: the built-in product catalog (catalog.toml).
//   - template.go: the commented scenario of `licsim init`.
package scenarios
