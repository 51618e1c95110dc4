package hextarget

import (
	"context"
	"errors"
	"fmt"
)

// errReservedName refuses a group name that would pass for a lease.
var errReservedName = errors.New(`field "name": group names starting with "hexform-lease " are hexform's own (its workspace lease): choose another name`)

// TakenError is a create whose name another client took after the plan
// was made: creating it anyway would leave two items of one name.
type TakenError struct {
	Kind, Name, ID string
}

func (e *TakenError) Error() string {
	return fmt.Sprintf("%s %q was created by someone else since the plan (id %s): plan again", e.Kind, e.Name, e.ID)
}

// groupFree lists the groups afresh, right before a create, and fails when
// one already has the name.
func (t *Target) groupFree(ctx context.Context, name string) error {
	groups, err := t.c.Groups.ListAll(ctx)
	if err != nil {
		return fmt.Errorf("looking up group %q before creating it: %w", name, err)
	}
	for _, g := range groups {
		if g.Name == name {
			return &TakenError{Kind: "group", Name: name, ID: g.ID}
		}
	}
	return nil
}

// connFree lists the data connections afresh, right before a create, and
// fails when one already has the name.
func (t *Target) connFree(ctx context.Context, name string) error {
	all, err := t.c.DataConnections.ListAll(ctx)
	if err != nil {
		return fmt.Errorf("looking up data connection %q before creating it: %w", name, err)
	}
	for _, d := range all {
		if d.Name == name {
			return &TakenError{Kind: "data connection", Name: name, ID: d.ID}
		}
	}
	return nil
}
