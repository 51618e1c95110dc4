package hexapi

import (
	"context"
	"fmt"
	"net/url"
)

// MaxCollectionsPage is the largest page ListCollections gives.
const MaxCollectionsPage = 100

// CollectionSortName is the only order ListCollections documents.
const CollectionSortName = "NAME"

// CollectionAccessNone is the level that, upserted, takes a user's, a
// group's or the workspace members' access to a collection away. The API
// declares collection access levels as plain strings; which values it
// takes is not documented.
const CollectionAccessNone = "NONE"

// Collection is a collection of projects (CollectionApiResource).
type Collection struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Description *string            `json:"description,omitempty"`
	Creator     *CollectionCreator `json:"creator,omitempty"`
	Sharing     *CollectionSharing `json:"sharing"`
}

// CollectionCreator is the user who created a collection.
type CollectionCreator struct {
	Email string `json:"email"`
	ID    string `json:"id"`
}

// CollectionSharing is who has access to a collection and at which level
// (CollectionApiResourceSharing): the shape of reads and creates, and of
// an edit's upsert.
type CollectionSharing struct {
	Users     []CollectionShare    `json:"users,omitempty"`
	Groups    []CollectionShare    `json:"groups,omitempty"`
	Workspace *CollectionWorkspace `json:"workspace,omitempty"`
}

// CollectionShare is one user's or group's access, by id.
type CollectionShare struct {
	ID     string `json:"id"`
	Access string `json:"access"`
}

// CollectionWorkspace is the access of every workspace member; Members
// may be left out.
type CollectionWorkspace struct {
	Members string `json:"members,omitempty"`
}

// CollectionCreate is the CreateCollection body.
type CollectionCreate struct {
	Name        string             `json:"name"`
	Description *string            `json:"description,omitempty"`
	Sharing     *CollectionSharing `json:"sharing,omitempty"`
}

// CollectionEdit is the EditCollection body; nil fields are left unchanged.
type CollectionEdit struct {
	Name        *string                `json:"name,omitempty"`
	Description *string                `json:"description,omitempty"`
	Sharing     *CollectionSharingEdit `json:"sharing,omitempty"`
}

// CollectionSharingEdit is {upsert: sharing}: the entries given are set,
// the others left as they are.
type CollectionSharingEdit struct {
	Upsert *CollectionSharing `json:"upsert,omitempty"`
}

// CollectionsService is the collections part of the API. The API has no
// delete for collections.
type CollectionsService struct{ c *Client }

// List returns one page of collections. The only order is by name
// (SortBy NAME); the API takes no sort direction.
func (s *CollectionsService) List(ctx context.Context, opts *ListOptions) ([]*Collection, *Response, error) {
	q := opts.values()
	q.Del("sortDirection")
	return listPage[Collection](ctx, s.c, "ListCollections", "/v1/collections", q)
}

// ListAll returns every collection.
func (s *CollectionsService) ListAll(ctx context.Context) ([]*Collection, error) {
	return listAll(ctx, s.c, "collections", "/v1/collections", func(after string) ([]*Collection, *Response, error) {
		return s.List(ctx, &ListOptions{After: after, Limit: MaxCollectionsPage})
	})
}

// Get returns one collection.
func (s *CollectionsService) Get(ctx context.Context, id string) (*Collection, error) {
	var out Collection
	if _, err := s.c.doChecked(ctx, request{op: "GetCollection", method: "GET", path: "/v1/collections/" + url.PathEscape(id)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create creates a collection. After an ambiguous failure the collection
// is looked up by name before the create is tried again, so it is never
// created twice.
func (s *CollectionsService) Create(ctx context.Context, body *CollectionCreate) (*Collection, error) {
	find := func(ctx context.Context) (*Collection, error) {
		all, err := s.ListAll(ctx)
		if err != nil {
			return nil, err
		}
		for _, col := range all {
			if col.Name == body.Name {
				return col, nil
			}
		}
		return nil, nil
	}
	return createOnce(ctx, s.c, request{op: "CreateCollection", method: "POST", path: "/v1/collections", body: body, create: true}, (*Collection).validate, find)
}

// Edit renames a collection, changes its description and upserts sharing
// entries (an upsert only sets the entries it holds).
func (s *CollectionsService) Edit(ctx context.Context, id string, body *CollectionEdit) (*Collection, error) {
	var out Collection
	if _, err := s.c.doChecked(ctx, request{op: "EditCollection", method: "PATCH", path: "/v1/collections/" + url.PathEscape(id), body: body}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// validate checks a collection: id, name and sharing are required, and
// every sharing entry has an id and an access level.
func (col *Collection) validate() error {
	if err := required("id", col.ID, "name", col.Name); err != nil {
		return err
	}
	if col.Creator != nil {
		if err := required("creator.id", col.Creator.ID, "creator.email", col.Creator.Email); err != nil {
			return err
		}
	}
	if col.Sharing == nil {
		return &fieldError{field: "sharing", problem: "is missing or null"}
	}
	return in("sharing", col.Sharing.validate())
}

func (sh *CollectionSharing) validate() error {
	for _, l := range []struct {
		name    string
		entries []CollectionShare
	}{{"users", sh.Users}, {"groups", sh.Groups}} {
		for i, e := range l.entries {
			at := fmt.Sprintf("%s[%d]", l.name, i)
			if err := required(at+".id", e.ID, at+".access", e.Access); err != nil {
				return err
			}
		}
	}
	return nil
}
