package hextarget

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// reading is a snapshot being read: each applier's read fills in its
// kind's part, and the ids the kinds read after it map names with.
type reading struct {
	snap     *reconcile.Snapshot
	userIDs  map[string]string // lower-case email -> id, embedded users and members included
	groupIDs map[string]string // group name -> id
}

// Snapshot reads the token's identity and then each kind of the appliers
// table, in its order, and keeps a copy for Apply with the user ids group
// members map to.
func (t *Target) Snapshot(ctx context.Context) (*reconcile.Snapshot, error) {
	me, err := t.c.Users.Me(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the token's identity: %w", err)
	}
	r := &reading{
		snap:    &reconcile.Snapshot{Unreadable: append([]reconcile.Kind(nil), unreadable...), Actor: strings.ToLower(me.Email)},
		userIDs: map[string]string{}, groupIDs: map[string]string{},
	}
	for _, a := range appliers {
		if err := a.read(ctx, t, r); err != nil {
			return nil, err
		}
	}
	r.snap.Normalize()
	kept := reconcile.CloneSnapshot(r.snap)
	t.mu.Lock()
	t.userIDs, t.snap = r.userIDs, kept
	t.mu.Unlock()
	return r.snap, nil
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
