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
}
