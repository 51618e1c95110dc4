package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Hash identifies what the plan would do: its changes (ids, actions, modes,
// fields, dependencies) other than the unverifiable ones hexform never
// carries out, not whether they are blocked or the state they were
// computed from. `apply --expect-plan HASH` compares it, so a merge job
// applies exactly the changes the pull request showed.
func (p *Plan) Hash() string {
	type hashed struct {
		ID        string   `json:"id"`
		Action    Action   `json:"action"`
		Mode      Mode     `json:"mode"`
		Fields    []Field  `json:"fields"`
		DependsOn []string `json:"depends_on"`
	}
	in := make([]hashed, 0, len(p.Changes))
	for _, c := range p.Changes {
		if c.Mode == ModeUnverifiable {
			continue // never carried out, and they differ with plan --base
		}
		in = append(in, hashed{c.ID, c.Action, c.Mode, c.Fields, c.DependsOn})
	}
	b, err := json.Marshal(in)
	if err != nil {
		// Field values are plain JSON data; a marshal failure is a bug.
		panic("reconcile: plan hash: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}
