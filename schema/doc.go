// Package schema defines the workspace.yaml format (version 1): the Go types,
// strict loading with file:line:col positions, semantic validation, the JSON
// Schema editors use, and canonical formatting.
//
// The package does no I/O beyond reading the file it is asked to load.
//
// A nil slice or pointer means "not in the file", which is how the reconcile
// engine tells an unmanaged section or attribute from an empty one: `groups: []`
// loads as an empty, non-nil slice and manages groups; leaving `groups:` out
// loads as nil and leaves groups alone.
package schema
