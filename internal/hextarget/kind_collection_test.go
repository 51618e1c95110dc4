package hextarget

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hexform/hexform/reconcile"
)

func collChange(a reconcile.Action, name, id string, fields ...reconcile.Field) reconcile.Change {
	return change(a, reconcile.KindCollection, name, id, fields...)
}

func TestReadCollections(t *testing.T) {
	tg, _ := snapTarget(t)
	snap, err := tg.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []reconcile.CollectionState{{ID: "col1", Name: "Finance", Description: "Month-end",
		Sharing: reconcile.CollectionSharing{Members: "none", Groups: map[string]string{"Analysts": "manager"},
			// An id the user list does not give stands for itself.
			Users: map[string]string{"bob@acme.com": "member", "u-gone": "manager"}}}}
	if d := cmp.Diff(want, snap.Collections); d != "" {
		t.Errorf("collections (-want +got):\n%s", d)
	}
}

func TestApplyCollectionCreate(t *testing.T) {
	tg, f := snapTarget(t)
	applyOne(t, tg, collChange(reconcile.ActionCreate, "Board", "",
		fld("name", nil, "Board"), fld("description", nil, "for the board"), fld("sharing.members", nil, "member"),
		fld("sharing.groups.Analysts", nil, "manager"), fld("sharing.users.Carol@acme.com", nil, "member"), fld("protected", nil, true)))
	oneWrite(t, f, "POST", "/v1/collections", `{"name":"Board","description":"for the board","sharing":{`+
		`"users":[{"id":"u3","access":"MEMBER"}],"groups":[{"id":"g1","access":"MANAGER"}],"workspace":{"members":"MEMBER"}}}`)
	// A bare create sends the name alone.
	applyOne(t, tg, collChange(reconcile.ActionCreate, "Bare", "", fld("name", nil, "Bare")))
	oneWrite(t, f, "POST", "/v1/collections", `{"name":"Bare"}`)
}

// An update sends only what the change touches: the sharing entries the
// file manages go as an upsert (a removed one as NONE), and an entry the
// change does not name (u-gone's) is never sent.
func TestApplyCollectionUpdate(t *testing.T) {
	tg, f := snapTarget(t)
	applyOne(t, tg, collChange(reconcile.ActionUpdate, "Finance", "col1",
		fld("sharing.users.bob@acme.com", "member", "none"), fld("sharing.groups.Analysts", "manager", "member")))
	oneWrite(t, f, "PATCH", "/v1/collections/col1", `{"sharing":{"upsert":{"users":[{"id":"u2","access":"NONE"}],"groups":[{"id":"g1","access":"MEMBER"}]}}}`)
	applyOne(t, tg, collChange(reconcile.ActionUpdate, "Finance", "col1", fld("sharing.members", "none", "manager"), fld("description", "Month-end", "")))
	oneWrite(t, f, "PATCH", "/v1/collections/col1", `{"description":"","sharing":{"upsert":{"workspace":{"members":"MANAGER"}}}}`)
	// An id that stands for a user the list did not give can lose its access.
	applyOne(t, tg, collChange(reconcile.ActionUpdate, "Finance", "col1", fld("sharing.users.u-gone", "manager", "none")))
	oneWrite(t, f, "PATCH", "/v1/collections/col1", `{"sharing":{"upsert":{"users":[{"id":"u-gone","access":"NONE"}]}}}`)
	applyOne(t, tg, collChange(reconcile.ActionRename, "Finance", "col1", fld("name", "Finance", "Finance reports")))
	oneWrite(t, f, "PATCH", "/v1/collections/col1", `{"name":"Finance reports"}`)
	// protect: has no place in Hex: nothing is sent.
	applyOne(t, tg, collChange(reconcile.ActionUpdate, "Finance reports", "col1", fld("protected", false, true)))
	if w := f.writes(); len(w) != 0 {
		t.Errorf("writes = %+v, want none", w)
	}
}

func TestCollectionDeleteIsManual(t *testing.T) {
	tg, f := snapTarget(t)
	caps := tg.Capabilities()
	if !caps.Read[reconcile.KindCollection] || caps.Write[reconcile.KindCollection][reconcile.ActionDelete] ||
		!caps.Write[reconcile.KindCollection][reconcile.ActionCreate] || !caps.Write[reconcile.KindCollection][reconcile.ActionRename] {
		t.Errorf("capabilities for collections = read %v, write %v", caps.Read[reconcile.KindCollection], caps.Write[reconcile.KindCollection])
	}
	err := tg.Apply(context.Background(), collChange(reconcile.ActionDelete, "Finance", "col1", fld("name", "Finance", nil)), secrets)
	if err == nil || !strings.Contains(err.Error(), "cannot delete a collection") {
		t.Errorf("delete: %v", err)
	}
	if w := f.writes(); len(w) != 0 {
		t.Errorf("writes = %+v", w)
	}
}

func TestCollectionRefusals(t *testing.T) {
	tg, f := snapTarget(t)
	ctx := context.Background()
	// Someone made "Board" since the read: the create would be a second one.
	board := financeCollection()
	board["id"], board["name"] = "col9", "Board"
	f.colls = append(f.colls, board)
	err := tg.Apply(ctx, collChange(reconcile.ActionCreate, "Board", "", fld("name", nil, "Board")), secrets)
	var taken *TakenError
	if !errors.As(err, &taken) || taken.ID != "col9" {
		t.Errorf("create of a taken name: %v", err)
	}
	err = tg.Apply(ctx, collChange(reconcile.ActionUpdate, "Finance", "col1",
		fld("sharing.groups.Nobody", "none", "member"), fld("sharing.users.zed@acme.com", "none", "member")), secrets)
	for _, s := range []string{`"sharing.groups.Nobody": no group named "Nobody"`, `"sharing.users.zed@acme.com"`, "zed@acme.com"} {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Errorf("unknown group and user: %v, want it to say %s", err, s)
		}
	}
	if w := f.writes(); len(w) != 0 {
		t.Errorf("writes = %+v, want none", w)
	}
}

func TestReadCollectionRefusesUnknownLevels(t *testing.T) {
	f := newFake()
	f.colls[0]["sharing"] = map[string]any{"groups": []any{map[string]any{"id": "g1", "access": "CAN_EDIT"}}}
	_, err := newTarget(t, f).Snapshot(context.Background())
	if err == nil || !strings.Contains(err.Error(), `reading collection "Finance": sharing.groups[0]: access "CAN_EDIT" is not a collection level hexform knows (NONE, MEMBER, MANAGER)`) {
		t.Errorf("err = %v", err)
	}
}

func TestReadCollectionsRefusesDuplicateNames(t *testing.T) {
	f := newFake()
	twin := financeCollection()
	twin["id"] = "col2"
	f.colls = append(f.colls, twin)
	_, err := newTarget(t, f).Snapshot(context.Background())
	var dup *DuplicateNameError
	if !errors.As(err, &dup) || dup.Kind != "collection" || !strings.Contains(dup.Hint(), "cannot delete a collection") {
		t.Fatalf("err = %v", err)
	}
}
