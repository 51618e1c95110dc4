package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadGuards(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(DefaultMaxFileSize + 1); err != nil { // sparse: cheap
		t.Fatal(err)
	}
	f.Close()
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.yaml"), ": error: file not found"},
		{"directory", dir, ": error: is a directory, not a workspace file"},
		{"too big", big, ": error: file is 67108865 bytes; a workspace file may hold at most 67108864 (64MiB)"},
		{"empty", write("empty.yaml", nil), ": error: file is empty"},
		{"blank", write("blank.yaml", []byte("\n  \n\t\n")), ": error: file is empty"},
		{"comments only", write("comments.yaml", []byte("# nothing here\n")), ": error: file has no content, only comments"},
		{"latin-1", write("latin1.yaml", []byte("version: 1\nworkspace: caf\xe9\n")), ":2:15: error: file is not valid UTF-8"},
		{"utf-16", write("utf16.yaml", []byte("\xff\xfev\x00:\x00")), ":1:1: error: file is not valid UTF-8"},
		{"two documents", write("two.yaml", []byte(base+"---\n"+base)), ":3:1: error: file holds more than one YAML document"},
		{"syntax", write("syntax.yaml", []byte(base+"users: [\n")), ":3:1: error: invalid YAML: did not find expected node content"},
		{"not a mapping", write("list.yaml", []byte("- a\n- b\n")), ":1:1: error: the workspace file must be a mapping, not a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, ds := Load(tt.path)
			if ws != nil {
				t.Errorf("Load returned a workspace with errors")
			}
			if len(ds) != 1 {
				t.Fatalf("Load: %d diagnostics, want 1:\n%s", len(ds), short(ds))
			}
			if got := ds[0].String(); !strings.HasPrefix(got, tt.path+tt.want) {
				t.Errorf("Load = %q, want prefix %q", got, tt.path+tt.want)
			}
		})
	}
}

func TestLoadExampleSetsFileAndPositions(t *testing.T) {
	path := filepath.Join("..", "examples", "acme", "workspace.yaml")
	ws, ds := Load(path)
	if ds.HasErrors() || ws == nil {
		t.Fatalf("Load(%s):\n%s", path, short(ds))
	}
	if ws.File != path {
		t.Errorf("File = %q, want %q", ws.File, path)
	}
	for _, u := range ws.Users {
		if u.Pos.File != path || u.Pos.Line == 0 || u.Pos.Col == 0 {
			t.Errorf("user %s has position %+v", u.Email, u.Pos)
		}
	}
	if len(ws.ConfirmPos) != len(ws.Confirm) || ws.ConfirmPos[0].Line == 0 {
		t.Errorf("ConfirmPos = %v for %v", ws.ConfirmPos, ws.Confirm)
	}
}

func TestParseNormalises(t *testing.T) {
	ws, ds := Parse("w.yaml", []byte(doc(
		"version: 1",
		"workspace: acme",
		"domains: {allowed: [ACME.com, Acme.IO], default_role: Member}",
		"users:",
		"  - {email: Alice@Acme.com, role: author}",
		"  - {email: bob@acme.com, role: ADMIN}",
		"confirm: [delete group/Old]",
	)))
	if ds.HasErrors() {
		t.Fatalf("Parse:\n%s", short(ds))
	}
	if got := ws.Domains.Allowed; !cmp.Equal(got, []string{"acme.com", "acme.io"}) {
		t.Errorf("Allowed = %v, want lower-cased", got)
	}
	if ws.Domains.DefaultRole != RoleViewer {
		t.Errorf("DefaultRole = %q, want viewer", ws.Domains.DefaultRole)
	}
	if u := ws.Users[0]; u.Email != "Alice@Acme.com" || u.Role != RoleEditor {
		t.Errorf("user 0 = %q %q, want the email as written and role editor", u.Email, u.Role)
	}
	if ws.Users[1].Role != RoleAdmin {
		t.Errorf("user 1 role = %q", ws.Users[1].Role)
	}
	if want := (Pos{"w.yaml", 5, 5}); ws.Users[0].Pos != want {
		t.Errorf("user 0 Pos = %v, want %v", ws.Users[0].Pos, want)
	}
	if want := []Pos{{"w.yaml", 7, 11}}; !cmp.Equal(ws.ConfirmPos, want) {
		t.Errorf("ConfirmPos = %v, want %v", ws.ConfirmPos, want)
	}
}

// TestAbsentVersusEmpty: an absent section or list is nil, a present empty
// one is empty and non-nil, and an empty value (null) is refused.
func TestAbsentVersusEmpty(t *testing.T) {
	ws, ds := Parse("w.yaml", []byte(base+"groups: []\nconnections: []\ntags: {statuses: []}\nignore: {}\nusers:\n  - {email: a@acme.com, role: admin}\n"))
	if ds.HasErrors() {
		t.Fatalf("Parse:\n%s", short(ds))
	}
	if ws.Groups == nil || len(ws.Groups) != 0 || ws.Connections == nil || ws.Tags.Statuses == nil || ws.Ignore == nil {
		t.Errorf("present empty sections must be non-nil: %+v", ws)
	}
	if ws.Packages != nil || ws.Tags.Categories != nil || ws.Settings != nil || ws.Domains != nil || ws.Confirm != nil {
		t.Errorf("absent sections must be nil: %+v", ws)
	}
	ws, ds = Parse("w.yaml", []byte(base+"groups:\n  - name: A\n  - name: B\n    members: []\n"))
	if ds.HasErrors() {
		t.Fatalf("Parse:\n%s", short(ds))
	}
	if ws.Groups[0].Members != nil || ws.Groups[1].Members == nil {
		t.Errorf("members: absent must be nil, [] non-nil: %#v", ws.Groups)
	}
	_, ds = Parse("w.yaml", []byte(base+"groups:\n"))
	if want := "3:8: error: groups must be a list, not empty\n"; short(ds) != want {
		t.Errorf("groups: with no value:\n%s\nwant:\n%s", short(ds), want)
	}
	if ds[0].Hint != "write groups: [] for an empty list, or remove the key" {
		t.Errorf("hint = %q", ds[0].Hint)
	}
}

func TestAliases(t *testing.T) {
	// Anchors, aliases and merge keys work within the budget.
	ws, ds := Parse("w.yaml", []byte(doc(
		"version: 1",
		"workspace: acme",
		"groups:",
		"  - name: A",
		"    members: &team [a@acme.com, b@acme.com]",
		"  - name: B",
		"    members: *team",
		"tags:",
		"  statuses:",
		"    - &prod {name: Production, endorsed: true}",
		"    - {<<: *prod, name: Gold}",
	)))
	if ds.HasErrors() {
		t.Fatalf("Parse:\n%s", short(ds))
	}
	if !cmp.Equal(ws.Groups[1].Members, []string{"a@acme.com", "b@acme.com"}) {
		t.Errorf("aliased members = %v", ws.Groups[1].Members)
	}
	if s := ws.Tags.Statuses[1]; s.Name != "Gold" || s.Endorsed == nil || !*s.Endorsed {
		t.Errorf("merged status = %+v", s)
	}

	// A billion-laughs document is refused, quickly, at the alias that
	// crosses the budget.
	var b strings.Builder
	b.WriteString(base + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	ws, ds = Parse("bomb.yaml", []byte(b.String()))
	if ws != nil || len(ds) != 1 || !strings.Contains(ds[0].Message, "YAML aliases expand to more than 10000 nodes") {
		t.Fatalf("alias bomb: %v\n%s", ws, short(ds))
	}
	if ds[0].Line != 6 {
		t.Errorf("alias bomb reported at line %d, want 6 (the alias crossing the budget)", ds[0].Line)
	}

	// An anchor that contains an alias to itself.
	_, ds = Parse("w.yaml", []byte(base+"groups: &g [*g]\n"))
	if want := "3:13: error: alias *g refers to itself\n"; short(ds) != want {
		t.Errorf("self alias:\n%s\nwant:\n%s", short(ds), want)
	}
	_, ds = Parse("w.yaml", []byte(base+"settings: {<<: [a, b]}\n"))
	if want := "3:12: error: merge key << needs a mapping or a list of mappings, not a list\n"; short(ds) != want {
		t.Errorf("bad merge:\n%s\nwant:\n%s", short(ds), want)
	}
}

func TestParseNeverPanicsOnOddInput(t *testing.T) {
	inputs := []string{
		"", "\x00", "---", "--- !!binary AAAA", "? [a]\n: b", "version: !!int x", "[[[[[[[[",
		"*unknown", "version: 1\nworkspace: w\nusers: {a: b}", strings.Repeat("[", 20000),
		"version: 1\nworkspace: w\n{a: b}: c", "!!map {}", "&a a: *a",
	}
	for _, in := range inputs {
		ws, ds := Parse("odd.yaml", []byte(in))
		if ws != nil || !ds.HasErrors() {
			t.Errorf("Parse(%q) = %v, %v; want an error", in, ws, ds)
		}
	}
}
