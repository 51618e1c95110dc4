package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
	type hashedChange struct {
		ID         string   `json:"id"`
		Action     Action   `json:"action"`
		Kind       Kind     `json:"kind"`
		Name       string   `json:"name"`
		ResourceID string   `json:"resource_id"`
		Risk       Risk     `json:"risk"`
		Mode       Mode     `json:"mode"`
		Fields     []Field  `json:"fields"`
		DependsOn  []string `json:"depends_on"`
	}
	type hashed struct {
		Version string         `json:"version"`
		Target  string         `json:"target"`
		Dir     string         `json:"dir"`
		Changes []hashedChange `json:"changes"`
		Policy  *PolicyInputs  `json:"policy"`
	}
	in := hashed{Version: hashVersion, Target: p.Target, Dir: filepath.Dir(p.SourceFile()), Policy: p.Policy, Changes: make([]hashedChange, 0, len(p.Changes))}
	for _, c := range p.Changes {
		if c.Mode == ModeUnverifiable {
			continue
		}
		in.Changes = append(in.Changes, hashedChange{c.ID, c.Action, c.Kind, c.Name, c.ResourceID, c.Risk, c.Mode, c.Fields, c.DependsOn})
	}
	b, err := json.Marshal(in)
	if err != nil {
		// Field values are plain JSON data; a marshal failure is a bug.
		panic("reconcile: plan hash: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
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
