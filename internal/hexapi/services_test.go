package hexapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sync"
	"testing"
)

func TestListAllPagesAtMaximum(t *testing.T) {
	tests := []struct {
		path  string
		limit string
		list  func(c *Client) (int, error)
	}{
		{"/api/v1/users", "500", func(c *Client) (int, error) {
			u, err := c.Users.ListAll(context.Background(), "g7")
			return len(u), err
		}},
		{"/api/v1/groups", "500", func(c *Client) (int, error) { g, err := c.Groups.ListAll(context.Background()); return len(g), err }},
		{"/api/v1/data-connections", "100", func(c *Client) (int, error) {
			d, err := c.DataConnections.ListAll(context.Background())
			return len(d), err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var afters []string
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				q := r.URL.Query()
				if r.URL.Path != tt.path || q.Get("limit") != tt.limit {
					t.Errorf("request %s?%s, want %s with limit %s", r.URL.Path, r.URL.RawQuery, tt.path, tt.limit)
				}
				if tt.path == "/api/v1/users" && q.Get("groupId") != "g7" {
					t.Errorf("groupId = %q, want g7", q.Get("groupId"))
				}
				afters = append(afters, q.Get("after"))
				next := map[string]string{"": "c1", "c1": "c2", "c2": ""}[q.Get("after")]
				vals := []any{}
				for i := 0; i < 2; i++ {
					vals = append(vals, map[string]any{"id": fmt.Sprintf("%s-%d", q.Get("after"), i), "name": "n", "email": "e@x", "role": "EDITOR", "type": "postgres"})
				}
				writeJSON(w, 200, pageOf(vals, next))
			})
			var events []ProgressEvent
			c, _ := newTestClient(t, h, WithProgress(func(ev ProgressEvent) { events = append(events, ev) }))
			n, err := tt.list(c)
			if err != nil {
				t.Fatal(err)
			}
			if n != 6 || !reflect.DeepEqual(afters, []string{"", "c1", "c2"}) {
				t.Errorf("got %d items with cursors %q, want 6 with [\"\" c1 c2]", n, afters)
			}
			if len(events) != 3 || events[2].Page != 3 || events[2].Items != 6 || events[0].Items != 2 {
				t.Errorf("progress = %+v", events)
			}
		})
	}
}

func TestListOnePage(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("sortBy") != "EMAIL" || q.Get("sortDirection") != "DESC" || q.Get("userIds") != "a,b" || q.Get("limit") != "2" {
			t.Errorf("query = %s", r.URL.RawQuery)
		}
		writeJSON(w, 200, map[string]any{"values": []any{map[string]any{"id": "a", "email": "a@x", "role": "GUEST"}}, "pagination": map[string]any{"after": "zz", "before": "yy"}})
	})
	c, _ := newTestClient(t, h)
	us, resp, err := c.Users.List(context.Background(), &UserListOptions{ListOptions: ListOptions{Limit: 2, SortBy: "EMAIL", SortDirection: "DESC"}, UserIDs: []string{"a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 1 || resp.After != "zz" || resp.Before != "yy" || resp.StatusCode != 200 {
		t.Errorf("users %d, resp %+v", len(us), resp)
	}
}

// fakeGroups is a group store whose create can be made to fail after writing.
type fakeGroups struct {
	mu          sync.Mutex
	groups      []map[string]any
	posts       int
	failWrite   int // POSTs that create and then answer 500
	failNoWrite int // POSTs that answer 500 without creating
}

func (f *fakeGroups) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch r.Method {
	case "GET":
		writeJSON(w, 200, pageOf(f.groups, ""))
	case "POST":
		f.posts++
		var body GroupCreate
		_ = json.NewDecoder(r.Body).Decode(&body)
		if f.failNoWrite > 0 {
			f.failNoWrite--
			writeJSON(w, 500, map[string]any{"reason": "internal"})
			return
		}
		g := map[string]any{"id": fmt.Sprintf("g%d", len(f.groups)+1), "name": body.Name, "createdAt": "2026-01-01T00:00:00.000Z"}
		f.groups = append(f.groups, g)
		if f.failWrite > 0 {
			f.failWrite--
			writeJSON(w, 500, map[string]any{"reason": "internal"})
			return
		}
		writeJSON(w, 201, map[string]any{"id": g["id"], "name": body.Name, "members": body.Members})
	}
}

func TestCreateGroupNeverTwice(t *testing.T) {
	f := &fakeGroups{groups: []map[string]any{}, failWrite: 1}
	c, _ := newTestClient(t, f)
	g, err := c.Groups.Create(context.Background(), "Analysts", []string{"u1"})
	if err != nil {
		t.Fatal(err)
	}
	if f.posts != 1 || len(f.groups) != 1 || g.ID != "g1" || g.Name != "Analysts" {
		t.Errorf("posts %d, groups %v, returned %+v; want one create found by name", f.posts, f.groups, g)
	}
}

func TestCreateGroupRetriesWhenNothingWasCreated(t *testing.T) {
	f := &fakeGroups{groups: []map[string]any{}, failNoWrite: 1}
	c, _ := newTestClient(t, f)
	g, err := c.Groups.Create(context.Background(), "Analysts", nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.posts != 2 || len(f.groups) != 1 || g.ID != "g1" {
		t.Errorf("posts %d, groups %v; want a second create after the lookup found nothing", f.posts, f.groups)
	}
}

func TestCreateConnectionNeverTwice(t *testing.T) {
	var mu sync.Mutex
	var conns []map[string]any
	posts := 0
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == "GET" {
			writeJSON(w, 200, pageOf(conns, ""))
			return
		}
		posts++
		body := decodeBody(t, r)
		conns = append(conns, map[string]any{"id": "d1", "name": body["name"], "type": body["type"]})
		writeJSON(w, 503, map[string]any{"reason": "unavailable"})
	})
	c, _ := newTestClient(t, h)
	pw := "secret"
	d, err := c.DataConnections.Create(context.Background(), &DataConnectionCreate{Name: "WH", Type: "postgres",
		ConnectionDetails: &ConnectionDetails{Postgres: &PostgresDetails{Password: &pw}}})
	if err != nil {
		t.Fatal(err)
	}
	if posts != 1 || len(conns) != 1 || d.ID != "d1" {
		t.Errorf("posts %d, conns %v, got %+v", posts, conns, d)
	}
}

func TestCreateGroupSplitsMembers(t *testing.T) {
	var bodies []map[string]any
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bodies = append(bodies, decodeBody(t, r))
		if r.Method == "POST" {
			writeJSON(w, 201, map[string]any{"id": "g1", "name": "Big"})
			return
		}
		if r.URL.Path != "/api/v1/groups/g1" || r.Method != "PATCH" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		writeJSON(w, 200, map[string]any{"id": "g1", "name": "Big", "createdAt": "x"})
	})
	c, _ := newTestClient(t, h)
	if _, err := c.Groups.Create(context.Background(), "Big", ids("u", 150)); err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 2 || countUsers(bodies[0], "members") != 100 || countUsers(bodies[1], "members", "add") != 50 {
		t.Errorf("bodies = %d, want a create of 100 and an add of 50", len(bodies))
	}
}

func TestEditGroupSplitsAt100(t *testing.T) {
	var bodies []map[string]any
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bodies = append(bodies, decodeBody(t, r))
		writeJSON(w, 200, map[string]any{"id": "g1", "name": "New", "createdAt": "x"})
	})
	c, _ := newTestClient(t, h)
	name := "New"
	edit := &GroupEdit{Name: &name, Members: &GroupMembersEdit{Add: refs(ids("a", 250)), Remove: refs(ids("r", 30))}}
	g, err := c.Groups.Edit(context.Background(), "g1", edit)
	if err != nil || g.Name != "New" {
		t.Fatal(g, err)
	}
	if len(bodies) != 3 {
		t.Fatalf("%d requests, want 3", len(bodies))
	}
	wantAdd, wantRemove := []int{100, 100, 50}, []int{30, 0, 0}
	for i, b := range bodies {
		if got := countUsers(b, "members", "add"); got != wantAdd[i] {
			t.Errorf("request %d adds %d, want %d", i, got, wantAdd[i])
		}
		if got := countUsers(b, "members", "remove"); got != wantRemove[i] {
			t.Errorf("request %d removes %d, want %d", i, got, wantRemove[i])
		}
		if _, has := b["name"]; has != (i == 0) {
			t.Errorf("request %d has name: %v", i, has)
		}
	}
	// Small edits go out as they are.
	bodies = nil
	if _, err := c.Groups.Edit(context.Background(), "g1", &GroupEdit{Name: &name}); err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 1 || !reflect.DeepEqual(bodies[0], map[string]any{"name": "New"}) {
		t.Errorf("rename body = %v", bodies)
	}
}

func TestDeactivateAndDelete(t *testing.T) {
	var seen []string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Method+" "+r.URL.Path)
		if r.Method == "DELETE" {
			w.WriteHeader(204)
			return
		}
		writeJSON(w, 200, map[string]any{"user": map[string]any{"id": "u1", "email": "a@x", "role": "GUEST", "name": nil, "lastLoginDate": nil}})
	})
	c, _ := newTestClient(t, h)
	u, err := c.Users.Deactivate(context.Background(), "u1")
	if err != nil || u.ID != "u1" {
		t.Fatal(u, err)
	}
	if err := c.Groups.Delete(context.Background(), "g1"); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(seen, []string{"POST /api/v1/users/u1/deactivate", "DELETE /api/v1/groups/g1"}) {
		t.Errorf("requests = %v", seen)
	}
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%03d", prefix, i)
	}
	return out
}

// countUsers counts body[path...].users.
func countUsers(body map[string]any, path ...string) int {
	var cur any = body
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return 0
		}
		cur = m[p]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return 0
	}
	users, _ := m["users"].([]any)
	return len(users)
}
