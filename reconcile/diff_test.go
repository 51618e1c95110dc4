package reconcile

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

func ids(p *Plan) []string {
	out := []string{}
	for _, c := range p.Changes {
		out = append(out, c.ID)
	}
	return out
}

func change(t *testing.T, p *Plan, id string) Change {
	t.Helper()
	for _, c := range p.Changes {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no change %q in plan %q", id, ids(p))
	return Change{}
}

func TestDiffRichPlanOrder(t *testing.T) {
	p := Diff(richWant(), richHave(), Options{Target: "file:state.json"})
	want := []string{
		"create user/dan@partner.example",
		"update user/bob@acme.com",
		"update user/carol@acme.io",
		"update setting/default_role",
		"create group/Analysts",
		"rename group/Data",
		"update connection/Warehouse",
		"update package/utils",
		"create status/Approved",
		"rename status/WIP",
		"update category/Finance",
		"delete status/Deprecated",
		"delete package/old-utils",
		"delete connection/Legacy Redshift",
		"delete group/Old team",
		"delete domain/gone.example",
		"deactivate user/eve@gone.example",
	}
	if diff := cmp.Diff(want, ids(p)); diff != "" {
		t.Fatalf("change ids (-want +got):\n%s", diff)
	}
	if p.FormatVersion != FormatVersion || p.Workspace != "acme" || p.Target != "file:state.json" {
		t.Errorf("plan header = %d %q %q", p.FormatVersion, p.Workspace, p.Target)
	}
	if p.Fingerprint != richHave().Fingerprint() {
		t.Errorf("fingerprint %q, want the snapshot's", p.Fingerprint)
	}
	if len(p.Unmanaged) != 0 {
		t.Errorf("unmanaged = %v, want none", p.Unmanaged)
	}
	wantSum := Summary{Create: 3, Update: 8, Delete: 6}
	if p.Summary != wantSum {
		t.Errorf("summary = %+v, want %+v", p.Summary, wantSum)
	}
	for _, c := range p.Changes {
		if !slices.IsSortedFunc(c.Fields, func(a, b Field) int { return strings.Compare(a.Path, b.Path) }) {
			t.Errorf("%s: fields not sorted by path", c.ID)
		}
		if c.Blocked != nil {
			t.Errorf("%s: Diff must leave Blocked nil", c.ID)
		}
	}
}

func TestDiffUnmanagedSections(t *testing.T) {
	p := Diff(&schema.Workspace{Workspace: "acme"}, richHave(), Options{})
	if len(p.Changes) != 0 {
		t.Fatalf("changes = %q, want none", ids(p))
	}
	if diff := cmp.Diff(Kinds, p.Unmanaged); diff != "" {
		t.Errorf("unmanaged (-want +got):\n%s", diff)
	}
	// Present sections with nil lists inside stay unmanaged.
	w := &schema.Workspace{Workspace: "acme", Tags: &schema.Tags{Statuses: []schema.Status{}},
		Domains: &schema.Domains{DefaultRole: schema.RoleViewer}}
	p = Diff(w, richHave(), Options{})
	if diff := cmp.Diff([]Kind{KindUser, KindDomain, KindGroup, KindConnection, KindPackage, KindCollection, KindCategory}, p.Unmanaged); diff != "" {
		t.Errorf("unmanaged (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"delete status/Deprecated", "delete status/WIP"}, ids(p)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

func TestDiffUnmanagedAttributes(t *testing.T) {
	w := &schema.Workspace{
		Groups:      []schema.Group{{Name: "Data"}},
		Connections: []schema.Connection{{Name: "Warehouse", Type: "postgres", Config: map[string]any{"host": "old.acme.com"}}},
		Packages:    []schema.Package{{Name: "utils", Repository: "acme/utils", Ref: schema.Ref{Tag: "v1.1.0"}}},
		Tags: &schema.Tags{
			Statuses:   []schema.Status{{Name: "WIP"}, {Name: "Deprecated", Protect: ptr(true)}},
			Categories: []schema.Category{{Name: "Finance"}},
		},
	}
	h := richHave()
	h.Connections = h.Connections[:1]
	h.Groups = h.Groups[:1]
	h.Packages = h.Packages[:1]
	p := Diff(w, h, Options{})
	if len(p.Changes) != 0 {
		t.Fatalf("changes = %q, want none: absent attributes are unmanaged", ids(p))
	}
}

func TestDiffEmptySectionDeletesAllButIgnored(t *testing.T) {
	w := &schema.Workspace{Groups: []schema.Group{}, Ignore: map[string][]string{"groups": {"scim-*"}}}
	p := Diff(w, richHave(), Options{})
	want := []string{"delete group/Data", "delete group/Old team"}
	if diff := cmp.Diff(want, ids(p)); diff != "" {
		t.Fatalf("ids (-want +got):\n%s", diff)
	}
	c := change(t, p, "delete group/Data")
	if c.ResourceID != "g1" || c.Risk != RiskHigh || c.Mode != ModeAuto {
		t.Errorf("delete = %+v", c)
	}
	if diff := cmp.Diff([]Field{{Path: "name", Before: "Data"}}, c.Fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestDiffIgnoreNeverTouches(t *testing.T) {
	w := &schema.Workspace{
		Users: []schema.User{{Email: "BOT@svc.acme.com", Role: schema.RoleViewer}, {Email: "new@svc.acme.com", Role: schema.RoleViewer}},
		Groups: []schema.Group{
			{Name: "scim-engineering", Members: []string{}},
			{Name: "scim-new"},
			{Name: "Renamed", Previously: []string{"scim-engineering"}},
		},
		Ignore: map[string][]string{"users": {"*@SVC.ACME.COM", "*@acme.*", "*@gone.example"}, "groups": {"scim-*", "Data", "Old team"}},
	}
	p := Diff(w, richHave(), Options{})
	// Only the group that is not ignored and claims nothing ignored is created.
	if diff := cmp.Diff([]string{"create group/Renamed"}, ids(p)); diff != "" {
		t.Fatalf("ids (-want +got):\n%s", diff)
	}
}
