package hexapi

import (
	"context"
	"net/url"
)

// MaxMembersPerEdit is the most users one CreateGroup or EditGroup list may hold.
const MaxMembersPerEdit = 100

// Group is a workspace group. Members is set only by Create (the API's
// CreateGroupResponse); read a group's members with Users.ListAll(ctx, id).
type Group struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	CreatedAt string      `json:"createdAt,omitempty"`
	Members   *UserIDList `json:"members,omitempty"`
}

// UserIDList is the API's {users: [{id}]}.
type UserIDList struct {
	Users []UserRef `json:"users"`
}

// UserRef points at a user by id.
type UserRef struct {
	ID string `json:"id"`
}

// GroupCreate is the CreateGroup body.
type GroupCreate struct {
	Name    string      `json:"name"`
	Members *UserIDList `json:"members,omitempty"`
}

// GroupEdit is the EditGroup body; nil fields are left unchanged.
type GroupEdit struct {
	Name    *string           `json:"name,omitempty"`
	Members *GroupMembersEdit `json:"members,omitempty"`
}

// GroupMembersEdit adds and removes members (membership is delta-based).
type GroupMembersEdit struct {
	Add    *UserIDList `json:"add,omitempty"`
	Remove *UserIDList `json:"remove,omitempty"`
}

// GroupsService is the groups part of the API.
type GroupsService struct{ c *Client }

// List returns one page of groups.
func (s *GroupsService) List(ctx context.Context, opts *ListOptions) ([]*Group, *Response, error) {
	return listPage[Group](ctx, s.c, "ListGroups", "/v1/groups", opts.values())
}

// ListAll returns every group.
func (s *GroupsService) ListAll(ctx context.Context) ([]*Group, error) {
	return listAll(ctx, s.c, "groups", "/v1/groups", func(after string) ([]*Group, *Response, error) {
		return s.List(ctx, &ListOptions{After: after, Limit: MaxGroupsPage})
	})
}

// Get returns one group.
func (s *GroupsService) Get(ctx context.Context, id string) (*Group, error) {
	var g Group
	if _, err := s.c.doChecked(ctx, request{op: "GetGroup", method: "GET", path: "/v1/groups/" + url.PathEscape(id)}, &g); err != nil {
		return nil, err
	}
	return &g, nil
}

// Create creates a group with the given members. More than 100 members are
// added by further edits. After an ambiguous failure the group is looked up
// by name before the create is tried again, so it is never created twice.
func (s *GroupsService) Create(ctx context.Context, name string, memberIDs []string) (*Group, error) {
	body := GroupCreate{Name: name}
	first, rest := splitAt(memberIDs, MaxMembersPerEdit)
	if len(first) > 0 {
		body.Members = refs(first)
	}
	find := func(ctx context.Context) (*Group, error) {
		all, err := s.ListAll(ctx)
		if err != nil {
			return nil, err
		}
		for _, g := range all {
			if g.Name == name {
				return g, nil
			}
		}
		return nil, nil
	}
	g, err := createOnce(ctx, s.c, request{op: "CreateGroup", method: "POST", path: "/v1/groups", body: body, create: true}, (*Group).validate, find)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		if _, err := s.Edit(ctx, g.ID, &GroupEdit{Members: &GroupMembersEdit{Add: refs(rest)}}); err != nil {
			return g, err
		}
		g.Members = refs(memberIDs)
	}
	return g, nil
}

// Edit renames a group and/or adds and removes members. Lists longer than
// 100 are sent in several requests; the name goes with the first.
func (s *GroupsService) Edit(ctx context.Context, id string, e *GroupEdit) (*Group, error) {
	var g *Group
	for _, part := range splitEdit(e) {
		var out Group
		if _, err := s.c.doChecked(ctx, request{op: "EditGroup", method: "PATCH", path: "/v1/groups/" + url.PathEscape(id), body: part}, &out); err != nil {
			return nil, err
		}
		g = &out
	}
	return g, nil
}

// Delete deletes a group. When an attempt fails ambiguously (5xx, network
// error) and the retry finds the group gone (404), the first attempt deleted
// it and Delete succeeds.
func (s *GroupsService) Delete(ctx context.Context, id string) error {
	_, err := s.c.do(ctx, request{op: "DeleteGroup", method: "DELETE", path: "/v1/groups/" + url.PathEscape(id), delete: true}, nil)
	return err
}

// splitEdit cuts an edit into requests of at most 100 adds and 100 removes.
func splitEdit(e *GroupEdit) []*GroupEdit {
	if e == nil {
		return []*GroupEdit{{}}
	}
	var add, remove []UserRef
	if e.Members != nil && e.Members.Add != nil {
		add = e.Members.Add.Users
	}
	if e.Members != nil && e.Members.Remove != nil {
		remove = e.Members.Remove.Users
	}
	if len(add) <= MaxMembersPerEdit && len(remove) <= MaxMembersPerEdit {
		return []*GroupEdit{e}
	}
	var parts []*GroupEdit
	for i := 0; len(add) > 0 || len(remove) > 0 || i == 0; i++ {
		p := &GroupEdit{Members: &GroupMembersEdit{}}
		if i == 0 {
			p.Name = e.Name
		}
		var a, r []UserRef
		a, add = splitAt(add, MaxMembersPerEdit)
		r, remove = splitAt(remove, MaxMembersPerEdit)
		if len(a) > 0 {
			p.Members.Add = &UserIDList{Users: a}
		}
		if len(r) > 0 {
			p.Members.Remove = &UserIDList{Users: r}
		}
		parts = append(parts, p)
	}
	return parts
}

func splitAt[T any](s []T, n int) (head, tail []T) {
	if len(s) <= n {
		return s, nil
	}
	return s[:n], s[n:]
}

func refs(ids []string) *UserIDList {
	l := &UserIDList{Users: make([]UserRef, len(ids))}
	for i, id := range ids {
		l.Users[i] = UserRef{ID: id}
	}
	return l
}
