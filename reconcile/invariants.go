package reconcile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hexform/hexform/schema"
)

// Violation is one broken invariant and the changes that break it.
type Violation struct {
	Invariant string   `json:"invariant"`
	Message   string   `json:"message"`
	Changes   []string `json:"changes"`
}

// InvariantError reports a plan that breaks invariants no flag overrides.
type InvariantError struct {
	Violations []Violation
}

func (e *InvariantError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = fmt.Sprintf("%s: %s (changes: %s)", v.Invariant, v.Message, strings.Join(v.Changes, ", "))
	}
	return "plan breaks invariants: " + strings.Join(parts, "; ")
}

// checkInvariants evaluates the plan as if every change were carried out.
func checkInvariants(p *Plan, in *PolicyInputs, have *Snapshot, pol Policy) error {
	var vs []Violation
	if v := partialUsers(p, have); v != nil {
		vs = append(vs, *v)
	} else if v := minAdmins(p, have, pol.Settings.MinAdminsOrDefault()); v != nil {
		vs = append(vs, *v)
	}
	if v := actorKept(p, pol.Actor); v != nil {
		vs = append(vs, *v)
	}
	if v := protectedKept(p, in, have); v != nil {
		vs = append(vs, *v)
	}
	if v := renamesKept(p, in); v != nil {
		vs = append(vs, *v)
	}
	if len(vs) == 0 {
		return nil
	}
	return &InvariantError{Violations: vs}
}

// minAdmins: at least min admins remain (unless there were fewer before and
// the plan does not lower the count further).
func minAdmins(p *Plan, have *Snapshot, min int) *Violation {
	role := map[string]schema.Role{}
	for _, u := range have.Users {
		if u.Active {
			role[strings.ToLower(u.Email)] = u.Role
		}
	}
	before := countAdmins(role)
	var culprits []string
	for _, c := range p.Changes {
		if c.Kind != KindUser {
			continue
		}
		email := strings.ToLower(c.Name)
		was := role[email]
		switch {
		case c.Action == ActionDeactivate:
			delete(role, email)
		case c.Action == ActionCreate || c.Action == ActionUpdate:
			if r, ok := fieldAfter(c, "role"); ok {
				role[email] = schema.Role(fmt.Sprint(r))
			} else if c.Action == ActionCreate {
				role[email] = schema.RoleViewer
			}
			if a, ok := fieldAfter(c, "active"); ok && a == false {
				delete(role, email)
			}
		}
		if was == schema.RoleAdmin && role[email] != schema.RoleAdmin {
			culprits = append(culprits, c.ID)
		}
	}
	after := countAdmins(role)
	if after >= min || after >= before {
		return nil
	}
	sort.Strings(culprits)
	return &Violation{
		Invariant: "min_admins",
		Message:   fmt.Sprintf("the workspace would keep %d admin(s), fewer than min_admins %d", after, min),
		Changes:   culprits,
	}
}

// partialUsers: the admin count is never decided from a read that covered
// only some users (a scoped read); a plan changing users from one is
// refused.
func partialUsers(p *Plan, have *Snapshot) *Violation {
	if have.Partial[KindUser] == nil {
		return nil
	}
	var culprits []string
	for _, c := range p.Changes {
		if c.Kind == KindUser {
			culprits = append(culprits, c.ID)
		}
	}
	if len(culprits) == 0 {
		return nil
	}
	return &Violation{
		Invariant: "min_admins",
		Message:   "the state was read for only some users, so the admin count cannot be decided; plan again with every user read",
		Changes:   culprits,
	}
}

func countAdmins(role map[string]schema.Role) int {
	n := 0
	for _, r := range role {
		if r == schema.RoleAdmin {
			n++
		}
	}
	return n
}

// actorKept: the identity applying the plan is never deactivated or demoted.
func actorKept(p *Plan, actor string) *Violation {
	if actor == "" {
		return nil
	}
	actor = strings.ToLower(actor)
	var culprits []string
	for _, c := range p.Changes {
		if c.Kind != KindUser || strings.ToLower(c.Name) != actor {
			continue
		}
		if c.Action == ActionDeactivate {
			culprits = append(culprits, c.ID)
			continue
		}
		f, ok := field(c, "role")
		if ok && f.Before != nil && f.After != nil {
			before, after := schema.Role(fmt.Sprint(f.Before)), schema.Role(fmt.Sprint(f.After))
			if after.Rank() < before.Rank() {
				culprits = append(culprits, c.ID)
			}
		}
		if a, ok := fieldAfter(c, "active"); ok && a == false {
			culprits = append(culprits, c.ID)
		}
	}
	if len(culprits) == 0 {
		return nil
	}
	return &Violation{
		Invariant: "applying identity",
		Message:   fmt.Sprintf("%s applies this plan and cannot deactivate or demote itself; make the change as another admin", actor),
		Changes:   culprits,
	}
}

// protectedKept: an item with protect: true (in the YAML or in the state) is never deleted.
func protectedKept(p *Plan, in *PolicyInputs, have *Snapshot) *Violation {
	prot := protectedNames(in, have)
	var culprits []string
	for _, c := range p.Changes {
		if c.Action == ActionDelete && prot[c.Kind][c.Name] {
			culprits = append(culprits, c.ID)
		}
	}
	if len(culprits) == 0 {
		return nil
	}
	return &Violation{
		Invariant: "protect",
		Message:   "protected items are never deleted; set protect: false and apply that first, then delete in a later change",
		Changes:   culprits,
	}
}

func protectedNames(in *PolicyInputs, have *Snapshot) map[Kind]map[string]bool {
	m := in.protectedSet()
	add := func(k Kind, name string, on bool) {
		if !on {
			return
		}
		if m[k] == nil {
			m[k] = map[string]bool{}
		}
		m[k][name] = true
	}
	for _, spec := range kindTable {
		if spec.protected != nil {
			spec.protected(have, func(name string) { add(spec.Kind, name, true) })
		}
	}
	return m
}

// eachNamed calls f for every named item of the workspace file (groups,
// connections, packages, statuses, categories); want may be nil.
func eachNamed(want *schema.Workspace, f func(k Kind, name string, previously []string, protect bool)) {
	if want == nil {
		return
	}
	for _, spec := range kindTable {
		if spec.named != nil {
			spec.named(want, func(name string, previously []string, protect bool) {
				f(spec.Kind, name, previously, protect)
			})
		}
	}
}

// renamesKept: a `previously` rename is never carried out as delete + create.
func renamesKept(p *Plan, in *PolicyInputs) *Violation {
	prev := in.renamesByKind() // kind -> old name -> new name
	creates := map[string]bool{}
	for _, c := range p.Changes {
		if c.Action == ActionCreate {
			creates[string(c.Kind)+"/"+c.Name] = true
		}
	}
	var culprits []string
	for _, c := range p.Changes {
		if c.Action != ActionDelete {
			continue
		}
		if newName, ok := prev[c.Kind][c.Name]; ok && creates[string(c.Kind)+"/"+newName] {
			culprits = append(culprits, c.ID, ChangeID(ActionCreate, c.Kind, newName))
		}
	}
	if len(culprits) == 0 {
		return nil
	}
	return &Violation{
		Invariant: "rename",
		Message:   "a rename listed under previously: would be carried out as delete + create; remove the clashing item so the rename keeps the resource",
		Changes:   culprits,
	}
}

func field(c Change, path string) (Field, bool) {
	for _, f := range c.Fields {
		if f.Path == path {
			return f, true
		}
	}
	return Field{}, false
}

func fieldAfter(c Change, path string) (any, bool) {
	f, ok := field(c, path)
	if !ok {
		return nil, false
	}
	return f.After, true
}
