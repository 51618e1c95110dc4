package gen

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Drift rates of users and groups, in percent: how the current state
// differs from the file.
const (
	pctChanged = 3 // an attribute differs: update
	pctExtra   = 1 // in the workspace, not in the file: delete or deactivate
	pctMembers = 10
)

// drifter derives the current state from the desired workspace.
type drifter struct {
	rng  *rand.Rand
	ids  int
	snap *reconcile.Snapshot
	// was maps the new name of each renamed group to its old one.
	was map[string]string
}

// id is a deterministic uuid-shaped id, unique within one snapshot.
func (d *drifter) id(kind int) string {
	d.ids++
	return fmt.Sprintf("00000000-0000-4000-8%03d-%012d", kind, d.ids)
}

func (d *drifter) pct(p int) bool { return d.rng.IntN(100) < p }

// missing reports whether the i-th item of a kind is in the file but not
// yet in the workspace: one in a hundred, never the first (admin, protected)
// nor a renamed one (index 1 modulo 20, 40 or 50).
func missing(i int) bool { return i%100 == 2 }

// extras is how many items pctExtra of n is (at least one when n >= 10).
func extras(n int) int {
	if n >= 10 {
		return max(1, n*pctExtra/100)
	}
	return 0
}

func (d *drifter) current(ws *schema.Workspace) *reconcile.Snapshot {
	d.was = map[string]string{}
	d.snap = &reconcile.Snapshot{
		Domains: reconcile.DomainState{Allowed: []string{Domain}, DefaultRole: schema.RoleViewer},
		Actor:   ws.Users[0].Email,
	}
	d.users(ws.Users)
	d.groups(ws.Groups)
	d.connections(ws.Connections)
	d.packages(ws.Packages)
	d.tags(ws.Tags)
	d.snap.Normalize()
	return d.snap
}

// users: some listed users not yet invited, some with another role or name;
// unlisted users in the allowed domain (half of them holding a role above the
// default), users of a former vendor to deactivate, and deactivated users.
func (d *drifter) users(users []schema.User) {
	for i, u := range users {
		if missing(i) {
			continue
		}
		us := reconcile.UserState{ID: d.id(1), Email: u.Email, Role: u.Role, Active: true}
		if u.Name != nil {
			us.Name = *u.Name
		}
		if i >= 2 && d.pct(pctChanged) {
			us.Role = schema.Roles[d.rng.IntN(len(schema.Roles)-1)] // anything but admin
		}
		if d.pct(pctChanged) {
			us.Name = givenNames[d.rng.IntN(len(givenNames))] + " " + familyNames[d.rng.IntN(len(familyNames))]
		}
		d.snap.Users = append(d.snap.Users, us)
	}
	n := extras(len(users))
	for i := range n {
		role := schema.RoleViewer
		if i%2 == 1 {
			role = schema.RoleEditor
		}
		d.snap.Users = append(d.snap.Users,
			reconcile.UserState{ID: d.id(1), Email: fmt.Sprintf("unlisted%07d@%s", i, Domain), Role: role, Active: true},
			reconcile.UserState{ID: d.id(1), Email: fmt.Sprintf("former%07d@oldvendor.example", i), Role: schema.RoleEditor, Active: i%2 == 0})
	}
}

// active lists the e-mails of the active users of the current state.
func (d *drifter) active() []string {
	var out []string
	for _, u := range d.snap.Users {
		if u.Active {
			out = append(out, u.Email)
		}
	}
	return out
}

// groups: some missing, renamed ones under their old name, some with members
// added and removed, some to delete, and SCIM groups the file ignores.
func (d *drifter) groups(groups []schema.Group) {
	present := map[string]bool{}
	for _, u := range d.snap.Users {
		present[u.Email] = true
	}
	active := d.active()
	for i, g := range groups {
		if missing(i) {
			continue
		}
		gs := reconcile.GroupState{ID: d.id(2), Name: g.Name, Protected: schema.On(g.Protect)}
		if len(g.Previously) > 0 {
			gs.Name = g.Previously[0]
			d.was[g.Name] = gs.Name
		}
		for _, m := range g.Members {
			if present[m] {
				gs.Members = append(gs.Members, m)
			}
		}
		if d.pct(pctMembers) {
			gs.Members = d.churn(gs.Members, active)
		}
		d.snap.Groups = append(d.snap.Groups, gs)
	}
	for i := range extras(len(groups)) {
		d.snap.Groups = append(d.snap.Groups,
			reconcile.GroupState{ID: d.id(2), Name: fmt.Sprintf("Legacy %04d", i), Members: d.pick(active, 5)},
			reconcile.GroupState{ID: d.id(2), Name: fmt.Sprintf("scim-%04d", i), Members: d.pick(active, 5)})
	}
}

// churn removes up to three members and adds up to three other users.
func (d *drifter) churn(members, users []string) []string {
	out := slices.Clone(members)
	for range d.rng.IntN(4) {
		if len(out) > 0 {
			j := d.rng.IntN(len(out))
			out = slices.Delete(out, j, j+1)
		}
	}
	return append(out, d.pick(users, 1+d.rng.IntN(3))...)
}

// pick returns n users at random (possibly repeated: Normalize de-duplicates).
func (d *drifter) pick(users []string, n int) []string {
	out := make([]string, 0, n)
	for range n {
		if len(users) > 0 {
			out = append(out, users[d.rng.IntN(len(users))])
		}
	}
	return out
}

// connection is the state of c as last applied: secrets as fingerprints.
func (d *drifter) connection(c schema.Connection) reconcile.ConnectionState {
	cs := reconcile.ConnectionState{ID: d.id(3), Name: c.Name, Type: c.Type, Config: maps.Clone(c.Config),
		Secrets: map[string]string{}, SchemaRefresh: c.SchemaRefresh, Protected: schema.On(c.Protect)}
	if len(c.Previously) > 0 {
		cs.Name = c.Previously[0]
	}
	if c.Description != nil {
		cs.Description = *c.Description
	}
	for k := range c.Secrets {
		cs.Secrets[k] = fmt.Sprintf("hmac-sha256:%016x%016x%016x%016x", d.rng.Uint64(), d.rng.Uint64(), d.rng.Uint64(), d.rng.Uint64())
	}
	if w := c.Sharing.Workspace; w != nil {
		cs.Sharing = reconcile.SharingState{Members: *w.Members, Guests: *w.Guests, Public: *w.Public}
	}
	for g, level := range c.Sharing.Groups {
		if cs.Sharing.Groups == nil {
			cs.Sharing.Groups = map[string]string{}
		}
		if old, ok := d.was[g]; ok {
			g = old // the state names the group as it is now called there
		}
		cs.Sharing.Groups[g] = level
	}
	if c.IncludeMagic != nil {
		cs.IncludeMagic = *c.IncludeMagic
	}
	return cs
}
