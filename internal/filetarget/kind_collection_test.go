package filetarget

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hexform/hexform/reconcile"
)

// TestCollectionSharingFollowsGroups: a group's rename moves its collection
// sharing entries, its delete drops them.
func TestCollectionSharingFollowsGroups(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := WriteSnapshot(path, &reconcile.Snapshot{
		Groups: []reconcile.GroupState{{ID: "grp_1", Name: "A"}, {ID: "grp_2", Name: "B"}, {ID: "grp_3", Name: "C"}},
		Collections: []reconcile.CollectionState{{ID: "col_1", Name: "Reports",
			Sharing: reconcile.CollectionSharing{Groups: map[string]string{"A": "manager", "B": "member", "C": "member"}}}},
	}); err != nil {
		t.Fatal(err)
	}
	tg := New(path, nil)
	ctx := context.Background()
	for _, c := range []reconcile.Change{
		chg(R, reconcile.KindGroup, "A", fld("name", "A", "A2")),
		chg(D, reconcile.KindGroup, "B"),
	} {
		if err := tg.Apply(ctx, c, nil); err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
	}
	s, _ := tg.Snapshot(ctx)
	if diff := cmp.Diff(map[string]string{"A2": "manager", "C": "member"}, s.Collections[0].Sharing.Groups); diff != "" {
		t.Errorf("sharing (-want +got):\n%s", diff)
	}
}

// TestCollectionSharedWithExisting: as on Hex, a collection is shared only
// with groups and users the workspace has; taking access away is always
// possible.
func TestCollectionSharedWithExisting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := WriteSnapshot(path, &reconcile.Snapshot{
		Users:  []reconcile.UserState{{ID: "usr_1", Email: "Ann@acme.com", Role: "admin", Active: true}},
		Groups: []reconcile.GroupState{{ID: "grp_1", Name: "G"}},
		Collections: []reconcile.CollectionState{{ID: "col_1", Name: "Reports",
			Sharing: reconcile.CollectionSharing{Groups: map[string]string{"Gone": "member"}}}},
	}); err != nil {
		t.Fatal(err)
	}
	tg := New(path, nil)
	ctx := context.Background()
	for _, c := range []reconcile.Change{
		chg(C, reconcile.KindCollection, "New", fld("name", nil, "New"), fld("sharing.groups.H", nil, "member")),
		chg(U, reconcile.KindCollection, "Reports", fld("sharing.users.zed@acme.com", "none", "manager")),
	} {
		err := tg.Apply(ctx, c, nil)
		var fe *FieldError
		if !errors.As(err, &fe) || !strings.HasPrefix(fe.Path, "sharing.") || !strings.Contains(err.Error(), "first") {
			t.Errorf("%s: err = %v, want a sharing FieldError", c.ID, err)
		}
	}
	if s, _ := tg.Snapshot(ctx); len(s.Collections) != 1 || s.Revision != 0 {
		t.Errorf("state changed by refused changes: %+v", s)
	}
	ok := chg(U, reconcile.KindCollection, "Reports", fld("sharing.groups.Gone", "member", "none"),
		fld("sharing.groups.G", "none", "manager"), fld("sharing.users.ann@ACME.com", "none", "member"))
	if err := tg.Apply(ctx, ok, nil); err != nil {
		t.Fatalf("sharing with a group and a user the workspace has: %v", err)
	}
	s, _ := tg.Snapshot(ctx)
	want := reconcile.CollectionSharing{Members: "none", Groups: map[string]string{"G": "manager"}, Users: map[string]string{"ann@acme.com": "member"}}
	if diff := cmp.Diff(want, s.Collections[0].Sharing); diff != "" {
		t.Errorf("sharing (-want +got):\n%s", diff)
	}
}
