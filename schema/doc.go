// Package schema defines the workspace.yaml format (version 1): the Go types,
// strict loading with file:line:col positions, semantic validation, the JSON
// Schema editors use, and canonical formatting.
//
// Each section of the file (users, settings, domains, groups, connections,
// packages, tags.statuses, tags.categories) is described by a Section in
// its own kind_<kind>.go file: its Go type, decoding, checks, JSON Schema,
// marshalling and canonical layout. The sections are listed once, in
// dependency order, in a table (section.go); the loader, the checks,
// ignore:, the change-id kinds, JSON Schema, Marshal and Format loop over
// it. Sections returns the table for other packages.
//
// The package does no I/O beyond reading the file it is asked to load.
//
// A nil slice or pointer means "not in the file", which is how the reconcile
// engine tells an unmanaged section or attribute from an empty one: `groups: []`
// loads as an empty, non-nil slice and manages groups; leaving `groups:` out
// loads as nil and leaves groups alone.
package schema
