package hexsim

import (
	"net/http"
	"strings"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// apiUser is the API's user object; all five fields are always present.
type apiUser struct {
	ID            string  `json:"id"`
	Name          *string `json:"name"`
	Email         string  `json:"email"`
	Role          string  `json:"role"`
	LastLoginDate *string `json:"lastLoginDate"`
}

// apiRoles maps normalised roles to the API's enum.
var apiRoles = map[schema.Role]string{
	schema.RoleAdmin:    "ADMIN",
	schema.RoleManager:  "MANAGER",
	schema.RoleEditor:   "EDITOR",
	schema.RoleExplorer: "EXPLORER",
	schema.RoleViewer:   "MEMBER",
	schema.RoleGuest:    "GUEST",
}

func toAPIUser(u *reconcile.UserState) apiUser {
	a := apiUser{ID: u.ID, Email: u.Email, Role: apiRoles[u.Role]}
	if a.Role == "" {
		a.Role = strings.ToUpper(string(u.Role))
	}
	if u.Name != "" {
		name := u.Name
		a.Name = &name
	}
	return a
}

func (s *Server) userByEmail(email string) *reconcile.UserState {
	for i := range s.state.Users {
		if s.state.Users[i].Email == email {
			return &s.state.Users[i]
		}
	}
	return nil
}

func (s *Server) userByID(id string) *reconcile.UserState {
	for i := range s.state.Users {
		if s.state.Users[i].ID == id {
			return &s.state.Users[i]
		}
	}
	return nil
}

// handleMe answers GET /v1/users/me: the token's user, or only {org, token}
// for a workspace token.
func handleMe(s *Server, _ *call) (int, any, *apiError) {
	me := map[string]any{
		"org":   map[string]string{"id": orgID},
		"token": map[string]any{"exp": nil},
	}
	if s.actor != "" {
		u := toAPIUser(s.userByEmail(s.actor)) // present and active: checked by authorized
		me["id"], me["name"], me["email"], me["role"], me["lastLoginDate"] = u.ID, u.Name, u.Email, u.Role, nil
	}
	return http.StatusOK, me, nil
}

// handleListUsers answers GET /v1/users: active users, optionally the
// members of groupId and/or the ids in userIds.
func handleListUsers(s *Server, c *call) (int, any, *apiError) {
	var issues []string
	p := parsePage(c.query, 500, []string{"NAME", "EMAIL"}, []string{"ASC", "DESC"}, &issues)
	if issues != nil {
		return 0, nil, invalid("query", issues)
	}
	var members map[string]bool
	if gid := c.query.Get("groupId"); gid != "" {
		g := s.groupByID(gid)
		if g == nil {
			return 0, nil, errorf(http.StatusNotFound, "group %s not found", gid)
		}
		members = map[string]bool{}
		for _, e := range g.Members {
			members[e] = true
		}
	}
	var ids map[string]bool
	if v := c.query.Get("userIds"); v != "" {
		ids = map[string]bool{}
		for _, id := range strings.Split(v, ",") {
			ids[strings.TrimSpace(id)] = true
		}
	}
	var list []apiUser
	for i := range s.state.Users {
		u := &s.state.Users[i]
		if u.Active && (members == nil || members[u.Email]) && (ids == nil || ids[u.ID]) {
			list = append(list, toAPIUser(u))
		}
	}
	key := func(u apiUser) string {
		if strings.HasPrefix(p.order, "EMAIL") {
			return u.Email + "\x00" + u.ID
		}
		name := ""
		if u.Name != nil {
			name = strings.ToLower(*u.Name)
		}
		return name + "\x00" + u.Email + "\x00" + u.ID
	}
	vals, pg := paginate(list, key, p)
	return http.StatusOK, listBody{Values: vals, Pagination: pg}, nil
}

// handleDeactivateUser answers POST /v1/users/{id}/deactivate. Deactivating
// an inactive user again answers the same 200.
func handleDeactivateUser(s *Server, c *call) (int, any, *apiError) {
	u := s.userByID(c.args[0])
	if u == nil {
		return 0, nil, errorf(http.StatusNotFound, "user %s not found", c.args[0])
	}
	u.Active = false
	return http.StatusOK, map[string]apiUser{"user": toAPIUser(u)}, nil
}
