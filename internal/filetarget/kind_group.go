package filetarget

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// groupApplier: a group holds only users of the workspace, and connection
// sharing follows the group, as in Hex.
var groupApplier = applier{
	prefix: "grp",
	check:  membersAreUsers,
	after:  sharingFollowsGroup,
}

// membersAreUsers refuses a group change that adds someone who is not a
// user of the workspace, as Hex does: a group holds users, and a member who
// is not one would leave the state with a membership no file can describe.
func membersAreUsers(e *editor, c reconcile.Change) error {
	var current []string
	if c.Action != reconcile.ActionCreate {
		t, err := e.ix.Resolve(reconcile.Change{Action: reconcile.ActionDelete, Kind: c.Kind, Name: c.Name, ResourceID: c.ResourceID})
		if err != nil {
			return nil // the change itself reports the missing group
		}
		current = t.Before.(*reconcile.GroupState).Members
	}
	users := e.userSet()
	for _, f := range c.Fields {
		if f.Path != "members" {
			continue
		}
		after, err := reconcile.FieldStrings(f.After)
		if err != nil {
			return &FieldError{Kind: c.Kind, Path: f.Path, Err: err}
		}
		var missing []string
		for _, m := range reconcile.CanonicalEmails(after) {
			if !users[m] && !slices.Contains(current, m) {
				missing = append(missing, m)
			}
		}
		if len(missing) > 0 {
			return &FieldError{Kind: c.Kind, Path: f.Path, Err: fmt.Errorf("not users of the workspace: %s (list them under users: so the plan invites them first)", strings.Join(missing, ", "))}
		}
	}
	return nil
}

// userSet is the set of the state's user emails, made once per batch.
func (e *editor) userSet() map[string]bool {
	if e.users == nil {
		e.users = make(map[string]bool, len(e.snap.Users))
		for _, u := range e.snap.Users {
			e.users[u.Email] = true
		}
	}
	return e.users
}

// sharingFollowsGroup: connection and collection sharing refer to groups by
// name in the state but follow the group itself, as in Hex: a rename moves
// the group's sharing entries to the new name, a delete drops them.
func sharingFollowsGroup(e *editor, t *reconcile.Typed) {
	before, ok := t.Before.(*reconcile.GroupState)
	if !ok {
		return
	}
	now := "" // stays "" when the group is gone
	if after, ok := t.After.(*reconcile.GroupState); ok {
		now = after.Name
	}
	if now == before.Name {
		return
	}
	for i := range e.snap.Connections {
		moveEntry(e.snap.Connections[i].Sharing.Groups, before.Name, now)
	}
	for i := range e.snap.Collections {
		moveEntry(e.snap.Collections[i].Sharing.Groups, before.Name, now)
	}
}

// moveEntry moves levels[from] to levels[to], or drops it when to is "".
func moveEntry(levels map[string]string, from, to string) {
	access, ok := levels[from]
	if !ok {
		return
	}
	delete(levels, from)
	if to != "" {
		levels[to] = access
	}
}
