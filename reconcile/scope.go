package reconcile

import (
	"context"
	"slices"
	"sort"

	"github.com/hexform/hexform/schema"
)

// Scope says what a read of a target covers. The zero Scope reads
// everything.
type Scope struct {
	// Skip lists the kinds not to read at all.
	Skip []Kind `json:"skip,omitempty"`
	// Items restricts a kind to the items of these names (users: emails);
	// a kind without an entry is read whole. A name no item has is still
	// covered: the read then shows that no such item exists.
	Items map[Kind][]string `json:"items,omitempty"`
}

// ScopedReader is a target that can read part of its state: only some
// kinds, and of some kinds only some items. What it leaves out it lists in
// the snapshot's Skipped and Partial, so Diff plans nothing from it. It
// reads at least what the scope names; it may read more (what its own
// bookkeeping or the invariants need), and says so in the snapshot.
type ScopedReader interface {
	SnapshotScope(ctx context.Context, s Scope) (*Snapshot, error)
}

// PartialRead says which items of a kind a scoped read covers: the items
// of these names were read (a name without an item has none), the others
// were not. Total is how many items the kind has in the target, all read
// or not (the mass-deletion limits count them).
type PartialRead struct {
	Names []string `json:"names"`
	Total int      `json:"total"`
}

// ScopeNote is what a plan says about a scoped read: the kinds the file
// manages that were not read, how much of each kind read in part was, and
// why.
type ScopeNote struct {
	// Reason says why the read was scoped, e.g. "scoped to this change".
	Reason string `json:"reason,omitempty"`
	// NotRead are managed kinds the read left out.
	NotRead []Kind `json:"not_read,omitempty"`
	// Partial counts, per kind read in part, the items read and the items
	// the kind has.
	Partial map[Kind]ReadCount `json:"partial,omitempty"`
}

// ReadCount is how many of a kind's items a scoped read covered.
type ReadCount struct {
	Read  int `json:"read"`
	Total int `json:"total"`
}

// Skips reports whether the scope leaves k out.
func (s Scope) Skips(k Kind) bool { return slices.Contains(s.Skip, k) }

// Names returns the names the scope restricts k to, and whether it does.
func (s Scope) Names(k Kind) ([]string, bool) {
	names, ok := s.Items[k]
	return names, ok
}

// Whole reports whether the scope reads everything.
func (s Scope) Whole() bool { return len(s.Skip) == 0 && len(s.Items) == 0 }

// UnmanagedScope is the scope of a read for want: every kind whose section
// the file leaves out is skipped, as Diff plans nothing for it.
func UnmanagedScope(managed func(Kind) bool) Scope {
	var s Scope
	for _, spec := range kindTable {
		if !managed(spec.Kind) {
			s.Skip = append(s.Skip, spec.Kind)
		}
	}
	return s
}

// ChangeScope is the scope that covers the items changes touch, read again
// before they are applied: each changed item by name (a rename by its old
// and its new name), every other kind skipped. Users are read whole
// whenever a user changes, as the invariants (the admin count) count them
// all. Only the changes a target carries out count (mode auto).
func ChangeScope(changes []Change) Scope {
	names := map[Kind]map[string]bool{}
	for _, c := range changes {
		if c.Mode != ModeAuto {
			continue
		}
		if names[c.Kind] == nil {
			names[c.Kind] = map[string]bool{}
		}
		names[c.Kind][c.Name] = true
		if f, ok := field(c, "name"); ok && c.Action == ActionRename {
			if n, ok := f.After.(string); ok {
				names[c.Kind][n] = true
			}
		}
	}
	s := Scope{Items: map[Kind][]string{}}
	for _, k := range Kinds {
		if names[k] == nil {
			s.Skip = append(s.Skip, k)
		} else if k != KindUser {
			s.Items[k] = sortedSet(names[k])
		}
	}
	return s
}

// sortedSet returns the set's members in order.
func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Covers reports whether s holds everything scope reads: no kind scope
// reads is skipped or unreadable in s, and of each kind s holds in part,
// scope names only items s read.
func (s *Snapshot) Covers(scope Scope) bool {
	for _, k := range Kinds {
		if scope.Skips(k) {
			continue
		}
		if slices.Contains(s.Skipped, k) || slices.Contains(s.Unreadable, k) {
			return false
		}
		p := s.Partial[k]
		if p == nil {
			continue
		}
		want, ok := scope.Names(k)
		if !ok {
			return false
		}
		have := foldedSet(k, p.Names)
		for _, n := range want {
			if !have[foldKindName(k, n)] {
				return false
			}
		}
	}
	return true
}

// Restrict returns a copy of s holding only what scope reads, in the same
// form whatever s held beyond it, so that the fingerprints of two reads
// that both cover scope can be compared: a full read of a plan's state and
// a scoped re-read before its apply. Totals of partial kinds are left out
// (they count items outside the scope). s must cover scope (Covers).
func (s *Snapshot) Restrict(scope Scope) *Snapshot {
	c := cloneSnapshot(s)
	c.Skipped, c.Partial = nil, nil
	for _, spec := range kindTable {
		k := spec.Kind
		if scope.Skips(k) {
			if !slices.Contains(c.Unreadable, k) {
				c.Skipped = append(c.Skipped, k)
			}
			emptyKind(c, spec)
			continue
		}
		names, ok := scope.Names(k)
		r, can := spec.typed.(restricter)
		if !ok || !can {
			continue
		}
		keep := foldedSet(k, names)
		r.restrict(c, func(name string) bool { return keep[foldKindName(k, name)] })
		if c.Partial == nil {
			c.Partial = map[Kind]*PartialRead{}
		}
		c.Partial[k] = &PartialRead{Names: foldedNames(k, names)}
	}
	c.Normalize()
	return c
}

// emptyKind drops the kind's part of s: an empty snapshot's part.
func emptyKind(s *Snapshot, spec *KindSpec) {
	spec.clone(s, &Snapshot{})
}

// restricter is a kind held as a list of named items, which a scoped read
// can hold in part.
type restricter interface {
	restrict(s *Snapshot, keep func(name string) bool)
	foldName(name string) string
}

func (it items[T]) restrict(s *Snapshot, keep func(name string) bool) {
	l := it.of(s)
	*l = slices.DeleteFunc(*l, func(x T) bool { return !keep(*it.name(&x)) })
}

// foldKindName canonicalises an item's name of kind k for comparisons, as
// the kind does (users: lower-case).
func foldKindName(k Kind, name string) string {
	if spec := SpecOf(k); spec != nil {
		if r, ok := spec.typed.(restricter); ok {
			return r.foldName(name)
		}
	}
	return name
}

func foldedSet(k Kind, names []string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[foldKindName(k, n)] = true
	}
	return out
}

// foldedNames canonicalises, sorts and de-duplicates names of kind k;
// never nil.
func foldedNames(k Kind, names []string) []string {
	return sortedSet(foldedSet(k, names))
}

// Reread is the fingerprint of a plan's state restricted to the scope of
// its changes (Snapshot.Restrict(ChangeScope(changes))), whole and by kind.
type Reread struct {
	Fingerprint      string          `json:"fingerprint"`
	KindFingerprints map[Kind]string `json:"kind_fingerprints"`
}

// RereadOf fingerprints have restricted to scope; nil when have does not
// cover scope (a scoped read that left out part of what it names).
func RereadOf(have *Snapshot, scope Scope) *Reread {
	if !have.Covers(scope) {
		return nil
	}
	fp, kinds := fingerprints(have.Restrict(scope))
	return &Reread{Fingerprint: fp, KindFingerprints: kinds}
}

// keepRead drops the changes of a kind read in part whose items the read
// did not cover (a rename is covered by its old or its new name): nothing
// is planned from what was not read.
func (d *differ) keepRead() {
	if len(d.partial) == 0 {
		return
	}
	kept := d.changes[:0]
	for _, c := range d.changes {
		if d.covered(c) {
			kept = append(kept, c)
		}
	}
	d.changes = kept
}

// covered reports whether the read covered the item c changes.
func (d *differ) covered(c Change) bool {
	names, partial := d.partial[c.Kind]
	if !partial || names[foldKindName(c.Kind, c.Name)] {
		return true
	}
	if f, ok := field(c, "name"); ok && c.Action == ActionRename {
		if n, ok := f.After.(string); ok && names[foldKindName(c.Kind, n)] {
			return true
		}
	}
	return false
}

// coveredName reports whether the read covered the item called name of
// kind k, or one of its previously: names.
func (d *differ) coveredName(k Kind, name string, previously []string) bool {
	names, partial := d.partial[k]
	if !partial || names[foldKindName(k, name)] {
		return true
	}
	for _, p := range previously {
		if names[foldKindName(k, p)] {
			return true
		}
	}
	return false
}

// scopeNote says what the read left out of the kinds the file manages;
// nil for a read of everything the file manages.
func (d *differ) scopeNote() *ScopeNote {
	n := &ScopeNote{}
	for _, k := range Kinds {
		if d.skipped[k] && !d.unmanaged[k] {
			n.NotRead = append(n.NotRead, k)
		}
		if p := d.have.Partial[k]; p != nil && !d.unmanaged[k] {
			if n.Partial == nil {
				n.Partial = map[Kind]ReadCount{}
			}
			ids, _, _ := d.have.Idents(k)
			n.Partial[k] = ReadCount{Read: len(ids), Total: p.Total}
		}
	}
	if len(n.NotRead) == 0 && len(n.Partial) == 0 {
		return nil
	}
	return n
}

// Manages reports whether the workspace file manages kind k (its section
// is present).
func Manages(w *schema.Workspace, k Kind) bool {
	spec := SpecOf(k)
	return spec != nil && w != nil && spec.managed(w)
}

// FileScope is the read a plan of want needs: every kind whose section
// the file leaves out is skipped, as Diff plans nothing for it.
func FileScope(want *schema.Workspace) Scope {
	return UnmanagedScope(func(k Kind) bool { return Manages(want, k) })
}

// EditScope is the read a plan of what an edit to the workspace file
// changes needs: fileDiff is Diff(head, FromWorkspace(base)). Each kind
// the edit changes is read for the items it changes (users whole); a kind
// whose section the edit adds, or whose ignore: patterns it changes, is
// read whole, as what the edit does to it is not a list of names; every
// other kind is skipped.
func EditScope(head, base *schema.Workspace, fileDiff *Plan) Scope {
	whole := map[Kind]bool{}
	for _, k := range Kinds {
		if !Manages(head, k) {
			continue
		}
		if !Manages(base, k) || !slices.Equal(head.Ignore[k.Plural()], base.Ignore[k.Plural()]) {
			whole[k] = true
		}
	}
	changes := make([]Change, len(fileDiff.Changes))
	for i, c := range fileDiff.Changes {
		c.Mode = ModeAuto
		changes[i] = c
	}
	s := ChangeScope(changes)
	s.Skip = slices.DeleteFunc(s.Skip, func(k Kind) bool { return whole[k] })
	for k := range whole {
		delete(s.Items, k)
	}
	return s
}
