package hextarget

import (
	"context"
	"fmt"
	"strings"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// userApplier: Hex can deactivate a user; inviting one and changing a role
// have no API and are steps in Settings.
var userApplier = &applier{
	kind: reconcile.KindUser,
	noun: "user",
	read: readUsers,
	actions: map[reconcile.Action]applyFunc{
		reconcile.ActionDeactivate: deactivateUser,
	},
	cost: func(reconcile.Change, *reconcile.Snapshot) map[string]int { return map[string]int{"DeactivateUser": 1} },
}

func deactivateUser(ctx context.Context, t *Target, tc *reconcile.Typed, _ reconcile.SecretResolver) (string, error) {
	_, err := t.c.Users.Deactivate(ctx, tc.Before.(*reconcile.UserState).ID)
	return "", err
}

// roles maps the API's roles to the schema's; EMBEDDED_USER and ANONYMOUS
// users are not workspace members.
var roles = map[string]schema.Role{
	hexapi.RoleAdmin:    schema.RoleAdmin,
	hexapi.RoleManager:  schema.RoleManager,
	hexapi.RoleEditor:   schema.RoleEditor,
	hexapi.RoleExplorer: schema.RoleExplorer,
	hexapi.RoleMember:   schema.RoleViewer,
	hexapi.RoleGuest:    schema.RoleGuest,
}

// readUsers lists the workspace's members; embedded and anonymous users
// are left out but their ids kept, as they can be group members. Users are
// read whole or not at all (the API finds a user by id, not by email, and
// the invariants count every admin), and also when the scope skips them
// but reads groups or collections: their members and sharing name users by
// id.
func readUsers(ctx context.Context, t *Target, r *reading) error {
	if !r.reads(reconcile.KindUser) && !r.reads(reconcile.KindGroup) && !r.reads(reconcile.KindCollection) {
		r.skip(reconcile.KindUser)
		return nil
	}
	users, err := t.c.Users.ListAll(ctx, "")
	if err != nil {
		return fmt.Errorf("reading users: %w", err)
	}
	for _, u := range users {
		email := strings.ToLower(u.Email)
		r.userIDs[email] = u.ID
		if u.Role == hexapi.RoleEmbeddedUser || u.Role == hexapi.RoleAnonymous {
			continue
		}
		role, ok := roles[u.Role]
		if !ok {
			return fmt.Errorf("reading users: %s has role %q, which hexform does not know", email, u.Role)
		}
		us := reconcile.UserState{ID: u.ID, Email: email, Role: role, Active: true}
		if u.Name != nil {
			us.Name = *u.Name
		}
		r.snap.Users = append(r.snap.Users, us)
	}
	return nil
}
