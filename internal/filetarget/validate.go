package filetarget

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// validate rejects a document whose items cannot be told apart: two items
// of a kind with the same name (users: email) or the same id.
func validate(path string, s *reconcile.Snapshot) error {
	var errs []string
	check := func(kind reconcile.Kind, n int, id, name func(int) string) {
		ids, names := map[string]bool{}, map[string]bool{}
		for i := range n {
			if v := id(i); v != "" && ids[v] {
				errs = append(errs, fmt.Sprintf("two %s have the id %q", kind.Plural(), v))
			} else {
				ids[v] = true
			}
			if v := name(i); names[v] {
				errs = append(errs, fmt.Sprintf("two %s are called %q", kind.Plural(), v))
			} else {
				names[v] = true
			}
		}
	}
	check(reconcile.KindUser, len(s.Users), func(i int) string { return s.Users[i].ID }, func(i int) string { return s.Users[i].Email })
	check(reconcile.KindGroup, len(s.Groups), func(i int) string { return s.Groups[i].ID }, func(i int) string { return s.Groups[i].Name })
	check(reconcile.KindConnection, len(s.Connections), func(i int) string { return s.Connections[i].ID }, func(i int) string { return s.Connections[i].Name })
	check(reconcile.KindPackage, len(s.Packages), func(i int) string { return s.Packages[i].ID }, func(i int) string { return s.Packages[i].Name })
	check(reconcile.KindStatus, len(s.Statuses), func(i int) string { return s.Statuses[i].ID }, func(i int) string { return s.Statuses[i].Name })
	check(reconcile.KindCategory, len(s.Categories), func(i int) string { return s.Categories[i].ID }, func(i int) string { return s.Categories[i].Name })
	if len(errs) == 0 {
		return nil
	}
	return &DecodeError{Path: path, Err: errors.New(strings.Join(errs, "; "))}
}
