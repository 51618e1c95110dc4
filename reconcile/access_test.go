package reconcile

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

// accessHave: ann and bob are editors, gus a guest, old deactivated; ann and
// old are in Finance, which can query the Warehouse; members can view its
// results.
func accessHave() *Snapshot {
	return &Snapshot{
		Users: []UserState{
			{ID: "u1", Email: "ann@x.com", Role: schema.RoleEditor, Active: true},
			{ID: "u2", Email: "bob@x.com", Role: schema.RoleEditor, Active: true},
			{ID: "u3", Email: "gus@partner.com", Role: schema.RoleGuest, Active: true},
			{ID: "u4", Email: "old@x.com", Role: schema.RoleEditor, Active: false},
		},
		Groups: []GroupState{
			{ID: "g1", Name: "Finance", Members: []string{"ann@x.com", "old@x.com"}},
			{ID: "g2", Name: "Empty", Members: []string{}},
		},
		Domains: DomainState{DefaultRole: schema.RoleViewer},
		Connections: []ConnectionState{{
			ID: "c1", Name: "Warehouse", Type: "postgres",
			Sharing: SharingState{Members: "view_results", Guests: "none", Public: "none", Groups: map[string]string{"Finance": "query"}},
		}},
	}
}

func members(group string, before, after []string) Change {
	return Change{ID: ChangeID(ActionUpdate, KindGroup, group), Action: ActionUpdate, Kind: KindGroup, Name: group,
		Fields: []Field{{Path: "members", Before: before, After: after}}}
}

func sharing(path string, before, after any) Change {
	return Change{ID: "update connection/Warehouse", Action: ActionUpdate, Kind: KindConnection, Name: "Warehouse",
		Fields: []Field{{Path: path, Before: before, After: after}}}
}

func TestReviewAccess(t *testing.T) {
	wh := "connection/Warehouse"
	cases := []struct {
		name       string
		changes    []Change
		unreadable []Kind
		want       []AccessChange
		notes      int
	}{
		{name: "added to a group that can query", changes: []Change{members("Finance", []string{"ann@x.com", "old@x.com"}, []string{"ann@x.com", "bob@x.com", "old@x.com"})},
			want: []AccessChange{{User: "bob@x.com", Resource: wh, Before: "view_results", After: "query", Via: "group/Finance"}}},
		{name: "removed from the group", changes: []Change{members("Finance", []string{"ann@x.com", "old@x.com"}, []string{"old@x.com"})},
			want: []AccessChange{{User: "ann@x.com", Resource: wh, Before: "query", After: "view_results", Via: "group/Finance"}}},
		{name: "a guest added to a group gets the group's access", changes: []Change{members("Finance", []string{"ann@x.com", "old@x.com"}, []string{"ann@x.com", "gus@partner.com", "old@x.com"})},
			want: []AccessChange{{User: "gus@partner.com", Resource: wh, Before: "none", After: "query", Via: "group/Finance"}}},
		{name: "workspace members do not include guests", changes: []Change{sharing("sharing.members", "view_results", "none")},
			want: []AccessChange{{User: "bob@x.com", Resource: wh, Before: "view_results", After: "none", Via: "workspace members"}}},
		{name: "shared with guests", changes: []Change{sharing("sharing.guests", "none", "view_results")},
			want: []AccessChange{{User: "gus@partner.com", Resource: wh, Before: "none", After: "view_results", Via: "workspace guests"}}},
		{name: "a deactivated user loses everything", changes: []Change{{ID: "deactivate user/ann@x.com", Action: ActionDeactivate, Kind: KindUser, Name: "ann@x.com", Fields: []Field{{Path: "active", Before: true, After: false}}}},
			want: []AccessChange{
				{User: "ann@x.com", Resource: ResourceRole, Before: "editor", After: "none", Via: "deactivate user/ann@x.com"},
				{User: "ann@x.com", Resource: wh, Before: "query", After: "none", Via: "group/Finance"},
			}},
		{name: "sharing follows a renamed group", changes: []Change{{ID: "rename group/Finance", Action: ActionRename, Kind: KindGroup, Name: "Finance", ResourceID: "g1", Fields: []Field{{Path: "name", Before: "Finance", After: "Money"}}}}},
		{name: "a deleted group's members lose its access", changes: []Change{{ID: "delete group/Finance", Action: ActionDelete, Kind: KindGroup, Name: "Finance", ResourceID: "g1"}},
			want: []AccessChange{{User: "ann@x.com", Resource: wh, Before: "query", After: "view_results", Via: "group/Finance"}}},
		{name: "an invited user gets the default role and the members' access", changes: []Change{{ID: "create user/new@x.com", Action: ActionCreate, Kind: KindUser, Name: "new@x.com", Fields: []Field{{Path: "email", After: "new@x.com"}}}},
			want: []AccessChange{
				{User: "new@x.com", Resource: ResourceRole, Before: "none", After: "viewer", Via: "create user/new@x.com"},
				{User: "new@x.com", Resource: wh, Before: "none", After: "view_results", Via: "workspace members"},
			}},
		{name: "a renamed connection keeps its users", changes: []Change{{ID: "rename connection/Warehouse", Action: ActionRename, Kind: KindConnection, Name: "Warehouse", ResourceID: "c1", Fields: []Field{{Path: "name", Before: "Warehouse", After: "DW"}}}}},
		{name: "another path still grants the level", changes: []Change{sharing("sharing.members", "view_results", "query"), members("Finance", []string{"ann@x.com", "old@x.com"}, []string{"old@x.com"})},
			want: []AccessChange{{User: "bob@x.com", Resource: wh, Before: "view_results", After: "query", Via: "workspace members"}}},
		{name: "a new connection shared with a group", changes: []Change{{ID: "create connection/Lake", Action: ActionCreate, Kind: KindConnection, Name: "Lake", Fields: []Field{{Path: "name", After: "Lake"}, {Path: "type", After: "postgres"}, {Path: "sharing.groups.Finance", After: "view_results"}}}},
			want: []AccessChange{{User: "ann@x.com", Resource: "connection/Lake", Before: "none", After: "view_results", Via: "group/Finance"}}},
		{name: "becoming admin", changes: []Change{{ID: "update user/bob@x.com", Action: ActionUpdate, Kind: KindUser, Name: "bob@x.com", Fields: []Field{{Path: "role", Before: "editor", After: "admin"}}}},
			want: []AccessChange{{User: "bob@x.com", Resource: ResourceRole, Before: "editor", After: "admin", Via: "update user/bob@x.com"}}},
		{name: "connections unreadable", unreadable: []Kind{KindConnection}, changes: []Change{members("Finance", []string{"ann@x.com", "old@x.com"}, []string{"ann@x.com", "bob@x.com"})}, notes: 1},
		{name: "users unreadable", unreadable: []Kind{KindUser}, changes: []Change{members("Finance", nil, []string{"bob@x.com"})}, notes: 1},
		{name: "a create onto a name taken", changes: []Change{{ID: "create user/ANN@x.com", Action: ActionCreate, Kind: KindUser, Name: "ANN@x.com", Fields: []Field{{Path: "email", After: "ANN@x.com"}}}}, notes: 1},
		{name: "a group change that cannot be applied", changes: []Change{members("Missing", []string{}, []string{"bob@x.com"}), sharing("sharing.groups.Missing", "none", "query")}, notes: 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			have := accessHave()
			fp := have.Fingerprint()
			un := map[Kind]bool{}
			for _, k := range tc.unreadable {
				un[k] = true
			}
			r := ReviewAccess(have, tc.changes, un)
			if diff := cmp.Diff(tc.want, r.Changes.Entries()); diff != "" {
				t.Errorf("access changes (-want +got):\n%s", diff)
			}
			if len(r.NotComputed) != tc.notes {
				t.Errorf("not computed = %q, want %d notes", r.NotComputed, tc.notes)
			}
			if have.Fingerprint() != fp {
				t.Error("ReviewAccess changed the state it was given")
			}
		})
	}
}

func TestReviewAccessSeats(t *testing.T) {
	r := ReviewAccess(accessHave(), []Change{{ID: "update user/bob@x.com", Action: ActionUpdate, Kind: KindUser, Name: "bob@x.com", Fields: []Field{{Path: "role", Before: "editor", After: "admin"}}}}, nil)
	want := []SeatCount{{"guest", 1, 1}, {"viewer", 0, 0}, {"explorer", 0, 0}, {"editor", 2, 1}, {"manager", 0, 0}, {"admin", 0, 1}}
	if diff := cmp.Diff(want, r.Seats); diff != "" {
		t.Errorf("seats (-want +got):\n%s", diff)
	}
	if r := ReviewAccess(accessHave(), []Change{sharing("sharing.guests", "none", "query")}, nil); r.Seats != nil {
		t.Errorf("seats without a role change = %v, want none", r.Seats)
	}
}

func TestAccessChangeGain(t *testing.T) {
	for _, tc := range []struct {
		a    AccessChange
		gain bool
	}{
		{AccessChange{Resource: "connection/W", Before: "none", After: "view_results"}, true},
		{AccessChange{Resource: "connection/W", Before: "query", After: "view_results"}, false},
		{AccessChange{Resource: ResourceRole, Before: "editor", After: "admin"}, true},
		{AccessChange{Resource: ResourceRole, Before: "viewer", After: "none"}, false},
	} {
		if got := tc.a.Gain(); got != tc.gain {
			t.Errorf("%+v: Gain = %v, want %v", tc.a, got, tc.gain)
		}
	}
}

func TestReviewAccessCollections(t *testing.T) {
	have := accessHave()
	have.Collections = []CollectionState{{ID: "k1", Name: "Reports", Sharing: CollectionSharing{Members: "none", Groups: map[string]string{"Finance": "manager"}, Users: map[string]string{"bob@x.com": "member", "gus@partner.com": "member"}}}}
	rep := "collection/Reports"
	for _, tc := range []struct {
		name    string
		changes []Change
		want    []AccessChange
	}{
		{name: "shared with one user", changes: []Change{{ID: "update collection/Reports", Action: ActionUpdate, Kind: KindCollection, Name: "Reports", Fields: []Field{{Path: "sharing.users.ann@x.com", Before: nil, After: "member"}, {Path: "sharing.users.bob@x.com", Before: "member", After: nil}}}},
			want: []AccessChange{{User: "bob@x.com", Resource: rep, Before: "member", After: "none", Via: "user/bob@x.com"}}},
		{name: "a group member becomes manager", changes: []Change{members("Finance", []string{"ann@x.com", "old@x.com"}, []string{"ann@x.com", "bob@x.com", "old@x.com"})},
			want: []AccessChange{
				{User: "bob@x.com", Resource: rep, Before: "member", After: "manager", Via: "group/Finance"},
				{User: "bob@x.com", Resource: "connection/Warehouse", Before: "view_results", After: "query", Via: "group/Finance"},
			}},
		{name: "sharing follows a renamed group", changes: []Change{{ID: "rename group/Finance", Action: ActionRename, Kind: KindGroup, Name: "Finance", ResourceID: "g1", Fields: []Field{{Path: "name", Before: "Finance", After: "Money"}}}}},
		{name: "a renamed collection keeps its users", changes: []Change{{ID: "rename collection/Reports", Action: ActionRename, Kind: KindCollection, Name: "Reports", ResourceID: "k1", Fields: []Field{{Path: "name", Before: "Reports", After: "Books"}}}}},
		{name: "members do not include guests", changes: []Change{{ID: "update collection/Reports", Action: ActionUpdate, Kind: KindCollection, Name: "Reports", Fields: []Field{{Path: "sharing.members", Before: "none", After: "manager"}}}},
			want: []AccessChange{
				{User: "bob@x.com", Resource: rep, Before: "member", After: "manager", Via: "workspace members"},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ReviewAccess(have, tc.changes, nil)
			sortAccess(tc.want)
			if diff := cmp.Diff(tc.want, r.Changes.Entries()); diff != "" {
				t.Errorf("access changes (-want +got):\n%s", diff)
			}
			if len(r.NotComputed) > 0 {
				t.Errorf("not computed: %q", r.NotComputed)
			}
		})
	}
}
