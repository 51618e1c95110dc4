package reconcile

import (
	"cmp"
	"slices"
	"strings"

	"github.com/hexform/hexform/schema"
)

// resourceKey identifies an item that grants access by kind and id, so a
// renamed item is the same resource before and after.
type resourceKey struct {
	kind Kind
	id   string
}

// bestLevel is a user's highest level on one resource and the paths that
// grant it.
type bestLevel struct {
	rank  int
	level string
	vias  []string
}

// levels is every user's best level on every resource of one snapshot.
type levels struct {
	names map[resourceKey]string // "connection/Warehouse"
	users map[resourceKey]map[string]*bestLevel
}

// audiences resolves a grant's audience to the active users it reaches.
type audiences struct {
	members, guests []string
	groups          map[string]groupRef
	active          map[string]bool
}

// groupRef is a group as sharing names it: its current name and members.
type groupRef struct {
	name    string
	members []string
}

// audiencesOf reads who is who in s. With prev set, a group named in prev
// that s holds under another name (the same id) is found under its old
// name too: sharing follows a renamed group, as in Hex.
func audiencesOf(s, prev *Snapshot) *audiences {
	a := &audiences{groups: map[string]groupRef{}, active: map[string]bool{}}
	for _, u := range s.Users {
		if !u.Active {
			continue
		}
		a.active[u.Email] = true
		if u.Role == schema.RoleGuest {
			a.guests = append(a.guests, u.Email)
		} else {
			a.members = append(a.members, u.Email)
		}
	}
	byID := map[string]groupRef{}
	for _, g := range s.Groups {
		var in []string
		for _, m := range g.Members {
			if a.active[m] {
				in = append(in, m)
			}
		}
		ref := groupRef{name: g.Name, members: in}
		a.groups[g.Name], byID[g.ID] = ref, ref
	}
	if prev != nil {
		for _, g := range prev.Groups {
			if ref, ok := byID[g.ID]; ok {
				if _, taken := a.groups[g.Name]; !taken {
					a.groups[g.Name] = ref
				}
			}
		}
	}
	return a
}

// reach lists the users an audience reaches and the path it names.
func (a *audiences) reach(to Audience) (users []string, via string) {
	switch {
	case to.Members:
		return a.members, to.via()
	case to.Guests:
		return a.guests, to.via()
	case to.Group != "":
		ref, ok := a.groups[to.Group]
		if !ok {
			return nil, to.via()
		}
		return ref.members, Audience{Group: ref.name}.via()
	case a.active[to.User]:
		return []string{to.User}, to.via()
	}
	return nil, to.via()
}

// levelsOf computes every user's best level on every resource of s, for
// the kinds that grant access and that the target can read. A resource
// shared with a group in skip.groups is recorded in skip.resources.
func levelsOf(s, prev *Snapshot, unreadable map[Kind]bool, skip *accessSkip) *levels {
	aud := audiencesOf(s, prev)
	out := &levels{names: map[resourceKey]string{}, users: map[resourceKey]map[string]*bestLevel{}}
	for _, spec := range kindTable {
		if spec.access == nil || unreadable[spec.Kind] {
			continue
		}
		spec.access.grants(s, func(g Grant) {
			key := resourceKey{g.Kind, g.ID}
			out.names[key] = string(g.Kind) + "/" + g.Name
			if why, ok := skip.groups[string(KindGroup)+"/"+g.To.Group]; ok && g.To.Group != "" {
				skip.resources[out.names[key]] = why
			}
			rank := spec.access.rank(g.Level)
			if rank == 0 {
				return
			}
			users, via := aud.reach(g.To)
			out.add(key, users, bestLevel{rank: rank, level: g.Level, vias: []string{via}})
		})
	}
	return out
}

func (l *levels) add(key resourceKey, users []string, b bestLevel) {
	m := l.users[key]
	if m == nil {
		m = map[string]*bestLevel{}
		l.users[key] = m
	}
	for _, u := range users {
		cur := m[u]
		switch {
		case cur == nil || b.rank > cur.rank:
			nb := b
			nb.vias = slices.Clone(b.vias)
			m[u] = &nb
		case b.rank == cur.rank && !slices.Contains(cur.vias, b.vias[0]):
			cur.vias = append(cur.vias, b.vias[0])
		}
	}
}

// resourceChanges compares every user's level on every resource before
// and after.
func resourceChanges(before, after *Snapshot, unreadable map[Kind]bool, skip *accessSkip) []AccessChange {
	lb := levelsOf(before, nil, unreadable, skip)
	la := levelsOf(after, before, unreadable, skip)
	var out []AccessChange
	for _, key := range unionKeys(lb.names, la.names, compareResourceKeys) {
		name, ok := la.names[key]
		if !ok {
			name = lb.names[key]
		}
		if _, bad := skip.resources[name]; bad {
			continue
		}
		if _, bad := skip.resources[lb.names[key]]; bad && lb.names[key] != "" {
			continue
		}
		out = append(out, userChanges(name, lb.users[key], la.users[key], skip)...)
	}
	sortAccess(out)
	return out
}

func userChanges(resource string, b, a map[string]*bestLevel, skip *accessSkip) []AccessChange {
	none := &bestLevel{level: AccessNone}
	var out []AccessChange
	for _, u := range unionKeys(b, a, strings.Compare) {
		if _, bad := skip.users[string(KindUser)+"/"+u]; bad {
			continue
		}
		was, now := cmpOr(b[u], none), cmpOr(a[u], none)
		if was.rank == now.rank {
			continue
		}
		why := now
		if now.rank < was.rank {
			why = was
		}
		vias := slices.Clone(why.vias)
		slices.Sort(vias)
		out = append(out, AccessChange{User: u, Resource: resource, Before: was.level, After: now.level, Via: vias[0]})
	}
	return out
}

func cmpOr(b, none *bestLevel) *bestLevel {
	if b == nil {
		return none
	}
	return b
}

// unionKeys lists the keys of two maps, sorted by less.
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
