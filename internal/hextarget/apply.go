package hextarget

import (
	"context"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

var _ reconcile.Target = (*Target)(nil)

// Apply carries out one change through its kind's applier: the change is
// resolved against the snapshot the target last read into its typed items
// (reconcile.Resolve), the kind maps those to the API's request, and once
// Hex has taken it the change's After is kept in that snapshot, so that a
// later change of the run finds a group created or renamed before it.
func (t *Target) Apply(ctx context.Context, c reconcile.Change, secrets reconcile.SecretResolver) error {
	a, do, err := action(c)
	if err != nil {
		return err
	}
	tc, err := t.resolve(ctx, a, c)
	if err != nil {
		return err
	}
	id, err := do(ctx, t, tc, secrets)
	if err == nil || id != "" {
		t.keep(tc, id)
	}
	return err
}

// resolve checks c's field paths against a's and gives c its typed items,
// as it applies to the kept snapshot (read first when there is none).
func (t *Target) resolve(ctx context.Context, a *applier, c reconcile.Change) (*reconcile.Typed, error) {
	if err := a.checkPaths(c); err != nil {
		return nil, err
	}
	if err := t.ensureRead(ctx); err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return reconcile.Resolve(t.snap, c)
}

// ensureRead reads a snapshot when the target has kept none.
func (t *Target) ensureRead(ctx context.Context) error {
	t.readMu.Lock()
	defer t.readMu.Unlock()
	t.mu.Lock()
	read := t.snap != nil
	t.mu.Unlock()
	if read {
		return nil
	}
	_, err := t.Snapshot(ctx)
	return err
}

// keep stores a carried-out change's After in the kept snapshot. Should it
// not fit (which the snapshot it was resolved against rules out), the
// snapshot is dropped, to be read again by the next change.
func (t *Target) keep(tc *reconcile.Typed, id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.snap != nil && tc.Put(t.snap, id) != nil {
		t.snap = nil
	}
}

// sent is the set of field paths a change carries. The reviewed fields
// decide which parts of the typed After a request holds, so that an update
// sends no more than the plan shows (what the file does not manage is never
// clobbered) and a create sets no more than the file gives; the values come
// from After.
type sent map[string]bool

func sentOf(c reconcile.Change) sent {
	s := sent{}
	for _, f := range c.Fields {
		s[f.Path] = true
	}
	return s
}

// has reports whether the change sets any of paths.
func (s sent) has(paths ...string) bool {
	return slices.ContainsFunc(paths, func(p string) bool { return s[p] })
}

// under lists, sorted, the keys of the paths below prefix ("config" gives
// "port" for "config.port").
func (s sent) under(prefix string) []string {
	var keys []string
	for p := range s {
		if k, ok := strings.CutPrefix(p, prefix+"."); ok && k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
