package hexsim

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hexform/hexform/reconcile"
)

func collFixture() *reconcile.Snapshot {
	st := fixture()
	st.Collections = []reconcile.CollectionState{{ID: "col-fin", Name: "Finance", Description: "Month-end",
		Sharing: reconcile.CollectionSharing{Members: "member", Groups: map[string]string{"Analysts": "manager"},
			Users: map[string]string{"bob@acme.com": "member"}}}}
	return st
}

func TestCollectionsCreateGetList(t *testing.T) {
	s, c := newSim(t, Config{}, collFixture())
	m := c.do("POST", "/api/v1/collections", map[string]any{"name": "Board", "description": "for the board",
		"sharing": map[string]any{"users": []any{map[string]any{"id": "u-carol", "access": "MANAGER"}},
			"groups": []any{map[string]any{"id": "g-analysts", "access": "MEMBER"}}, "workspace": map[string]any{"members": "NONE"}}}).want(t, 201)
	id, _ := m["id"].(string)
	if !uuidRE.MatchString(id) {
		t.Fatalf("id %q is not uuid-shaped", id)
	}
	want := map[string]any{"id": id, "name": "Board", "description": "for the board", "sharing": map[string]any{
		"users":     []any{map[string]any{"id": "u-carol", "access": "MANAGER"}},
		"groups":    []any{map[string]any{"id": "g-analysts", "access": "MEMBER"}},
		"workspace": map[string]any{"members": "NONE"}}}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("CreateCollection (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want, c.do("GET", "/api/v1/collections/"+id, nil).want(t, 200)); d != "" {
		t.Errorf("GetCollection (-want +got):\n%s", d)
	}
	vals, _, _ := values(t, c.do("GET", "/api/v1/collections?sortBy=NAME", nil).want(t, 200))
	if names := pluck(vals, "name"); !slices.Equal(names, []string{"Board", "Finance"}) {
		t.Errorf("ListCollections = %v", names)
	}
	fin := reconcile.CollectionState{ID: "col-fin", Name: "Finance", Description: "Month-end",
		Sharing: reconcile.CollectionSharing{Members: "member", Groups: map[string]string{"Analysts": "manager"}, Users: map[string]string{"bob@acme.com": "member"}}}
	board := reconcile.CollectionState{ID: id, Name: "Board", Description: "for the board",
		Sharing: reconcile.CollectionSharing{Members: "none", Groups: map[string]string{"Analysts": "member"}, Users: map[string]string{"carol@acme.com": "manager"}}}
	if d := cmp.Diff([]reconcile.CollectionState{board, fin}, s.Snapshot().Collections); d != "" {
		t.Errorf("state (-want +got):\n%s", d)
	}
	wantTsoa(t, c.do("GET", "/api/v1/collections/nope", nil), 404, "not found")
}

// An edit's sharing is an upsert: the entries it names are set, NONE
// removes one, and the others stay as they were.
func TestEditCollectionUpserts(t *testing.T) {
	s, c := newSim(t, Config{}, collFixture())
	m := c.do("PATCH", "/api/v1/collections/col-fin", map[string]any{"name": "Finance reports",
		"sharing": map[string]any{"upsert": map[string]any{
			"users":     []any{map[string]any{"id": "u-bob", "access": "NONE"}, map[string]any{"id": "u-dave", "access": "MEMBER"}},
			"workspace": map[string]any{"members": "NONE"}}}}).want(t, 200)
	want := map[string]any{"id": "col-fin", "name": "Finance reports", "description": "Month-end", "sharing": map[string]any{
		"users":     []any{map[string]any{"id": "u-dave", "access": "MEMBER"}},
		"groups":    []any{map[string]any{"id": "g-analysts", "access": "MANAGER"}},
		"workspace": map[string]any{"members": "NONE"}}}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("EditCollection (-want +got):\n%s", d)
	}
	m = c.do("PATCH", "/api/v1/collections/col-fin", map[string]any{"description": ""}).want(t, 200)
	if _, ok := m["description"]; ok || m["name"] != "Finance reports" {
		t.Errorf("after clearing the description: %v", m)
	}
	// The sharing names groups: a rename follows, a delete drops the entry.
	c.do("PATCH", "/api/v1/groups/g-analysts", map[string]any{"name": "Data"}).want(t, 200)
	if g := s.Snapshot().Collections[0].Sharing.Groups; !cmp.Equal(g, map[string]string{"Data": "manager"}) {
		t.Errorf("sharing after the group's rename = %v", g)
	}
	c.do("DELETE", "/api/v1/groups/g-analysts", nil).want(t, 204)
	if g := s.Snapshot().Collections[0].Sharing.Groups; len(g) != 0 {
		t.Errorf("sharing after the group's delete = %v", g)
	}
}

func TestCollectionValidation(t *testing.T) {
	s, c := newSim(t, Config{}, collFixture())
	share := func(kind, id, access string) map[string]any {
		return map[string]any{"sharing": map[string]any{"upsert": map[string]any{kind: []any{map[string]any{"id": id, "access": access}}}}}
	}
	cases := []struct {
		method, path string
		body         any
		status       int
		detail       string
	}{
		{"POST", "/api/v1/collections", map[string]any{}, 400, "name is required"},
		{"POST", "/api/v1/collections", map[string]any{"name": ""}, 400, "at least 1 character"},
		{"POST", "/api/v1/collections", map[string]any{"name": "X", "sharing": map[string]any{"upsert": map[string]any{}}}, 400, `unknown field "upsert"`},
		{"POST", "/api/v1/collections", map[string]any{"name": "X", "sharing": map[string]any{"users": []any{map[string]any{"id": "u-eve", "access": "MEMBER"}}}}, 400, "no active user u-eve"},
		{"PATCH", "/api/v1/collections/col-fin", map[string]any{"sharing": map[string]any{"users": []any{}}}, 400, `unknown field "users"`},
		{"PATCH", "/api/v1/collections/col-fin", share("users", "u-bob", "CAN_EDIT"), 400, `sharing.upsert.users[0].access must be one of NONE, MEMBER, MANAGER, not "CAN_EDIT"`},
		{"PATCH", "/api/v1/collections/col-fin", share("groups", "g-nope", "MEMBER"), 400, "no group g-nope"},
		{"PATCH", "/api/v1/collections/col-fin", share("groups", "", "MEMBER"), 400, "groups[0].id is required"},
		{"PATCH", "/api/v1/collections/col-fin", map[string]any{"sharing": map[string]any{"upsert": map[string]any{"users": []any{map[string]any{"id": "u-bob"}}}}}, 400, "access is required"},
		{"PATCH", "/api/v1/collections/col-fin", map[string]any{"name": ""}, 400, "at least 1 character"},
		{"PATCH", "/api/v1/collections/nope", map[string]any{"name": "Y"}, 404, "not found"},
		{"DELETE", "/api/v1/collections/col-fin", nil, 404, "no such endpoint"},
		{"GET", "/api/v1/collections?sortDirection=ASC", nil, 400, "sortDirection is not a parameter"},
		{"GET", "/api/v1/collections?sortBy=CREATED_AT", nil, 400, "sortBy must be one of NAME"},
		{"GET", "/api/v1/collections?limit=101", nil, 400, "limit must be an integer from 1 to 100"},
	}
	for _, tc := range cases {
		r := c.do(tc.method, tc.path, tc.body)
		if tc.method == "DELETE" {
			wantCode(t, r, tc.status, "NOT_FOUND", tc.detail)
			continue
		}
		wantTsoa(t, r, tc.status, tc.detail)
	}
	if st := s.Snapshot(); st.Revision != 0 || len(st.Collections) != 1 || st.Collections[0].Name != "Finance" {
		t.Errorf("a rejected request changed the state: %+v", st.Collections)
	}
}

func TestCollectionsPage(t *testing.T) {
	st := fixture()
	for i := range 5 {
		st.Collections = append(st.Collections, reconcile.CollectionState{Name: fmt.Sprintf("C%d", i)})
	}
	_, c := newSim(t, Config{}, st)
	var names []string
	after := ""
	for range 5 {
		vals, next, _ := values(t, c.do("GET", "/api/v1/collections?limit=2&after="+after, nil).want(t, 200))
		names = append(names, pluck(vals, "name")...)
		for _, v := range vals {
			if !uuidRE.MatchString(v["id"].(string)) {
				t.Errorf("loaded collection got id %v", v["id"])
			}
		}
		if after = next; after == "" {
			break
		}
	}
	if !slices.Equal(names, []string{"C0", "C1", "C2", "C3", "C4"}) {
		t.Errorf("paged names = %v", names)
	}
}

// Collections are saved with the rest of the state, and load back.
func TestCollectionsPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	_, c := newSim(t, Config{StatePath: path}, fixture())
	c.do("POST", "/api/v1/collections", map[string]any{"name": "Board",
		"sharing": map[string]any{"groups": []any{map[string]any{"id": "g-analysts", "access": "MANAGER"}}}}).want(t, 201)
	st, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Collections) != 1 || st.Collections[0].Name != "Board" || st.Collections[0].Sharing.Groups["Analysts"] != "manager" {
		t.Fatalf("saved collections = %+v", st.Collections)
	}
	_, c2 := newSim(t, Config{}, st)
	vals, _, _ := values(t, c2.do("GET", "/api/v1/collections", nil).want(t, 200))
	if len(vals) != 1 || vals[0]["id"] != st.Collections[0].ID {
		t.Errorf("reloaded = %v", vals)
	}
}

// A collection without its required sharing is the spoiled answer a client
// must refuse.
func TestCollectionBadAnswer(t *testing.T) {
	_, c := newSim(t, Config{BadAnswer: BadAnswer{Kind: MissingField, Op: "ListCollections"}}, collFixture())
	vals, _, _ := values(t, c.do("GET", "/api/v1/collections", nil).want(t, 200))
	if _, ok := vals[0]["sharing"]; ok || vals[0]["name"] != "Finance" {
		t.Errorf("spoiled list = %v, want the sharing gone", vals)
	}
}
