// Package journal writes the apply journal: one JSON line per change
// (reconcile.JournalEntry), appended and synced to disk line by line (Record),
// or, for a batched apply, appended and synced once per batch, before the
// batch is written and after its outcomes (Append, Sync), so that an
// interrupted apply still leaves an accurate record of what was done.
package journal
