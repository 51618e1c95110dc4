// Package reconcile is hexform's engine: the current state of a workspace
// (Snapshot), the pure Diff from a desired schema.Workspace to a Plan, the
// safety policy that blocks unconfirmed destructive changes, Apply, and the
// text, JSON and Markdown renderings of a plan.
//
// The package does no network or file I/O of its own: targets (the file
// target, the Hex API) are adapters that implement Target.
package reconcile
