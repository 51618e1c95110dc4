package hexsim

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// sevenUsers is a workspace of seven active users, u1..u7 by name.
func sevenUsers() *reconcile.Snapshot {
	st := &reconcile.Snapshot{}
	for i := 7; i >= 1; i-- {
		st.Users = append(st.Users, reconcile.UserState{ID: fmt.Sprintf("u%d", i),
			Email: fmt.Sprintf("user%d@acme.com", i), Name: fmt.Sprintf("User %d", i), Role: schema.RoleEditor, Active: true})
	}
	st.Users[0].Role = schema.RoleAdmin
	return st
}

func TestPagingThreePages(t *testing.T) {
	_, c := newSim(t, Config{}, sevenUsers())
	var got []string
	after, pages := "", 0
	for {
		path := "/api/v1/users?limit=3"
		if after != "" {
			path += "&after=" + url.QueryEscape(after)
		}
		vals, next, before := values(t, c.do("GET", path, nil).want(t, 200))
		if (pages == 0) != (before == "") {
			t.Errorf("page %d: before = %q", pages+1, before)
		}
		pages++
		got = append(got, pluck(vals, "id")...)
		if next == "" {
			break
		}
		after = next
	}
	if pages != 3 || !slices.Equal(got, []string{"u1", "u2", "u3", "u4", "u5", "u6", "u7"}) {
		t.Fatalf("%d pages: %v", pages, got)
	}
	// From the last page back: before gives the page in front of it.
	vals, _, before := values(t, c.do("GET", "/api/v1/users?limit=3&after="+url.QueryEscape(after), nil).want(t, 200))
	if got := pluck(vals, "id"); !slices.Equal(got, []string{"u7"}) {
		t.Fatalf("last page = %v", got)
	}
	vals, a, b := values(t, c.do("GET", "/api/v1/users?limit=3&before="+url.QueryEscape(before), nil).want(t, 200))
	if got := pluck(vals, "id"); !slices.Equal(got, []string{"u4", "u5", "u6"}) || a == "" || b == "" {
		t.Errorf("page before u7 = %v (after %q, before %q)", got, a, b)
	}
}

// A deleted item does not disturb paging: cursors are positions in the order, not indexes.
func TestPagingSurvivesDeletion(t *testing.T) {
	_, c := newSim(t, Config{}, sevenUsers())
	_, after, _ := values(t, c.do("GET", "/api/v1/users?limit=3", nil).want(t, 200))
	c.do("POST", "/api/v1/users/u3/deactivate", nil).want(t, 200)
	vals, _, _ := values(t, c.do("GET", "/api/v1/users?limit=3&after="+url.QueryEscape(after), nil).want(t, 200))
	if got := pluck(vals, "id"); !slices.Equal(got, []string{"u4", "u5", "u6"}) {
		t.Errorf("after deletion of the cursor's item: %v", got)
	}
}

func TestLimitValidation(t *testing.T) {
	_, c := newSim(t, Config{}, fixture())
	for _, q := range []string{"limit=0", "limit=501", "limit=abc", "limit=2.5", "limit=-1"} {
		wantCode(t, c.do("GET", "/api/v1/users?"+q, nil), 400, "BAD_REQUEST", "limit")
	}
	c.do("GET", "/api/v1/users?limit=500", nil).want(t, 200)
	c.do("GET", "/api/v1/groups?limit=500", nil).want(t, 200)
	wantTsoa(t, c.do("GET", "/api/v1/groups?limit=501", nil), 400, "limit")
	c.do("GET", "/api/v1/data-connections?limit=100", nil).want(t, 200)
	wantCode(t, c.do("GET", "/api/v1/data-connections?limit=101", nil), 400, "BAD_REQUEST", "from 1 to 100")
}

func TestCursorValidation(t *testing.T) {
	_, c := newSim(t, Config{}, sevenUsers())
	_, after, _ := values(t, c.do("GET", "/api/v1/users?limit=2", nil).want(t, 200))
	wantCode(t, c.do("GET", "/api/v1/users?after=garbage!", nil), 400, "BAD_REQUEST", "cursor")
	wantCode(t, c.do("GET", "/api/v1/users?sortBy=EMAIL&after="+url.QueryEscape(after), nil), 400, "BAD_REQUEST", "sort order")
	wantCode(t, c.do("GET", "/api/v1/users?after="+url.QueryEscape(after)+"&before="+url.QueryEscape(after), nil),
		400, "BAD_REQUEST", "together")
}
