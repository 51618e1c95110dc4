package hexsim

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/reconcile"
)

func TestStatePersistedAndReloaded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	st, err := Load(path) // missing: an empty workspace
	if err != nil || len(st.Users)+len(st.Groups)+len(st.Connections) != 0 {
		t.Fatalf("Load(missing) = %+v, %v", st, err)
	}
	s1, c := newSim(t, Config{StatePath: path}, fixture())
	g := c.do("POST", "/api/v1/groups", map[string]any{"name": "Ops",
		"members": map[string]any{"users": []any{map[string]any{"id": "u-dave"}}}}).want(t, 201)
	c.do("POST", "/api/v1/data-connections", newPostgres()).want(t, 201)
	c.do("POST", "/api/v1/users/u-carol/deactivate", nil).want(t, 200)

	loaded, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Revision != 3 {
		t.Errorf("revision %d, want 3", loaded.Revision)
	}
	if d := cmp.Diff(s1.Snapshot(), loaded); d != "" {
		t.Errorf("saved state differs from the server's (-server +file):\n%s", d)
	}
	if loaded.Users[0].Email != "ann@acme.com" {
		t.Errorf("e-mails not normalised: %q", loaded.Users[0].Email)
	}

	// A new simulator on the saved file serves the same workspace and
	// hands out ids that do not collide with the saved ones.
	_, c2 := newSim(t, Config{StatePath: path}, loaded)
	if m := c2.do("GET", "/api/v1/groups/"+g["id"].(string), nil).want(t, 200); m["name"] != "Ops" {
		t.Errorf("reloaded group = %v", m)
	}
	vals, _, _ := values(t, c2.do("GET", "/api/v1/users?groupId="+g["id"].(string), nil).want(t, 200))
	if ids := pluck(vals, "id"); !cmp.Equal(ids, []string{"u-dave"}) {
		t.Errorf("reloaded members = %v", ids)
	}
	g2 := c2.do("POST", "/api/v1/groups", map[string]any{"name": "Ops 2"}).want(t, 201)
	if g2["id"] == g["id"] {
		t.Errorf("id %v reused after reload", g2["id"])
	}
}

func TestDeterministicIDs(t *testing.T) {
	ids := func() []string {
		_, c := newSim(t, Config{}, fixture())
		var out []string
		for _, name := range []string{"A", "B"} {
			out = append(out, c.do("POST", "/api/v1/groups", map[string]any{"name": name}).want(t, 201)["id"].(string))
		}
		return out
	}
	a, b := ids(), ids()
	if !cmp.Equal(a, b) || a[0] == a[1] {
		t.Errorf("ids %v then %v", a, b)
	}
}

// Items without ids get one; the snapshot passed to New is not modified.
func TestNewFillsIDs(t *testing.T) {
	in := &reconcile.Snapshot{Groups: []reconcile.GroupState{{Name: "NoID", Members: []string{"X@Acme.com"}}}}
	s := New(Config{Token: testToken}, in)
	got := s.Snapshot().Groups[0]
	if !uuidRE.MatchString(got.ID) || !cmp.Equal(got.Members, []string{"x@acme.com"}) || in.Groups[0].ID != "" {
		t.Errorf("New: %+v (input %+v)", got, in.Groups[0])
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"users\": [\n    {\"id\": 1}\n  ]\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(bad)
	var se *StateError
	if !errors.As(err, &se) || se.Line != 3 || !strings.HasPrefix(err.Error(), bad+":3:") {
		t.Errorf("Load(bad) = %v", err)
	}
	unknown := filepath.Join(dir, "unknown.json")
	if err := os.WriteFile(unknown, []byte(`{"userz": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(unknown); err == nil || !strings.Contains(err.Error(), "userz") {
		t.Errorf("Load(unknown field) = %v", err)
	}
}

// A state file that cannot be written makes the write answer 500, naming the problem.
func TestSaveFailure(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(notDir, "state.json")
	_, c := newSim(t, Config{StatePath: path}, nil)
	wantTsoa(t, c.do("POST", "/api/v1/groups", map[string]any{"name": "A"}), 500, "cannot save the state")
}

// TestIDsAreUUIDs: every id the simulator hands out, to items loaded
// without one and to items created, is a UUID; ids a state already has are
// kept.
func TestIDsAreUUIDs(t *testing.T) {
	in := &reconcile.Snapshot{
		Users:       []reconcile.UserState{{Email: "a@acme.com", Role: "admin", Active: true}, {ID: "u-kept", Email: "b@acme.com", Role: "editor", Active: true}},
		Groups:      []reconcile.GroupState{{Name: "G"}, {ID: "g-kept", Name: "H"}, {ID: "g-analysts", Name: "Analysts"}},
		Connections: []reconcile.ConnectionState{{Name: "C", Type: "postgres"}, {ID: "c-kept", Name: "D", Type: "postgres"}},
	}
	s, c := newSim(t, Config{}, in)
	st := s.Snapshot()
	ids := map[string]string{} // name or e-mail -> id
	for _, u := range st.Users {
		ids[u.Email] = u.ID
	}
	for _, g := range st.Groups {
		ids[g.Name] = g.ID
	}
	for _, c := range st.Connections {
		ids[c.Name] = c.ID
	}
	for _, name := range []string{"a@acme.com", "G", "C"} {
		if !uuidRE.MatchString(ids[name]) {
			t.Errorf("id %q filled in for %s is not a UUID", ids[name], name)
		}
	}
	if ids["b@acme.com"] != "u-kept" || ids["H"] != "g-kept" || ids["D"] != "c-kept" {
		t.Errorf("ids of the state not kept: %v", ids)
	}
	g := c.do("POST", "/api/v1/groups", map[string]any{"name": "New"}).want(t, 201)
	conn := c.do("POST", "/api/v1/data-connections", newPostgres()).want(t, 201)
	for _, id := range []any{g["id"], conn["id"]} {
		if s, _ := id.(string); !uuidRE.MatchString(s) {
			t.Errorf("created id %v is not a UUID", id)
		}
	}
}
