package reconcile

import (
	"cmp"
	"fmt"
	"github.com/hexform/hexform/internal/par"
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

// resolved is the resource's grants that give access, resolved against
// the audiences, best first: by rank, then by path. A user's best level is
// then the first of them that reaches the user.
func (rg *resourceGrants) resolved(a *audiences) []grantRef {
	if rg == nil {
		return nil
	}
	out := make([]grantRef, 0, len(rg.grants))
	for _, g := range rg.grants {
		if rank := rg.rank(g.Level); rank > 0 {
			out = append(out, a.resolve(g, rank))
		}
	}
	slices.SortStableFunc(out, func(x, y grantRef) int {
		return cmp.Or(cmp.Compare(y.rank, x.rank), cmp.Compare(x.via, y.via))
	})
	return out
}

// best is user u's best level through the resolved grants, with the first
// (in order) of the paths that grant it.
func best(grants []grantRef, a *audiences, u int32) bestLevel {
	for i := range grants {
		if g := &grants[i]; a.reaches(g, u) {
			return bestLevel{rank: g.rank, level: g.level, via: g.via}
		}
	}
	return bestLevel{level: AccessNone}
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

// accessPair is the two sides a review compares: the snapshots' users
// numbered once, who is who on each side, what moved between them, and
// the users whose access is not computed.
type accessPair struct {
	ids     *userIDs
	ab, aa  *audiences
	moved   movement
	skipped []bool
	// rolesBefore and rolesAfter are the active users' roles (roles).
	rolesBefore, rolesAfter []string
}

func newAccessPair(before, after *Snapshot, skip *accessSkip) *accessPair {
	ids := numberUsers(before, after)
	p := &accessPair{ids: ids, skipped: ids.userSet(skip.users)}
	// The two sides only read the snapshots: one core each.
	wait := par.Go(func() { p.ab = audiencesOf(before, nil, ids) })
	p.aa = audiencesOf(after, before, ids)
	wait()
	p.moved = standingChanged(p.ab, p.aa)
	return p
}

// resourceChanges appends to out every user's changed level on every
// resource, before and after, in the review's order (kind, then resource
// name, then user), evaluating only the users whose level can differ.
func (p *accessPair) resourceChanges(out AccessGroups, before, after *Snapshot, unreadable map[Kind]bool, skip *accessSkip) AccessGroups {
	for _, c := range p.changedUsers(before, after, unreadable, skip) {
		for _, g := range c.pattern.groups {
			g.Resource = c.name
			out = append(out, g)
		}
	}
	return out
}

// compared is one resource whose users' access changes, and how.
type compared struct {
	name    string
	pattern *accessPattern
}

// accessPattern is what a resource's grants, before and after, do to the
// users' access: the groups of users whose level differs (their Resource
// unset), and how many users they hold. Resources whose grants give the
// same levels to the same audiences, before and after (the same
// signatures: fifty connections shared with the workspace's members), have
// the same pattern: it is computed once, and its lists of users shared.
type accessPattern struct {
	groups []AccessGroup
	n      int
}

// changedUsers compares the resources in the review's order until
// MaxAccessChanges users' levels differ, and says so in skip.cut when it
// stops before the last.
func (p *accessPair) changedUsers(before, after *Snapshot, unreadable map[Kind]bool, skip *accessSkip) []compared {
	gb, ga := grantsOf(before, unreadable, skip), grantsOf(after, unreadable, skip)
	keys := unionKeys(gb, ga, func(x, y resourceKey) int {
		return cmp.Or(cmp.Compare(kindIndex(x.kind), kindIndex(y.kind)),
			cmp.Compare(nameOf(ga[x], gb[x]), nameOf(ga[y], gb[y])), cmp.Compare(x.id, y.id))
	})
	var todo []compared
	patterns := map[string]*accessPattern{}
	total := 0
	for i, key := range keys {
		if total >= MaxAccessChanges {
			skip.cut = fmt.Sprintf("access: the plan changes over %d users' access to resources, so the access of %d of %d resources (in kind and name order) is listed and that of the rest is not computed",
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
		sb, sa := b.signature(p.ab), a.signature(p.aa)
		pk := string(key.kind) + "\x00" + sb + "\x00" + sa
		pat := patterns[pk]
		if pat == nil {
			pat = p.pattern(b, a, sb != sa)
			patterns[pk] = pat
		}
		if pat.n > 0 {
			todo, total = append(todo, compared{name, pat}), total+pat.n
		}
	}
	return todo
}

func nameOf(a, b *resourceGrants) string {
	if a != nil {
		return a.name
	}
	return b.name
}

// movement is what changed in users' standing between two snapshots: the
// users whose workspace standing changed (active, guest or member), and,
// by group id, the users who joined or left the group (computed when
// first asked).
type movement struct {
	sorted []int32
	b, a   *audiences
	groups map[string][]int32
}

func standingChanged(b, a *audiences) movement {
	m := movement{b: b, a: a, groups: map[string][]int32{}}
	for u := range b.member {
		if b.member[u] != a.member[u] || b.guest[u] != a.guest[u] {
			m.sorted = append(m.sorted, int32(u))
		}
	}
	return m
}

// group is the users who joined or left the group with the id, sorted.
func (m *movement) group(id string) []int32 {
	if out, ok := m.groups[id]; ok {
		return out
	}
	var x, y []int32
	if ref := m.b.byID[id]; ref != nil {
		x = ref.members
	}
	if ref := m.a.byID[id]; ref != nil {
		y = ref.members
	}
	out := symmetricDiff(x, y)
	m.groups[id] = out
	return out
}

// candidates are the users whose level can differ, sorted: every user the
// grants reach, before or after, when the grants changed; else those whose
// standing changed in an audience the grants name.
func (p *accessPair) candidates(changed bool, rb, ra []grantRef) []int32 {
	if changed {
		var out []int32
		for i := range rb {
			out = mergeSorted(out, p.ab.reach(&rb[i]))
		}
		for i := range ra {
			out = mergeSorted(out, p.aa.reach(&ra[i]))
		}
		return out
	}
	if len(ra) == 0 {
		return nil // the same grants, none of them effective
	}
	out := p.moved.sorted
	for i := range ra {
		if g := &ra[i]; g.group != nil {
			out = mergeSorted(out, p.moved.group(g.group.id))
		}
	}
	return out
}

// pattern compares the levels the grants give before and after to the
// users whose level can differ, and groups those whose level differs: one
// group per levels before and after and path, in the order of their first
// users, each listing its users in email order.
func (p *accessPair) pattern(b, a *resourceGrants, changed bool) *accessPattern {
	rb, ra := b.resolved(p.ab), a.resolved(p.aa)
	pat := &accessPattern{}
	var users, which []int32 // the users whose level differs, and their groups
	var sizes []int
	for _, u := range p.candidates(changed, rb, ra) {
		if p.skipped[u] {
			continue
		}
		was, now := best(rb, p.ab, u), best(ra, p.aa, u)
		if was.rank == now.rank {
			continue
		}
		why := now
		if now.rank < was.rank {
			why = was
		}
		i := 0
		for i < len(pat.groups) && (pat.groups[i].Before != was.level || pat.groups[i].After != now.level || pat.groups[i].Via != why.via) {
			i++
		}
		if i == len(pat.groups) {
			pat.groups = append(pat.groups, AccessGroup{Before: was.level, After: now.level, Via: why.via})
			sizes = append(sizes, 0)
		}
		users, which = append(users, u), append(which, int32(i))
		sizes[i]++
	}
	for i, n := range sizes {
		pat.groups[i].Users = make([]string, 0, n)
	}
	for k, u := range users {
		g := &pat.groups[which[k]]
		g.Users = append(g.Users, p.ids.emails[u])
	}
	pat.n = len(users)
	return pat
}
