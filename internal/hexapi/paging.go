package hexapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// Page sizes: each list endpoint's maximum.
const (
	MaxUsersPage           = 500
	MaxGroupsPage          = 500
	MaxDataConnectionsPage = 100
)

// ListOptions are the cursor and sort parameters every list endpoint takes.
type ListOptions struct {
	After         string // cursor from Response.After
	Before        string
	Limit         int    // 0 = the server's default (25)
	SortBy        string // endpoint specific, e.g. NAME
	SortDirection string // ASC or DESC
}

func (o *ListOptions) values() url.Values {
	v := url.Values{}
	if o == nil {
		return v
	}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("after", o.After)
	set("before", o.Before)
	if o.Limit > 0 {
		v.Set("limit", strconv.Itoa(o.Limit))
	}
	set("sortBy", o.SortBy)
	set("sortDirection", o.SortDirection)
	return v
}

// Bounds of one ListAll call. A workspace of 100,000 users is 200 pages of
// 500; the bounds are ten times that and more, so they stop only a server
// that never ends a list (new cursors forever).
const (
	MaxListPages = 10_000
	MaxListItems = 1_000_000
)

// listPagination is the cursor block as sent: a key left out stays nil,
// a null is "null".
type listPagination struct {
	After  json.RawMessage `json:"after"`
	Before json.RawMessage `json:"before"`
}

// listEnvelope is the list envelope {values, pagination}.
type listEnvelope[P any] struct {
	Values     []P             `json:"values"`
	Pagination *listPagination `json:"pagination"`
}

// cursor reads one cursor of a page: "" for null; a key left out, or
// anything but a non-empty string, is an error.
func cursor(raw json.RawMessage, name string) (string, error) {
	field := "pagination." + name
	if raw == nil {
		return "", &fieldError{field: field, problem: "is missing (want a cursor, or null at the end of the list)"}
	}
	if string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil || s == "" {
		return "", &fieldError{field: field, problem: "is not a cursor (want a non-empty string, or null at the end of the list)"}
	}
	return s, nil
}

// listPage reads one page of path (operation op) and checks it: the envelope whole, no
// item null, every item valid.
func listPage[T any, P interface {
	*T
	validator
}](ctx context.Context, c *Client, op, path string, q url.Values) ([]P, *Response, error) {
	var env listEnvelope[P]
	resp, err := c.do(ctx, request{op: op, method: "GET", path: path, query: q}, &env)
	if err != nil {
		return nil, resp, err
	}
	bad := func(err error) ([]P, *Response, error) {
		return nil, resp, c.malformed("GET", path, err)
	}
	switch {
	case env.Values == nil:
		return bad(&fieldError{field: "values", problem: "is missing or null"})
	case env.Pagination == nil:
		return bad(&fieldError{field: "pagination", problem: "is missing or null"})
	}
	if resp.After, err = cursor(env.Pagination.After, "after"); err != nil {
		return bad(err)
	}
	if env.Pagination.Before != nil {
		if resp.Before, err = cursor(env.Pagination.Before, "before"); err != nil {
			return bad(err)
		}
	}
	if err := checkItems(env.Values); err != nil {
		return bad(err)
	}
	return env.Values, resp, nil
}

// listAll follows the after cursor of path until it is null, reporting
// progress. A cursor the server gave before (the same page again, or a
// cycle), more than c.maxPages pages or more than c.maxItems items stop it
// with an error: the list read so far may be incomplete, and a caller
// planning from it would take the rest for absent.
func listAll[P any](ctx context.Context, c *Client, resource, path string, fetch func(after string) ([]P, *Response, error)) ([]P, error) {
	var all []P
	after := ""
	seen := map[string]int{} // cursor -> the page that gave it
	stop := func(page int, format string, args ...any) error {
		return &MalformedError{Method: "GET", Path: path, Page: page, Problem: fmt.Sprintf(format, args...), Incomplete: true}
	}
	for n := 1; ; n++ {
		items, resp, err := fetch(after)
		if err != nil {
			var me *MalformedError
			if errors.As(err, &me) && me.Page == 0 {
				me.Page = n
			}
			return nil, err
		}
		all = append(all, items...)
		c.reportPage(ctx, resource, n, len(all))
		switch first, ok := seen[resp.After]; {
		case resp.After == "":
			return all, nil
		case ok:
			return nil, stop(n, "the server returned cursor %s a second time (first on page %d)", quoteBounded(c.redact(resp.After)), first)
		case len(all) > c.maxItems:
			return nil, stop(n, "more than %d items (the client's bound)", c.maxItems)
		case n >= c.maxPages:
			return nil, stop(n, "more than %d pages (the client's bound)", c.maxPages)
		}
		seen[resp.After] = n
		after = resp.After
	}
}

func (c *Client) reportPage(ctx context.Context, resource string, page, items int) {
	if c.progress == nil {
		return
	}
	ev := ProgressEvent{Resource: resource, Page: page, Items: items}
	if st, ok := ctx.Value(stepKey{}).([2]int); ok {
		ev.Step, ev.Steps = st[0], st[1]
	}
	c.progress(ev)
}
