package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
)

// hashVersion is mixed into every hash so a hash from an older hexform,
// which covered less, never matches.
const hashVersion = "hexform-plan-hash-2"

// Hash identifies what the plan would do: its target, the directory of its
// workspace file (relative secret files are read, and the journal kept,
// there), every field of every
// change that decides what runs (id, action, kind, name, resource id, risk,
// mode, fields with their sensitivity, dependencies) and the policy inputs
// that decide what is confirmed (Policy). It leaves out the unverifiable
// changes hexform never carries out (they differ with plan --base), and
// what is derived from the rest or changes with the flags of the run:
// Blocked, the summary, warnings, the access review (Access, Seats,
// AccessNotComputed: what the changes do to who can reach what, given the
// state; a user added in Hex between review and merge changes it without
// changing what runs) and the state's fingerprint (staleness is checked on
// its own). `apply --expect-plan HASH` compares it, so a merge
// job applies exactly the changes and the policy the pull request showed.
func (p *Plan) Hash() string {
	w := &hashWriter{h: sha256.New(), buf: make([]byte, 0, 72<<10)}
	w.raw(`{"version":`)
	w.str(hashVersion)
	w.raw(`,"target":`)
	w.str(p.Target)
	w.raw(`,"dir":`)
	w.str(filepath.Dir(p.SourceFile()))
	w.raw(`,"changes":[`)
	first := true
	for i := range p.Changes {
		if p.Changes[i].Mode == ModeUnverifiable {
			continue
		}
		if !first {
			w.raw(",")
		}
		first = false
		w.change(&p.Changes[i])
	}
	w.raw(`],"policy":`)
	w.marshal(p.Policy)
	w.raw("}")
	w.flush(true)
	if w.err != nil {
		// Field values are plain JSON data; a marshal failure is a bug.
		panic("reconcile: plan hash: " + w.err.Error())
	}
	return "sha256:" + hex.EncodeToString(w.h.Sum(nil))
}

// SourceFile is the workspace file the plan was computed from, without the
// @REV a --ref plan records, cleaned; "workspace.yaml" when none is
// recorded.
func (p *Plan) SourceFile() string {
	src := p.Source
	if i := strings.LastIndex(src, "@"); i > 0 && p.Commit != "" {
		src = src[:i]
	}
	if src == "" {
		return "workspace.yaml"
	}
	return filepath.Clean(src)
}
