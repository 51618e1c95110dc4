package filetarget

import "github.com/hexform/hexform/reconcile"

// userApplier: a deactivation leaves the user inactive whatever fields the
// change lists.
var userApplier = applier{
	prefix: "usr",
	prepare: func(_ *editor, t *reconcile.Typed) error {
		if u, ok := t.After.(*reconcile.UserState); ok && t.Change.Action == reconcile.ActionDeactivate {
			u.Active = false
		}
		return nil
	},
	after: keepUserSet,
}

// keepUserSet keeps the set of users that group changes check their members
// against (editor.userSet) current.
func keepUserSet(e *editor, t *reconcile.Typed) {
	if e.users == nil {
		return
	}
	if u, ok := t.Before.(*reconcile.UserState); ok {
		delete(e.users, u.Email)
	}
	if u, ok := t.After.(*reconcile.UserState); ok {
		e.users[u.Email] = true
	}
}
