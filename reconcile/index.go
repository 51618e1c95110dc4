package reconcile

import "fmt"

// Index resolves and stores many changes against one snapshot, finding
// each change's item in constant time instead of looking through its list:
// a target that applies a batch of changes to a snapshot in memory uses one
// Index for the batch. Index.Resolve gives the same result as Resolve, and
// Index.Put does what Typed.Put does, as long as every change to the
// snapshot's lists goes through Index.Put (changes to the items' other
// fields, such as a connection's sharing, are fine).
type Index struct {
	s     *Snapshot
	kinds map[Kind]any // the *indexed[T] of each kind used so far
}

// NewIndex returns an index of s, built kind by kind as changes need them.
func NewIndex(s *Snapshot) *Index { return &Index{s: s, kinds: map[Kind]any{}} }

// indexedKind is a typedKind whose items an Index can find: the kinds held
// as lists of named items (items[T]).
type indexedKind interface {
	resolveIn(x *Index, c Change) (before, after any, err error)
	putIn(x *Index, c Change, before, after any, id string) error
	indexedIn(x *Index)
}

// warm builds the index of every kind now, rather than at each kind's
// first change.
func (x *Index) warm() {
	for _, spec := range kindTable {
		if ik, ok := spec.typed.(indexedKind); ok {
			ik.indexedIn(x)
		}
	}
}

// Resolve is Resolve(s, c) for the indexed snapshot.
func (x *Index) Resolve(c Change) (*Typed, error) {
	spec := SpecOf(c.Kind)
	if spec == nil {
		return nil, fmt.Errorf("unknown kind %q", c.Kind)
	}
	ik, ok := spec.typed.(indexedKind)
	if !ok {
		return Resolve(x.s, c)
	}
	before, after, err := ik.resolveIn(x, c)
	if err != nil {
		return nil, err
	}
	return &Typed{Change: c, Before: before, After: after}, nil
}

// Put is t.Put(s, id) for the indexed snapshot, keeping the index current.
func (x *Index) Put(t *Typed, id string) error {
	ik, ok := SpecOf(t.Change.Kind).typed.(indexedKind)
	if !ok {
		return t.Put(x.s, id)
	}
	return ik.putIn(x, t.Change, t.Before, t.After, id)
}

// finder locates one kind's items in its list, by id and by name (folded
// as the kind folds names); -1 when there is none.
type finder interface {
	byID(id string) int
	byName(name string) int
}

// indexed is one kind's list with the position of the first item of each
// id and of each folded name.
type indexed[T any] struct {
	it    items[T]
	l     []T
	ids   map[string]int
	names map[string]int
	// dups says that two items share a folded name (a state validated
	// on reading has none).
	dups bool
}

func (it items[T]) resolveIn(x *Index, c Change) (before, after any, err error) {
	return it.resolveWith(x.s, c, it.indexIn(x))
}

func (it items[T]) putIn(x *Index, c Change, before, after any, id string) error {
	return it.putWith(x.s, c, before, after, id, it.indexIn(x))
}

func (it items[T]) indexedIn(x *Index) { it.indexIn(x) }

// indexIn is the kind's index in x, built when it has none or when the
// list's length shows it changed without the index.
func (it items[T]) indexIn(x *Index) *indexed[T] {
	l := *it.of(x.s)
	ix, _ := x.kinds[it.kind].(*indexed[T])
	if ix == nil || len(ix.l) != len(l) {
		ix = &indexed[T]{it: it}
		x.kinds[it.kind] = ix
		ix.build(l)
	}
	ix.l = l
	return ix
}

func (ix *indexed[T]) build(l []T) {
	ix.l = l
	ix.ids, ix.names = make(map[string]int, len(l)), make(map[string]int, len(l))
	ix.dups = false
	for i := range l {
		ix.add(i)
	}
}

// add records item i unless an earlier item has its id or name.
func (ix *indexed[T]) add(i int) {
	x := &ix.l[i]
	if _, dup := ix.ids[*ix.it.id(x)]; !dup {
		ix.ids[*ix.it.id(x)] = i
	}
	ix.addName(ix.it.foldName(*ix.it.name(x)), i)
}

func (ix *indexed[T]) addName(n string, i int) {
	if _, dup := ix.names[n]; dup {
		ix.dups = true
		return
	}
	ix.names[n] = i
}

// byID and byName check what they find against the list and rebuild the
// index when it no longer matches, so a list reordered in place (by
// Normalize) is still searched correctly.
func (ix *indexed[T]) byID(id string) int {
	i, ok := ix.ids[id]
	if ok && (i >= len(ix.l) || *ix.it.id(&ix.l[i]) != id) {
		ix.build(ix.l)
		i, ok = ix.ids[id]
	}
	if !ok {
		return -1
	}
	return i
}

func (ix *indexed[T]) byName(name string) int {
	name = ix.it.foldName(name)
	i, ok := ix.names[name]
	if ok && (i >= len(ix.l) || ix.it.foldName(*ix.it.name(&ix.l[i])) != name) {
		ix.build(ix.l)
		i, ok = ix.names[name]
	}
	if !ok {
		return -1
	}
	return i
}

// added records the item just appended to l; a nil index does nothing.
func (ix *indexed[T]) added(l []T) {
	if ix != nil {
		ix.l = l
		ix.add(len(l) - 1)
	}
}

// removed updates the index of l after item i, with the id and the name
// given, was taken out of it: the items after it moved up one, and an
// item after it that has its id or folded name is now the first.
func (ix *indexed[T]) removed(l []T, i int, id, name string) {
	if ix == nil {
		return
	}
	ix.l = l
	name = ix.it.foldName(name)
	if ix.ids[id] == i {
		delete(ix.ids, id)
	}
	if ix.names[name] == i {
		delete(ix.names, name)
	}
	for j := i; j < len(l); j++ {
		x := &l[j]
		shiftUp(ix.ids, *ix.it.id(x), j)
		shiftUp(ix.names, ix.it.foldName(*ix.it.name(x)), j)
	}
}

// shiftUp records that the item at j+1 is now at j: the key's position
// moves when it was j+1, and is j when the key has none.
func shiftUp(m map[string]int, key string, j int) {
	if k, ok := m[key]; !ok || k == j+1 {
		m[key] = j
	}
}

// replaced records that item i of l, called old before, was replaced.
func (ix *indexed[T]) replaced(l []T, i int, old string) {
	if ix == nil {
		return
	}
	ix.l = l
	old, now := ix.it.foldName(old), ix.it.foldName(*ix.it.name(&l[i]))
	if old == now {
		return
	}
	if ix.dups {
		// Another item may have either name: look again.
		ix.build(l)
		return
	}
	delete(ix.names, old)
	ix.addName(now, i)
}
