package reconcile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// MaxAccessChanges (a variable for tests) bounds the access review's listing of users' access to
// resources: past it, the resources not yet compared are reported as not
// computed, rather than a plan with millions of entries (a plan that
// deactivates thousands of users in a workspace of thousands of shared
// connections).
var MaxAccessChanges = 250_000

// resourceGrants is one resource's name and grants in one snapshot.
type resourceGrants struct {
	name   string
	grants []Grant
	rank   func(string) int
}

// grantsOf collects the grants of every resource of s, for the kinds that
// grant access and that the target can read. A resource shared with a
// group in skip.groups is recorded in skip.resources.
func grantsOf(s *Snapshot, unreadable map[Kind]bool, skip *accessSkip) map[resourceKey]*resourceGrants {
	out := map[resourceKey]*resourceGrants{}
	for _, spec := range kindTable {
		if spec.access == nil || unreadable[spec.Kind] {
			continue
		}
		spec.access.grants(s, func(g Grant) {
			key := resourceKey{g.Kind, g.ID}
			rg := out[key]
			if rg == nil {
				rg = &resourceGrants{rank: spec.access.rank}
				out[key] = rg
			}
			rg.name = string(g.Kind) + "/" + g.Name
			if why, ok := skip.groups[string(KindGroup)+"/"+g.To.Group]; ok && g.To.Group != "" {
				skip.resources[rg.name] = why
			}
			rg.grants = append(rg.grants, g)
		})
	}
	return out
}

// best is user u's best level on a resource through its grants, with the
// first (in order) of the paths that grant it.
func (rg *resourceGrants) best(a *audiences, u string) bestLevel {
	b := bestLevel{level: AccessNone}
	if rg == nil {
		return b
	}
	for _, g := range rg.grants {
		rank := rg.rank(g.Level)
		if rank == 0 || rank < b.rank {
			continue
		}
		ok, via := a.reaches(g.To, u)
		switch {
		case !ok:
		case rank > b.rank:
			b = bestLevel{rank: rank, level: g.Level, via: via}
		case via < b.via:
			b.via = via
		}
	}
	return b
}

// signature is the resource's grants as levels by audience, groups by id:
// equal signatures grant the same levels to the same audiences.
func (rg *resourceGrants) signature(a *audiences) string {
	if rg == nil {
		return ""
	}
	parts := make([]string, 0, len(rg.grants))
	for _, g := range rg.grants {
		if rg.rank(g.Level) > 0 {
			parts = append(parts, a.audienceKey(g.To)+"="+g.Level)
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, "\n")
}

// resourceChanges compares every user's level on every resource before
// and after, evaluating only the users whose level can differ.
func resourceChanges(before, after *Snapshot, unreadable map[Kind]bool, skip *accessSkip) []AccessChange {
	ab, aa := audiencesOf(before, nil), audiencesOf(after, before)
	gb, ga := grantsOf(before, unreadable, skip), grantsOf(after, unreadable, skip)
	moved := standingChanged(ab, aa)
	type group struct {
		kind    int
		name    string
		changes []AccessChange
	}
	var groups []group
	keys, total := unionKeys(gb, ga, compareResourceKeys), 0
	for i, key := range keys {
		if total >= MaxAccessChanges {
			skip.cut = fmt.Sprintf("access: the plan changes over %d users' access to resources, so the access of %d of %d resources (in kind and id order) is listed and that of the rest is not computed",
				MaxAccessChanges, i, len(keys))
			break
		}
		b, a := gb[key], ga[key]
		name := nameOf(a, b)
		if _, bad := skip.resources[name]; bad {
			continue
		}
		if b != nil {
			if _, bad := skip.resources[b.name]; bad {
				continue
			}
		}
		cs := userChanges(name, candidates(b, a, ab, aa, moved), b, a, ab, aa, skip)
		if len(cs) > 0 {
			groups = append(groups, group{kindIndex(key.kind), name, cs})
			total += len(cs)
		}
	}
	// The review's order (sortAccess): kind, then resource, then user.
	slices.SortStableFunc(groups, func(x, y group) int {
		return cmp.Or(cmp.Compare(x.kind, y.kind), cmp.Compare(x.name, y.name))
	})
	n := 0
	for _, g := range groups {
		n += len(g.changes)
	}
	if n == 0 {
		return nil
	}
	out := make([]AccessChange, 0, n)
	for _, g := range groups {
		out = append(out, g.changes...)
	}
	return out
}

func nameOf(a, b *resourceGrants) string {
	if a != nil {
		return a.name
	}
	return b.name
}

// movement is what changed in users' standing between two snapshots: the
// users whose workspace standing changed (active, guest or member), and,
// by group id, the users who joined or left the group.
type movement struct {
	users  map[string]bool
	sorted []string // users, sorted
	groups map[string]map[string]bool
}

func standingChanged(b, a *audiences) movement {
	m := movement{users: map[string]bool{}, groups: map[string]map[string]bool{}}
	for _, set := range []map[string]bool{b.active, a.active} {
		for u := range set {
			if b.member[u] != a.member[u] || b.guest[u] != a.guest[u] {
				m.users[u] = true
			}
		}
	}
	refs := map[string][2]*groupRef{}
	for i, au := range []*audiences{b, a} {
		for _, ref := range au.groups {
			r := refs[ref.id]
			r[i] = ref
			refs[ref.id] = r
		}
	}
	for id, r := range refs {
		m.groups[id] = symmetricDiff(r[0], r[1])
	}
	for u := range m.users {
		m.sorted = append(m.sorted, u)
	}
	slices.Sort(m.sorted)
	return m
}

func symmetricDiff(x, y *groupRef) map[string]bool {
	out := map[string]bool{}
	if x != nil {
		for _, u := range x.members {
			if y == nil || !y.has[u] {
				out[u] = true
			}
		}
	}
	if y != nil {
		for _, u := range y.members {
			if x == nil || !x.has[u] {
				out[u] = true
			}
		}
	}
	return out
}

// candidates are the users whose level on a resource can differ, sorted:
// every user its grants reach, before or after, when the grants changed;
// else those whose standing changed in an audience the grants name.
func candidates(b, a *resourceGrants, ab, aa *audiences, m movement) []string {
	if b.signature(ab) != a.signature(aa) {
		var out []string // every audience's users are sorted: merge them
		for _, x := range []struct {
			rg  *resourceGrants
			aud *audiences
		}{{b, ab}, {a, aa}} {
			if x.rg == nil {
				continue
			}
			for _, g := range x.rg.grants {
				out = mergeSorted(out, x.aud.reach(g.To))
			}
		}
		return out
	}
	out := map[string]bool{}
	if a == nil {
		return nil // the same grants, none of them effective
	}
	for _, g := range a.grants {
		if ref := aa.groups[g.To.Group]; g.To.Group != "" && ref != nil {
			for u := range m.groups[ref.id] {
				out[u] = true
			}
		}
	}
	if len(out) == 0 {
		return m.sorted
	}
	for _, u := range m.sorted {
		out[u] = true
	}
	return sortedSet(out)
}

// userChanges compares the users' levels before and after; users are
// sorted, and so is what it returns.
func userChanges(resource string, users []string, b, a *resourceGrants, ab, aa *audiences, skip *accessSkip) []AccessChange {
	var out []AccessChange
	for _, u := range users {
		if _, bad := skip.users[string(KindUser)+"/"+u]; bad {
			continue
		}
		was, now := b.best(ab, u), a.best(aa, u)
		if was.rank == now.rank {
			continue
		}
		why := now
		if now.rank < was.rank {
			why = was
		}
		out = append(out, AccessChange{User: u, Resource: resource, Before: was.level, After: now.level, Via: why.via})
	}
	return out
}

// mergeSorted is the sorted union of two sorted lists without duplicates.
func mergeSorted(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]string, 0, len(a)+len(b))
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
