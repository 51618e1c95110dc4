package hexapi

import (
	"context"
	"net/url"
	"strings"
)

// User roles as the API spells them.
const (
	RoleAdmin        = "ADMIN"
	RoleManager      = "MANAGER"
	RoleEditor       = "EDITOR"
	RoleExplorer     = "EXPLORER"
	RoleMember       = "MEMBER" // the UI's "Viewer"
	RoleGuest        = "GUEST"
	RoleEmbeddedUser = "EMBEDDED_USER"
	RoleAnonymous    = "ANONYMOUS"
)

// User is a workspace user.
type User struct {
	ID            string  `json:"id"`
	Name          *string `json:"name"`
	Email         string  `json:"email"`
	Role          string  `json:"role"`
	LastLoginDate *string `json:"lastLoginDate"`
}

// Me is the identity behind the token. A workspace token has no user fields:
// only Org and Token are set.
type Me struct {
	ID            string  `json:"id,omitempty"`
	Name          *string `json:"name,omitempty"`
	Email         string  `json:"email,omitempty"`
	Role          string  `json:"role,omitempty"`
	LastLoginDate *string `json:"lastLoginDate,omitempty"`
	Org           struct {
		ID string `json:"id"`
	} `json:"org"`
	Token *struct {
		Exp *float64 `json:"exp"`
	} `json:"token"`
}

// UserListOptions filter ListUsers.
type UserListOptions struct {
	ListOptions
	GroupID string   // only this group's members
	UserIDs []string // only these users
}

// UsersService is the users part of the API.
type UsersService struct{ c *Client }

// Me returns the identity the token belongs to.
func (s *UsersService) Me(ctx context.Context) (*Me, error) {
	var me Me
	if _, err := s.c.doChecked(ctx, request{op: "Me", method: "GET", path: "/v1/users/me"}, &me); err != nil {
		return nil, err
	}
	return &me, nil
}

// List returns one page of users.
func (s *UsersService) List(ctx context.Context, opts *UserListOptions) ([]*User, *Response, error) {
	q := url.Values{}
	if opts != nil {
		q = opts.values()
		if opts.GroupID != "" {
			q.Set("groupId", opts.GroupID)
		}
		if len(opts.UserIDs) > 0 {
			q.Set("userIds", strings.Join(opts.UserIDs, ","))
		}
	}
	return listPage[User](ctx, s.c, "ListUsers", "/v1/users", q)
}

// ListAll returns every user, or every member of groupID when it is not "".
func (s *UsersService) ListAll(ctx context.Context, groupID string) ([]*User, error) {
	resource := "users"
	if groupID != "" {
		resource = "group members"
	}
	return listAll(ctx, s.c, resource, "/v1/users", func(after string) ([]*User, *Response, error) {
		return s.List(ctx, &UserListOptions{ListOptions: ListOptions{After: after, Limit: MaxUsersPage}, GroupID: groupID})
	})
}

// Deactivate deactivates a user (there is no reactivation in the API).
func (s *UsersService) Deactivate(ctx context.Context, id string) (*User, error) {
	var out deactivated
	if _, err := s.c.doChecked(ctx, request{op: "DeactivateUser", method: "POST", path: "/v1/users/" + url.PathEscape(id) + "/deactivate"}, &out); err != nil {
		return nil, err
	}
	return out.User, nil
}

// deactivated is the DeactivateUser answer {user}.
type deactivated struct {
	User *User `json:"user"`
}

func (d *deactivated) validate() error {
	if d.User == nil {
		return &fieldError{field: "user", problem: "is missing or null"}
	}
	return in("user", d.User.validate())
}
