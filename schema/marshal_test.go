package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignorePositions compares workspaces without where they were read from.
var ignorePositions = cmp.Options{
	cmpopts.IgnoreTypes(Pos{}),
	cmpopts.IgnoreFields(Workspace{}, "File", "ConfirmPos"),
	cmpopts.SortSlices(func(a, b string) bool { return a < b }),
	cmpopts.SortSlices(func(a, b User) bool { return a.Email < b.Email }),
	cmpopts.SortSlices(func(a, b Group) bool { return a.Name < b.Name }),
	cmpopts.SortSlices(func(a, b Connection) bool { return a.Name < b.Name }),
	cmpopts.SortSlices(func(a, b Package) bool { return a.Name < b.Name }),
	cmpopts.SortSlices(func(a, b Status) bool { return a.Name < b.Name }),
	cmpopts.SortSlices(func(a, b Category) bool { return a.Name < b.Name }),
}

// roundTrip marshals ws, parses the result and checks it is equal.
func roundTrip(t *testing.T, ws *Workspace) []byte {
	t.Helper()
	out, err := Marshal(ws)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	back, ds := Parse("out.yaml", out)
	if ds.HasErrors() {
		t.Fatalf("Parse(Marshal(ws)):\n%s\n%s", short(ds), out)
	}
	if diff := cmp.Diff(ws, back, ignorePositions); diff != "" {
		t.Fatalf("round trip changed the workspace (-want +got):\n%s\n%s", diff, out)
	}
	return out
}

func TestMarshalRoundTripExample(t *testing.T) {
	ws, ds := Load(filepath.Join("..", "examples", "acme", "workspace.yaml"))
	if ds.HasErrors() {
		t.Fatalf("Load:\n%s", short(ds))
	}
	out := roundTrip(t, ws)
	golden := filepath.Join("testdata", "acme.canonical.yaml")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./schema -update)", err)
	}
	if diff := cmp.Diff(string(want), string(out)); diff != "" {
		t.Errorf("Marshal output differs from %s (-want +got):\n%s", golden, diff)
	}
	again, err := Marshal(mustParse(t, out))
	if err != nil || string(again) != string(out) {
		t.Errorf("Marshal is not idempotent:\n%s", again)
	}
}

func mustParse(t *testing.T, data []byte) *Workspace {
	t.Helper()
	ws, ds := Parse("w.yaml", data)
	if ds.HasErrors() {
		t.Fatalf("Parse:\n%s", short(ds))
	}
	return ws
}

// TestMarshalTrickyStrings: values YAML would read as something else are
// quoted, and empty-but-present lists and maps survive.
func TestMarshalTrickyStrings(t *testing.T) {
	tricky := []string{"yes", "no", "null", "~", "123", "1.5", "0x1F", "2024-01-02", "true", "- a", "a: b", "#x",
		"x #y", "[a]", "{a}", "*a", "&a", "!a", "%a", "@a", "`a", "'a'", `"a"`, "a\nb", "ä ü", "|", ">", "? a"}
	ws := &Workspace{Version: 1, Workspace: "w", Groups: []Group{}, Tags: &Tags{Statuses: []Status{}}, Ignore: map[string][]string{},
		Settings: &Settings{}, Confirm: []string{}}
	for i, s := range tricky {
		line := strings.ReplaceAll(s, "\n", " ") // names are one line; descriptions may hold line breaks
		name := "g" + line
		if i%2 == 0 {
			name = line + " g"
		}
		desc := s
		ws.Tags.Categories = append(ws.Tags.Categories, Category{Name: name, Description: &desc, Previously: []string{"old " + line}})
		ws.Packages = append(ws.Packages, Package{Name: name, Repository: "a/b", Ref: Ref{Tag: "v" + line}, Install: []string{s}})
	}
	ws.Groups = append(ws.Groups, Group{Name: "empty", Members: []string{}}, Group{Name: "unmanaged"})
	ratio, count := 0.1, 0
	ws.Settings.MaxDeleteRatio, ws.Settings.MaxDeleteCount = &ratio, &count
	ws.Connections = []Connection{{
		Name: "T", Type: "trino", Config: map[string]any{"hostname": "yes", "port": 8080, "username": "123",
			"session_properties": []any{map[string]any{"key": "null", "value": "a: b"}}},
		Secrets: map[string]SecretRef{"password": {File: "secrets/p w"}},
		Sharing: &Sharing{Groups: map[string]string{}},
	}}
	roundTrip(t, ws)
}

func TestMarshalSortsWithoutModifying(t *testing.T) {
	ws := &Workspace{Version: 1, Workspace: "w", Users: []User{
		{Email: "b@x.example", Role: RoleAdmin}, {Email: "A@x.example", Role: RoleViewer},
	}, Groups: []Group{{Name: "Z", Members: []string{"b@x.example", "A@x.example"}}, {Name: "M"}}}
	out, err := Marshal(ws)
	if err != nil {
		t.Fatal(err)
	}
	want := "# yaml-language-server: $schema=" + SchemaID + "\n" + `version: 1
workspace: w
users:
  - email: A@x.example
    role: viewer
  - email: b@x.example
    role: admin
groups:
  - name: M
  - name: Z
    members:
      - A@x.example
      - b@x.example
`
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("Marshal (-want +got):\n%s", diff)
	}
	if ws.Users[0].Email != "b@x.example" || ws.Groups[0].Members[0] != "b@x.example" {
		t.Error("Marshal reordered its input")
	}
	if _, err := Marshal(nil); err == nil {
		t.Error("Marshal(nil) did not fail")
	}
}
