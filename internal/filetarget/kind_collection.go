package filetarget

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// collectionApplier: a collection is shared only with groups and users the
// workspace has, as in Hex, where sharing names them by id.
var collectionApplier = applier{
	prefix: "col",
	check:  sharedWithExisting,
}

// sharedWithExisting refuses a collection change that gives access to a
// group or a user the state does not hold: the sharing entry would name
// nothing, and no file could describe it.
func sharedWithExisting(e *editor, c reconcile.Change) error {
	for _, f := range c.Fields {
		level, _ := reconcile.FieldString(f.After)
		if level == "" || level == "none" {
			continue
		}
		if g, ok := strings.CutPrefix(f.Path, "sharing.groups."); ok {
			if !slices.ContainsFunc(e.snap.Groups, func(x reconcile.GroupState) bool { return x.Name == g }) {
				return &FieldError{Kind: c.Kind, Path: f.Path, Err: fmt.Errorf("no group %q in the workspace (declare it under groups: so the plan creates it first)", g)}
			}
		}
		if u, ok := strings.CutPrefix(f.Path, "sharing.users."); ok {
			u = strings.ToLower(u)
			if !slices.ContainsFunc(e.snap.Users, func(x reconcile.UserState) bool { return strings.ToLower(x.Email) == u }) {
				return &FieldError{Kind: c.Kind, Path: f.Path, Err: fmt.Errorf("%s is not a user of the workspace (list them under users: so the plan invites them first)", u)}
			}
		}
	}
	return nil
}
