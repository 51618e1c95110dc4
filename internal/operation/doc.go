// Package operation runs hexform's plan and apply pipeline: it loads the
// workspace file (from the working tree or a git revision), opens and locks
// the target, reads its state, computes the plan, compares the file with a
// base revision, checks the safety policy, and carries the plan out. A
// saved plan is checked against the state it was made from (staleness, its
// recorded fields, its target) and then goes through the same execution as
// a plan computed now: same lock, same policy check, same journal.
//
// A request goes in and a result comes out. The package parses no flags and
// prints nothing: what the caller must show (diagnostics of the workspace
// file, the plan, each change's outcome) is passed to the request's
// Reporter, and decisions that need a person (approval) or another system
// (a review gate) are functions in the request. Opening a target is also
// the caller's: the request's Opener turns a target spec into a Target.
//
// Errors carry "hint:" lines as *HintError; the caller prints them.
package operation
