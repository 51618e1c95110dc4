// Package reconcile is hexform's engine: the current state of a workspace
// (Snapshot), the pure Diff from a desired schema.Workspace to a Plan, the
// safety policy that blocks unconfirmed destructive changes, Apply, and the
// plan file (RenderJSON, ReadPlanJSON). How a plan is shown to a person, as
// text or Markdown, is the view layer's (internal/view).
//
// The package does no network or file I/O of its own: targets (the file
// target, the Hex API) are adapters that implement Target.
package reconcile
