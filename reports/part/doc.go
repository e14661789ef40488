// Package part is the file format of a sharded run: `licsim run --shard
// K/N` writes one part per shard, `licsim merge` reads them back, checks
// that they belong to one run and rebuilds the results of the unsharded
// run, in replication order, so that reports.WriteRunColumns writes the
// same bytes as a single run.
//
// It owns the part format (its version, its spelling of the scenario
// config, independent of model.Config's Go field names), the scenario
// hash that identifies a run, the digest and plausibility checks
// (model.Result.Verify) that refuse edited or corrupted results, and the gathering of parts with polling for
// a merge that starts together with its shards. It may import model and
// the standard library; never reports, scenarios or cmd.
//
// Files:
//
//	part.go    Part, Header, Result, New; the file names and ShardRange
//	config.go  the config as the part format spells it; ConfigHash
//	file.go    Write and Writer: a part as a shard writes it
//	read.go    Reader, Read and Decode: a part read as a stream, with the checks of a part on its own (digest included)
//	error.go   Error, the bad-input error of every refusal
//	merge.go   Check (do parts belong together?), Merge and Merged.Each
//	gather.go  Gather: read parts from files and folders, waiting for late shards
package part
