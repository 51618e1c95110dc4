package hextarget

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hexform/hexform/reconcile"
)

// reads lists the requests the fake saw, as "GET /path?query".
func (f *fakeHex) reads() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		s := c.Method + " " + c.Path
		if strings.Contains(c.Query, "groupId=") {
			s += " members"
		}
		out = append(out, s)
	}
	return out
}

func skipAllBut(keep ...reconcile.Kind) []reconcile.Kind {
	var out []reconcile.Kind
	for _, k := range reconcile.Kinds {
		if !contains(keep, k) {
			out = append(out, k)
		}
	}
	return out
}

func contains(ks []reconcile.Kind, k reconcile.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func TestConnectionsOnlyReadsNoUsersAndNoMembers(t *testing.T) {
	f := newFake()
	tg := newTarget(t, f)
	snap, err := tg.SnapshotScope(context.Background(), reconcile.Scope{Skip: skipAllBut(reconcile.KindConnection)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"GET /v1/users/me", "GET /v1/groups", "GET /v1/data-connections", "GET /v1/data-connections/c2"}
	if d := cmp.Diff(want, f.reads()); d != "" {
		t.Errorf("requests (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]reconcile.Kind{reconcile.KindCollection, reconcile.KindGroup, reconcile.KindUser}, snap.Skipped); d != "" {
		t.Errorf("skipped (-want +got):\n%s", d)
	}
	if len(snap.Users) != 0 || len(snap.Groups) != 0 || len(snap.Connections) != 2 {
		t.Errorf("snapshot holds %d users, %d groups, %d connections", len(snap.Users), len(snap.Groups), len(snap.Connections))
	}
	if snap.Actor != "alice@acme.com" {
		t.Errorf("actor %q: the token's identity is always read", snap.Actor)
	}
	id, ok, err := tg.groupID(context.Background(), "Analysts")
	if err != nil || !ok || id != "g1" {
		t.Errorf("groupID = %q %v %v, want g1 from the list the read made", id, ok, err)
	}
	if n := len(f.reads()); n != len(want) {
		t.Errorf("groupID listed the groups again: %q", f.reads()[len(want):])
	}
}

func TestScopedGroupsReadOnlyTheirMembers(t *testing.T) {
	f := newFake()
	tg := newTarget(t, f)
	scope := reconcile.Scope{Skip: skipAllBut(reconcile.KindGroup), Items: map[reconcile.Kind][]string{reconcile.KindGroup: {"Analysts", "New"}}}
	snap, err := tg.SnapshotScope(context.Background(), scope)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"GET /v1/users/me", "GET /v1/users", "GET /v1/groups", "GET /v1/users members"}
	if d := cmp.Diff(want, f.reads()); d != "" {
		t.Errorf("requests (-want +got):\n%s", d)
	}
	if len(snap.Groups) != 1 || snap.Groups[0].Name != "Analysts" {
		t.Errorf("groups %+v, want Analysts only", snap.Groups)
	}
	if d := cmp.Diff(&reconcile.PartialRead{Names: []string{"Analysts", "New"}, Total: 2}, snap.Partial[reconcile.KindGroup]); d != "" {
		t.Errorf("partial (-want +got):\n%s", d)
	}
	if !snap.Covers(scope) {
		t.Error("the read does not cover its own scope")
	}
	if len(snap.Users) == 0 {
		t.Error("users are read with groups (apply maps members to ids), and the snapshot says so")
	}
}

func TestScopedConnectionsGetOnlyThoseNamed(t *testing.T) {
	f := newFake()
	tg := newTarget(t, f)
	snap, err := tg.SnapshotScope(context.Background(), reconcile.Scope{Skip: skipAllBut(reconcile.KindConnection),
		Items: map[reconcile.Kind][]string{reconcile.KindConnection: {"Warehouse"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.reads() {
		if strings.HasSuffix(r, "/c2") {
			t.Errorf("read the connection the scope leaves out: %s", r)
		}
	}
	if len(snap.Connections) != 1 || snap.Connections[0].Name != "Warehouse" || snap.Partial[reconcile.KindConnection].Total != 2 {
		t.Errorf("connections %+v, partial %+v", snap.Connections, snap.Partial)
	}
}

func TestFullSnapshotHasNoScope(t *testing.T) {
	snap, err := newTarget(t, newFake()).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if snap.Skipped != nil || snap.Partial != nil {
		t.Errorf("a full read lists skipped %v, partial %v", snap.Skipped, snap.Partial)
	}
}
