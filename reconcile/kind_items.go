package reconcile

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// items describes a kind held in the snapshot as a list of items with an id
// and a unique name (every kind but the settings and the allowed domains):
// one value of it gives the kind its normalising, cloning, counting and
// fingerprint functions and its typed changes.
type items[T any] struct {
	kind Kind
	// of is the kind's list in a snapshot.
	of   func(s *Snapshot) *[]T
	id   func(x *T) *string
	name func(x *T) *string
	// fold canonicalises a name for comparisons (users: lower-case); nil
	// compares names as they are.
	fold func(string) string
	// canon puts one item into canonical form (nil: nothing to do).
	canon func(x *T)
	// deep replaces the item's nested slices and maps with copies (nil: it
	// has none).
	deep func(x *T)
	// init sets a new item's defaults, as the workspace gives them.
	init func(x *T, s *Snapshot)
	// set applies one field of a change to an item: the kind's field table.
	// create says the item is new.
	set func(x *T, f Field, create bool) error
	// actions are the actions besides create, update, rename and delete
	// that apply to the kind (users: deactivate).
	actions []Action
}

func (it items[T]) normalize(s *Snapshot) {
	l := it.of(s)
	*l = nonNil(*l)
	if it.canon != nil {
		for i := range *l {
			it.canon(&(*l)[i])
		}
	}
	sortItems(*l, func(a, b *T) bool { return lessPair(*it.name(a), *it.id(a), *it.name(b), *it.id(b)) })
}

// sortItems sorts l stably by less. A list in order is left as it is (a
// state read back most often is), and one in order but for items added at
// its end (a state a plan's creates were applied to) has them sorted and
// merged in.
func sortItems[T any](l []T, less func(a, b *T) bool) {
	k := 1 // the first item out of order
	for k < len(l) && !less(&l[k], &l[k-1]) {
		k++
	}
	if k >= len(l) {
		return
	}
	tail := l[k:]
	sort.SliceStable(tail, func(i, j int) bool { return less(&tail[i], &tail[j]) })
	if !less(&tail[0], &l[k-1]) {
		return
	}
	head := slices.Clone(l[:k])
	i, j := 0, 0
	for o := range l { // stable: on a tie the earlier (head) item first
		if j == len(tail) || (i < len(head) && !less(&tail[j], &head[i])) {
			l[o], i = head[i], i+1
		} else {
			l[o], j = tail[j], j+1
		}
	}
}

func (it items[T]) clone(dst, src *Snapshot) {
	l := slices.Clone(*it.of(src))
	if it.deep != nil {
		for i := range l {
			it.deep(&l[i])
		}
	}
	*it.of(dst) = l
}

func (it items[T]) idents(s *Snapshot) (ids, names []string) {
	for i := range *it.of(s) {
		x := &(*it.of(s))[i]
		ids, names = append(ids, *it.id(x)), append(names, *it.name(x))
	}
	return ids, names
}

func (it items[T]) part(s *Snapshot) any     { return *it.of(s) }
func (it items[T]) count(s *Snapshot) int    { return len(*it.of(s)) }
func (it items[T]) foldName(n string) string { return foldWith(it.fold, n) }

func foldWith(fold func(string) string, n string) string {
	if fold != nil {
		return fold(n)
	}
	return n
}

// scan is the finder that looks through the list: what Resolve uses.
type scan[T any] struct {
	it items[T]
	l  []T
}

func (f scan[T]) byID(id string) int {
	for i := range f.l {
		if *f.it.id(&f.l[i]) == id {
			return i
		}
	}
	return -1
}

func (f scan[T]) byName(name string) int {
	name = f.it.foldName(name)
	for i := range f.l {
		if f.it.foldName(*f.it.name(&f.l[i])) == name {
			return i
		}
	}
	return -1
}

// find locates the change's item by ResourceID, falling back to its name.
func (it items[T]) find(f finder, c Change) (int, error) {
	if c.ResourceID != "" {
		if i := f.byID(c.ResourceID); i >= 0 {
			return i, nil
		}
	}
	if i := f.byName(c.Name); i >= 0 {
		return i, nil
	}
	return -1, &NotFoundError{Kind: it.kind, Name: c.Name, ID: c.ResourceID}
}

// resolve returns the change's typed before and after items.
func (it items[T]) resolve(s *Snapshot, c Change) (before, after any, err error) {
	return it.resolveWith(s, c, scan[T]{it, *it.of(s)})
}

// resolveWith is resolve, finding items with f.
func (it items[T]) resolveWith(s *Snapshot, c Change, f finder) (before, after any, err error) {
	l := *it.of(s)
	switch c.Action {
	case ActionCreate:
		x, err := it.created(s, c, f)
		return nil, x, err
	case ActionUpdate, ActionRename, ActionDelete:
	default:
		if !slices.Contains(it.actions, c.Action) {
			return nil, nil, fmt.Errorf("action %q does not apply to a %s", c.Action, it.kind)
		}
	}
	i, err := it.find(f, c)
	if err != nil {
		return nil, nil, err
	}
	b := l[i]
	if it.deep != nil {
		it.deep(&b)
	}
	if c.Action == ActionDelete {
		return &b, nil, nil
	}
	a := l[i]
	if it.deep != nil {
		it.deep(&a)
	}
	if err := it.setFields(&a, c, false); err != nil {
		return nil, nil, err
	}
	if j := f.byName(*it.name(&a)); j >= 0 && j != i {
		return nil, nil, &ExistsError{Kind: it.kind, Name: *it.name(&a)}
	}
	return &b, &a, nil
}

func (it items[T]) created(s *Snapshot, c Change, f finder) (*T, error) {
	if f.byName(c.Name) >= 0 {
		return nil, &ExistsError{Kind: it.kind, Name: it.foldName(c.Name)}
	}
	var x T
	*it.name(&x) = it.foldName(c.Name)
	if it.init != nil {
		it.init(&x, s)
	}
	if err := it.setFields(&x, c, true); err != nil {
		return nil, err
	}
	if *it.name(&x) == "" {
		return nil, &FieldError{Kind: it.kind, Path: "name", Err: fmt.Errorf("a %s needs a name", it.kind)}
	}
	if f.byName(*it.name(&x)) >= 0 {
		return nil, &ExistsError{Kind: it.kind, Name: *it.name(&x)}
	}
	return &x, nil
}

func (it items[T]) setFields(x *T, c Change, create bool) error {
	for _, f := range c.Fields {
		if err := it.set(x, f, create); err != nil {
			return &FieldError{Kind: it.kind, Path: f.Path, Err: err}
		}
	}
	return nil
}

func (it items[T]) check(c Change) error {
	switch c.Action {
	case ActionCreate, ActionUpdate, ActionRename, ActionDelete:
	default:
		if !slices.Contains(it.actions, c.Action) {
			return fmt.Errorf("action %q does not apply to a %s", c.Action, it.kind)
		}
	}
	if c.Action == ActionDelete {
		return nil // a delete's fields describe what goes; nothing is set
	}
	var x T
	*it.name(&x) = it.foldName(c.Name)
	return it.setFields(&x, c, c.Action == ActionCreate)
}

// put stores after in s: a create appends it under id, an update replaces
// the item with its id, a delete (after nil) removes that item.
func (it items[T]) put(s *Snapshot, c Change, before, after any, id string) error {
	return it.putWith(s, c, before, after, id, nil)
}

// putWith is put, finding the item with ix and keeping ix up to date; nil
// looks through the list.
func (it items[T]) putWith(s *Snapshot, c Change, before, after any, id string, ix *indexed[T]) error {
	l := it.of(s)
	if c.Action == ActionCreate {
		x := *after.(*T)
		*it.id(&x) = id
		*l = append(*l, x)
		ix.added(*l)
		return nil
	}
	bid := *it.id(before.(*T))
	var f finder = scan[T]{it, *l}
	if ix != nil {
		f = ix
	}
	i := f.byID(bid)
	if i < 0 {
		return &NotFoundError{Kind: it.kind, Name: c.Name, ID: bid}
	}
	if after == nil {
		name := *it.name(&(*l)[i])
		*l = slices.Delete(*l, i, i+1)
		ix.removed(*l, i, bid, name)
		return nil
	}
	old := *it.name(&(*l)[i])
	(*l)[i] = *after.(*T)
	ix.replaced(*l, i, old)
	return nil
}

// unknownField is the error for a field path a kind does not have.
func unknownField(known ...string) error {
	return fmt.Errorf("unknown field (the file target knows %s)", strings.Join(known, ", "))
}
