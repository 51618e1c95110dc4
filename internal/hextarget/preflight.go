package hextarget

import (
	"context"

	"github.com/hexform/hexform/reconcile"
)

var _ reconcile.Preflighter = (*Target)(nil)

// Preflight builds the request a connection change would send, without
// sending it: its secrets resolve, its settings fit the connection's type,
// and the API can create that type. Apply calls it for every change before
// the first one is made, so a change that cannot be sent stops the run
// before anything changed rather than halfway through.
func (t *Target) Preflight(ctx context.Context, c reconcile.Change, secrets reconcile.SecretResolver) error {
	if c.Kind != reconcile.KindConnection {
		return nil
	}
	switch c.Action {
	case reconcile.ActionCreate:
		_, _, err := createBody(c, secrets)
		return err
	case reconcile.ActionUpdate, reconcile.ActionRename:
		ci, err := t.existingConn(ctx, c)
		if err != nil {
			return err
		}
		_, _, err = editBody(c, secrets, ci.typ)
		return err
	}
	return nil
}
