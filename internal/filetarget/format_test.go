package filetarget

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

var lineageForm = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// header decodes the version and lineage written at the top of a state file.
func header(t *testing.T, path string) (version int, lineage string, revision int64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Version  int    `json:"version"`
		Lineage  string `json:"lineage"`
		Revision int64  `json:"revision"`
	}
	if err := json.Unmarshal(data, &h); err != nil {
		t.Fatal(err)
	}
	return h.Version, h.Lineage, h.Revision
}

func TestFirstApplyWritesVersionAndLineage(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".hexform", "state.json")
	tg := New(path, nil)
	if _, err := tg.Snapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !tg.Missing() || tg.Lineage() != "" {
		t.Errorf("before the first apply: Missing %v, Lineage %q; want true and none", tg.Missing(), tg.Lineage())
	}
	if err := tg.Apply(context.Background(), chg(C, reconcile.KindGroup, "A"), nil); err != nil {
		t.Fatal(err)
	}
	v, lineage, rev := header(t, path)
	if v != StateVersion || !lineageForm.MatchString(lineage) || rev != 1 {
		t.Fatalf("new state: version %d, lineage %q, revision %d; want %d, a random UUID, 1", v, lineage, rev, StateVersion)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "{\n  \"version\": 2,\n  \"lineage\": \""+lineage+"\",\n  \"revision\": 1,\n") {
		t.Errorf("the header is not at the top:\n%.120s", data)
	}
	// Every later write keeps the lineage and counts the revision.
	if err := tg.Apply(context.Background(), chg(C, reconcile.KindGroup, "B"), nil); err != nil {
		t.Fatal(err)
	}
	if v2, l2, rev2 := header(t, path); v2 != StateVersion || l2 != lineage || rev2 != 2 {
		t.Errorf("second write: version %d, lineage %q, revision %d; want %d, %q, 2", v2, l2, rev2, StateVersion, lineage)
	}
	if _, err := tg.Snapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	if tg.Missing() || tg.Lineage() != lineage {
		t.Errorf("after reading: Missing %v, Lineage %q; want false, %q", tg.Missing(), tg.Lineage(), lineage)
	}
	// Another state has another lineage.
	other := filepath.Join(filepath.Dir(path), "other.json")
	if err := New(other, nil).Apply(context.Background(), chg(C, reconcile.KindGroup, "A"), nil); err != nil {
		t.Fatal(err)
	}
	if _, l3, _ := header(t, other); l3 == lineage {
		t.Error("two new states share a lineage")
	}
}

func TestLegacyStateLoadsAndIsUpgradedOnWrite(t *testing.T) {
	for _, src := range []string{"../../examples/acme/current.json", "../../testdata/renames/current.json"} {
		t.Run(src, func(t *testing.T) {
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			tg := New(path, nil)
			before, err := tg.Snapshot(context.Background())
			if err != nil {
				t.Fatalf("a state without a version no longer loads: %v", err)
			}
			if tg.Lineage() != "" || tg.Missing() {
				t.Errorf("legacy state: Lineage %q, Missing %v", tg.Lineage(), tg.Missing())
			}
			if err := tg.Apply(context.Background(), chg(C, reconcile.KindStatus, "New"), nil); err != nil {
				t.Fatal(err)
			}
			v, lineage, rev := header(t, path)
			if v != StateVersion || !lineageForm.MatchString(lineage) || rev != before.Revision+1 {
				t.Errorf("after a write: version %d, lineage %q, revision %d; want %d, a lineage, %d", v, lineage, rev, StateVersion, before.Revision+1)
			}
		})
	}
}

// manyKeys is an object's text with n keys k0 … k(n-1), then extra.
func manyKeys(n int, extra string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, `"k%d": 1, `, i)
	}
	return b.String() + extra + "}"
}

func TestStateFormatRefusals(t *testing.T) {
	const lin = `"lineage": "0b7c5a52-9c8e-4d0f-8a7e-3f1b2c4d5e6f"`
	long := `{"connections": [{"id": "c1", "name": "C", "config": ` + manyKeys(30, `"k3": 2`) + `}]}`
	longFolded := `{"groups": [` + manyKeys(30, `"K29": 2`) + `]}`
	for _, tc := range []struct{ name, doc, want, hint string }{
		{"empty file", "", ": the state file is empty", "restore it from version control"},
		{"only spaces", " \n\t\n", ": the state file is empty", "delete it"},
		{"null", "null\n", ":1:1: the state is null, not an object", "restore it from version control"},
		{"array", "[]", ":1:1: the state must be a JSON object, not an array", ""},
		{"string", `"x"`, ":1:1: the state must be a JSON object, not a string", ""},
		{"empty object", "{}\n", ":1:1: the state is an empty object", "restore it from version control"},
		{"duplicate top-level key", "{\n  \"revision\": 1,\n  \"users\": [],\n  \"users\": []\n}", `:4:3: duplicate key "users" (the first is at 3:3)`, "keep one"},
		{"duplicate nested key", "{\"groups\": [\n  {\"id\": \"g1\", \"name\": \"A\", \"name\": \"B\"}]}", `:2:29: duplicate key "name" (the first is at 2:16)`, ""},
		{"duplicate map key", `{"connections": [{"id": "c1", "name": "C", "config": {"a": 1, "b": {"x": 1, "x": 2}}}]}`, `:1:77: duplicate key "x" (the first is at 1:69)`, ""},
		{"duplicate escaped key", `{"revision": 1, "user\u0073": [], "users": []}`, `:1:35: duplicate key "users" (the first is at 1:17)`, ""},
		{"keys differing in case", `{"revision": 1, "users": [], "Users": []}`, `:1:30: duplicate key "Users" (the first is "users" at 1:17; a JSON reader matches keys without regard to case)`, ""},
		{"keys folding alike", "{\"groups\": [{\"id\": \"g1\", \"name\": \"A\", \"NAME\": \"B\"}]}", `:1:39: duplicate key "NAME" (the first is "name" at 1:26;`, ""},
		{"duplicate key among many", long, `:1:345: duplicate key "k3" (the first is at 1:82)`, ""},
		{"keys folding alike among many", longFolded, `:1:304: duplicate key "K29" (the first is "k29" at 1:294;`, ""},
		{"null item", `{"revision": 1, "groups": [{"id": "g1", "name": "A"}, null]}`, ":1:55: a null item in a list", ""},
		{"invalid utf-8", "{\n  \"groups\": [{\"id\": \"g1\", \"name\": \"A\xff\"}]\n}", ":2:37: invalid UTF-8 (byte 0xff)", "UTF-8"},
		{"newer version", "{\n  \"version\": 3,\n  \"lineage\": \"x\",\n  \"future\": true\n}", ":2:3: the state was written by a newer hexform (state format 3; this hexform reads formats up to 2)", "upgrade hexform"},
		{"newer version spelled otherwise", `{"Version": 3, "lineage": "x"}`, ":1:2: the state was written by a newer hexform (state format 3;", "upgrade hexform"},
		{"version zero", `{"version": 0, ` + lin + `, "revision": 1}`, ":1:2: state format 0 is not a version (want 1 to 2)", ""},
		{"version 2 without lineage", `{"version": 2, "revision": 1}`, ":1:2: state format 2 needs a lineage", ""},
		{"bad lineage", `{"version": 2, "lineage": "x y", "revision": 1}`, `:1:16: lineage "x y" is not a UUID`, ""},
		{"version string", `{"version": "2", ` + lin + `}`, ":1:16: json: cannot unmarshal string", ""},
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
			if tc.hint != "" && !strings.Contains(err.Error(), tc.hint) {
				t.Errorf("err = %v\nwant a hint containing %q", err, tc.hint)
			}
			if strings.Contains(err.Error(), "\xff") {
				t.Errorf("the invalid byte reached the message: %q", err)
			}
		})
	}
}

func TestCurrentVersionWithLineageLoads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	doc := `{"version": 2, "lineage": "0b7c5a52-9c8e-4d0f-8a7e-3f1b2c4d5e6f", "revision": 5, "groups": [{"id": "g1", "name": "A", "members": []}]}`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	tg := New(path, nil)
	s, err := tg.Snapshot(context.Background())
	if err != nil || s.Revision != 5 || len(s.Groups) != 1 {
		t.Fatalf("snapshot %+v, %v", s, err)
	}
	if tg.Lineage() != "0b7c5a52-9c8e-4d0f-8a7e-3f1b2c4d5e6f" {
		t.Errorf("Lineage = %q", tg.Lineage())
	}
}

// TestFreeFormKeysMayDifferInCase: config, secrets and per-group sharing
// are maps whose keys are data; only their exact repeats are duplicates.
func TestFreeFormKeysMayDifferInCase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	doc := `{"revision": 1, "groups": [{"id": "g1", "name": "ds", "members": []}, {"id": "g2", "name": "DS", "members": []}],
	  "connections": [{"id": "c1", "name": "C", "type": "postgres",
	    "config": {"Host": "a", "host": "b", "opts": {"X": [null, 1], "x": 2}},
	    "secrets": {"Password": "hmac-sha256:00", "password": "hmac-sha256:01"},
	    "sharing": {"members": "query", "guests": "none", "public": "none", "groups": {"DS": "query", "ds": "view_results"}}}]}`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(path, nil).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c := s.Connections[0]
	if len(c.Config) != 3 || len(c.Secrets) != 2 || len(c.Sharing.Groups) != 2 {
		t.Errorf("connection read as %+v", c)
	}
}
