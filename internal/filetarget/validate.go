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
	for _, kind := range reconcile.Kinds {
		ids, names, ok := s.Idents(kind)
		if !ok {
			continue
		}
		seenID, seenName := map[string]bool{}, map[string]bool{}
		for i := range ids {
			if v := ids[i]; v != "" && seenID[v] {
				errs = append(errs, fmt.Sprintf("two %s have the id %q", kind.Plural(), v))
			} else {
				seenID[v] = true
			}
			if v := names[i]; seenName[v] {
				errs = append(errs, fmt.Sprintf("two %s are called %q", kind.Plural(), v))
			} else {
				seenName[v] = true
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &DecodeError{Path: path, Err: errors.New(strings.Join(errs, "; "))}
}
