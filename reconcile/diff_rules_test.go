package reconcile

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

func TestDiffUsersRule(t *testing.T) {
	have := &Snapshot{
		Users: []UserState{
			{ID: "u1", Email: "admin@acme.com", Role: schema.RoleAdmin, Active: true},
			{ID: "u2", Email: "sleepy@acme.com", Name: "Sleepy", Role: schema.RoleViewer, Active: false},
			{ID: "u3", Email: "ed@acme.com", Role: schema.RoleEditor, Active: true},
			{ID: "u4", Email: "vi@acme.com", Role: schema.RoleViewer, Active: true},
			{ID: "u5", Email: "out@other.example", Role: schema.RoleEditor, Active: true},
			{ID: "u6", Email: "gone@other.example", Role: schema.RoleEditor, Active: false},
		},
		Domains: DomainState{Allowed: []string{"acme.com"}, DefaultRole: schema.RoleViewer},
	}
	tests := []struct {
		name    string
		users   []schema.User
		domains *schema.Domains
		want    map[string][]Field // change id -> fields
		risk    map[string]Risk
	}{
		{
			name:  "listed users get exactly their role; unlisted in domain get the default; others deactivated",
			users: []schema.User{{Email: "ADMIN@acme.com", Role: schema.RoleAdmin}, {Email: "new@acme.com", Name: ptr("New"), Role: schema.RoleExplorer}},
			want: map[string][]Field{
				"create user/new@acme.com":          {{Path: "email", After: "new@acme.com"}, {Path: "name", After: "New"}, {Path: "role", After: "explorer"}},
				"update user/ed@acme.com":           {{Path: "role", Before: "editor", After: "viewer"}},
				"deactivate user/out@other.example": {{Path: "active", Before: true, After: false}},
			},
			risk: map[string]Risk{"create user/new@acme.com": RiskLow, "update user/ed@acme.com": RiskMedium, "deactivate user/out@other.example": RiskHigh},
		},
		{
			name:  "inactive listed user is reactivated; name and role set",
			users: []schema.User{{Email: "admin@acme.com", Role: schema.RoleAdmin}, {Email: "sleepy@acme.com", Name: ptr("Sleepy Head"), Role: schema.RoleEditor}},
			want: map[string][]Field{
				"update user/sleepy@acme.com":       {{Path: "active", Before: false, After: true}, {Path: "name", Before: "Sleepy", After: "Sleepy Head"}, {Path: "role", Before: "viewer", After: "editor"}},
				"update user/ed@acme.com":           {{Path: "role", Before: "editor", After: "viewer"}},
				"deactivate user/out@other.example": {{Path: "active", Before: true, After: false}},
			},
			risk: map[string]Risk{"update user/sleepy@acme.com": RiskLow},
		},
		{
			name:    "allowed domains and default role come from the YAML when it manages them",
			users:   []schema.User{},
			domains: &schema.Domains{Allowed: []string{"Other.example"}, DefaultRole: schema.RoleEditor},
			want: map[string][]Field{
				"deactivate user/admin@acme.com": {{Path: "active", Before: true, After: false}},
				"deactivate user/ed@acme.com":    {{Path: "active", Before: true, After: false}},
				"deactivate user/vi@acme.com":    {{Path: "active", Before: true, After: false}},
				"update setting/default_role":    {{Path: "default_role", Before: "viewer", After: "editor"}},
				"create domain/other.example":    {{Path: "domain", After: "other.example"}},
				"delete domain/acme.com":         {{Path: "domain", Before: "acme.com"}},
			},
			risk: map[string]Risk{"update setting/default_role": RiskHigh, "delete domain/acme.com": RiskHigh, "create domain/other.example": RiskLow},
		},
		{
			name:  "admin demotion is high risk",
			users: []schema.User{{Email: "admin@acme.com", Role: schema.RoleManager}, {Email: "ed@acme.com", Role: schema.RoleEditor}, {Email: "out@other.example", Role: schema.RoleAdmin}},
			want: map[string][]Field{
				"update user/admin@acme.com":    {{Path: "role", Before: "admin", After: "manager"}},
				"update user/out@other.example": {{Path: "role", Before: "editor", After: "admin"}},
			},
			risk: map[string]Risk{"update user/admin@acme.com": RiskHigh, "update user/out@other.example": RiskLow},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Diff(&schema.Workspace{Users: tt.users, Domains: tt.domains}, have, Options{})
			got := map[string][]Field{}
			for _, c := range p.Changes {
				got[c.ID] = c.Fields
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			for id, r := range tt.risk {
				if c := change(t, p, id); c.Risk != r {
					t.Errorf("%s: risk %s, want %s", id, c.Risk, r)
				}
			}
		})
	}
}

func TestDiffRenameKeepsResourceID(t *testing.T) {
	p := Diff(richWant(), richHave(), Options{})
	c := change(t, p, "rename group/Data")
	if c.Action != ActionRename || c.Name != "Data" || c.ResourceID != "g1" {
		t.Errorf("rename = %+v", c)
	}
	wantFields := []Field{
		{Path: "members", Before: []string{"alice@acme.com", "carol@acme.io"}, After: []string{"alice@acme.com", "dan@partner.example"}},
		{Path: "name", Before: "Data", After: "Data Science"},
	}
	if diff := cmp.Diff(wantFields, c.Fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if c.Risk != RiskMedium {
		t.Errorf("member removal: risk %s, want medium", c.Risk)
	}
	if diff := cmp.Diff([]string{"create user/dan@partner.example"}, c.DependsOn); diff != "" {
		t.Errorf("depends on (-want +got):\n%s", diff)
	}
	s := change(t, p, "rename status/WIP")
	if s.ResourceID != "s1" || len(s.Fields) != 1 {
		t.Errorf("status rename = %+v", s)
	}
}

func TestDiffRenameTargetExists(t *testing.T) {
	// The new name already exists: that item is updated, the old one deleted.
	w := &schema.Workspace{Tags: &schema.Tags{Statuses: []schema.Status{{Name: "Deprecated", Previously: []string{"WIP"}, Protect: ptr(true)}}}}
	p := Diff(w, richHave(), Options{})
	if diff := cmp.Diff([]string{"delete status/WIP"}, ids(p)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	// Two items may not claim the same old one: the first by name wins.
	w = &schema.Workspace{Tags: &schema.Tags{Statuses: []schema.Status{
		{Name: "B", Previously: []string{"WIP"}}, {Name: "A", Previously: []string{"WIP"}}, {Name: "Deprecated", Protect: ptr(true)},
	}}}
	p = Diff(w, richHave(), Options{})
	if diff := cmp.Diff([]string{"create status/B", "rename status/WIP"}, ids(p)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if f := change(t, p, "rename status/WIP").Fields[0]; f.After != "A" {
		t.Errorf("renamed to %v, want A", f.After)
	}
}

func TestDiffMembership(t *testing.T) {
	have := &Snapshot{Groups: []GroupState{{ID: "g", Name: "G", Members: []string{"A@x.com", "b@x.com"}}}}
	tests := []struct {
		members []string
		want    []Field
		risk    Risk
	}{
		{[]string{"b@X.com", "a@x.COM"}, nil, ""},
		{[]string{"a@x.com", "b@x.com", "c@x.com"}, []Field{{Path: "members", Before: []string{"a@x.com", "b@x.com"}, After: []string{"a@x.com", "b@x.com", "c@x.com"}}}, RiskLow},
		{[]string{"a@x.com"}, []Field{{Path: "members", Before: []string{"a@x.com", "b@x.com"}, After: []string{"a@x.com"}}}, RiskMedium},
		{[]string{}, []Field{{Path: "members", Before: []string{"a@x.com", "b@x.com"}, After: []string{}}}, RiskMedium},
	}
	for _, tt := range tests {
		p := Diff(&schema.Workspace{Groups: []schema.Group{{Name: "G", Members: tt.members}}}, have, Options{})
		if tt.want == nil {
			if len(p.Changes) != 0 {
				t.Errorf("members %q: changes %q, want none", tt.members, ids(p))
			}
			continue
		}
		c := change(t, p, "update group/G")
		if diff := cmp.Diff(tt.want, c.Fields); diff != "" || c.Risk != tt.risk {
			t.Errorf("members %q: risk %s (want %s), fields (-want +got):\n%s", tt.members, c.Risk, tt.risk, diff)
		}
	}
}

func TestDiffProtection(t *testing.T) {
	have := &Snapshot{Groups: []GroupState{{ID: "g", Name: "G", Protected: true}, {ID: "h", Name: "H"}, {ID: "k", Name: "K", Protected: true}}}
	// protect left out of K: unmanaged, so K keeps its protection (dropping the
	// line never lifts it; protect: false does).
	p := Diff(&schema.Workspace{Groups: []schema.Group{{Name: "G", Protect: ptr(false)}, {Name: "H", Protect: ptr(true)}, {Name: "K"}}}, have, Options{})
	if len(p.Changes) != 2 {
		t.Fatalf("changes = %+v, want G and H only", p.Changes)
	}
	g, h := change(t, p, "update group/G"), change(t, p, "update group/H")
	if g.Risk != RiskMedium || g.Fields[0] != (Field{Path: "protected", Before: true, After: false}) {
		t.Errorf("lifting protection = %+v", g)
	}
	if h.Risk != RiskLow || h.Fields[0] != (Field{Path: "protected", Before: false, After: true}) {
		t.Errorf("adding protection = %+v", h)
	}
}

func TestDiffDuplicateUsersInState(t *testing.T) {
	have := &Snapshot{Users: []UserState{
		{ID: "1", Email: "Eve@gone.example", Role: schema.RoleViewer, Active: true},
		{ID: "1", Email: "eve@gone.example", Role: schema.RoleViewer, Active: true},
	}}
	p := Diff(&schema.Workspace{Users: []schema.User{}}, have, Options{})
	if diff := cmp.Diff([]string{"deactivate user/eve@gone.example"}, ids(p)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

func TestDiffProtectOnTargetWithoutStorage(t *testing.T) {
	caps := AllCapabilities()
	caps.StoresProtect = false
	have := &Snapshot{Groups: []GroupState{{ID: "g", Name: "G"}}}
	want := &schema.Workspace{Groups: []schema.Group{{Name: "G", Protect: ptr(true)}, {Name: "New", Protect: ptr(true)}}}
	p := Diff(want, have, Options{Capabilities: &caps})
	if len(p.Changes) != 1 || p.Changes[0].ID != "create group/New" {
		t.Fatalf("changes = %+v, want only the create", p.Changes)
	}
	for _, f := range p.Changes[0].Fields {
		if f.Path == "protected" {
			t.Errorf("create carries a protected field on a target that cannot store it")
		}
	}
}
