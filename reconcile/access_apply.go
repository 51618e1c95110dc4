package reconcile

// createsFast is a kind held as a list of items, whose creates the access
// review resolves without scanning the list for each one (a plan that
// invites thousands of users would otherwise cost their square).
type createsFast interface {
	// without returns a shallow copy of s holding none of the kind's items.
	without(s *Snapshot) *Snapshot
	// nameOf is the name of a typed item of the kind.
	nameOf(x any) string
	foldName(n string) string
	idents(s *Snapshot) (ids, names []string)
}

func (it items[T]) without(s *Snapshot) *Snapshot {
	c := *s
	*it.of(&c) = nil
	return &c
}

func (it items[T]) nameOf(x any) string { return *it.name(x.(*T)) }

// accessApplier applies changes to s for the access review. For each kind
// it keeps the (folded) names its items hold while only creates come, so
// that a create is checked against them in constant time.
type accessApplier struct {
	s     *Snapshot
	names map[Kind]map[string]bool
}

// apply resolves c against the state and stores it, as Resolve and Put
// do. A create of a kind held as a list is resolved against the state
// without the kind's items, and refused, as Resolve refuses it, when its
// name is taken.
func (a *accessApplier) apply(c Change) error {
	id := "planned:" + string(c.Kind) + "/" + c.Name
	spec := SpecOf(c.Kind)
	var fast createsFast
	if spec != nil {
		fast, _ = spec.typed.(createsFast)
	}
	if fast == nil || c.Action != ActionCreate {
		delete(a.names, c.Kind)
		t, err := Resolve(a.s, c)
		if err != nil {
			return err
		}
		return t.Put(a.s, id)
	}
	names := a.names[c.Kind]
	if names == nil {
		names = map[string]bool{}
		_, held := fast.idents(a.s)
		for _, n := range held {
			names[fast.foldName(n)] = true
		}
		a.names[c.Kind] = names
	}
	t, err := Resolve(fast.without(a.s), c)
	if err != nil {
		return err
	}
	name := fast.foldName(fast.nameOf(t.After))
	if names[fast.foldName(c.Name)] || names[name] {
		return &ExistsError{Kind: c.Kind, Name: name}
	}
	names[name] = true
	return t.Put(a.s, id)
}
