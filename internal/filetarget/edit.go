package filetarget

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// NotFoundError is a change to a resource the state does not hold.
type NotFoundError struct {
	Kind     reconcile.Kind
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
	Kind reconcile.Kind
	Name string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s/%s already exists (run plan again to see the state as it is)", e.Kind, e.Name)
}

// FieldError is a field of a change that cannot be applied.
type FieldError struct {
	Kind reconcile.Kind
	Path string
	Err  error
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s field %q: %v", e.Kind, e.Path, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }

func unknownField(known ...string) error {
	return fmt.Errorf("unknown field (the file target knows %s)", strings.Join(known, ", "))
}

// editor applies one change to a snapshot in memory.
type editor struct {
	snap    *reconcile.Snapshot
	t       *Target
	secrets reconcile.SecretResolver
}

func (e *editor) apply(c reconcile.Change) error {
	switch c.Kind {
	case reconcile.KindUser:
		return e.user(c)
	case reconcile.KindSetting:
		return e.setting(c)
	case reconcile.KindDomain:
		return e.domain(c)
	case reconcile.KindGroup:
		return e.group(c)
	case reconcile.KindConnection:
		return applyNamed(c, &e.snap.Connections, connectionAccess, e.setConnection)
	case reconcile.KindPackage:
		return applyNamed(c, &e.snap.Packages, packageAccess, setPackage)
	case reconcile.KindStatus:
		return applyNamed(c, &e.snap.Statuses, statusAccess, setStatus)
	case reconcile.KindCategory:
		return applyNamed(c, &e.snap.Categories, categoryAccess, setCategory)
	}
	return fmt.Errorf("unknown kind %q", c.Kind)
}

// access describes a kind whose items have an id and a unique name.
type access[T any] struct {
	kind   reconcile.Kind
	prefix string // id prefix
	id     func(*T) *string
	name   func(*T) *string
	// key canonicalises a name for lookups (users: lower-case); nil = as is.
	key func(string) string
	// init sets a new item's defaults.
	init func(*T)
}

func (a access[T]) canon(name string) string {
	if a.key != nil {
		return a.key(name)
	}
	return name
}

// byName is the index of the item called name, or -1.
func (a access[T]) byName(items []T, name string) int {
	name = a.canon(name)
	return slices.IndexFunc(items, func(x T) bool { return a.canon(*a.name(&x)) == name })
}

// find locates the change's resource by ResourceID, falling back to its name.
func (a access[T]) find(items []T, c reconcile.Change) (int, error) {
	if c.ResourceID != "" {
		if i := slices.IndexFunc(items, func(x T) bool { return *a.id(&x) == c.ResourceID }); i >= 0 {
			return i, nil
		}
	}
	if i := a.byName(items, c.Name); i >= 0 {
		return i, nil
	}
	return -1, &NotFoundError{Kind: a.kind, Name: c.Name, ID: c.ResourceID}
}

// setter applies one field to an item; create tells whether the item is new.
type setter[T any] func(x *T, f reconcile.Field, create bool) error

func applyNamed[T any](c reconcile.Change, items *[]T, a access[T], set setter[T]) error {
	switch c.Action {
	case reconcile.ActionCreate:
		return createNamed(c, items, a, set)
	case reconcile.ActionUpdate, reconcile.ActionRename:
		i, err := a.find(*items, c)
		if err != nil {
			return err
		}
		x := (*items)[i]
		if err := setFields(&x, c, a, set, false); err != nil {
			return err
		}
		if j := a.byName(*items, *a.name(&x)); j >= 0 && j != i {
			return &ExistsError{Kind: a.kind, Name: *a.name(&x)}
		}
		(*items)[i] = x
		return nil
	case reconcile.ActionDelete:
		i, err := a.find(*items, c)
		if err != nil {
			return err
		}
		*items = slices.Delete(*items, i, i+1)
		return nil
	}
	return fmt.Errorf("action %q does not apply to a %s", c.Action, a.kind)
}

func createNamed[T any](c reconcile.Change, items *[]T, a access[T], set setter[T]) error {
	if a.byName(*items, c.Name) >= 0 {
		return &ExistsError{Kind: a.kind, Name: a.canon(c.Name)}
	}
	id, err := newID(a.prefix)
	if err != nil {
		return err
	}
	var x T
	*a.id(&x), *a.name(&x) = id, a.canon(c.Name)
	if a.init != nil {
		a.init(&x)
	}
	if err := setFields(&x, c, a, set, true); err != nil {
		return err
	}
	if *a.name(&x) == "" {
		return &FieldError{Kind: a.kind, Path: "name", Err: fmt.Errorf("a %s needs a name", a.kind)}
	}
	if a.byName(*items, *a.name(&x)) >= 0 {
		return &ExistsError{Kind: a.kind, Name: *a.name(&x)}
	}
	*items = append(*items, x)
	return nil
}

func setFields[T any](x *T, c reconcile.Change, a access[T], set setter[T], create bool) error {
	for _, f := range c.Fields {
		if err := set(x, f, create); err != nil {
			return &FieldError{Kind: a.kind, Path: f.Path, Err: err}
		}
	}
	return nil
}

// user applies a change to a user: as a named item, plus deactivation.
func (e *editor) user(c reconcile.Change) error {
	if c.Action != reconcile.ActionDeactivate {
		return applyNamed(c, &e.snap.Users, e.userAccess(), setUser)
	}
	a := e.userAccess()
	i, err := a.find(e.snap.Users, c)
	if err != nil {
		return err
	}
	e.snap.Users[i].Active = false
	return nil
}

func (e *editor) userAccess() access[reconcile.UserState] {
	def := e.snap.Domains.DefaultRole
	return access[reconcile.UserState]{
		kind: reconcile.KindUser, prefix: "usr",
		id:   func(u *reconcile.UserState) *string { return &u.ID },
		name: func(u *reconcile.UserState) *string { return &u.Email },
		key:  func(s string) string { return strings.ToLower(strings.TrimSpace(s)) },
		init: func(u *reconcile.UserState) {
			u.Active, u.Role = true, def
			if u.Role == "" {
				u.Role = "viewer"
			}
		},
	}
}

// group applies a change to a group. Connection sharing refers to groups by
// name in the state but follows the group itself, as in Hex: a rename moves
// the group's sharing entries to the new name, a delete drops them.
func (e *editor) group(c reconcile.Change) error {
	var id, old string
	if i, err := groupAccess.find(e.snap.Groups, c); err == nil && c.Action != reconcile.ActionCreate {
		id, old = e.snap.Groups[i].ID, e.snap.Groups[i].Name
	}
	if err := e.membersAreUsers(c); err != nil {
		return err
	}
	if err := applyNamed(c, &e.snap.Groups, groupAccess, setGroup); err != nil || old == "" {
		return err
	}
	now := "" // stays "" when the group is gone
	if i := slices.IndexFunc(e.snap.Groups, func(g reconcile.GroupState) bool { return g.ID == id }); i >= 0 {
		now = e.snap.Groups[i].Name
	}
	if now == old {
		return nil
	}
	for i := range e.snap.Connections {
		sh := e.snap.Connections[i].Sharing.Groups
		access, ok := sh[old]
		if !ok {
			continue
		}
		delete(sh, old)
		if now != "" {
			sh[now] = access
		}
	}
	return nil
}

// setting applies a change to the workspace settings (setting/default_role).
func (e *editor) setting(c reconcile.Change) error {
	if c.Name != "default_role" {
		return fmt.Errorf("unknown setting %q (the file target knows default_role)", c.Name)
	}
	switch c.Action {
	case reconcile.ActionDelete:
		e.snap.Domains.DefaultRole = ""
		return nil
	case reconcile.ActionCreate, reconcile.ActionUpdate:
		for _, f := range c.Fields {
			if f.Path != "default_role" {
				return &FieldError{Kind: c.Kind, Path: f.Path, Err: unknownField("default_role")}
			}
			if f.After == nil {
				e.snap.Domains.DefaultRole = ""
				continue
			}
			r, err := asRole(f.After)
			if err != nil {
				return &FieldError{Kind: c.Kind, Path: f.Path, Err: err}
			}
			e.snap.Domains.DefaultRole = r
		}
		return nil
	}
	return fmt.Errorf("action %q does not apply to a setting", c.Action)
}

// domain adds or removes an allowed domain.
func (e *editor) domain(c reconcile.Change) error {
	name := strings.ToLower(strings.TrimSpace(c.Name))
	for _, f := range c.Fields {
		if f.Path != "domain" {
			return &FieldError{Kind: c.Kind, Path: f.Path, Err: unknownField("domain")}
		}
	}
	i := slices.Index(e.snap.Domains.Allowed, name)
	switch c.Action {
	case reconcile.ActionCreate:
		if name == "" {
			return fmt.Errorf("a domain needs a name")
		}
		if i >= 0 {
			return &ExistsError{Kind: c.Kind, Name: name}
		}
		e.snap.Domains.Allowed = append(e.snap.Domains.Allowed, name)
		return nil
	case reconcile.ActionDelete:
		if i < 0 {
			return &NotFoundError{Kind: c.Kind, Name: name}
		}
		e.snap.Domains.Allowed = slices.Delete(e.snap.Domains.Allowed, i, i+1)
		return nil
	}
	return fmt.Errorf("action %q does not apply to a domain (create or delete it)", c.Action)
}
