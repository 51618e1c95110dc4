package reconcile

import "github.com/hexform/hexform/internal/par"

// Prepared is a state made ready for one Diff: a normalised copy of it,
// the copy's fingerprints, and a second copy, indexed, that the access
// review applies the plan's changes to. None of it depends on the
// workspace file, so a caller that has the state first (the file target's
// state is read while the workspace file parses) prepares it meanwhile,
// on another core, and the plan waits only for the file.
type Prepared struct {
	have       *Snapshot
	all        string // with kinds, the fingerprints of have
	kinds      map[Kind]string
	after      *Snapshot
	afterIndex *Index
}

// Prepare readies have for Diff; have itself is not changed. A Prepared
// is used by one DiffPrepared, which changes its copies.
func Prepare(have *Snapshot) *Prepared {
	p := &Prepared{have: cloneSnapshot(have)}
	// The copies are independent: one core each.
	wait := par.Go(func() { p.all, p.kinds = fingerprints(p.have) })
	p.after = cloneSnapshot(p.have)
	p.afterIndex = NewIndex(p.after)
	p.afterIndex.warm()
	wait()
	return p
}
