package hexapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// cursorServer answers every list page with one item and the cursor that
// next gives for the cursor it was sent.
func cursorServer(t *testing.T, next func(after string) string) (*Client, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		if n > 50 {
			t.Errorf("request %d: the client follows the cursors forever", n)
			writeJSON(w, 500, map[string]any{"reason": "stop"})
			return
		}
		after := r.URL.Query().Get("after")
		item := map[string]any{"id": fmt.Sprintf("g%d", n), "name": fmt.Sprintf("G%d", n), "createdAt": "2024-01-01T00:00:00Z"}
		writeJSON(w, 200, pageOf([]any{item}, next(after)))
	})
	c, _ := newTestClient(t, h, WithRetries(0))
	return c, &calls
}

// TestListCursorRepeatIsAnError: a cursor the server already gave, whether
// at once (A, A) or after a detour (A, B, A), is an error naming the
// endpoint, never the end of the list (that would make the groups on the
// pages not read look absent).
func TestListCursorRepeatIsAnError(t *testing.T) {
	tests := map[string]struct {
		next  map[string]string
		texts []string
	}{
		"same cursor twice": {map[string]string{"": "A", "A": "A"}, []string{`cursor "A" a second time`, "page 2", "first on page 1"}},
		"cycle":             {map[string]string{"": "A", "A": "B", "B": "A"}, []string{`cursor "A" a second time`, "page 3"}},
		"back to the start": {map[string]string{"": "A", "A": "B", "B": "C", "C": "B"}, []string{`cursor "B" a second time`, "page 4", "first on page 2"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := cursorServer(t, func(after string) string { return tt.next[after] })
			gs, err := c.Groups.ListAll(context.Background())
			if err == nil {
				t.Fatalf("ListAll returned %d groups and no error", len(gs))
			}
			var me *MalformedError
			if !errors.As(err, &me) {
				t.Errorf("err %v (%T), want a *MalformedError", err, err)
			}
			for _, s := range append(tt.texts, "GET /v1/groups", "may be incomplete") {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

// TestListBounds: an endless stream of distinct cursors stops at the page
// bound, and a list over the item bound is refused.
func TestListBounds(t *testing.T) {
	c, calls := cursorServer(t, func(after string) string { return after + "x" })
	c.maxPages = 7
	_, err := c.Groups.ListAll(context.Background())
	if err == nil || !strings.Contains(err.Error(), "more than 7 pages") || !strings.Contains(err.Error(), "GET /v1/groups") {
		t.Errorf("endless cursors: err = %v", err)
	}
	if calls.Load() != 7 {
		t.Errorf("%d pages read, want the bound, 7", calls.Load())
	}
	c, _ = cursorServer(t, func(after string) string { return after + "x" })
	c.maxItems = 3
	if _, err := c.Groups.ListAll(context.Background()); err == nil || !strings.Contains(err.Error(), "more than 3 items") {
		t.Errorf("too many items: err = %v", err)
	}
	if MaxListItems < 1_000_000 || MaxListPages*MaxGroupsPage < MaxListItems {
		t.Errorf("bounds %d pages, %d items: too low for a 100,000-user workspace", MaxListPages, MaxListItems)
	}
}

// badAnswer is a 2xx body the API description forbids, and what the error
// about it must say.
type badAnswer struct {
	name  string
	call  func(c *Client) error
	body  string
	texts []string
}

const okPagination = `"pagination":{"after":null,"before":null}`

func listUsers(c *Client) error  { _, err := c.Users.ListAll(context.Background(), ""); return err }
func listGroups(c *Client) error { _, err := c.Groups.ListAll(context.Background()); return err }
func listConns(c *Client) error {
	_, err := c.DataConnections.ListAll(context.Background())
	return err
}

const (
	okUser  = `{"id":"u1","name":null,"email":"a@x.com","role":"ADMIN","lastLoginDate":null}`
	okGroup = `{"id":"g1","name":"G","createdAt":"2024-01-01T00:00:00Z"}`
	okConn  = `{"id":"c1","name":"PG","type":"postgres","connectionDetails":null,"connectViaSsh":false,"includeMagic":true,` +
		`"allowWritebackCells":false,"schemaRefreshAccess":"ADMINS","sharing":{"workspace":{"members":"QUERY","guests":"NONE","public":"NONE"},` +
		`"groups":[{"group":{"id":"g1","name":"G"},"access":"VIEW_RESULTS"}]}}`
)

func badAnswers() []badAnswer {
	conn := func(from, to string) string {
		return `{"values":[` + strings.Replace(okConn, from, to, 1) + `],` + okPagination + `}`
	}
	return []badAnswer{
		{"null item", listGroups, `{"values":[` + okGroup + `,null],` + okPagination + `}`, []string{"GET /v1/groups", "values[1] is null"}},
		{"no values", listGroups, `{` + okPagination + `}`, []string{"GET /v1/groups", "values is missing or null"}},
		{"null values", listUsers, `{"values":null,` + okPagination + `}`, []string{"GET /v1/users", "values is missing or null"}},
		{"no pagination", listGroups, `{"values":[` + okGroup + `]}`, []string{"pagination is missing or null"}},
		{"no after", listGroups, `{"values":[` + okGroup + `],"pagination":{"before":null}}`, []string{"pagination.after is missing"}},
		{"empty body", listGroups, ``, []string{"values is missing or null"}},
		{"user without id", listUsers, `{"values":[` + okUser + `,{"name":null,"email":"b@x.com","role":"ADMIN","lastLoginDate":null}],` + okPagination + `}`, []string{"values[1].id is missing or empty"}},
		{"user without email", listUsers, `{"values":[{"id":"u1","role":"ADMIN"}],` + okPagination + `}`, []string{"GET /v1/users", "values[0].email is missing or empty"}},
		{"user without role", listUsers, `{"values":[{"id":"u1","email":"a@x.com"}],` + okPagination + `}`, []string{"values[0].role is missing or empty"}},
		{"unknown role", listUsers, `{"values":[` + strings.Replace(okUser, "ADMIN", "SUPERUSER", 1) + `],` + okPagination + `}`, []string{`values[0].role is "SUPERUSER"`, "ADMIN, MANAGER"}},
		{"group without name", listGroups, `{"values":[{"id":"g1"}],` + okPagination + `}`, []string{"values[0].name is missing or empty"}},
		{"group without id", listGroups, `{"values":[{"name":"G"}],` + okPagination + `}`, []string{"values[0].id is missing or empty"}},
		{"connection without type", listConns, conn(`"type":"postgres",`, ``), []string{"GET /v1/data-connections", "values[0].type is missing or empty"}},
		{"connection without name", listConns, conn(`"name":"PG",`, ``), []string{"values[0].name is missing or empty"}},
		{"unknown connection type", listConns, conn(`"postgres"`, `"oracle"`), []string{`values[0].type is "oracle"`, "athena, bigquery"}},
		{"unknown member access", listConns, conn(`"members":"QUERY"`, `"members":"ALL"`), []string{`values[0].sharing.workspace.members is "ALL"`}},
		{"unknown public access", listConns, conn(`"public":"NONE"`, `"public":"EDIT"`), []string{`sharing.workspace.public is "EDIT"`, "NONE, QUERY, VIEW_RESULTS"}},
		{"unknown group access", listConns, conn(`"access":"VIEW_RESULTS"`, `"access":"OWNER"`), []string{`values[0].sharing.groups[0].access is "OWNER"`}},
		{"shared group without id", listConns, conn(`"id":"g1",`, ``), []string{`values[0].sharing.groups[0].group.id is missing or empty`}},
		{"no workspace sharing", listConns, conn(`"workspace":{"members":"QUERY","guests":"NONE","public":"NONE"},`, ``), []string{`values[0].sharing.workspace is missing`}},
		{"unknown refresh access", listConns, conn(`"ADMINS"`, `"EVERYONE"`), []string{`values[0].schemaRefreshAccess is "EVERYONE"`}},
		{"full form without refresh access", listConns, conn(`"schemaRefreshAccess":"ADMINS",`, ``), []string{`values[0].schemaRefreshAccess is missing or empty`}},
		{"get without sharing", func(c *Client) error { _, err := c.DataConnections.Get(context.Background(), "c1"); return err },
			strings.Replace(okConn, `,"sharing":{"workspace":{"members":"QUERY","guests":"NONE","public":"NONE"},"groups":[{"group":{"id":"g1","name":"G"},"access":"VIEW_RESULTS"}]}`, ``, 1),
			[]string{"GET /v1/data-connections/c1", "sharing is missing"}},
		{"get group without name", func(c *Client) error { _, err := c.Groups.Get(context.Background(), "g1"); return err },
			`{"id":"g1"}`, []string{"GET /v1/groups/g1", "name is missing or empty"}},
		{"created group without id", func(c *Client) error { _, err := c.Groups.Create(context.Background(), "G", nil); return err },
			`{"name":"G"}`, []string{"POST /v1/groups", "id is missing or empty"}},
		{"deactivated user with another role", func(c *Client) error { _, err := c.Users.Deactivate(context.Background(), "u1"); return err },
			`{"user":{"id":"u1","email":"a@x.com","role":"ROOT"}}`, []string{"POST /v1/users/u1/deactivate", `user.role is "ROOT"`}},
		{"me without org", func(c *Client) error { _, err := c.Users.Me(context.Background()); return err },
			`{"token":null}`, []string{"GET /v1/users/me", "org.id is missing or empty"}},
		{"me with half a user", func(c *Client) error { _, err := c.Users.Me(context.Background()); return err },
			`{"org":{"id":"o1"},"email":"a@x.com","role":"ADMIN"}`, []string{"GET /v1/users/me", "id is missing or empty"}},
		{"me with an undocumented role", func(c *Client) error { _, err := c.Users.Me(context.Background()); return err },
			`{"org":{"id":"o1"},"id":"u1","email":"a@x.com","role":"OWNER"}`, []string{`role is "OWNER"`}},
		{"deactivate without user", func(c *Client) error { _, err := c.Users.Deactivate(context.Background(), "u1"); return err },
			`{}`, []string{"user is missing or null"}},
	}
}

// TestMalformedAnswersAreErrors: every answer the API description rules
// out fails the read with an error that names the endpoint and the field,
// rather than being read with a default.
func TestMalformedAnswersAreErrors(t *testing.T) {
	for _, tt := range badAnswers() {
		t.Run(tt.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				status := 200
				if r.Method == "POST" && r.URL.Path == "/api/v1/groups" {
					status = 201
				}
				w.WriteHeader(status)
				_, _ = w.Write([]byte(tt.body))
			})
			c, _ := newTestClient(t, h, WithRetries(0))
			err := tt.call(c)
			if err == nil {
				t.Fatal("no error")
			}
			var me *MalformedError
			if !errors.As(err, &me) {
				t.Errorf("err %v (%T), want a *MalformedError", err, err)
			}
			for _, s := range append(tt.texts, "API description") {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

// TestWellFormedAnswersPass: the documented shapes, the basic form of a
// listed connection and a workspace token's Me included, read without error.
func TestWellFormedAnswersPass(t *testing.T) {
	bodies := map[string]string{
		"/api/v1/users":                  `{"values":[` + okUser + `],` + okPagination + `}`,
		"/api/v1/groups":                 `{"values":[` + okGroup + `],"pagination":{"after":null}}`,
		"/api/v1/data-connections":       `{"values":[` + okConn + `,{"id":"c2","name":"B","type":"clickhouse"}],` + okPagination + `}`,
		"/api/v1/data-connections/c1":    okConn,
		"/api/v1/users/me":               `{"org":{"id":"o1"},"token":null}`,
		"/api/v1/users/u1/deactivate":    `{"user":` + okUser + `}`,
		"/api/v1/groups/g1":              okGroup,
		"/api/v1/data-connections/other": strings.Replace(okConn, `"schemaRefreshAccess":"ADMINS"`, `"schemaRefreshAccess":"USERS_WITH_QUERY_ACCESS"`, 1),
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(bodies[r.URL.Path]))
	})
	c, _ := newTestClient(t, h, WithRetries(0))
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"users":  func() error { return listUsers(c) },
		"groups": func() error { return listGroups(c) },
		"conns":  func() error { return listConns(c) },
		"get":    func() error { _, err := c.DataConnections.Get(ctx, "c1"); return err },
		"get2":   func() error { _, err := c.DataConnections.Get(ctx, "other"); return err },
		"group":  func() error { _, err := c.Groups.Get(ctx, "g1"); return err },
		"me":     func() error { _, err := c.Users.Me(ctx); return err },
		"deact":  func() error { _, err := c.Users.Deactivate(ctx, "u1"); return err },
	} {
		if err := call(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
