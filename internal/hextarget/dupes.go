package hextarget

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hexform/hexform/internal/hexapi"
)

// DuplicateNameError reports items of one kind that share a name. hexform
// identifies groups and connections by name (as the plan matches them), so
// it cannot tell which one a file means, nor which one a delete would hit.
type DuplicateNameError struct {
	Kind  string              // "group", "data connection" or "collection"
	Names map[string][]string // shared name -> ids, sorted
}

func (e *DuplicateNameError) Error() string {
	names := sortedKeys(e.Names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%d %ss named %q (ids %s)", len(e.Names[n]), e.Kind, n, strings.Join(e.Names[n], ", "))
	}
	return fmt.Sprintf("the workspace has %s: hexform matches %ss by name and cannot tell them apart",
		strings.Join(parts, "; "), e.Kind)
}

// Hint says what to do in Hex.
func (e *DuplicateNameError) Hint() string {
	switch e.Kind {
	case "group":
		return "rename (or delete) all but one of them in Hex under Settings > Groups, then plan again"
	case "collection":
		return "rename (or delete) all but one of them in Hex (the API cannot delete a collection), then plan again"
	}
	return "rename all but one of them in Hex under Settings > Data connections (the API cannot delete a connection), then plan again"
}

// duplicateNames finds names (as matched: exactly) shared by several items.
func duplicateNames[T any](kind string, items []T, name, id func(T) string) error {
	ids := map[string][]string{}
	for _, it := range items {
		ids[name(it)] = append(ids[name(it)], id(it))
	}
	dup := map[string][]string{}
	for n, l := range ids {
		if len(l) > 1 {
			dup[n] = l
		}
	}
	if len(dup) == 0 {
		return nil
	}
	for _, l := range dup {
		sort.Strings(l)
	}
	return &DuplicateNameError{Kind: kind, Names: dup}
}

func groupName(g *hexapi.Group) string         { return g.Name }
func groupIDOf(g *hexapi.Group) string         { return g.ID }
func connName(d *hexapi.DataConnection) string { return d.Name }
func connIDOf(d *hexapi.DataConnection) string { return d.ID }

// withoutLeases drops the lease groups (hexform's own, see LeasePrefix).
func withoutLeases(groups []*hexapi.Group) []*hexapi.Group {
	out := groups[:0:0]
	for _, g := range groups {
		if !IsLeaseName(g.Name) {
			out = append(out, g)
		}
	}
	return out
}
