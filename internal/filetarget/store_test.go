package filetarget

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

func TestSnapshotMissingFileIsEmptyWorkspace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "state.json")
	s, err := New(path, nil).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := &reconcile.Snapshot{
		Users: []reconcile.UserState{}, Groups: []reconcile.GroupState{}, Domains: reconcile.DomainState{Allowed: []string{}},
		Connections: []reconcile.ConnectionState{}, Packages: []reconcile.PackageState{}, Collections: []reconcile.CollectionState{},
		Statuses: []reconcile.StatusState{}, Categories: []reconcile.CategoryState{},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("snapshot (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Snapshot created the file: %v", err)
	}
}

func sampleSnapshot() *reconcile.Snapshot {
	hour := 3
	return &reconcile.Snapshot{
		Revision: 7,
		Users: []reconcile.UserState{
			{ID: "usr_2", Email: "zed@acme.com", Role: schema.RoleViewer, Active: true},
			{ID: "usr_1", Email: "Ann@Acme.com", Name: "Ann", Role: schema.RoleAdmin, Active: true},
		},
		Groups:  []reconcile.GroupState{{ID: "grp_1", Name: "Data", Members: []string{"zed@acme.com", "Ann@acme.com", "zed@acme.com"}, Protected: true}},
		Domains: reconcile.DomainState{Allowed: []string{"Acme.com"}, DefaultRole: schema.RoleViewer},
		Connections: []reconcile.ConnectionState{{
			ID: "con_1", Name: "WH", Type: "postgres", Config: map[string]any{"port": 5432, "hosts": []any{"a", "b"}},
			Secrets:       map[string]string{"password": "hmac-sha256:00"},
			Sharing:       reconcile.SharingState{Members: "query", Guests: "none", Public: "none", Groups: map[string]string{"Data": "view_results"}},
			SchemaRefresh: &schema.SchemaRefresh{Cadence: "daily", Hour: &hour},
		}},
		Packages: []reconcile.PackageState{{ID: "pkg_1", Name: "utils", Repository: "acme/utils", Ref: schema.Ref{Tag: "v1"}, Install: []string{"b", "a"}}},
		Collections: []reconcile.CollectionState{{ID: "col_1", Name: "Reports", Description: "monthly",
			Sharing: reconcile.CollectionSharing{Members: "member", Groups: map[string]string{"Data": "manager"}, Users: map[string]string{"Ann@Acme.com": "manager"}}}},
		Statuses:   []reconcile.StatusState{{ID: "sts_2", Name: "WIP"}, {ID: "sts_1", Name: "Done", Endorsed: true}},
		Categories: []reconcile.CategoryState{{ID: "cat_1", Name: "Finance", Description: "money"}},
	}
}

func TestWriteSnapshotRoundTripNormalises(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".hexform", "state.json")
	in := sampleSnapshot()
	if err := WriteSnapshot(path, in); err != nil {
		t.Fatal(err)
	}
	if in.Users[0].Email != "zed@acme.com" || in.Groups[0].Members[1] != "Ann@acme.com" {
		t.Error("WriteSnapshot changed its argument")
	}
	got, err := New(path, nil).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := sampleSnapshot()
	want.Users[0], want.Users[1] = want.Users[1], want.Users[0]
	want.Users[0].Email = "ann@acme.com"
	want.Groups[0].Members = []string{"ann@acme.com", "zed@acme.com"}
	want.Domains.Allowed = []string{"acme.com"}
	want.Collections[0].Sharing.Users = map[string]string{"ann@acme.com": "manager"}
	want.Statuses[0], want.Statuses[1] = want.Statuses[1], want.Statuses[0]
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// Writing what was read gives the same bytes: the form is canonical.
	first, _ := os.ReadFile(path)
	_, lineage, _ := header(t, path)
	if err := writeState(path, got, lineage); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(path)
	if diff := cmp.Diff(string(first), string(second)); diff != "" {
		t.Errorf("second write differs (-first +second):\n%s", diff)
	}
	if !strings.HasPrefix(string(first), "{\n  \"version\": 2,\n  \"lineage\": \""+lineage+"\",\n  \"revision\": 7,\n") {
		t.Errorf("not indented JSON:\n%.80s", first)
	}
}

func TestWriteSnapshotFailingBeforeRenameKeepsOldDocument(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := WriteSnapshot(path, sampleSnapshot()); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(path)
	crash := errors.New("simulated crash")
	var sawTemp string
	testHookBeforeRename = func(tmp string) error {
		sawTemp = tmp
		if filepath.Dir(tmp) != dir {
			t.Errorf("temp file %s is not in the state's directory", tmp)
		}
		if data, err := os.ReadFile(tmp); err != nil || !strings.Contains(string(data), `"revision": 8`) {
			t.Errorf("temp file is not the complete new document: %v", err)
		}
		return crash
	}
	defer func() { testHookBeforeRename = nil }()
	next := sampleSnapshot()
	next.Revision = 8
	if err := WriteSnapshot(path, next); !errors.Is(err, crash) {
		t.Fatalf("err = %v, want the simulated crash", err)
	}
	if now, _ := os.ReadFile(path); string(now) != string(old) {
		t.Error("the old document changed")
	}
	if _, err := os.Stat(sawTemp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temp file %s left behind", sawTemp)
	}
	testHookBeforeRename = nil
	if err := WriteSnapshot(path, next); err != nil {
		t.Fatal(err)
	}
	s, err := readSnapshot(path)
	if err != nil || s.Revision != 8 {
		t.Fatalf("after a good write: revision %v, %v", s, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the state", len(entries))
	}
}

func TestSnapshotBadFileNamesLineAndColumn(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"syntax", "{\n  \"revision\": 1,\n  \"users\": [,]\n}", ":3:13: invalid character ','"},
		{"type", "{\n  \"revision\": \"one\"\n}", ":2:20: json: cannot unmarshal string"},
		{"unknown field", "{\n  \"revison\": 1\n}", `:2:3: json: unknown field "revison"`},
		{"truncated", "{\n  \"users\": [", ":2:13: unexpected EOF"},
		{"trailing", "{}\n{}", ":2:1: unexpected data after the document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, []byte(tc.doc), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := New(path, nil).Snapshot(context.Background())
			var de *DecodeError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), path+tc.want) {
				t.Fatalf("err = %v\nwant it to contain %q", err, path+tc.want)
			}
			if !strings.HasSuffix(err.Error(), "(fix the JSON, or restore the file from version control)") {
				t.Errorf("no hint: %v", err)
			}
		})
	}
}

func TestNormalizeValue(t *testing.T) {
	in := []any{float64(3), 2.5, []any{float64(1), "x"}, true}
	want := []any{3, 2.5, []any{1, "x"}, true}
	if diff := cmp.Diff(want, reconcile.JSONValue(in)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSnapshotRejectsIndistinguishableItems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	doc := `{"users": [{"id": "u1", "email": "Ann@x.io"}, {"id": "u2", "email": "ann@x.io"}],
	  "groups": [{"id": "g1", "name": "A"}, {"id": "g1", "name": "B"}, {"name": "C"}, {"name": "D"}]}`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(path, nil).Snapshot(context.Background())
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want *DecodeError", err)
	}
	for _, s := range []string{path + ": two users are called \"ann@x.io\"", `two groups have the id "g1"`} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("err lacks %q:\n%v", s, err)
		}
	}
	if strings.Contains(err.Error(), `"C"`) || strings.Contains(err.Error(), `id ""`) {
		t.Errorf("items without ids were reported: %v", err)
	}
}
