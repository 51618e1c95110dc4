package filetarget

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/hexform/hexform/reconcile"
)

// Staging a change costs what the change is, not what the state holds: in
// a batch on a state of 20,000 users and 2,000 groups, creating a user or a
// group, and changing a group's members, allocates no more than on a state
// of ten users, and takes at most a few times as long (the fastest of
// three rounds; looking through the lists, or making a set of the users for
// every group change, takes hundreds of times as long).
func TestStageCostsWhatTheChangeIs(t *testing.T) {
	smallAllocs, small := stageCost(t, 10, 1)
	largeAllocs, large := stageCost(t, 20000, 2000)
	t.Logf("per staged change: %.0f allocations and %v on 10 users, %.0f and %v on 20,000", smallAllocs, small, largeAllocs, large)
	if largeAllocs > smallAllocs+20 {
		t.Errorf("staging a change on 20,000 users allocates %.0f times, on 10 users %.0f: it grows with the state", largeAllocs, smallAllocs)
	}
	if large > 10*small+20*time.Microsecond {
		t.Errorf("staging a change on 20,000 users takes %v, on 10 users %v: it grows with the state", large, small)
	}
}

// stageCost is the allocations and the time (the fastest of three rounds)
// of staging one change, in one batch on a state of the size: a user
// create, a group create and an update of that group, in turn.
func stageCost(t *testing.T, users, groups int) (float64, time.Duration) {
	s := &reconcile.Snapshot{}
	for i := range users {
		s.Users = append(s.Users, reconcile.UserState{ID: fmt.Sprintf("usr_%d", i), Email: fmt.Sprintf("user%06d@acme.com", i), Role: "viewer", Active: true})
	}
	for i := range groups {
		s.Groups = append(s.Groups, reconcile.GroupState{ID: fmt.Sprintf("grp_%d", i), Name: fmt.Sprintf("Group %05d", i), Members: []string{"user000000@acme.com"}})
	}
	path := filepath.Join(t.TempDir(), "state.json")
	if err := WriteSnapshot(path, s); err != nil {
		t.Fatal(err)
	}
	b, err := New(path, nil).Begin(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	stage := func() {
		n++
		email, group := fmt.Sprintf("new%06d@acme.com", n), fmt.Sprintf("New %05d", n)
		for _, c := range []reconcile.Change{
			chg(C, reconcile.KindUser, email, fld("role", nil, "viewer")),
			chg(C, reconcile.KindGroup, group, fld("name", nil, group), fld("members", nil, []string{email})),
			chg(U, reconcile.KindGroup, group, fld("members", []string{email}, []string{email, "user000000@acme.com"})),
		} {
			if err := b.Stage(c); err != nil {
				t.Fatal(err)
			}
		}
	}
	allocs := testing.AllocsPerRun(100, stage) / 3
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		for range 100 {
			stage()
		}
		best = min(best, time.Since(start)/300)
	}
	return allocs, best
}
