package reconcile

import (
	"fmt"
	"strings"

	"github.com/hexform/hexform/schema"
)

// warn records a note about the plan (Plan.Warnings).
func (d *differ) warn(format string, args ...any) {
	d.warnings = append(d.warnings, fmt.Sprintf(format, args...))
}

// memberWarnings notes members a group change adds who are neither users
// of the workspace nor invited by this plan: no target can add them to a
// group, so that change would fail at apply.
func (d *differ) memberWarnings() {
	if d.unreadable[KindUser] || d.unreadable[KindGroup] || d.skipped[KindUser] || d.partial[KindUser] != nil {
		return
	}
	for _, nu := range nonUserMembers(d.changes, d.have) {
		d.warn("member %q added to group %q is not a user of the workspace and this plan does not invite them, so the change will fail; list them under users:", nu.member, groupName(nu.change))
	}
}

// nonUserMember is a member a group change adds who is not a user.
type nonUserMember struct {
	change Change
	member string
}

// nonUserMembers lists the members group changes add who are neither users
// of the workspace (have) nor invited by a change in cs.
func nonUserMembers(cs []Change, have *Snapshot) []nonUserMember {
	users := make(map[string]bool, len(have.Users))
	for _, u := range have.Users {
		users[strings.ToLower(u.Email)] = true
	}
	for _, c := range cs {
		if c.Kind == KindUser && c.Action == ActionCreate {
			users[strings.ToLower(c.Name)] = true
		}
	}
	var out []nonUserMember
	for _, c := range cs {
		if c.Kind != KindGroup || c.IsDestructive() {
			continue
		}
		for _, f := range c.Fields {
			if f.Path != "members" {
				continue
			}
			before, _ := FieldStrings(f.Before)
			after, _ := FieldStrings(f.After)
			for _, m := range SetMinus(after, before) { // the members added
				if !users[strings.ToLower(m)] {
					out = append(out, nonUserMember{c, m})
				}
			}
		}
	}
	return out
}

func groupName(c Change) string {
	for _, f := range c.Fields {
		if s, ok := f.After.(string); ok && f.Path == "name" {
			return s
		}
	}
	return c.Name
}

// renameTypoWarnings notes a `previously:` name that matches no existing
// item while one about to be deleted has a name close to it: most likely a
// misspelt rename, which the plan carries out as a create plus a delete.
func renameTypoWarnings[W, H any](d *differ, k namedKind[W, H], m matching) {
	var deleted []string
	for hi, h := range k.have {
		if !m.claimed[hi] && !d.ignored(k.kind, k.haveName(h)) {
			deleted = append(deleted, k.haveName(h))
		}
	}
	if len(deleted) == 0 {
		return
	}
	for _, wi := range m.order {
		if _, ok := m.matched[wi]; ok {
			continue
		}
		for _, old := range k.prev(k.want[wi]) {
			if s := schema.Closest(old, deleted); s != "" {
				d.warn("%s %q lists previously: %q, which matches no existing %s; did you mean %q? (as written, the plan creates %q and deletes %q)",
					k.kind, k.wantName(k.want[wi]), old, k.kind, s, k.wantName(k.want[wi]), s)
				break
			}
		}
	}
}
