package hextarget

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
)

var _ reconcile.Target = (*Target)(nil)

// Apply carries out one change. Field paths follow the Diff's contract; a
// field the API cannot set is an error naming it.
func (t *Target) Apply(ctx context.Context, c reconcile.Change, secrets reconcile.SecretResolver) error {
	switch {
	case c.Kind == reconcile.KindUser && c.Action == reconcile.ActionDeactivate:
		return t.deactivate(ctx, c)
	case c.Kind == reconcile.KindGroup && c.Action == reconcile.ActionCreate:
		return t.createGroup(ctx, c)
	case c.Kind == reconcile.KindGroup && (c.Action == reconcile.ActionUpdate || c.Action == reconcile.ActionRename):
		return t.updateGroup(ctx, c)
	case c.Kind == reconcile.KindGroup && c.Action == reconcile.ActionDelete:
		return t.deleteGroup(ctx, c)
	case c.Kind == reconcile.KindConnection && c.Action == reconcile.ActionCreate:
		return t.createConnection(ctx, c, secrets)
	case c.Kind == reconcile.KindConnection && (c.Action == reconcile.ActionUpdate || c.Action == reconcile.ActionRename):
		return t.updateConnection(ctx, c, secrets)
	}
	return fmt.Errorf("the Hex API cannot %s a %s: do it in Settings", c.Action, c.Kind)
}

func (t *Target) deactivate(ctx context.Context, c reconcile.Change) error {
	id := c.ResourceID
	if id == "" {
		ids, err := t.users(ctx)
		if err != nil {
			return err
		}
		if id = ids[strings.ToLower(c.Name)]; id == "" {
			return fmt.Errorf("no user %s in the workspace", c.Name)
		}
	}
	_, err := t.c.Users.Deactivate(ctx, id)
	return err
}

// memberIDs maps emails to user ids, naming every email it cannot map.
func (t *Target) memberIDs(ctx context.Context, emails []string) ([]string, error) {
	ids, err := t.users(ctx)
	if err != nil {
		return nil, err
	}
	var out, missing []string
	for _, e := range emails {
		if id, ok := ids[strings.ToLower(e)]; ok {
			out = append(out, id)
		} else {
			missing = append(missing, e)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("members: not users of the workspace: %s (the Hex API cannot invite users: invite them in Settings first)",
			strings.Join(missing, ", "))
	}
	return out, nil
}

func (t *Target) createGroup(ctx context.Context, c reconcile.Change) error {
	name := c.Name
	var members []string
	var errs *multierror.Error
	for _, f := range c.Fields {
		var err error
		switch f.Path {
		case "name":
			name, err = reconcile.FieldString(f.After)
		case "members":
			members, err = reconcile.FieldStrings(f.After)
		case "protected": // not applicable on Hex (package doc)
		default:
			err = fmt.Errorf("the Hex API cannot set it on a group")
		}
		if err != nil {
			errs = multierror.Append(errs, fmt.Errorf("field %q: %w", f.Path, err))
		}
	}
	if IsLeaseName(name) {
		errs = multierror.Append(errs, errReservedName)
	}
	if err := joined(errs); err != nil {
		return err
	}
	ids, err := t.memberIDs(ctx, members)
	if err != nil {
		return err
	}
	if err := t.groupFree(ctx, name); err != nil {
		return err
	}
	g, err := t.c.Groups.Create(ctx, name, ids)
	if g != nil {
		t.setGroup("", name, g.ID)
	}
	return err
}

func (t *Target) updateGroup(ctx context.Context, c reconcile.Change) error {
	id, err := t.existingGroup(ctx, c)
	if err != nil {
		return err
	}
	edit := &hexapi.GroupEdit{}
	newName := ""
	var errs *multierror.Error
	for _, f := range c.Fields {
		var err error
		switch f.Path {
		case "name":
			if newName, err = reconcile.FieldString(f.After); err == nil && IsLeaseName(newName) {
				err = errReservedName
			} else if err == nil {
				edit.Name = &newName
			}
		case "members":
			edit.Members, err = t.memberDelta(ctx, f)
		case "protected": // not applicable on Hex (package doc)
		default:
			err = fmt.Errorf("the Hex API cannot change it on a group")
		}
		if err != nil {
			errs = multierror.Append(errs, fmt.Errorf("field %q: %w", f.Path, err))
		}
	}
	if err := joined(errs); err != nil {
		return err
	}
	if edit.Name == nil && edit.Members == nil {
		return nil
	}
	if _, err := t.c.Groups.Edit(ctx, id, edit); err != nil {
		return err
	}
	if newName != "" {
		t.setGroup(c.Name, newName, id)
	}
	return nil
}

// memberDelta turns full before/after member lists into adds and removes.
func (t *Target) memberDelta(ctx context.Context, f reconcile.Field) (*hexapi.GroupMembersEdit, error) {
	before, err := reconcile.FieldStrings(f.Before)
	if err != nil {
		return nil, err
	}
	after, err := reconcile.FieldStrings(f.After)
	if err != nil {
		return nil, err
	}
	add, remove := diffSets(before, after)
	if len(add) == 0 && len(remove) == 0 {
		return nil, nil
	}
	m := &hexapi.GroupMembersEdit{}
	if len(add) > 0 {
		ids, err := t.memberIDs(ctx, add)
		if err != nil {
			return nil, err
		}
		m.Add = userList(ids)
	}
	if len(remove) > 0 {
		ids, err := t.memberIDs(ctx, remove)
		if err != nil {
			return nil, err
		}
		m.Remove = userList(ids)
	}
	return m, nil
}

// diffSets compares lower-cased email sets: what after adds, what it drops.
func diffSets(before, after []string) (add, remove []string) {
	b, a := map[string]bool{}, map[string]bool{}
	for _, e := range before {
		b[strings.ToLower(e)] = true
	}
	for _, e := range after {
		a[strings.ToLower(e)] = true
	}
	for e := range a {
		if !b[e] {
			add = append(add, e)
		}
	}
	for e := range b {
		if !a[e] {
			remove = append(remove, e)
		}
	}
	sort.Strings(add)
	sort.Strings(remove)
	return add, remove
}

func userList(ids []string) *hexapi.UserIDList {
	l := &hexapi.UserIDList{}
	for _, id := range ids {
		l.Users = append(l.Users, hexapi.UserRef{ID: id})
	}
	return l
}

func (t *Target) existingGroup(ctx context.Context, c reconcile.Change) (string, error) {
	if c.ResourceID != "" {
		return c.ResourceID, nil
	}
	id, ok, err := t.groupID(ctx, c.Name)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("no group named %q in the workspace", c.Name)
	}
	return id, nil
}

func (t *Target) deleteGroup(ctx context.Context, c reconcile.Change) error {
	id, err := t.existingGroup(ctx, c)
	if err != nil {
		return err
	}
	if err := t.c.Groups.Delete(ctx, id); err != nil {
		return err
	}
	t.setGroup(c.Name, "", id)
	return nil
}
