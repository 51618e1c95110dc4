package reconcile

import "fmt"

// typedKind gives a kind's changes their typed items.
type typedKind interface {
	// resolve returns the item the change starts from in s (nil for a
	// create) and the item it leaves (nil for a delete).
	resolve(s *Snapshot, c Change) (before, after any, err error)
	// put stores after in s in place of before; id is a created item's id.
	put(s *Snapshot, c Change, before, after any, id string) error
	// check decodes the change's fields through the kind's field table on
	// an empty item, whatever the state holds.
	check(c Change) error
}

// Typed is a change with its kind's typed items: Before is the item the
// change starts from in a snapshot (*GroupState, *UserState, ... ; the
// domain name for a domain, the role for a setting; nil for a create), After
// the item it leaves (nil for a delete). The change's fields stay the
// reviewed contract: After is Before with exactly those fields set, through
// the kind's field table, so a target can apply After and do no more than
// the plan says.
type Typed struct {
	Change Change
	Before any
	After  any
}

// Resolve gives c its typed items, as it applies to s: it finds the item by
// ResourceID (then by name) and sets the change's fields on a copy. It
// refuses a change to an item s does not hold (NotFoundError), a create or
// rename onto a name s holds (ExistsError) and a field the kind does not
// have or a value it cannot hold (FieldError). s is not changed.
func Resolve(s *Snapshot, c Change) (*Typed, error) {
	spec := SpecOf(c.Kind)
	if spec == nil {
		return nil, fmt.Errorf("unknown kind %q", c.Kind)
	}
	before, after, err := spec.typed.resolve(s, c)
	if err != nil {
		return nil, err
	}
	return &Typed{Change: c, Before: before, After: after}, nil
}

// Put stores the change's After in s in place of its Before: a create adds
// the item under id (ignored by kinds without ids), an update replaces the
// item with Before's id, a delete removes it.
func (t *Typed) Put(s *Snapshot, id string) error {
	return SpecOf(t.Change.Kind).typed.put(s, t.Change, t.Before, t.After, id)
}

// CheckFields decodes c's fields through its kind's field table, on an
// empty item: a field the kind does not have, a value it cannot hold or an
// action that does not apply to it is an error, found before any change
// is made. A saved plan's changes are checked this way when it is read back.
func CheckFields(c Change) error {
	spec := SpecOf(c.Kind)
	if spec == nil {
		return fmt.Errorf("unknown kind %q", c.Kind)
	}
	return spec.typed.check(c)
}

// NotFoundError is a change to a resource the state does not hold.
type NotFoundError struct {
	Kind     Kind
	Name, ID string
}

func (e *NotFoundError) Error() string {
	id := ""
	if e.ID != "" {
		id = " (id " + e.ID + ")"
	}
	return fmt.Sprintf("%s/%s%s not found in the state (it changed since the plan was made; run plan again)", e.Kind, e.Name, id)
}

// ExistsError is a create or rename onto a name already taken.
type ExistsError struct {
	Kind Kind
	Name string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s/%s already exists (run plan again to see the state as it is)", e.Kind, e.Name)
}

// FieldError is a field of a change that cannot be applied.
type FieldError struct {
	Kind Kind
	Path string
	Err  error
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s field %q: %v", e.Kind, e.Path, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }
