// Command hexform manages a Hex workspace as code: it validates
// workspace.yaml, plans the changes that would make the workspace match it,
// and applies them, refusing destructive changes nobody confirmed.
//
// main is thin: all behaviour is in Run, which the testscript tests call.
// plan and apply parse their flags into a request for internal/operation,
// which loads, locks, reads, checks and applies, and render what it reports
// and returns; opening a target (the file target, Hex and its token) stays
// here, behind the operation's Opener.
package main
