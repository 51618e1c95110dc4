package hexsim

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMe(t *testing.T) {
	_, c := newSim(t, Config{}, fixture())
	m := c.do("GET", "/api/v1/users/me", nil).want(t, 200)
	want := map[string]any{"id": "u-ann", "name": "Ann Admin", "email": "ann@acme.com", "role": "ADMIN",
		"lastLoginDate": nil, "org": map[string]any{"id": orgID}, "token": map[string]any{"exp": nil}}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("Me (-want +got):\n%s", d)
	}
	_, c = newSim(t, Config{As: "BOB@acme.com"}, fixture())
	if m := c.do("GET", "/api/v1/users/me", nil).want(t, 200); m["email"] != "bob@acme.com" || m["role"] != "EDITOR" {
		t.Errorf("Me as bob = %v", m)
	}
}

func TestMeWorkspaceToken(t *testing.T) {
	want := map[string]any{"org": map[string]any{"id": orgID}, "token": map[string]any{"exp": nil}}
	for name, cfg := range map[string]Config{
		"no users at all":            {},
		"WorkspaceToken with admins": {WorkspaceToken: true, As: "bob@acme.com"},
	} {
		state := fixture()
		if name == "no users at all" {
			state = nil
		}
		_, c := newSim(t, cfg, state)
		m := c.do("GET", "/api/v1/users/me", nil).want(t, 200)
		if d := cmp.Diff(want, m); d != "" {
			t.Errorf("%s: Me (-want +got):\n%s", name, d)
		}
	}
}

func TestListUsers(t *testing.T) {
	_, c := newSim(t, Config{}, fixture())
	vals, after, before := values(t, c.do("GET", "/api/v1/users", nil).want(t, 200))
	if after != "" || before != "" {
		t.Errorf("one page expected, got cursors %q %q", after, before)
	}
	// Sorted by name (null first), the inactive user left out, MEMBER for viewer.
	want := []map[string]any{
		{"id": "u-dave", "name": nil, "email": "dave@acme.com", "role": "GUEST", "lastLoginDate": nil},
		{"id": "u-ann", "name": "Ann Admin", "email": "ann@acme.com", "role": "ADMIN", "lastLoginDate": nil},
		{"id": "u-bob", "name": "Bob", "email": "bob@acme.com", "role": "EDITOR", "lastLoginDate": nil},
		{"id": "u-carol", "name": "Carol", "email": "carol@acme.com", "role": "MEMBER", "lastLoginDate": nil},
	}
	if d := cmp.Diff(want, vals); d != "" {
		t.Errorf("ListUsers (-want +got):\n%s", d)
	}
	vals, _, _ = values(t, c.do("GET", "/api/v1/users?sortBy=EMAIL&sortDirection=DESC", nil).want(t, 200))
	if got := pluck(vals, "email"); !slices.Equal(got, []string{"dave@acme.com", "carol@acme.com", "bob@acme.com", "ann@acme.com"}) {
		t.Errorf("EMAIL DESC = %v", got)
	}
	vals, _, _ = values(t, c.do("GET", "/api/v1/users?groupId=g-analysts", nil).want(t, 200))
	if got := pluck(vals, "id"); !slices.Equal(got, []string{"u-bob", "u-carol"}) {
		t.Errorf("groupId filter = %v", got)
	}
	vals, _, _ = values(t, c.do("GET", "/api/v1/users?userIds=u-ann,u-dave,u-eve", nil).want(t, 200))
	if got := pluck(vals, "id"); !slices.Equal(got, []string{"u-dave", "u-ann"}) {
		t.Errorf("userIds filter = %v", got)
	}
	wantCode(t, c.do("GET", "/api/v1/users?groupId=nope", nil), 404, "NOT_FOUND", "nope")
	wantCode(t, c.do("GET", "/api/v1/users?sortBy=ROLE", nil), 400, "BAD_REQUEST", "sortBy")
}

func TestDeactivateUser(t *testing.T) {
	s, c := newSim(t, Config{}, fixture())
	m := c.do("POST", "/api/v1/users/u-bob/deactivate", nil).want(t, 200)
	want := map[string]any{"user": map[string]any{"id": "u-bob", "name": "Bob", "email": "bob@acme.com", "role": "EDITOR", "lastLoginDate": nil}}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("DeactivateUser (-want +got):\n%s", d)
	}
	if u := s.Snapshot().Users[1]; u.Email != "bob@acme.com" || u.Active {
		t.Errorf("bob after deactivation: %+v", u)
	}
	vals, _, _ := values(t, c.do("GET", "/api/v1/users?groupId=g-analysts", nil).want(t, 200))
	if got := pluck(vals, "id"); !slices.Equal(got, []string{"u-carol"}) {
		t.Errorf("members after deactivation = %v", got)
	}
	c.do("POST", "/api/v1/users/u-bob/deactivate", nil).want(t, 200) // again: same answer
	wantCode(t, c.do("POST", "/api/v1/users/u-nobody/deactivate", nil), 404, "NOT_FOUND", "u-nobody")
}

// A token stops working once its user is deactivated.
func TestDeactivateSelf(t *testing.T) {
	_, c := newSim(t, Config{}, fixture())
	c.do("POST", "/api/v1/users/u-ann/deactivate", nil).want(t, 200)
	wantCode(t, c.do("GET", "/api/v1/users/me", nil), http.StatusUnauthorized, "UNAUTHORIZED", "bearer token")
}
