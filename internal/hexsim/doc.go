// Package hexsim is a local simulator of the Hex public API's admin
// endpoints, as the API's published description gives them: the same paths
// under /api/v1, request and response shapes, cursor paging, page-size
// limits, status codes and both error body shapes. It is an independent
// implementation of the server, built from the API description and not from
// the hexform client, so tests run against it catch client bugs.
//
// # State
//
// The workspace is a reconcile.Snapshot (the file target's JSON document).
// When Config.StatePath is set, the snapshot is saved there atomically
// (temporary file, fsync, rename), with Revision counting the successful
// write requests: after every one, before it is answered, or, with
// Config.SaveEvery, at most once every SaveEvery while writes come and once
// more by Close. Coalescing keeps a burst of writes at scale from rewriting
// the whole state each time (the cost of saving follows the time writes take,
// not their number); the file is always a whole document, never a log to
// replay. Writes answered before Close are all in the file after it; a
// process killed without Close loses at most SaveEvery of writes. A
// coalesced save that fails refuses the next writes (500) until one succeeds,
// and is Close's error. Users map to API users (roles ADMIN, MANAGER,
// EDITOR, EXPLORER, MEMBER for viewer, GUEST; lastLoginDate is always null);
// deactivated users stay in the snapshot with Active false and are no longer
// listed. Group members are stored as e-mails and exposed as users through
// ListUsers?groupId=. Connection sharing is stored by group name and exposed
// by group id; renaming or deleting a group updates the connections that
// share with it. Connection details are stored in ConnectionState.Config under
// the snake_case form of the API's camelCase field (accountName is
// account_name). Secret fields are write-only: only "sha256:<hex>" of each
// received value is kept, in ConnectionState.Secrets, and no response ever
// contains a secret. connectViaSsh, schemaFilters, schemaRefreshAccess and
// creation times have no place in the snapshot: they live in memory only.
// Collections are stored with their sharing by group name and user e-mail,
// levels in the schema's lower case (none, member, manager), and exposed by
// id with the levels in upper case; the API declares those levels as plain
// strings, and the simulator refuses any other. An edit's sharing is an
// upsert: the entries it holds are set, NONE removes one, the others stay.
// A group's rename or deletion updates the collections shared with it too.
//
// Ids are uuid-shaped and deterministic: the n-th id a server hands out is
// derived from n alone, skipping ids already present in the state. Names are
// not unique (as on Hex, creates are not idempotent), so a client that
// creates twice leaves two items behind for the tests to see.
//
// # Requests
//
// Every /api/v1 request must carry "Authorization: Bearer <Config.Token>",
// else the answer is 401 with a JSON body in the endpoint's error shape
// ({"code": "UNAUTHORIZED", "message": ...} on users, Me and the data
// connection reads, as the API description documents 401 for them). The token belongs to the user Config.As (default: the first
// active admin by e-mail); while that user is missing or deactivated the
// token does not work (401). With no such user at all, or with
// Config.WorkspaceToken, the token acts as a workspace token and Me returns
// only {org, token}. Every response carries an x-trace-id header; TSOA error
// bodies repeat it as traceId.
//
// Lists page with opaque cursors that name a position in the sort order, so
// an item deleted between two pages does not shift the next one; a cursor is
// refused (400) with another sort order. Defaults: limit 25, sortBy NAME,
// sortDirection ASC; maxima 500 (users, groups) and 100 (data connections,
// collections). ListCollections sorts by NAME only and refuses a
// sortDirection, which it does not document.
// ListDataConnections returns the connections named in Config.BasicInList in
// the basic form {id, name, type, description}, as Hex does for a caller who
// may not see their details; GetDataConnection returns them in full.
//
// Groups, collections and the create/edit data connection endpoints answer errors as
// {reason, details, traceId}; users, Me and list/get data connections as
// {code, message, issues}. Unknown paths and methods get 404. Request bodies
// are decoded strictly: unknown fields, wrong types, missing required fields,
// empty names, more than 100 members in a list, unknown user or group ids
// give 400 with every problem listed.
//
// # Faults
//
// Requests pass, in order: latency (Config.Latency), authentication, the rate
// limiter of the request's rate-limit group, random failures
// (Config.FailRate: 500 before doing anything), the handler, and for writes
// Config.FailAfterWrite (the write is done and saved, or due to be with
// SaveEvery, then 500 is returned).
// The random source is seeded with Config.Seed, so a sequence of requests
// sees the same faults every run.
//
// The rate limits follow the API description's groups, each with a sliding
// minute of its own: "hex-api-30rpm" (ListUsers, DeactivateUser, Me) accepts
// Config.FixedRateLimitPerMinute requests (30 when only the default group is
// limited), "hex-api" (every other operation) Config.RateLimitPerMinute.
// Beyond a group's limit a request gets 429 with Retry-After in whole
// seconds, and Stats.Faults.RateLimitedByGroup counts it under its group.
//
// Config.BadAnswer spoils one endpoint's answers (or every endpoint's, with
// no Op) in a way the API description rules out, to prove that a client
// refuses them: a cursor given back twice (RepeatCursor) or in a cycle
// (CycleCursor), both paging one item at a time; a null item (NullItem); a
// field removed (MissingField) or set to an undocumented value
// (UnknownEnum); a body over 32 MiB (OversizedBody); a 307 to another server
// (Redirect); a 429 asking to wait a day (HugeRetryAfter). The last three
// answer instead of the handler, so nothing is done; the others spoil the
// handler's answer. Stats.Faults.BadAnswers counts them.
//
// # Simulator endpoints
//
// GET /_sim/stats returns Stats as JSON; POST /_sim/reset-stats zeroes them
// (204). Both need the bearer token too, are not counted, and never see
// injected faults.
package hexsim
