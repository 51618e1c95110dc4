package reconcile

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

func collectionHave() *Snapshot {
	return &Snapshot{
		Users:  []UserState{{ID: "u1", Email: "cfo@acme.com", Role: schema.RoleViewer, Active: true}},
		Groups: []GroupState{{ID: "g1", Name: "Money", Members: []string{}}, {ID: "g2", Name: "Sales", Members: []string{}}},
		Collections: []CollectionState{
			{ID: "k1", Name: "Finance", Description: "Old", Sharing: CollectionSharing{Members: "manager",
				Groups: map[string]string{"Money": "manager", "Sales": "member"}, Users: map[string]string{"cfo@acme.com": "member", "old@acme.com": "manager"}}},
			{ID: "k2", Name: "Scratch", Protected: true},
			{ID: "k3", Name: "Stale"},
		},
	}
}

// TestDiffCollections: a rename through previously:, sharing maps that are
// the whole truth (a group renamed in the same plan keeps its entry), risk,
// dependencies and a confirmed delete.
func TestDiffCollections(t *testing.T) {
	want := &schema.Workspace{
		Users:  []schema.User{{Email: "cfo@acme.com", Role: schema.RoleViewer}, {Email: "new@acme.com", Role: schema.RoleViewer}},
		Groups: []schema.Group{{Name: "Finance team", Previously: []string{"Money"}}, {Name: "Sales"}, {Name: "Ops"}},
		Collections: []schema.Collection{
			{Name: "Finance reports", Previously: []string{"Finance"}, Description: ptr("Month-end"), Sharing: &schema.CollectionSharing{
				Workspace: &schema.CollectionWorkspace{Members: ptr("member")},
				Groups:    map[string]string{"Finance team": "manager", "Ops": "member"},
				Users:     map[string]string{"CFO@acme.com": "manager", "New@acme.com": "member"},
			}},
			{Name: "Board", Sharing: &schema.CollectionSharing{Groups: map[string]string{"Ops": "manager", "Sales": "none"}, Users: map[string]string{"new@acme.com": "member"}}},
			{Name: "Scratch"},
		},
	}
	p := Diff(want, collectionHave(), Options{})
	if err := Check(p, want, collectionHave(), Policy{}); err != nil {
		t.Fatal(err)
	}
	r := change(t, p, "rename collection/Finance")
	wantFields := []Field{
		{Path: "description", Before: "Old", After: "Month-end"},
		{Path: "name", Before: "Finance", After: "Finance reports"},
		{Path: "sharing.groups.Ops", Before: "none", After: "member"},
		{Path: "sharing.groups.Sales", Before: "member", After: "none"},
		{Path: "sharing.members", Before: "manager", After: "member"},
		{Path: "sharing.users.cfo@acme.com", Before: "member", After: "manager"},
		{Path: "sharing.users.new@acme.com", Before: "none", After: "member"},
		{Path: "sharing.users.old@acme.com", Before: "manager", After: "none"},
	}
	if diff := cmp.Diff(wantFields, r.Fields); diff != "" {
		t.Errorf("rename fields (-want +got):\n%s", diff)
	}
	if r.Risk != RiskMedium || r.ResourceID != "k1" {
		t.Errorf("rename risk %s id %q, want medium k1", r.Risk, r.ResourceID)
	}
	if diff := cmp.Diff([]string{"create group/Ops", "create user/new@acme.com"}, r.DependsOn); diff != "" {
		t.Errorf("rename depends on (-want +got):\n%s", diff)
	}
	c := change(t, p, "create collection/Board")
	wantCreate := []Field{
		{Path: "name", After: "Board"},
		{Path: "sharing.groups.Ops", After: "manager"},
		{Path: "sharing.users.new@acme.com", After: "member"},
	}
	if diff := cmp.Diff(wantCreate, c.Fields); diff != "" {
		t.Errorf("create fields (-want +got):\n%s", diff)
	}
	if c.Risk != RiskLow || len(c.DependsOn) != 2 {
		t.Errorf("create risk %s depends on %v", c.Risk, c.DependsOn)
	}
	d := change(t, p, "delete collection/Stale")
	if d.Risk != RiskHigh || d.Blocked == nil || d.ResourceID != "k3" {
		t.Errorf("delete = %+v, want high risk, blocked until confirmed", d)
	}
	if _, ok := findChange(p, "update collection/Scratch"); ok {
		t.Error("an unchanged collection got an update")
	}
}

func findChange(p *Plan, id string) (Change, bool) {
	for _, c := range p.Changes {
		if c.ID == id {
			return c, true
		}
	}
	return Change{}, false
}

// TestDiffCollectionSharingUnmanaged: absent sharing maps leave what the
// collection has alone; only the workspace level is compared.
func TestDiffCollectionSharingUnmanaged(t *testing.T) {
	for _, tc := range []struct {
		name    string
		sharing *schema.CollectionSharing
		want    []Field
	}{
		{"no sharing", nil, nil},
		{"members only", &schema.CollectionSharing{Workspace: &schema.CollectionWorkspace{Members: ptr("manager")}}, nil},
		{"members lowered", &schema.CollectionSharing{Workspace: &schema.CollectionWorkspace{Members: ptr("none")}},
			[]Field{{Path: "sharing.members", Before: "manager", After: "none"}}},
		{"users only", &schema.CollectionSharing{Users: map[string]string{"cfo@acme.com": "member", "old@acme.com": "manager"}}, nil},
		{"empty groups", &schema.CollectionSharing{Groups: map[string]string{}}, []Field{
			{Path: "sharing.groups.Money", Before: "manager", After: "none"},
			{Path: "sharing.groups.Sales", Before: "member", After: "none"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &schema.Workspace{Collections: []schema.Collection{{Name: "Finance", Description: ptr("Old"), Sharing: tc.sharing}}}
			w.Ignore = map[string][]string{"collections": {"S*"}}
			p := Diff(w, collectionHave(), Options{})
			if tc.want == nil {
				if len(p.Changes) != 0 {
					t.Fatalf("changes %q, want none", ids(p))
				}
				return
			}
			c := change(t, p, "update collection/Finance")
			if diff := cmp.Diff(tc.want, c.Fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			if c.Risk != RiskMedium {
				t.Errorf("risk %s, want medium: someone loses access", c.Risk)
			}
		})
	}
}

// TestCollectionProtection: a protected collection is not deleted, even
// when confirmed.
func TestCollectionProtection(t *testing.T) {
	have := collectionHave()
	p := Diff(&schema.Workspace{Collections: []schema.Collection{}}, have, Options{})
	err := Check(p, &schema.Workspace{Collections: []schema.Collection{}}, have, Policy{AllowDelete: true})
	var ie *InvariantError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "Scratch") || strings.Contains(err.Error(), "Stale") {
		t.Fatalf("Check = %v, want an invariant error for the protected collection Scratch only", err)
	}
}

// TestCollectionExportRoundTrip: the export of a state plans nothing
// against it, and FromWorkspace of the export is the state.
func TestCollectionExportRoundTrip(t *testing.T) {
	have := collectionHave()
	have.Normalize()
	ws := Export(have, "acme")
	if p := Diff(ws, have, Options{}); len(p.Changes) != 0 {
		t.Fatalf("the export plans %q", ids(p))
	}
	back := FromWorkspace(ws)
	back.Normalize()
	for i := range back.Collections {
		back.Collections[i].ID = have.Collections[i].ID
	}
	if diff := cmp.Diff(have.Collections, back.Collections); diff != "" {
		t.Errorf("FromWorkspace(Export) (-want +got):\n%s", diff)
	}
}

// TestCollectionFieldTable: Resolve sets exactly a change's fields; a level
// the engine does not know, or a field it does not have, is refused.
func TestCollectionFieldTable(t *testing.T) {
	have := collectionHave()
	have.Normalize()
	c := Change{Action: ActionUpdate, Kind: KindCollection, Name: "Finance", ResourceID: "k1", Fields: []Field{
		{Path: "sharing.groups.Sales", Before: "member", After: "none"},
		{Path: "sharing.users.CFO@acme.com", Before: "member", After: "manager"},
		{Path: "sharing.users.old@acme.com", Before: "manager", After: nil},
	}}
	typed, err := Resolve(have, c)
	if err != nil {
		t.Fatal(err)
	}
	after := typed.After.(*CollectionState)
	want := CollectionSharing{Members: "manager", Groups: map[string]string{"Money": "manager"}, Users: map[string]string{"cfo@acme.com": "manager"}}
	if diff := cmp.Diff(want, after.Sharing); diff != "" {
		t.Errorf("after (-want +got):\n%s", diff)
	}
	if typed.Before.(*CollectionState).Sharing.Groups["Sales"] != "member" {
		t.Error("Resolve changed the state's item")
	}
	for _, bad := range []Field{{Path: "sharing.members", After: "owner"}, {Path: "sharing.public", After: "member"}, {Path: "sharing.groups.", After: "member"}} {
		if _, err := Resolve(have, Change{Action: ActionUpdate, Kind: KindCollection, Name: "Finance", Fields: []Field{bad}}); err == nil {
			t.Errorf("field %s = %v was accepted", bad.Path, bad.After)
		}
	}
}
