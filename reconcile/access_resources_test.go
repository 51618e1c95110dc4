package reconcile

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

// The review evaluates only the users whose level can differ; on random
// states it finds exactly what comparing every user on every resource,
// the plain way, finds.
func TestResourceChangesMatchEveryUserCompared(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 2026))
	for trial := range 500 {
		before := randomAccessState(rng)
		after := CloneSnapshot(before)
		mutateAccessState(rng, after)
		before.Normalize()
		after.Normalize()
		got := resourceChangesOf(before, after)
		want := everyUserCompared(before, after)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("trial %d (-every user +review):\n%s", trial, d)
		}
	}
}

func newAccessSkip() *accessSkip {
	return &accessSkip{kinds: map[Kind]string{}, resources: map[string]string{}, users: map[string]string{}, groups: map[string]string{}}
}

func resourceChangesOf(before, after *Snapshot) []AccessChange {
	skip := newAccessSkip()
	return newAccessPair(before, after, skip).resourceChanges(nil, before, after, nil, skip).Entries()
}

// everyUserCompared is the review done the plain way: every user's best
// level on every connection, before and after, from the snapshots alone.
func everyUserCompared(before, after *Snapshot) []AccessChange {
	users := map[string]bool{}
	conns := map[string][2]*ConnectionState{}
	for side, s := range []*Snapshot{before, after} {
		for _, u := range s.Users {
			users[u.Email] = true
		}
		for i := range s.Connections {
			c := conns[s.Connections[i].ID]
			c[side] = &s.Connections[i]
			conns[s.Connections[i].ID] = c
		}
	}
	var out []AccessChange
	for _, id := range sortedKeys(conns) {
		c := conns[id]
		name := "connection/" + c[1].Name
		if c[1] == nil {
			name = "connection/" + c[0].Name
		}
		for _, u := range sortedSet(users) {
			was, now := plainBest(before, nil, c[0], u), plainBest(after, before, c[1], u)
			if was.rank == now.rank {
				continue
			}
			why := now
			if now.rank < was.rank {
				why = was
			}
			out = append(out, AccessChange{User: u, Resource: name, Before: was.level, After: now.level, Via: why.via})
		}
	}
	return out
}

// plainBest is user u's best level on connection c of s, and the smallest
// path that grants it; a group c names by a name prev gave it is the group
// of that id in s.
func plainBest(s, prev *Snapshot, c *ConnectionState, u string) bestLevel {
	b := bestLevel{level: AccessNone}
	if c == nil {
		return b
	}
	var user *UserState
	for i := range s.Users {
		if s.Users[i].Email == u && s.Users[i].Active {
			user = &s.Users[i]
		}
	}
	if user == nil {
		return b
	}
	offer := func(level, via string) {
		r := levelRank(level)
		if r > b.rank || (r == b.rank && r > 0 && via < b.via) {
			b = bestLevel{rank: r, level: level, via: via}
		}
	}
	if user.Role == schema.RoleGuest {
		offer(c.Sharing.Guests, "workspace guests")
	} else {
		offer(c.Sharing.Members, "workspace members")
	}
	for name, level := range c.Sharing.Groups {
		if g := plainGroup(s, prev, name); g != nil && slices.Contains(g.Members, u) {
			offer(level, "group/"+g.Name)
		}
	}
	return b
}

func plainGroup(s, prev *Snapshot, name string) *GroupState {
	for i := range s.Groups {
		if s.Groups[i].Name == name {
			return &s.Groups[i]
		}
	}
	if prev == nil {
		return nil
	}
	for _, old := range prev.Groups {
		for i := range s.Groups {
			if old.Name == name && s.Groups[i].ID == old.ID {
				return &s.Groups[i]
			}
		}
	}
	return nil
}

var accessLevels = []string{schema.AccessNone, schema.AccessViewResults, schema.AccessQuery}

func randomAccessState(rng *rand.Rand) *Snapshot {
	s := &Snapshot{}
	for i := range 12 {
		role := schema.Roles[rng.IntN(len(schema.Roles))]
		s.Users = append(s.Users, UserState{ID: fmt.Sprint("u", i), Email: fmt.Sprintf("u%d@x.com", i), Role: role, Active: rng.IntN(5) > 0})
	}
	for i := range 3 {
		g := GroupState{ID: fmt.Sprint("g", i), Name: fmt.Sprint("G", i)}
		for _, u := range s.Users {
			if rng.IntN(3) == 0 {
				g.Members = append(g.Members, u.Email)
			}
		}
		s.Groups = append(s.Groups, g)
	}
	for i := range 8 { // enough to share patterns (accessPattern), and to differ
		c := ConnectionState{ID: fmt.Sprint("c", i), Name: fmt.Sprint("C", i), Type: "postgres",
			Sharing: SharingState{Members: accessLevels[rng.IntN(3)], Guests: accessLevels[rng.IntN(3)], Groups: map[string]string{}}}
		for _, g := range s.Groups {
			if rng.IntN(4) == 0 {
				c.Sharing.Groups[g.Name] = accessLevels[rng.IntN(3)]
			}
		}
		s.Connections = append(s.Connections, c)
	}
	return s
}

// mutateAccessState makes a few random changes of the kinds a plan makes.
func mutateAccessState(rng *rand.Rand, s *Snapshot) {
	for range 1 + rng.IntN(4) {
		switch rng.IntN(6) {
		case 0:
			u := &s.Users[rng.IntN(len(s.Users))]
			u.Role = schema.Roles[rng.IntN(len(schema.Roles))]
		case 1:
			u := &s.Users[rng.IntN(len(s.Users))]
			u.Active = !u.Active
		case 2:
			g := &s.Groups[rng.IntN(len(s.Groups))]
			u := s.Users[rng.IntN(len(s.Users))].Email
			if i := slices.Index(g.Members, u); i >= 0 {
				g.Members = slices.Delete(g.Members, i, i+1)
			} else {
				g.Members = append(g.Members, u)
			}
		case 3:
			c := &s.Connections[rng.IntN(len(s.Connections))]
			c.Sharing.Members = accessLevels[rng.IntN(3)]
		case 4:
			c := &s.Connections[rng.IntN(len(s.Connections))]
			if c.Sharing.Groups == nil {
				c.Sharing.Groups = map[string]string{}
			}
			c.Sharing.Groups[s.Groups[rng.IntN(len(s.Groups))].Name] = accessLevels[rng.IntN(3)]
		case 5:
			g := &s.Groups[rng.IntN(len(s.Groups))]
			old := g.Name
			g.Name += "-renamed"
			if rng.IntN(2) == 0 {
				for i := range s.Connections {
					if l, ok := s.Connections[i].Sharing.Groups[old]; ok {
						delete(s.Connections[i].Sharing.Groups, old)
						s.Connections[i].Sharing.Groups[g.Name] = l
					}
				}
			}
		}
	}
}

// Past MaxAccessChanges the review stops listing and says so: the
// resources not compared are not computed, never left out silently.
func TestResourceChangesStopAtTheLimit(t *testing.T) {
	defer func(n int) { MaxAccessChanges = n }(MaxAccessChanges)
	MaxAccessChanges = 2
	before := &Snapshot{}
	for i := range 5 {
		before.Users = append(before.Users, UserState{ID: fmt.Sprint(i), Email: fmt.Sprintf("u%d@x.com", i), Role: schema.RoleViewer, Active: true})
	}
	for i := range 4 {
		before.Connections = append(before.Connections, ConnectionState{ID: fmt.Sprint("c", i), Name: fmt.Sprint("C", i),
			Sharing: SharingState{Members: schema.AccessQuery, Guests: schema.AccessNone, Public: schema.AccessNone}})
	}
	before.Normalize()
	after := CloneSnapshot(before)
	after.Users[0].Active = false
	r := ReviewAccess(before, nil, nil)
	if r.Changes.Len() != 0 {
		t.Fatalf("no changes, review %+v", r)
	}
	skip := newAccessSkip()
	got := newAccessPair(before, after, skip).resourceChanges(nil, before, after, nil, skip)
	if got.Len() != 2 || !strings.Contains(strings.Join(skip.notes(), "\n"), "2 of 4 resources") {
		t.Errorf("changes %v, notes %q", got, skip.notes())
	}
}
