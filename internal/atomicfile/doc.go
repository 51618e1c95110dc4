// Package atomicfile writes a file so that a reader, or a crash at any
// moment, sees either the old content or the new, never a mix: a temporary
// file in the same directory is written and synced, renamed over the target,
// and the directory is synced to make the rename durable.
//
// Create makes a new file the same way but never replaces one: the synced
// temporary file is hard-linked at the final path, so the file appears
// complete or not at all.
package atomicfile
