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
	scope    reconcile.Scope
	userIDs  map[string]string // lower-case email -> id, embedded users and members included
	groupIDs map[string]string // group name -> id, every group
}

var _ reconcile.ScopedReader = (*Target)(nil)

// Snapshot reads the whole workspace: SnapshotScope with the zero scope.
func (t *Target) Snapshot(ctx context.Context) (*reconcile.Snapshot, error) {
	return t.SnapshotScope(ctx, reconcile.Scope{})
}

// SnapshotScope reads the token's identity and then each kind of the
// appliers table, in its order, as far as scope asks (see the package
// documentation for what each kind reads beyond it), and keeps a copy for
// Apply with the user and group ids names map to.
func (t *Target) SnapshotScope(ctx context.Context, scope reconcile.Scope) (*reconcile.Snapshot, error) {
	sentBefore := t.c.Requests()
	me, err := t.c.Users.Me(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the token's identity: %w", err)
	}
	r := &reading{
		snap:    &reconcile.Snapshot{Unreadable: append([]reconcile.Kind(nil), unreadable...), Actor: strings.ToLower(me.Email)},
		scope:   scope,
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
	t.userIDs, t.groupIDs, t.snap = r.userIDs, r.groupIDs, kept
	t.lastRead = sentSince(sentBefore, t.c.Requests())
	t.mu.Unlock()
	return r.snap, nil
}

// reads reports whether the scope asks for any of kind k.
func (r *reading) reads(k reconcile.Kind) bool { return !r.scope.Skips(k) }

// skip records that kind k was not read.
func (r *reading) skip(k reconcile.Kind) { r.snap.Skipped = append(r.snap.Skipped, k) }

// only returns the names the scope restricts kind k to, as a set, and
// records in the snapshot that the kind is read in part, of total items;
// nil when the kind is read whole.
func (r *reading) only(k reconcile.Kind, total int) map[string]bool {
	names, ok := r.scope.Names(k)
	if !ok {
		return nil
	}
	if r.snap.Partial == nil {
		r.snap.Partial = map[reconcile.Kind]*reconcile.PartialRead{}
	}
	r.snap.Partial[k] = &reconcile.PartialRead{Names: names, Total: total}
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
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

// sentSince is the requests of now that were not sent by before.
func sentSince(before, now map[string]int) map[string]int {
	out := map[string]int{}
	for op, n := range now {
		if d := n - before[op]; d > 0 {
			out[op] = d
		}
	}
	return out
}
