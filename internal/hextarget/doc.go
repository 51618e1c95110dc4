// Package hextarget adapts the Hex API client (internal/hexapi) to
// reconcile.Target, so hexform can plan and apply against a real workspace.
//
// What it can do, as its applier table (appliers.go) says:
//
//   - read users (with role), groups with their members, shared data
//     connections and collections; domains, default role (settings), packages, statuses and
//     categories cannot be read and are reported in Snapshot.Unreadable;
//   - apply group create, rename, membership and delete; connection create
//     and update (rename included); collection create and update (rename,
//     description, sharing); user deactivation. Inviting users and changing
//     roles have no API and are manual; so is deleting a connection or a
//     collection, and changing a connection's type.
//
// Reading costs, with U users, G groups, m_g members of group g, C
// connections of which B come back in the list's basic form, K collections:
//
//	1 (Me) + max(1, ⌈U/500⌉) + max(1, ⌈G/500⌉) + Σ_g max(1, ⌈m_g/500⌉)
//	  + max(1, ⌈C/100⌉) + B + max(1, ⌈K/100⌉)
//
// requests, each paced by the client's rate limiter.
//
// Scoped reads. SnapshotScope (reconcile.ScopedReader) reads only what a
// reconcile.Scope asks for, and lists in the snapshot what it left out
// (Skipped, Partial): a skipped kind costs nothing; groups read in part
// list every group (the count, and names for ids) but read the members of
// the named ones only; connections read in part list every connection but
// Get only the named ones. Beyond the scope it always reads the token's
// identity (Me), the group list whenever connections are read (sharing
// names groups), and every user whenever groups are read (members are
// applied by id, and the API cannot find a user by email); users are read
// whole or not at all. So a file of connections only costs
// 1 + max(1, ⌈G/500⌉) + max(1, ⌈C/100⌉) + B requests.
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
// rotation too). Sharing names groups; Apply resolves names to ids through
// the kept snapshot (groups created earlier in the run included), listing
// the groups again for a name it does not hold. Collection sharing is read
// by id and mapped to user emails and group names (an id the reading does
// not know stands for itself); the levels NONE, MEMBER and MANAGER map to
// none, member and manager, and any other level stops the read.
//
// Kinds. Everything the target does with one kind is in its file,
// kind_<name>.go: an applier (how the kind is read, the actions the API
// has for it, the fields an update may set, when a change is still manual)
// and the typed functions that map a change to the API's request. The
// appliers are listed once, in appliers.go; Snapshot, Capabilities, Apply
// and Preflight loop over that table, so a kind without an applier is
// unreadable, and what planning marks "auto" is what Apply carries out.
//
// Applying. The target keeps a copy of the snapshot it last read (it reads
// one first when it has none). Apply resolves each change against it into
// the kind's typed before and after items (reconcile.Resolve), maps them to
// the request, and, once Hex has taken it, keeps the After in that copy;
// changes of one wave run at once, so the copy is guarded by a mutex. The
// change's field paths decide which parts of After a request carries, so an
// update sends only what the plan shows: group members go as adds and
// removes from Before to After, connection and collection sharing as the
// entries the change sets (a collection's as an upsert, NONE taking access
// away). Preflight builds connection bodies with Apply's functions.
//
// Names and leases. Groups, connections and collections are identified by
// their exact name, so a workspace where two share one is refused by
// Snapshot (DuplicateNameError, naming both ids), and every create lists
// its kind again first, refusing a name taken since the plan (TakenError). Groups
// named "hexform-lease ..." are the workspace lease (AcquireLease): they are
// left out of every snapshot and lookup, and no change may create one.
//
// Protection. Hex has nowhere to keep hexform's `protect:` flag, so the
// snapshot always reports Protected false, and Apply accepts a "protected"
// field as a no-op (so protected items can be created and their other
// fields updated); the YAML's own flag is then the only protection.
package hextarget
