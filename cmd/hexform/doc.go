// Command hexform manages a Hex workspace as code: it validates
// workspace.yaml, plans the changes that would make the workspace match it,
// and applies them, refusing destructive changes nobody confirmed.
//
// main is thin: all behaviour is in Run, which the testscript tests call.
package main
