package reconcile

import (
	"github.com/hexform/hexform/schema"
)

func ptr[T any](v T) *T { return &v }

// richWant and richHave exercise every kind and most rules at once.
func richWant() *schema.Workspace {
	return &schema.Workspace{
		Version:   1,
		Workspace: "acme",
		Domains:   &schema.Domains{Allowed: []string{"acme.com", "Acme.io"}, DefaultRole: schema.RoleExplorer},
		Users: []schema.User{
			{Email: "Alice@acme.com", Role: schema.RoleAdmin},
			{Email: "bob@acme.com", Name: ptr("Bob B"), Role: schema.RoleEditor},
			{Email: "dan@partner.example", Role: schema.RoleViewer},
		},
		Groups: []schema.Group{
			{Name: "Data Science", Previously: []string{"Data"}, Members: []string{"alice@acme.com", "Dan@partner.example"}},
			{Name: "Analysts", Members: []string{"BOB@acme.com"}, Protect: ptr(true)},
		},
		Connections: []schema.Connection{{
			Name: "Warehouse", Type: "postgres", Description: ptr("Main DB"),
			Config:  map[string]any{"host": "db.acme.com", "port": 5432},
			Secrets: map[string]schema.SecretRef{"password": {Env: "PG_PASS"}},
			Sharing: &schema.Sharing{
				Workspace: &schema.WorkspaceSharing{Members: ptr("view_results")},
				Groups:    map[string]string{"Data Science": "query"},
			},
		}},
		Packages: []schema.Package{{
			Name: "utils", Repository: "acme/utils", Ref: schema.Ref{Tag: "v1.2.0"},
			Install: []string{"pip install -e .", "make setup"},
		}},
		Collections: []schema.Collection{},
		Tags: &schema.Tags{
			Statuses:   []schema.Status{{Name: "Work in progress", Previously: []string{"WIP"}}, {Name: "Approved", Endorsed: ptr(true)}},
			Categories: []schema.Category{{Name: "Finance", Description: ptr("Money matters")}},
		},
		Ignore: map[string][]string{"groups": {"scim-*"}, "users": {"*@SVC.acme.com"}},
	}
}

func richHave() *Snapshot {
	return &Snapshot{
		Revision: 7,
		Users: []UserState{
			{ID: "u1", Email: "alice@acme.com", Role: schema.RoleAdmin, Active: true},
			{ID: "u2", Email: "Bob@Acme.com", Name: "Bob", Role: schema.RoleViewer, Active: true},
			{ID: "u3", Email: "carol@acme.io", Role: schema.RoleEditor, Active: true},
			{ID: "u4", Email: "eve@gone.example", Role: schema.RoleViewer, Active: true},
			{ID: "u5", Email: "bot@svc.acme.com", Role: schema.RoleAdmin, Active: true},
			{ID: "u6", Email: "old@gone.example", Role: schema.RoleViewer, Active: false},
		},
		Groups: []GroupState{
			{ID: "g1", Name: "Data", Members: []string{"alice@acme.com", "carol@acme.io"}},
			{ID: "g2", Name: "scim-engineering", Members: []string{"bob@acme.com"}},
			{ID: "g3", Name: "Old team", Members: []string{}},
		},
		Domains: DomainState{Allowed: []string{"acme.com", "acme.io", "gone.example"}, DefaultRole: schema.RoleViewer},
		Connections: []ConnectionState{
			{
				ID: "c1", Name: "Warehouse", Type: "postgres", Description: "Main DB",
				Config:  map[string]any{"host": "old.acme.com", "port": float64(5432), "sslmode": "require"},
				Secrets: map[string]string{"password": "fp1"},
				Sharing: SharingState{Members: "query", Guests: "none", Public: "none", Groups: map[string]string{"Data": "query", "Old team": "view_results"}},
			},
			{ID: "c2", Name: "Legacy Redshift", Type: "redshift"},
		},
		Packages: []PackageState{
			{ID: "p1", Name: "utils", Repository: "acme/utils", Ref: schema.Ref{Tag: "v1.1.0"}, Install: []string{"pip install -e ."}},
			{ID: "p2", Name: "old-utils", Repository: "acme/old-utils", Ref: schema.Ref{Branch: "main"}},
		},
		Statuses:   []StatusState{{ID: "s1", Name: "WIP"}, {ID: "s2", Name: "Deprecated", Protected: true}},
		Categories: []CategoryState{{ID: "k1", Name: "Finance", Description: "Money"}},
	}
}
