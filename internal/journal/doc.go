// Package journal writes the apply journal: one JSON line per change
// (reconcile.JournalEntry), appended and synced to disk line by line so that
// an interrupted apply still leaves an accurate record of what was done.
package journal
