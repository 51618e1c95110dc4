package reconcile

import (
	"cmp"
	"slices"

	"github.com/hexform/hexform/schema"
)

// The access review compares each user's best level on each resource
// before and after a plan. It never builds the whole user × resource
// table (a connection shared with the workspace's members reaches every
// user): it evaluates only the users whose level can differ, the users a
// resource's changed grants reach, or, for a resource whose grants are the
// same, the users whose standing changed in an audience it is shared with.

// resourceKey identifies an item that grants access by kind and id, so a
// renamed item is the same resource before and after.
type resourceKey struct {
	kind Kind
	id   string
}

// bestLevel is a user's highest level on one resource and the first, in
// order, of the paths that grant it.
type bestLevel struct {
	rank       int
	level, via string
}

// audiences is who is who in one snapshot.
type audiences struct {
	members, guests []string
	member, guest   map[string]bool
	active          map[string]bool
	groups          map[string]*groupRef // by name (and old names, after a rename)
}

// groupRef is a group as sharing names it: its id, current name and active
// members.
type groupRef struct {
	id, name string
	members  []string
	has      map[string]bool
}

// audiencesOf reads who is who in s. With prev set, a group named in prev
// that s holds under another name (the same id) is found under its old
// name too: sharing follows a renamed group, as in Hex.
func audiencesOf(s, prev *Snapshot) *audiences {
	a := &audiences{member: map[string]bool{}, guest: map[string]bool{}, active: map[string]bool{}, groups: map[string]*groupRef{}}
	for _, u := range s.Users {
		if !u.Active {
			continue
		}
		a.active[u.Email] = true
		if u.Role == schema.RoleGuest {
			a.guests, a.guest[u.Email] = append(a.guests, u.Email), true
		} else {
			a.members, a.member[u.Email] = append(a.members, u.Email), true
		}
	}
	byID := map[string]*groupRef{}
	for _, g := range s.Groups {
		ref := &groupRef{id: g.ID, name: g.Name, has: map[string]bool{}}
		for _, m := range g.Members {
			if a.active[m] {
				ref.members, ref.has[m] = append(ref.members, m), true
			}
		}
		a.groups[g.Name], byID[g.ID] = ref, ref
	}
	if prev != nil {
		for _, g := range prev.Groups {
			if ref, ok := byID[g.ID]; ok && a.groups[g.Name] == nil {
				a.groups[g.Name] = ref
			}
		}
	}
	return a
}

// reach lists the users an audience reaches.
func (a *audiences) reach(to Audience) []string {
	switch {
	case to.Members:
		return a.members
	case to.Guests:
		return a.guests
	case to.Group != "":
		if ref := a.groups[to.Group]; ref != nil {
			return ref.members
		}
		return nil
	case a.active[to.User]:
		return []string{to.User}
	}
	return nil
}

// reaches reports whether to reaches user u, and the path it names.
func (a *audiences) reaches(to Audience, u string) (bool, string) {
	switch {
	case to.Members:
		return a.member[u], to.via()
	case to.Guests:
		return a.guest[u], to.via()
	case to.Group != "":
		ref := a.groups[to.Group]
		if ref == nil {
			return false, to.via()
		}
		return ref.has[u], Audience{Group: ref.name}.via()
	}
	return to.User == u && a.active[u], to.via()
}

// audienceKey names an audience across snapshots: a group by its id.
func (a *audiences) audienceKey(to Audience) string {
	if to.Group != "" {
		if ref := a.groups[to.Group]; ref != nil {
			return "group:" + ref.id
		}
		return "group name:" + to.Group
	}
	return to.via()
}

// unionKeys lists the keys of two maps, sorted by compare.
func unionKeys[K comparable, V any](a, b map[K]V, compare func(x, y K) int) []K {
	seen := map[K]bool{}
	var out []K
	for _, m := range []map[K]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	slices.SortFunc(out, compare)
	return out
}

func compareResourceKeys(x, y resourceKey) int {
	return cmp.Or(cmp.Compare(x.kind, y.kind), cmp.Compare(x.id, y.id))
}
