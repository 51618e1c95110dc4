package reconcile

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// An Index resolves and stores every change exactly as Resolve and Put do
// on the same snapshot, errors included: creates onto taken names (users'
// emails in another case), renames onto taken names and back, updates by a
// stale id (found by name), deletes of what is gone, and the lists
// reordered in place between changes.
func TestIndexMatchesResolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2026))
	plain := &Snapshot{Users: []UserState{{ID: "u0", Email: "a@x.com", Role: "viewer", Active: true}}, Groups: []GroupState{{ID: "g0", Name: "G0", Members: []string{}}}}
	plain.Normalize()
	indexed := CloneSnapshot(plain)
	ix := NewIndex(indexed)
	done := map[string]int{} // "create group ok", "rename group refused", ...
	for step := range 3000 {
		c := randomChange(rng)
		if rng.IntN(100) == 0 {
			plain.Normalize()
			indexed.Normalize()
		}
		want, werr := Resolve(plain, c)
		got, gerr := ix.Resolve(c)
		if fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Fatalf("step %d, %+v: Index.Resolve err = %v, Resolve err = %v", step, c, gerr, werr)
		}
		done[fmt.Sprintf("%s %s %v", c.Action, c.Kind, werr == nil)]++
		if werr != nil {
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("step %d, %+v: typed items (-Resolve +Index):\n%s", step, c, diff)
		}
		id := fmt.Sprintf("id%d", step)
		if werr, gerr := want.Put(plain, id), ix.Put(got, id); fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Fatalf("step %d: Index.Put err = %v, Put err = %v", step, gerr, werr)
		}
		if diff := cmp.Diff(plain, indexed); diff != "" {
			t.Fatalf("step %d, %+v: snapshot (-Put +Index.Put):\n%s", step, c, diff)
		}
	}
	for _, a := range []Action{ActionCreate, ActionUpdate, ActionRename, ActionDelete} {
		for _, ok := range []bool{true, false} {
			if k := fmt.Sprintf("%s %s %v", a, KindGroup, ok); done[k] < 20 {
				t.Errorf("%q only %d times: the test covers too little", k, done[k])
			}
		}
	}
}

// randomChange is a change to one of a few groups or users, by a name and
// an id that may or may not be theirs.
func randomChange(rng *rand.Rand) Change {
	name := func(prefix string) string { return fmt.Sprintf("%s%d", prefix, rng.IntN(12)) }
	actions := []Action{ActionCreate, ActionUpdate, ActionRename, ActionDelete}
	c := Change{Action: actions[rng.IntN(len(actions))]}
	if rng.IntN(3) > 0 {
		c.ResourceID = fmt.Sprintf("id%d", rng.IntN(3000))
	}
	if rng.IntN(2) == 0 {
		c.Kind, c.Name = KindGroup, name("G")
		c.Fields = []Field{{Path: "members", After: []string{name("m") + "@x.com"}}}
		if c.Action == ActionRename || c.Action == ActionCreate {
			c.Fields = append(c.Fields, Field{Path: "name", After: name("G")})
		}
		return c
	}
	c.Kind, c.Name = KindUser, name("u")+"@x.com"
	if rng.IntN(2) == 0 {
		c.Name = name("U") + "@X.com"
	}
	c.Fields = []Field{{Path: "role", After: "editor"}, {Path: "name", After: name("n")}}
	if c.Action == ActionRename {
		c.Action = ActionDeactivate
	}
	return c
}
