package reconcile

import (
	"cmp"
	"slices"
	"strings"

	"github.com/hexform/hexform/schema"
)

// The access review compares each user's best level on each resource
// before and after a plan. It never builds the whole user × resource
// table (a connection shared with the workspace's members reaches every
// user): it evaluates only the users whose level can differ, the users a
// resource's changed grants reach, or, for a resource whose grants are the
// same, the users whose standing changed in an audience it is shared with.
//
// Users are numbered in email order (userIDs), so every list of users is a
// sorted []int32, merged without building sets, and every question "is u
// in this audience" is an index into a []bool or a binary search of a
// group's sorted members.

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

// userIDs numbers the users of the snapshots a review compares, in email
// order: a smaller number is an earlier email.
type userIDs struct {
	emails []string
	id     map[string]int32
}

// numberUsers numbers every user email of the snapshots.
func numberUsers(snaps ...*Snapshot) *userIDs {
	var all []string
	for _, s := range snaps {
		emails := make([]string, len(s.Users))
		for i, u := range s.Users {
			emails[i] = u.Email
		}
		if !slices.IsSorted(emails) {
			slices.Sort(emails)
		}
		all = mergeSorted(all, slices.Compact(emails))
	}
	t := &userIDs{emails: all, id: make(map[string]int32, len(all))}
	for i, e := range all {
		t.id[e] = int32(i)
	}
	return t
}

// lookup is the number of email, or -1 for no user of the snapshots.
func (t *userIDs) lookup(email string) int32 {
	if i, ok := t.id[email]; ok {
		return i
	}
	return -1
}

// audiences is who is who in one snapshot.
type audiences struct {
	ids                   *userIDs
	members, guests       []int32              // sorted
	member, guest, active []bool               // by user number
	groups                map[string]*groupRef // by name (and old names, after a rename)
	byID                  map[string]*groupRef
}

// groupRef is a group as sharing names it: its id, current name, the path
// an access change names ("group/NAME") and its active members, sorted.
type groupRef struct {
	id, name, via string
	members       []int32
}

// has reports whether user u is an active member of the group.
func (r *groupRef) has(u int32) bool {
	_, ok := slices.BinarySearch(r.members, u)
	return ok
}

// audiencesOf reads who is who in s, its users numbered by ids. With prev
// set, a group named in prev that s holds under another name (the same id)
// is found under its old name too: sharing follows a renamed group, as in
// Hex.
func audiencesOf(s, prev *Snapshot, ids *userIDs) *audiences {
	n := len(ids.emails)
	a := &audiences{ids: ids, member: make([]bool, n), guest: make([]bool, n), active: make([]bool, n),
		groups: make(map[string]*groupRef, len(s.Groups)), byID: make(map[string]*groupRef, len(s.Groups))}
	for _, u := range s.Users {
		i := ids.lookup(u.Email)
		if !u.Active || i < 0 {
			continue
		}
		a.active[i] = true
		if u.Role == schema.RoleGuest {
			a.guests, a.guest[i] = appendOnce(a.guests, a.guest[i], i), true
		} else {
			a.members, a.member[i] = appendOnce(a.members, a.member[i], i), true
		}
	}
	sortInts(a.members)
	sortInts(a.guests)
	for _, g := range s.Groups {
		ref := &groupRef{id: g.ID, name: g.Name, via: "group/" + g.Name, members: make([]int32, 0, len(g.Members))}
		for _, m := range g.Members {
			if i := ids.lookup(m); i >= 0 && a.active[i] {
				ref.members = append(ref.members, i)
			}
		}
		sortInts(ref.members)
		ref.members = slices.Compact(ref.members)
		a.groups[g.Name], a.byID[g.ID] = ref, ref
	}
	if prev != nil {
		for _, g := range prev.Groups {
			if ref, ok := a.byID[g.ID]; ok && a.groups[g.Name] == nil {
				a.groups[g.Name] = ref
			}
		}
	}
	return a
}

// appendOnce appends i to list unless present says it is there already.
func appendOnce(list []int32, present bool, i int32) []int32 {
	if present {
		return list
	}
	return append(list, i)
}

// sortInts sorts a list of user numbers that is most often sorted already.
func sortInts(l []int32) {
	if !slices.IsSorted(l) {
		slices.Sort(l)
	}
}

// grantRef is a grant resolved against one snapshot's audiences: its rank
// and level, the path it names, and the group or user it is to.
type grantRef struct {
	rank       int
	level, via string
	to         Audience
	group      *groupRef // for a grant to a group the snapshot holds
	user       int32     // for a grant to one user: its number, or -1
}

// resolve resolves a grant of the given rank against the audiences.
func (a *audiences) resolve(g Grant, rank int) grantRef {
	r := grantRef{rank: rank, level: g.Level, via: g.To.via(), to: g.To, user: -1}
	switch {
	case g.To.Group != "":
		if ref := a.groups[g.To.Group]; ref != nil {
			r.group, r.via = ref, ref.via
		}
	case !g.To.Members && !g.To.Guests:
		r.user = a.ids.lookup(g.To.User)
	}
	return r
}

// reach lists the users a grant reaches, sorted.
func (a *audiences) reach(g *grantRef) []int32 {
	switch {
	case g.to.Members:
		return a.members
	case g.to.Guests:
		return a.guests
	case g.to.Group != "":
		if g.group != nil {
			return g.group.members
		}
		return nil
	case g.user >= 0 && a.active[g.user]:
		return []int32{g.user}
	}
	return nil
}

// reaches reports whether a grant reaches user u.
func (a *audiences) reaches(g *grantRef, u int32) bool {
	switch {
	case g.to.Members:
		return a.member[u]
	case g.to.Guests:
		return a.guest[u]
	case g.to.Group != "":
		return g.group != nil && g.group.has(u)
	}
	return g.user == u && a.active[u]
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

// userSet marks, by number, the users whose keys ("user/EMAIL") are in m.
func (t *userIDs) userSet(m map[string]string) []bool {
	out := make([]bool, len(t.emails))
	for k := range m {
		if i := t.lookup(strings.TrimPrefix(k, string(KindUser)+"/")); i >= 0 {
			out[i] = true
		}
	}
	return out
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

// mergeSorted is the sorted union of two sorted lists without duplicates.
func mergeSorted[T cmp.Ordered](a, b []T) []T {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]T, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// symmetricDiff lists the values in exactly one of two sorted lists.
func symmetricDiff(x, y []int32) []int32 {
	var out []int32
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case j == len(y) || (i < len(x) && x[i] < y[j]):
			out = append(out, x[i])
			i++
		case i == len(x) || y[j] < x[i]:
			out = append(out, y[j])
			j++
		default:
			i, j = i+1, j+1
		}
	}
	return out
}
