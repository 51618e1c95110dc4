// Package gen builds deterministic synthetic workspaces for benchmarks and
// load tests: given a Size and a seed, Generate returns the desired
// workspace (as a *schema.Workspace and as canonical workspace.yaml bytes)
// and a "current state" (*reconcile.Snapshot) that differs from it the way a
// real workspace drifts from its file: users to invite, roles and names
// changed, users to deactivate, groups created, renamed (previously:) and
// deleted, memberships added and removed, connections, packages, statuses
// and categories created, updated, renamed and deleted.
//
// The same Size and seed always give byte-identical YAML and an identical
// snapshot. Group sizes follow a long tail (a few large groups, many small
// ones), so some groups need more than one 500-member page on the Hex API.
package gen
