package reconcile

import (
	"slices"
	"strings"

	"github.com/hexform/hexform/schema"
)

// PolicyInputs are the parts of the workspace file that decide what a plan
// may do, beyond its changes: the confirm: list, the settings (min_admins,
// the mass-deletion limits), the protected items and the previously:
// renames. A saved plan records them, so apply decides confirmation and the
// invariants from them and from its own flags, never from the plan file's
// own blocked or risk fields. The plan hash covers them.
type PolicyInputs struct {
	Confirm  []string         `json:"confirm"`
	Settings *schema.Settings `json:"settings,omitempty"`
	// Protected lists "kind/name" for every item the file marks protect: true.
	Protected []string `json:"protected,omitempty"`
	// Renames maps "kind/old name" to the new name, from previously: lists.
	Renames map[string]string `json:"renames,omitempty"`
}

// RecordPolicy collects the policy inputs of a workspace file; want may be
// nil. confirm and settings are the file's confirm: list and settings.
func RecordPolicy(want *schema.Workspace, confirm []string, settings *schema.Settings) *PolicyInputs {
	in := &PolicyInputs{Confirm: cleanList(confirm), Settings: settings}
	eachNamed(want, func(k Kind, name string, olds []string, protect bool) {
		if protect {
			in.Protected = append(in.Protected, string(k)+"/"+name)
		}
		for _, o := range olds {
			if in.Renames == nil {
				in.Renames = map[string]string{}
			}
			in.Renames[string(k)+"/"+o] = name
		}
	})
	slices.Sort(in.Protected)
	in.Protected = slices.Compact(in.Protected)
	return in
}

// cleanList trims ids and drops empty ones, keeping their order (the
// file's), never returning nil.
func cleanList(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// protectedSet is Protected by kind and name.
func (in *PolicyInputs) protectedSet() map[Kind]map[string]bool {
	m := map[Kind]map[string]bool{}
	for _, s := range in.Protected {
		k, name, ok := strings.Cut(s, "/")
		if !ok {
			continue
		}
		if m[Kind(k)] == nil {
			m[Kind(k)] = map[string]bool{}
		}
		m[Kind(k)][name] = true
	}
	return m
}

// renamesByKind is Renames as kind -> old name -> new name.
func (in *PolicyInputs) renamesByKind() map[Kind]map[string]string {
	m := map[Kind]map[string]string{}
	for key, newName := range in.Renames {
		k, old, ok := strings.Cut(key, "/")
		if !ok {
			continue
		}
		if m[Kind(k)] == nil {
			m[Kind(k)] = map[string]string{}
		}
		m[Kind(k)][old] = newName
	}
	return m
}
