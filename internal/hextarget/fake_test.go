package hextarget

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/hexform/hexform/internal/hexapi"
)

// call is one request the fake saw.
type call struct {
	Method, Path, Query string
	Body                string
}

// fakeHex is a small in-memory Hex API: enough for the target's tests.
type fakeHex struct {
	mu      sync.Mutex
	me      map[string]any
	users   []map[string]any
	groups  []map[string]any
	members map[string][]string // group id -> user ids
	list    []map[string]any    // data connections as the list returns them
	full    map[string]any      // data connection id -> full form (Get)
	colls   []map[string]any    // collections
	calls   []call
}

func newFake() *fakeHex {
	return &fakeHex{
		me: map[string]any{"id": "u1", "name": "Alice", "email": "Alice@Acme.com", "role": "ADMIN", "lastLoginDate": nil,
			"org": map[string]any{"id": "o1"}, "token": map[string]any{"exp": nil}},
		users: []map[string]any{
			user("u1", "Alice@Acme.com", "ADMIN"), user("u2", "bob@acme.com", "MEMBER"),
			user("u3", "carol@acme.com", "EDITOR"), user("u4", "dan@acme.com", "GUEST"),
			user("u5", "embed@acme.com", "EMBEDDED_USER"), user("u6", "anon@acme.com", "ANONYMOUS"),
			user("u7", "erin@acme.com", "EXPLORER"), user("u8", "mia@acme.com", "MANAGER"),
		},
		groups:  []map[string]any{{"id": "g1", "name": "Analysts", "createdAt": "t"}, {"id": "g2", "name": "Empty", "createdAt": "t"}},
		members: map[string][]string{"g1": {"u2", "u1"}},
		list:    []map[string]any{fullPostgres(), {"id": "c2", "name": "Snow", "type": "snowflake"}},
		full:    map[string]any{"c1": fullPostgres(), "c2": fullSnowflake()},
		colls:   []map[string]any{financeCollection()},
	}
}

func user(id, email, role string) map[string]any {
	return map[string]any{"id": id, "name": nil, "email": email, "role": role, "lastLoginDate": nil}
}

func fullPostgres() map[string]any {
	return map[string]any{"id": "c1", "name": "Warehouse", "type": "postgres", "description": "main",
		"connectionDetails": map[string]any{"postgres": map[string]any{"hostname": "db", "port": 5432, "database": "prod", "username": "ro"}},
		"connectViaSsh":     false, "includeMagic": true, "allowWritebackCells": false, "schemaRefreshAccess": "ADMINS",
		"schemaRefreshSchedule": map[string]any{"cadence": "DAILY", "enabled": true,
			"daily": map[string]any{"timezoneString": "UTC", "hour": 3, "minute": 30}},
		"sharing": map[string]any{"workspace": map[string]any{"members": "QUERY", "guests": "NONE", "public": "NONE"},
			"groups": []any{map[string]any{"group": map[string]any{"id": "g1", "name": "Analysts"}, "access": "VIEW_RESULTS"},
				map[string]any{"group": map[string]any{"id": "g2", "name": "Empty"}, "access": "NONE"}}}}
}

// financeCollection is shared with bob, the Analysts and an unknown user
// id (a user the user list does not give).
func financeCollection() map[string]any {
	return map[string]any{"id": "col1", "name": "Finance", "description": "Month-end",
		"creator": map[string]any{"id": "u1", "email": "Alice@Acme.com"},
		"sharing": map[string]any{"users": []any{map[string]any{"id": "u2", "access": "MEMBER"}, map[string]any{"id": "u-gone", "access": "MANAGER"}},
			"groups": []any{map[string]any{"id": "g1", "access": "MANAGER"}}, "workspace": map[string]any{"members": "NONE"}}}
}

func fullSnowflake() map[string]any {
	return map[string]any{"id": "c2", "name": "Snow", "type": "snowflake",
		"connectionDetails": map[string]any{"snowflake": map[string]any{"accountName": "acme-1", "warehouse": "wh", "database": "db", "username": "svc"}},
		"connectViaSsh":     false, "includeMagic": false, "allowWritebackCells": true, "schemaRefreshAccess": "ADMINS",
		"sharing": map[string]any{"workspace": map[string]any{"members": "NONE", "guests": "NONE", "public": "NONE"}, "groups": []any{}}}
}

func (f *fakeHex) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/api")
	f.calls = append(f.calls, call{Method: r.Method, Path: path, Query: r.URL.RawQuery, Body: string(body)})
	out, status := f.route(r.Method, path, r.URL.Query().Get("groupId"), body)
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(out)
}

// page is a list envelope; an empty list is [], never null (the API
// describes values as an array, and the client refuses null).
func page(v any) map[string]any {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice && rv.IsNil() {
		v = []any{}
	}
	return map[string]any{"values": v, "pagination": map[string]any{"after": nil, "before": nil}}
}

func (f *fakeHex) route(method, path, groupID string, body []byte) (any, int) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case method == "GET" && path == "/v1/users/me":
		return f.me, 200
	case method == "GET" && path == "/v1/users":
		if groupID == "" {
			return page(f.users), 200
		}
		var ms []map[string]any
		for _, id := range f.members[groupID] {
			for _, u := range f.users {
				if u["id"] == id {
					ms = append(ms, u)
				}
			}
		}
		return page(ms), 200
	case method == "POST" && len(parts) == 4 && parts[1] == "users":
		return map[string]any{"user": user(parts[2], "x@acme.com", "GUEST")}, 200
	case method == "GET" && path == "/v1/groups":
		return page(f.groups), 200
	case method == "POST" && path == "/v1/groups":
		var b map[string]any
		_ = json.Unmarshal(body, &b)
		g := map[string]any{"id": "g-new", "name": b["name"], "createdAt": "t"}
		f.groups = append(f.groups, g)
		return map[string]any{"id": "g-new", "name": b["name"], "members": b["members"]}, 201
	case method == "PATCH" && len(parts) == 3 && parts[1] == "groups":
		return map[string]any{"id": parts[2], "name": "x", "createdAt": "t"}, 200
	case method == "DELETE" && len(parts) == 3 && parts[1] == "groups":
		return nil, http.StatusNoContent
	case method == "GET" && path == "/v1/data-connections":
		return page(f.list), 200
	case method == "GET" && len(parts) == 3 && parts[1] == "data-connections":
		return f.full[parts[2]], 200
	case method == "POST" && path == "/v1/data-connections":
		var b map[string]any
		_ = json.Unmarshal(body, &b)
		return map[string]any{"id": "c-new", "name": b["name"], "type": b["type"], "connectionDetails": nil,
			"connectViaSsh": false, "includeMagic": false, "allowWritebackCells": false, "schemaRefreshAccess": "ADMINS",
			"sharing": map[string]any{"workspace": map[string]any{"members": "NONE", "guests": "NONE", "public": "NONE"}}}, 201
	case method == "PATCH" && len(parts) == 3 && parts[1] == "data-connections":
		return f.full[parts[2]], 201
	}
	return f.routeCollections(method, path, parts, body)
}

func (f *fakeHex) routeCollections(method, path string, parts []string, body []byte) (any, int) {
	switch {
	case method == "GET" && path == "/v1/collections":
		return page(f.colls), 200
	case method == "POST" && path == "/v1/collections":
		var b map[string]any
		_ = json.Unmarshal(body, &b)
		c := map[string]any{"id": "col-new", "name": b["name"], "sharing": map[string]any{}}
		f.colls = append(f.colls, c)
		return c, 201
	case method == "PATCH" && len(parts) == 3 && parts[1] == "collections":
		for _, c := range f.colls {
			if c["id"] == parts[2] {
				return c, 200
			}
		}
	}
	return map[string]any{"code": "NOT_FOUND", "message": "no route " + method + " " + path}, 404
}

// writes returns the non-GET calls.
func (f *fakeHex) writes() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method != "GET" {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeHex) reset() {
	f.mu.Lock()
	f.calls = nil
	f.mu.Unlock()
}

// newTarget serves f and returns a target on it, with a snapshot taken.
func newTarget(t *testing.T, f *fakeHex) *Target {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c, err := hexapi.NewClient(srv.URL, "hxtw_test-token", hexapi.WithRateLimit(0), hexapi.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return New(c)
}

// jsonEq compares a request body with the expected JSON.
func jsonEq(t *testing.T, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("request body %q: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want %q: %v", want, err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		t.Errorf("body\n got  %s\n want %s", gb, wb)
	}
}
