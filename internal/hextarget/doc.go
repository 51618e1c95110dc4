// Package hextarget adapts the Hex API client (internal/hexapi) to
// reconcile.Target, so hexform can plan and apply against a real workspace.
//
// What it can do (DESIGN.md "Targets"):
//
//   - read users (with role), groups with their members, and shared data
//     connections; domains, default role (settings), packages, statuses and
//     categories cannot be read and are reported in Snapshot.Unreadable;
//   - apply group create, rename, membership and delete; connection create
//     and update (rename included); user deactivation. Inviting users and
//     changing roles have no API and are manual; so is deleting a connection
//     and changing its type.
//
// Reading costs, with U users, G groups, m_g members of group g, C
// connections of which B come back in the list's basic form:
//
//	1 (Me) + max(1, ⌈U/500⌉) + max(1, ⌈G/500⌉) + Σ_g max(1, ⌈m_g/500⌉)
//	  + max(1, ⌈C/100⌉) + B
//
// requests, each paced by the client's rate limiter.
//
// Mapping. API roles ADMIN, MANAGER, EDITOR, EXPLORER, MEMBER and GUEST map
// to admin, manager, editor, explorer, viewer and guest; EMBEDDED_USER and
// ANONYMOUS users are not workspace members and are skipped. Every listed
// user is Active (the API has no status field). Connection config keys are
// the snake_case forms of the API's connectionDetails fields (accountName ->
// account_name). Secrets are write-only on Hex: every write-only field of
// the connection's type is reported as set with an unknown value
// (Secrets[key] = ""), so a secret is sent on create and then only when
// rotated (an optional secret added later to an existing connection needs a
// rotation too). Sharing names groups; Apply resolves names to ids, listing
// the groups again when a name was created during the same run.
//
// Names and leases. Groups and connections are identified by their exact
// name, so a workspace where two share one is refused by Snapshot
// (DuplicateNameError, naming both ids), and every create lists its kind
// again first, refusing a name taken since the plan (TakenError). Groups
// named "hexform-lease ..." are the workspace lease (AcquireLease): they are
// left out of every snapshot and lookup, and no change may create one.
//
// Protection. Hex has nowhere to keep hexform's `protect:` flag, so the
// snapshot always reports Protected false, and Apply accepts a "protected"
// field as a no-op (so protected items can be created and their other
// fields updated); the YAML's own flag is then the only protection.
package hextarget
