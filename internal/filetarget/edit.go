package filetarget

import (
	"fmt"

	"github.com/hexform/hexform/reconcile"
)

// The errors a change that does not fit the state gets; the engine's field
// tables produce them (reconcile.Resolve).
type (
	// NotFoundError is a change to a resource the state does not hold.
	NotFoundError = reconcile.NotFoundError
	// ExistsError is a create or rename onto a name already taken.
	ExistsError = reconcile.ExistsError
	// FieldError is a field of a change that cannot be applied.
	FieldError = reconcile.FieldError
)

// applier is what the file target adds, for one kind, to the engine's
// "replace the item by id with After": the prefix of the ids it gives new
// items, and hooks around the write. Each kind's applier is in its own
// file (kind_<name>.go) and listed in appliers.
type applier struct {
	// prefix starts the ids of created items ("grp"); "" for kinds
	// without ids.
	prefix string
	// check refuses a change before it is resolved.
	check func(e *editor, c reconcile.Change) error
	// prepare completes After before it is stored (secret fingerprints).
	prepare func(e *editor, t *reconcile.Typed) error
	// after updates what follows the item elsewhere in the state.
	after func(e *editor, t *reconcile.Typed)
}

// appliers lists every kind the file target stores: all of them.
var appliers = map[reconcile.Kind]applier{
	reconcile.KindUser:       userApplier,
	reconcile.KindSetting:    settingApplier,
	reconcile.KindDomain:     domainApplier,
	reconcile.KindGroup:      groupApplier,
	reconcile.KindConnection: connectionApplier,
	reconcile.KindPackage:    packageApplier,
	reconcile.KindCollection: collectionApplier,
	reconcile.KindStatus:     statusApplier,
	reconcile.KindCategory:   categoryApplier,
}

// editor applies changes to a snapshot in memory.
type editor struct {
	snap    *reconcile.Snapshot
	ix      *reconcile.Index // of snap: every change to it goes through ix
	t       *Target
	secrets reconcile.SecretResolver
	// users is the set of the state's user emails, made when a check first
	// needs it and kept current by the user changes after that.
	users map[string]bool
}

func newEditor(snap *reconcile.Snapshot, t *Target, s reconcile.SecretResolver) *editor {
	return &editor{snap: snap, ix: reconcile.NewIndex(snap), t: t, secrets: s}
}

// apply resolves the change into its typed items and stores After in place
// of Before, with the kind's hooks around it.
func (e *editor) apply(c reconcile.Change) error {
	a, ok := appliers[c.Kind]
	if !ok {
		return fmt.Errorf("unknown kind %q", c.Kind)
	}
	if a.check != nil {
		if err := a.check(e, c); err != nil {
			return err
		}
	}
	t, err := e.ix.Resolve(c)
	if err != nil {
		return err
	}
	if a.prepare != nil {
		if err := a.prepare(e, t); err != nil {
			return err
		}
	}
	id := ""
	if c.Action == reconcile.ActionCreate && a.prefix != "" {
		if id, err = newID(a.prefix); err != nil {
			return err
		}
	}
	if err := e.ix.Put(t, id); err != nil {
		return err
	}
	if a.after != nil {
		a.after(e, t)
	}
	return nil
}
