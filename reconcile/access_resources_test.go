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
// states it finds exactly what comparing every user on every resource
// finds.
func TestResourceChangesMatchEveryUserCompared(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 2026))
	for trial := range 200 {
		before := randomAccessState(rng)
		after := CloneSnapshot(before)
		mutateAccessState(rng, after)
		before.Normalize()
		after.Normalize()
		skip := &accessSkip{kinds: map[Kind]string{}, resources: map[string]string{}, users: map[string]string{}, groups: map[string]string{}}
		got := resourceChanges(before, after, nil, skip)
		want := everyUserCompared(before, after)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("trial %d (-every user +review):\n%s", trial, d)
		}
	}
}

func everyUserCompared(before, after *Snapshot) []AccessChange {
	ab, aa := audiencesOf(before, nil), audiencesOf(after, before)
	skip := &accessSkip{groups: map[string]string{}, resources: map[string]string{}}
	gb, ga := grantsOf(before, nil, skip), grantsOf(after, nil, skip)
	seen := map[string]bool{}
	for _, s := range []*Snapshot{before, after} {
		for _, u := range s.Users {
			seen[u.Email] = true
		}
	}
	all := sortedSet(seen)
	var out []AccessChange
	for _, key := range unionKeys(gb, ga, compareResourceKeys) {
		out = append(out, userChanges(nameOf(ga[key], gb[key]), all, gb[key], ga[key], ab, aa, &accessSkip{})...)
	}
	sortAccess(out)
	return out
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
	for i := range 3 {
		c := ConnectionState{ID: fmt.Sprint("c", i), Name: fmt.Sprint("C", i), Type: "postgres",
			Sharing: SharingState{Members: accessLevels[rng.IntN(3)], Guests: accessLevels[rng.IntN(3)], Groups: map[string]string{}}}
		for _, g := range s.Groups {
			if rng.IntN(2) == 0 {
				c.Sharing.Groups[g.Name] = accessLevels[rng.IntN(3)]
			}
		}
		s.Connections = append(s.Connections, c)
	}
	return s
}

// mutateAccessState makes a few random changes of the kinds a plan makes.
func mutateAccessState(rng *rand.Rand, s *Snapshot) {
	for range 1 + rng.IntN(3) {
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
	if len(r.Changes) != 0 {
		t.Fatalf("no changes, review %+v", r)
	}
	skip := &accessSkip{kinds: map[Kind]string{}, resources: map[string]string{}, users: map[string]string{}, groups: map[string]string{}}
	got := resourceChanges(before, after, nil, skip)
	if len(got) != 2 || !strings.Contains(strings.Join(skip.notes(), "\n"), "2 of 4 resources") {
		t.Errorf("changes %v, notes %q", got, skip.notes())
	}
}
