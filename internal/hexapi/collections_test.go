package hexapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
)

const okCollection = `{"id":"5d1f3c2a-0000-4000-8000-000000000001","name":"Finance","description":"Month-end",` +
	`"creator":{"email":"a@x.com","id":"u1"},"sharing":{"users":[{"id":"u1","access":"MANAGER"}],` +
	`"groups":[{"id":"g1","access":"MEMBER"}],"workspace":{"members":"NONE"}}}`

func TestListCollectionsPagesAtMaximumByName(t *testing.T) {
	var afters []string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/api/v1/collections" || q.Get("limit") != "100" && q.Get("sortBy") != "NAME" || q.Has("sortDirection") {
			t.Errorf("request %s?%s, want /api/v1/collections with limit 100 (or sortBy NAME) and no sortDirection", r.URL.Path, r.URL.RawQuery)
		}
		afters = append(afters, q.Get("after"))
		next := map[string]string{"": "c1", "c1": ""}[q.Get("after")]
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"values":[` + okCollection + `],"pagination":{"after":` + quoteOrNull(next) + `,"before":null}}`))
	})
	c, _ := newTestClient(t, h)
	all, err := c.Collections.ListAll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || !reflect.DeepEqual(afters, []string{"", "c1"}) {
		t.Fatalf("got %d collections with cursors %q", len(all), afters)
	}
	want := &Collection{ID: "5d1f3c2a-0000-4000-8000-000000000001", Name: "Finance", Description: ptr("Month-end"),
		Creator: &CollectionCreator{Email: "a@x.com", ID: "u1"},
		Sharing: &CollectionSharing{Users: []CollectionShare{{ID: "u1", Access: "MANAGER"}}, Groups: []CollectionShare{{ID: "g1", Access: "MEMBER"}},
			Workspace: &CollectionWorkspace{Members: "NONE"}}}
	if !reflect.DeepEqual(all[0], want) {
		t.Errorf("collection = %+v, want %+v", all[0], want)
	}
	// A caller's sort direction is not sent: the endpoint has none.
	if _, _, err := c.Collections.List(context.Background(), &ListOptions{SortBy: CollectionSortName, SortDirection: "DESC"}); err != nil {
		t.Fatal(err)
	}
}

func quoteOrNull(s string) string {
	if s == "" {
		return "null"
	}
	return `"` + s + `"`
}

func ptr[T any](v T) *T { return &v }

func TestCollectionWritesSendTheDocumentedBodies(t *testing.T) {
	type req struct{ method, path, body string }
	var mu sync.Mutex
	var got []req
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, req{r.Method, r.URL.Path, strings.TrimSpace(string(b))})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Method == "POST" {
			w.WriteHeader(201)
		}
		_, _ = w.Write([]byte(okCollection))
	})
	c, _ := newTestClient(t, h, WithRetries(0))
	ctx := context.Background()
	if _, err := c.Collections.Create(ctx, &CollectionCreate{Name: "Finance", Description: ptr("Month-end"),
		Sharing: &CollectionSharing{Groups: []CollectionShare{{ID: "g1", Access: "MEMBER"}}, Workspace: &CollectionWorkspace{Members: "NONE"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Collections.Edit(ctx, "col1", &CollectionEdit{Name: ptr("Finance reports"),
		Sharing: &CollectionSharingEdit{Upsert: &CollectionSharing{Users: []CollectionShare{{ID: "u2", Access: CollectionAccessNone}}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Collections.Get(ctx, "col1"); err != nil {
		t.Fatal(err)
	}
	want := []req{
		{"POST", "/api/v1/collections", `{"name":"Finance","description":"Month-end","sharing":{"groups":[{"id":"g1","access":"MEMBER"}],"workspace":{"members":"NONE"}}}`},
		{"PATCH", "/api/v1/collections/col1", `{"name":"Finance reports","sharing":{"upsert":{"users":[{"id":"u2","access":"NONE"}]}}}`},
		{"GET", "/api/v1/collections/col1", ``},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("requests\n got  %q\n want %q", got, want)
	}
}

func TestCreateCollectionNeverTwice(t *testing.T) {
	var mu sync.Mutex
	var posts int
	var list []string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.Method {
		case "GET":
			_, _ = w.Write([]byte(`{"values":[` + strings.Join(list, ",") + `],"pagination":{"after":null,"before":null}}`))
		case "POST":
			posts++
			list = append(list, okCollection) // created, then the answer is lost
			w.WriteHeader(500)
			_, _ = w.Write([]byte(`{"reason":"internal"}`))
		}
	})
	c, _ := newTestClient(t, h)
	col, err := c.Collections.Create(context.Background(), &CollectionCreate{Name: "Finance"})
	if err != nil {
		t.Fatal(err)
	}
	if posts != 1 || col.ID != "5d1f3c2a-0000-4000-8000-000000000001" {
		t.Errorf("posts = %d, collection %+v: want one create, found by name", posts, col)
	}
}

func TestMalformedCollectionsAreErrors(t *testing.T) {
	list := func(item string) string { return `{"values":[` + item + `],"pagination":{"after":null,"before":null}}` }
	swap := func(from, to string) string { return strings.Replace(okCollection, from, to, 1) }
	listCols := func(c *Client) error { _, err := c.Collections.ListAll(context.Background()); return err }
	get := func(c *Client) error { _, err := c.Collections.Get(context.Background(), "col1"); return err }
	edit := func(c *Client) error {
		_, err := c.Collections.Edit(context.Background(), "col1", &CollectionEdit{})
		return err
	}
	for _, tt := range []badAnswer{
		{"null item", listCols, list(okCollection + `,null`), []string{"GET /v1/collections", "values[1] is null"}},
		{"no sharing", listCols, list(swap(`,"sharing":{"users":[{"id":"u1","access":"MANAGER"}],"groups":[{"id":"g1","access":"MEMBER"}],"workspace":{"members":"NONE"}}`, ``)),
			[]string{"values[0].sharing is missing or null"}},
		{"null sharing", get, `{"id":"c","name":"N","sharing":null}`, []string{"GET /v1/collections/col1", "sharing is missing or null"}},
		{"no id", listCols, list(swap(`"id":"5d1f3c2a-0000-4000-8000-000000000001",`, ``)), []string{"values[0].id is missing or empty"}},
		{"no name", edit, swap(`"name":"Finance",`, ``), []string{"PATCH /v1/collections/col1", "name is missing or empty"}},
		{"user without access", get, swap(`"id":"u1","access":"MANAGER"`, `"id":"u1"`), []string{"sharing.users[0].access is missing or empty"}},
		{"null group entry", get, swap(`[{"id":"g1","access":"MEMBER"}]`, `[null]`), []string{"sharing.groups[0].id is missing or empty"}},
		{"creator without email", get, swap(`"email":"a@x.com",`, ``), []string{"creator.email is missing or empty"}},
		{"no pagination", listCols, `{"values":[]}`, []string{"pagination is missing or null"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(tt.body))
			})
			c, _ := newTestClient(t, h, WithRetries(0))
			err := tt.call(c)
			var me *MalformedError
			if !errors.As(err, &me) {
				t.Fatalf("err %v (%T), want a *MalformedError", err, err)
			}
			for _, s := range tt.texts {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestCollectionCursorRepeatIsAnError(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"values":[` + okCollection + `],"pagination":{"after":"same","before":null}}`))
	})
	c, _ := newTestClient(t, h, WithRetries(0))
	_, err := c.Collections.ListAll(context.Background())
	var me *MalformedError
	if !errors.As(err, &me) || !me.Incomplete || !strings.Contains(err.Error(), "a second time") {
		t.Fatalf("err = %v, want the repeated cursor refused", err)
	}
}

func TestSparseCollectionPasses(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"c","name":"N","sharing":{"workspace":{}}}`))
	})
	c, _ := newTestClient(t, h, WithRetries(0))
	col, err := c.Collections.Get(context.Background(), "c")
	if err != nil {
		t.Fatal(err)
	}
	if col.Description != nil || col.Creator != nil || col.Sharing.Workspace == nil || col.Sharing.Workspace.Members != "" {
		t.Errorf("collection = %+v", col)
	}
}
