package hexsim

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestGroupsCRUD(t *testing.T) {
	now := time.Date(2025, 3, 4, 5, 6, 7, 890e6, time.UTC)
	s, c := newSim(t, Config{Now: func() time.Time { return now }}, fixture())

	m := c.do("POST", "/api/v1/groups", map[string]any{"name": "Finance",
		"members": map[string]any{"users": []any{map[string]any{"id": "u-carol"}, map[string]any{"id": "u-ann"}}}}).want(t, 201)
	id, _ := m["id"].(string)
	if !uuidRE.MatchString(id) {
		t.Fatalf("id %q is not uuid-shaped", id)
	}
	want := map[string]any{"id": id, "name": "Finance", "members": map[string]any{"users": []any{
		map[string]any{"id": "u-ann"}, map[string]any{"id": "u-carol"}}}}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("CreateGroup (-want +got):\n%s", d)
	}

	got := c.do("GET", "/api/v1/groups/"+id, nil).want(t, 200)
	if d := cmp.Diff(map[string]any{"id": id, "name": "Finance", "createdAt": "2025-03-04T05:06:07.890Z"}, got); d != "" {
		t.Errorf("GetGroup (-want +got):\n%s", d)
	}
	vals, _, _ := values(t, c.do("GET", "/api/v1/groups", nil).want(t, 200))
	if names := pluck(vals, "name"); !slices.Equal(names, []string{"Analysts", "Finance"}) {
		t.Errorf("ListGroups = %v", names)
	}
	vals, _, _ = values(t, c.do("GET", "/api/v1/groups?sortBy=CREATED_AT&sortDirection=DESC", nil).want(t, 200))
	if names := pluck(vals, "name"); !slices.Equal(names, []string{"Finance", "Analysts"}) {
		t.Errorf("ListGroups by CREATED_AT DESC = %v", names)
	}

	edit := map[string]any{"name": "Data Analysts", "members": map[string]any{
		"add":    map[string]any{"users": []any{map[string]any{"id": "u-dave"}}},
		"remove": map[string]any{"users": []any{map[string]any{"id": "u-bob"}}}}}
	m = c.do("PATCH", "/api/v1/groups/g-analysts", edit).want(t, 200)
	if m["name"] != "Data Analysts" || m["createdAt"] == nil || m["members"] != nil {
		t.Errorf("EditGroup = %v", m)
	}
	vals, _, _ = values(t, c.do("GET", "/api/v1/users?groupId=g-analysts", nil).want(t, 200))
	if ids := pluck(vals, "id"); !slices.Equal(ids, []string{"u-dave", "u-carol"}) {
		t.Errorf("members after edit = %v", ids)
	}
	// Sharing names groups: the rename follows.
	if sh := s.Snapshot().Connections[0].Sharing.Groups; !cmp.Equal(sh, map[string]string{"Data Analysts": "view_results"}) {
		t.Errorf("sharing after rename = %v", sh)
	}

	r := c.do("DELETE", "/api/v1/groups/g-analysts", nil)
	if r.want(t, 204); len(r.body) != 0 {
		t.Errorf("DeleteGroup body %q", r.body)
	}
	wantTsoa(t, c.do("GET", "/api/v1/groups/g-analysts", nil), 404, "not found")
	wantTsoa(t, c.do("DELETE", "/api/v1/groups/g-analysts", nil), 404, "not found")
	if sh := s.Snapshot().Connections[0].Sharing.Groups; len(sh) != 0 {
		t.Errorf("sharing after delete = %v", sh)
	}
}

func TestGroupValidation(t *testing.T) {
	s, c := newSim(t, Config{}, fixture())
	var many []any
	for i := range 101 {
		many = append(many, map[string]any{"id": fmt.Sprintf("u-%d", i)})
	}
	cases := []struct {
		method, path string
		body         any
		detail       string
	}{
		{"POST", "/api/v1/groups", map[string]any{}, "name is required"},
		{"POST", "/api/v1/groups", map[string]any{"name": ""}, "at least 1 character"},
		{"POST", "/api/v1/groups", map[string]any{"name": 7}, "name: must be a string"},
		{"POST", "/api/v1/groups", map[string]any{"name": "X", "colour": "red"}, `unknown field "colour"`},
		{"POST", "/api/v1/groups", `{"name": "X"`, "unexpected EOF"},
		{"POST", "/api/v1/groups", map[string]any{"name": "X", "members": map[string]any{"users": many}}, "at most 100"},
		{"POST", "/api/v1/groups", map[string]any{"name": "X", "members": map[string]any{"users": []any{map[string]any{"id": "u-eve"}}}}, "no active user u-eve"},
		{"PATCH", "/api/v1/groups/g-analysts", map[string]any{"name": ""}, "at least 1 character"},
		{"PATCH", "/api/v1/groups/g-analysts", map[string]any{"members": map[string]any{"remove": map[string]any{"users": many}}}, "members.remove.users: at most 100"},
		{"PATCH", "/api/v1/groups/g-analysts", map[string]any{"members": map[string]any{
			"add":    map[string]any{"users": []any{map[string]any{"id": "u-bob"}}},
			"remove": map[string]any{"users": []any{map[string]any{"id": "u-bob"}}}}}, "both added and removed"},
		{"PATCH", "/api/v1/groups/nope", map[string]any{"name": "Y"}, "not found"},
	}
	for _, tc := range cases {
		status := 400
		if tc.path == "/api/v1/groups/nope" {
			status = 404
		}
		wantTsoa(t, c.do(tc.method, tc.path, tc.body), status, tc.detail)
	}
	if st := s.Snapshot(); len(st.Groups) != 1 || st.Groups[0].Name != "Analysts" || st.Revision != 0 {
		t.Errorf("a rejected request changed the state: %+v", st.Groups)
	}
}

// Creates are not idempotent: the same name twice gives two groups.
func TestCreateGroupTwice(t *testing.T) {
	s, c := newSim(t, Config{}, nil)
	a := c.do("POST", "/api/v1/groups", map[string]any{"name": "Dup"}).want(t, 201)
	b := c.do("POST", "/api/v1/groups", map[string]any{"name": "Dup"}).want(t, 201)
	if a["id"] == b["id"] || len(s.Snapshot().Groups) != 2 {
		t.Errorf("two creates: %v %v, %d groups", a["id"], b["id"], len(s.Snapshot().Groups))
	}
}
