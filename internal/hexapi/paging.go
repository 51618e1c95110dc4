package hexapi

import (
	"context"
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

// Pagination is the cursor block of every list response.
type Pagination struct {
	After  *string `json:"after"`
	Before *string `json:"before"`
}

// page is the list envelope {values, pagination}.
type page[T any] struct {
	Values     []T        `json:"values"`
	Pagination Pagination `json:"pagination"`
}

func (c *Client) listPage(ctx context.Context, path string, q url.Values, out any, pg *Pagination) (*Response, error) {
	resp, err := c.do(ctx, request{method: "GET", path: path, query: q}, out)
	if err != nil {
		return resp, err
	}
	if pg.After != nil {
		resp.After = *pg.After
	}
	if pg.Before != nil {
		resp.Before = *pg.Before
	}
	return resp, nil
}

// listAll follows the after cursor until it is null, reporting progress.
func listAll[T any](ctx context.Context, c *Client, resource string, fetch func(after string) ([]T, *Response, error)) ([]T, error) {
	var all []T
	after := ""
	seen := map[string]bool{}
	for n := 1; ; n++ {
		items, resp, err := fetch(after)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if c.progress != nil {
			ev := ProgressEvent{Resource: resource, Page: n, Items: len(all)}
			if st, ok := ctx.Value(stepKey{}).([2]int); ok {
				ev.Step, ev.Steps = st[0], st[1]
			}
			c.progress(ev)
		}
		if resp.After == "" || seen[resp.After] {
			return all, nil
		}
		seen[resp.After] = true
		after = resp.After
	}
}
