package filetarget

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hexform/hexform/internal/secrets"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// envResolver resolves env: references from a map.
func envResolver(env map[string]string) *secrets.Resolver {
	return &secrets.Resolver{Getenv: func(k string) string { return env[k] }}
}

func fld(path string, before, after any) reconcile.Field {
	return reconcile.Field{Path: path, Before: before, After: after}
}

func chg(a reconcile.Action, k reconcile.Kind, name string, fields ...reconcile.Field) reconcile.Change {
	return reconcile.Change{ID: reconcile.ChangeID(a, k, name), Action: a, Kind: k, Name: name, Mode: reconcile.ModeAuto, Fields: fields}
}

// decoded returns c as it reads back from a plan file.
func decoded(t *testing.T, c reconcile.Change) reconcile.Change {
	t.Helper()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var out reconcile.Change
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	C, U, R   = reconcile.ActionCreate, reconcile.ActionUpdate, reconcile.ActionRename
	D, X      = reconcile.ActionDelete, reconcile.ActionDeactivate
	hour3     = 3
	yes       = true
	everyKind = []reconcile.Change{
		chg(C, reconcile.KindUser, "Ann@Acme.com", fld("email", nil, "Ann@Acme.com"), fld("name", nil, "Ann"), fld("role", nil, schema.RoleEditor), fld("active", nil, true)),
		chg(C, reconcile.KindUser, "bob@acme.com", fld("role", nil, "viewer")),
		chg(U, reconcile.KindUser, "bob@acme.com", fld("role", "viewer", "admin"), fld("name", "", "Bob")),
		chg(C, reconcile.KindUser, "eve@gone.example"),
		chg(X, reconcile.KindUser, "eve@gone.example", fld("active", true, false)),
		chg(U, reconcile.KindSetting, "default_role", fld("default_role", nil, schema.RoleExplorer)),
		chg(C, reconcile.KindDomain, "Acme.com", fld("domain", nil, "acme.com")),
		chg(C, reconcile.KindDomain, "old.io"),
		chg(D, reconcile.KindDomain, "old.io", fld("domain", "old.io", nil)),
		chg(C, reconcile.KindGroup, "Data", fld("name", nil, "Data"), fld("members", nil, []string{"Bob@acme.com", "ann@acme.com"}), fld("protected", nil, true)),
		chg(R, reconcile.KindGroup, "Data", fld("name", "Data", "Data Science")),
		chg(U, reconcile.KindGroup, "Data Science", fld("members", []string{"ann@acme.com", "bob@acme.com"}, []string{"ann@acme.com"})),
		chg(C, reconcile.KindGroup, "Tmp"),
		chg(D, reconcile.KindGroup, "Tmp"),
		chg(C, reconcile.KindConnection, "WH", fld("name", nil, "WH"), fld("type", nil, "postgres"), fld("description", nil, "warehouse"),
			fld("config.host", nil, "db"), fld("config.port", nil, 5432), fld("config.hosts", nil, []string{"a", "b"}),
			fld("secrets.password", nil, "env:PGPASSWORD"), fld("secrets.token", nil, schema.SecretRef{Env: "TOKEN"}),
			fld("sharing.members", nil, schema.AccessQuery), fld("sharing.groups.Data Science", nil, "view_results"),
			fld("schema_refresh", nil, &schema.SchemaRefresh{Cadence: "daily", Hour: &hour3}),
			fld("include_magic", nil, &yes), fld("allow_writeback_cells", nil, true), fld("protected", nil, true)),
		chg(U, reconcile.KindConnection, "WH", fld("config.host", "db", "db2"), fld("config.hosts", []string{"a", "b"}, nil),
			fld("secrets.token", "env:TOKEN", nil), fld("sharing.guests", "none", "view_results"), fld("sharing.public", "none", "view_results"),
			fld("sharing.groups.Data Science", "view_results", nil), fld("sharing.groups.Ops", nil, "query"), fld("include_magic", true, false)),
		chg(C, reconcile.KindConnection, "Old"),
		chg(D, reconcile.KindConnection, "Old"),
		chg(C, reconcile.KindPackage, "utils", fld("repository", nil, "acme/utils"), fld("ref", nil, "tag:v1"), fld("install", nil, []string{"pip"}), fld("protected", nil, true)),
		chg(U, reconcile.KindPackage, "utils", fld("ref", "tag:v1", schema.Ref{Commit: "0123456789abcdef0123456789abcdef01234567"}), fld("protected", true, false)),
		chg(R, reconcile.KindPackage, "utils", fld("name", "utils", "acme-utils"), fld("repository", "acme/utils", "acme/acme-utils")),
		chg(C, reconcile.KindPackage, "gone", fld("ref", nil, "branch:main")),
		chg(D, reconcile.KindPackage, "gone"),
		chg(C, reconcile.KindCollection, "Fin", fld("name", nil, "Fin"), fld("description", nil, "Month-end"), fld("sharing.members", nil, "member"),
			fld("sharing.groups.Data Science", nil, "manager"), fld("sharing.users.Ann@Acme.com", nil, "member"), fld("protected", nil, true)),
		chg(R, reconcile.KindCollection, "Fin", fld("name", "Fin", "Finance reports"), fld("sharing.users.bob@acme.com", nil, "manager")),
		chg(U, reconcile.KindCollection, "Finance reports", fld("description", "Month-end", ""), fld("sharing.members", "member", "manager"),
			fld("sharing.groups.Data Science", "manager", "none"), fld("sharing.users.ann@acme.com", "member", nil)),
		chg(C, reconcile.KindCollection, "Tmp"),
		chg(D, reconcile.KindCollection, "Tmp"),
		chg(C, reconcile.KindStatus, "WIP", fld("endorsed", nil, true)),
		chg(R, reconcile.KindStatus, "WIP", fld("name", "WIP", "In progress"), fld("protected", false, true)),
		chg(C, reconcile.KindStatus, "Done"),
		chg(D, reconcile.KindStatus, "Done"),
		chg(C, reconcile.KindCategory, "Finance", fld("description", nil, "money")),
		chg(U, reconcile.KindCategory, "Finance", fld("description", "money", "")),
		chg(R, reconcile.KindCategory, "Finance", fld("name", "Finance", "Fin"), fld("protected", nil, true)),
		chg(C, reconcile.KindCategory, "Tmp"),
		chg(D, reconcile.KindCategory, "Tmp"),
	}
)

func wantAfterEveryKind(pgFingerprint string) *reconcile.Snapshot {
	return &reconcile.Snapshot{
		Revision: int64(len(everyKind)),
		Users: []reconcile.UserState{
			{Email: "ann@acme.com", Name: "Ann", Role: schema.RoleEditor, Active: true},
			{Email: "bob@acme.com", Name: "Bob", Role: schema.RoleAdmin, Active: true},
			{Email: "eve@gone.example", Role: schema.RoleViewer, Active: false},
		},
		Groups:  []reconcile.GroupState{{Name: "Data Science", Members: []string{"ann@acme.com"}, Protected: true}},
		Domains: reconcile.DomainState{Allowed: []string{"acme.com"}, DefaultRole: schema.RoleExplorer},
		Connections: []reconcile.ConnectionState{{
			Name: "WH", Type: "postgres", Description: "warehouse", Config: map[string]any{"host": "db2", "port": 5432},
			Secrets:       map[string]string{"password": pgFingerprint},
			SecretRefs:    map[string]string{"password": "env:PGPASSWORD"},
			Sharing:       reconcile.SharingState{Members: "query", Guests: "view_results", Public: "view_results", Groups: map[string]string{"Ops": "query"}},
			SchemaRefresh: &schema.SchemaRefresh{Cadence: "daily", Hour: &hour3}, AllowWritebackCells: true, Protected: true,
		}},
		Packages: []reconcile.PackageState{{Name: "acme-utils", Repository: "acme/acme-utils",
			Ref: schema.Ref{Commit: "0123456789abcdef0123456789abcdef01234567"}, Install: []string{"pip"}}},
		Collections: []reconcile.CollectionState{{Name: "Finance reports",
			Sharing: reconcile.CollectionSharing{Members: "manager", Users: map[string]string{"bob@acme.com": "manager"}}, Protected: true}},
		Statuses:   []reconcile.StatusState{{Name: "In progress", Endorsed: true, Protected: true}},
		Categories: []reconcile.CategoryState{{Name: "Fin", Protected: true}},
	}
}

var ignoreIDs = cmpopts.IgnoreFields(reconcile.UserState{}, "ID")

func TestApplyEveryKindAndAction(t *testing.T) {
	for _, form := range []string{"typed", "decoded"} {
		t.Run(form, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			env := map[string]string{"PGPASSWORD": "pg-pass-1", "TOKEN": "tok"}
			tg := New(path, envResolver(env))
			ctx := context.Background()
			for _, c := range everyKind {
				if form == "decoded" {
					c = decoded(t, c)
				}
				if err := tg.Apply(ctx, c, envResolver(env)); err != nil {
					t.Fatalf("%s: %v", c.ID, err)
				}
			}
			got, err := tg.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			fp, ok := tg.SecretFingerprint(schema.SecretRef{Env: "PGPASSWORD"})
			if !ok {
				t.Fatal("no fingerprint for env:PGPASSWORD")
			}
			opts := cmp.Options{ignoreIDs,
				cmpopts.IgnoreFields(reconcile.GroupState{}, "ID"), cmpopts.IgnoreFields(reconcile.ConnectionState{}, "ID"),
				cmpopts.IgnoreFields(reconcile.PackageState{}, "ID"), cmpopts.IgnoreFields(reconcile.StatusState{}, "ID"),
				cmpopts.IgnoreFields(reconcile.CategoryState{}, "ID"), cmpopts.IgnoreFields(reconcile.CollectionState{}, "ID")}
			if diff := cmp.Diff(wantAfterEveryKind(fp), got, opts...); diff != "" {
				t.Errorf("state (-want +got):\n%s", diff)
			}
			checkIDs(t, got)
		})
	}
}

// checkIDs asserts every id has its kind's prefix and 16 hex digits, all distinct.
func checkIDs(t *testing.T, s *reconcile.Snapshot) {
	t.Helper()
	var ids []string
	for _, u := range s.Users {
		ids = append(ids, u.ID)
	}
	ids = append(ids, s.Groups[0].ID, s.Connections[0].ID, s.Packages[0].ID, s.Collections[0].ID, s.Statuses[0].ID, s.Categories[0].ID)
	prefixes := []string{"usr_", "usr_", "usr_", "grp_", "con_", "pkg_", "col_", "sts_", "cat_"}
	seen := map[string]bool{}
	for i, id := range ids {
		if len(id) != len(prefixes[i])+16 || id[:len(prefixes[i])] != prefixes[i] || seen[id] {
			t.Errorf("id %q: want %s<16 hex digits>, unique", id, prefixes[i])
		}
		seen[id] = true
	}
}

func TestApplyFindsByResourceID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := WriteSnapshot(path, &reconcile.Snapshot{Groups: []reconcile.GroupState{{ID: "grp_1", Name: "A"}, {ID: "grp_2", Name: "B"}}}); err != nil {
		t.Fatal(err)
	}
	tg := New(path, nil)
	c := chg(R, reconcile.KindGroup, "stale name", fld("name", "stale name", "C"))
	c.ResourceID = "grp_2"
	if err := tg.Apply(context.Background(), c, nil); err != nil {
		t.Fatal(err)
	}
	s, _ := tg.Snapshot(context.Background())
	want := []reconcile.GroupState{{ID: "grp_1", Name: "A", Members: []string{}}, {ID: "grp_2", Name: "C", Members: []string{}}}
	if diff := cmp.Diff(want, s.Groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if s.Revision != 1 {
		t.Errorf("revision = %d, want 1", s.Revision)
	}
}

func TestConnectionSharingFollowsGroups(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := WriteSnapshot(path, &reconcile.Snapshot{
		Users:  []reconcile.UserState{{ID: "usr_1", Email: "x@y.z", Role: "viewer", Active: true}},
		Groups: []reconcile.GroupState{{ID: "grp_1", Name: "A"}, {ID: "grp_2", Name: "B"}, {ID: "grp_3", Name: "C"}},
		Connections: []reconcile.ConnectionState{{ID: "con_1", Name: "WH", Type: "postgres",
			Sharing: reconcile.SharingState{Groups: map[string]string{"A": "query", "B": "view_results", "C": "query"}}}},
	}); err != nil {
		t.Fatal(err)
	}
	tg := New(path, nil)
	for _, c := range []reconcile.Change{
		chg(R, reconcile.KindGroup, "A", fld("name", "A", "A2")),
		chg(D, reconcile.KindGroup, "B"),
		chg(U, reconcile.KindGroup, "C", fld("members", nil, []string{"x@y.z"})),
	} {
		if err := tg.Apply(context.Background(), c, nil); err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
	}
	s, _ := tg.Snapshot(context.Background())
	if diff := cmp.Diff(map[string]string{"A2": "query", "C": "query"}, s.Connections[0].Sharing.Groups); diff != "" {
		t.Errorf("sharing (-want +got):\n%s", diff)
	}
}

// TestGroupMembersMustBeUsers: as on Hex, a group change that adds someone
// who is not a user of the workspace fails and leaves the state alone; a
// member already in the group is not checked again.
func TestGroupMembersMustBeUsers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := WriteSnapshot(path, &reconcile.Snapshot{
		Users:  []reconcile.UserState{{ID: "usr_1", Email: "alice@acme.com", Role: "admin", Active: true}},
		Groups: []reconcile.GroupState{{ID: "grp_1", Name: "G", Members: []string{"old@acme.com"}}},
	}); err != nil {
		t.Fatal(err)
	}
	tg := New(path, nil)
	ctx := context.Background()
	for _, c := range []reconcile.Change{
		chg(U, reconcile.KindGroup, "G", fld("members", []string{"old@acme.com"}, []string{"old@acme.com", "Frank@Partner.example"})),
		chg(C, reconcile.KindGroup, "New", fld("name", nil, "New"), fld("members", nil, []string{"alice@acme.com", "zed@acme.com"})),
	} {
		err := tg.Apply(ctx, c, nil)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Path != "members" || !strings.Contains(err.Error(), "not users of the workspace") {
			t.Errorf("%s: err = %v, want a members FieldError", c.ID, err)
		}
	}
	if s, _ := tg.Snapshot(ctx); len(s.Groups) != 1 || len(s.Groups[0].Members) != 1 || s.Revision != 0 {
		t.Errorf("state changed by refused changes: %+v", s)
	}
	ok := chg(U, reconcile.KindGroup, "G", fld("members", []string{"old@acme.com"}, []string{"alice@acme.com", "old@acme.com"}))
	if err := tg.Apply(ctx, ok, nil); err != nil {
		t.Errorf("adding a user: %v", err)
	}
}
