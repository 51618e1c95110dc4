package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Hash identifies what the plan would do: its changes (ids, actions, modes,
// fields, dependencies), not whether they are blocked or the state they
// were computed from. `apply --expect-plan HASH` compares it, so a merge job
// applies exactly the changes the pull request showed.
func (p *Plan) Hash() string {
	type hashed struct {
		ID        string   `json:"id"`
		Action    Action   `json:"action"`
		Mode      Mode     `json:"mode"`
		Fields    []Field  `json:"fields"`
		DependsOn []string `json:"depends_on"`
	}
	in := make([]hashed, len(p.Changes))
	for i, c := range p.Changes {
		in[i] = hashed{c.ID, c.Action, c.Mode, c.Fields, c.DependsOn}
	}
	b, err := json.Marshal(in)
	if err != nil {
		// Field values are plain JSON data; a marshal failure is a bug.
		panic("reconcile: plan hash: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// KindFingerprints fingerprints each kind's part of the normalised snapshot.
func (s *Snapshot) KindFingerprints() map[Kind]string {
	c := cloneSnapshot(s)
	parts := map[Kind]any{
		KindUser: c.Users, KindSetting: c.Domains.DefaultRole, KindDomain: c.Domains.Allowed,
		KindGroup: c.Groups, KindConnection: c.Connections, KindPackage: c.Packages,
		KindStatus: c.Statuses, KindCategory: c.Categories,
	}
	out := make(map[Kind]string, len(parts))
	for k, v := range parts {
		b, err := json.Marshal(v)
		if err != nil {
			b = []byte(err.Error())
		}
		sum := sha256.Sum256(b)
		out[k] = "sha256:" + hex.EncodeToString(sum[:8])
	}
	return out
}
