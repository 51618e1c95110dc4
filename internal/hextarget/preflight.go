package hextarget

import (
	"context"

	"github.com/hexform/hexform/reconcile"
)

var _ reconcile.Preflighter = (*Target)(nil)

// Preflight builds the request a change would send, without sending it,
// for the kinds whose applier has a preflight (connections: their secrets
// resolve, their settings fit the connection's type, and the API can create
// that type). Apply calls it for every change before the first one is made,
// so a change that cannot be sent stops the run before anything changed
// rather than halfway through.
func (t *Target) Preflight(ctx context.Context, c reconcile.Change, secrets reconcile.SecretResolver) error {
	a, _, err := action(c)
	if err != nil || a.preflight == nil {
		return nil // a change the API cannot make is manual, never applied
	}
	tc, err := t.resolve(ctx, a, c)
	if err != nil {
		return err
	}
	return a.preflight(tc, secrets)
}
