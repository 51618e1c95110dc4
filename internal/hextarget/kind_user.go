package hextarget

import (
	"context"

	"github.com/hexform/hexform/reconcile"
)

// userApplier: Hex can deactivate a user; inviting one and changing a role
// have no API and are steps in Settings.
var userApplier = &applier{
	kind: reconcile.KindUser,
	noun: "user",
	actions: map[reconcile.Action]applyFunc{
		reconcile.ActionDeactivate: deactivateUser,
	},
}

func deactivateUser(ctx context.Context, t *Target, tc *reconcile.Typed, _ reconcile.SecretResolver) (string, error) {
	_, err := t.c.Users.Deactivate(ctx, tc.Before.(*reconcile.UserState).ID)
	return "", err
}
