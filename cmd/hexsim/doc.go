// Command hexsim runs a local simulator of the Hex public API's admin
// endpoints (see package internal/hexsim), for hexform's tests and for users
// to rehearse their CI pipeline without touching a real workspace:
//
//	hexsim --addr 127.0.0.1:0 --token T --state state.json [faults]
//
// It listens on loopback addresses only, prints
// "hexsim listening on http://127.0.0.1:PORT" on stdout once it accepts
// connections, loads its workspace from --state (a hexform file-target JSON
// document; a missing file is an empty workspace) and saves it back at most
// once every --save-every D (default 200ms) while writes come, and at
// shutdown, so a burst of writes does not rewrite the whole state each time
// (--save-every 0 saves after every write, before answering it). The token comes from --token or $HEXSIM_TOKEN.
// --basic-in-list NAME (repeatable) lists that connection in
// ListDataConnections in the basic form {id, name, type, description}, as
// Hex does for a caller who may not see its details. Faults:
// --rate-limit N (requests per minute in the default rate-limit group,
// hex-api; 429 with Retry-After beyond) and --fixed-rate-limit N (the
// hex-api-30rpm group of ListUsers, DeactivateUser and Me, counted apart;
// 30 while --rate-limit is set),
// --fail-rate P (random 500s), --latency D, --fail-after-write P (the write
// happens, then 500), --seed N (the faults' random source), and
// --bad-answer KIND [--bad-answer-op OP] [--bad-answer-field F]
// [--redirect-to URL] (answers the API description rules out: a repeated or
// cycling cursor, a null item, a missing field, an undocumented enum value,
// a body over 32 MiB, a redirect to another server, a day-long
// Retry-After). GET /_sim/stats
// counts requests per endpoint. SIGINT or SIGTERM shuts it down gracefully.
//
// main is thin: all behaviour is in run, which the tests call.
package main
