package hexsim

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// defaultLimit is every list endpoint's default page size.
const defaultLimit = 25

// page is a list request's paging: decoded cursor keys and the page size.
type page struct {
	after, before string
	limit         int
	order         string // sortBy:sortDirection, bound into cursors
	desc          bool
}

// pagination is the response envelope's cursors; null at the ends.
type pagination struct {
	After  *string `json:"after"`
	Before *string `json:"before"`
}

// listBody is every list endpoint's response envelope.
type listBody struct {
	Values     any        `json:"values"`
	Pagination pagination `json:"pagination"`
}

// enumParam reads an optional enumerated query parameter.
func enumParam(q url.Values, name string, allowed []string, def string, issues *[]string) string {
	v := q.Get(name)
	if v == "" {
		return def
	}
	if !slices.Contains(allowed, v) {
		*issues = append(*issues, fmt.Sprintf("%s must be one of %s, not %q", name, strings.Join(allowed, ", "), v))
	}
	return v
}

// parsePage reads after, before, limit (1..maxLimit), sortBy and sortDirection.
func parsePage(q url.Values, maxLimit int, sortBys []string, dirs []string, issues *[]string) page {
	sortBy := enumParam(q, "sortBy", sortBys, sortBys[0], issues)
	dir := enumParam(q, "sortDirection", dirs, "ASC", issues)
	p := page{limit: defaultLimit, order: sortBy + ":" + dir, desc: dir == "DESC"}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			*issues = append(*issues, fmt.Sprintf("limit must be an integer from 1 to %d, not %q", maxLimit, v))
		}
		p.limit = n
	}
	if q.Get("after") != "" && q.Get("before") != "" {
		*issues = append(*issues, "after and before cannot be used together")
	}
	p.after = p.decode(q.Get("after"), "after", issues)
	p.before = p.decode(q.Get("before"), "before", issues)
	return p
}

// decode checks a cursor and returns its key.
func (p *page) decode(cur, name string, issues *[]string) string {
	if cur == "" {
		return ""
	}
	raw, err := base64.RawURLEncoding.DecodeString(cur)
	order, key, ok := strings.Cut(string(raw), "\n")
	switch {
	case err != nil || !ok || key == "":
		*issues = append(*issues, fmt.Sprintf("%s is not a cursor this endpoint returned", name))
	case order != p.order:
		*issues = append(*issues, fmt.Sprintf("%s is a cursor for another sort order (%s, not %s)", name, order, p.order))
	}
	return key
}

func (p *page) encode(key string) *string {
	c := base64.RawURLEncoding.EncodeToString([]byte(p.order + "\n" + key))
	return &c
}

// paginate sorts items by key in the page's direction and cuts one page.
func paginate[T any](items []T, key func(T) string, p page) ([]T, pagination) {
	slices.SortFunc(items, func(a, b T) int {
		if p.desc {
			return strings.Compare(key(b), key(a))
		}
		return strings.Compare(key(a), key(b))
	})
	follows := func(k, c string) bool { // k comes after c in this order
		if p.desc {
			return k < c
		}
		return k > c
	}
	start, end := 0, len(items)
	if p.after != "" {
		for start < len(items) && !follows(key(items[start]), p.after) {
			start++
		}
	}
	if p.before != "" {
		end = 0
		for end < len(items) && follows(p.before, key(items[end])) {
			end++
		}
		start = max(0, end-p.limit)
	} else {
		end = min(end, start+p.limit)
	}
	var pg pagination
	if start < end {
		if end < len(items) {
			pg.After = p.encode(key(items[end-1]))
		}
		if start > 0 {
			pg.Before = p.encode(key(items[start]))
		}
	}
	out := items[start:end]
	if out == nil {
		out = []T{}
	}
	return out, pg
}

// sortTime renders t as a fixed-width key, so keys sort as times do.
func sortTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000000")
}
