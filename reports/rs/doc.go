// Package rs holds the statistical procedures that decide how many
// replications a question needs: ranking and selection of the best of k
// simulated systems (KN, Kim and Nelson 2001) and sequential runs to a
// confidence-interval precision.
//
// Both work on outputs that a caller produces replication by
// replication, through a function that runs replications [first, end)
// of the systems still in play. They ask for replications in batches,
// always in replication order, and keep every output they were given:
// no replication is asked for twice, and the decision depends only on
// the outputs, never on how many workers produced them.
//
// The package knows nothing of licences: outputs are plain float64s,
// and smaller is better.
package rs
