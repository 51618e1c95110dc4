package hextarget

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
)

// groupApplier: Hex can create, rename, re-member and delete a group. It
// has nowhere to keep `protect:`, so "protected" is accepted and not sent
// (see the package documentation).
var groupApplier = &applier{
	kind: reconcile.KindGroup,
	noun: "group",
	read: readGroups,
	actions: map[reconcile.Action]applyFunc{
		reconcile.ActionCreate: createGroup,
		reconcile.ActionUpdate: updateGroup,
		reconcile.ActionRename: updateGroup,
		reconcile.ActionDelete: deleteGroup,
	},
	fields: []string{"name", "members", "protected"},
	cost:   groupCost,
}

func createGroup(ctx context.Context, t *Target, tc *reconcile.Typed, _ reconcile.SecretResolver) (string, error) {
	g := tc.After.(*reconcile.GroupState)
	if IsLeaseName(g.Name) {
		return "", errReservedName
	}
	ids, err := t.memberIDs(g.Members)
	if err != nil {
		return "", err
	}
	if err := t.groupFree(ctx, g.Name); err != nil {
		return "", err
	}
	created, err := t.c.Groups.Create(ctx, g.Name, ids)
	if created != nil {
		return created.ID, err
	}
	return "", err
}

func updateGroup(ctx context.Context, t *Target, tc *reconcile.Typed, _ reconcile.SecretResolver) (string, error) {
	before := tc.Before.(*reconcile.GroupState)
	edit, err := t.groupEdit(sentOf(tc.Change), before, tc.After.(*reconcile.GroupState))
	if err != nil || edit == nil {
		return "", err
	}
	_, err = t.c.Groups.Edit(ctx, before.ID, edit)
	return "", err
}

// groupEdit maps a group update to the API's edit, nil when it changes
// nothing Hex holds. Membership goes as adds and removes, from Before's
// members to After's, so members Hex gained since the read stay.
func (t *Target) groupEdit(s sent, before, after *reconcile.GroupState) (*hexapi.GroupEdit, error) {
	edit := &hexapi.GroupEdit{}
	if s.has("name") {
		if IsLeaseName(after.Name) {
			return nil, errReservedName
		}
		edit.Name = &after.Name
	}
	if s.has("members") {
		add, remove := reconcile.SetMinus(after.Members, before.Members), reconcile.SetMinus(before.Members, after.Members)
		var err error
		if edit.Members, err = t.memberEdit(add, remove); err != nil {
			return nil, fmt.Errorf("field \"members\": %w", err)
		}
	}
	if edit.Name == nil && edit.Members == nil {
		return nil, nil
	}
	return edit, nil
}

// memberEdit maps the emails a group gains and loses to user ids; nil when
// there are none.
func (t *Target) memberEdit(add, remove []string) (*hexapi.GroupMembersEdit, error) {
	if len(add) == 0 && len(remove) == 0 {
		return nil, nil
	}
	m := &hexapi.GroupMembersEdit{}
	for _, l := range []struct {
		emails []string
		to     **hexapi.UserIDList
	}{{add, &m.Add}, {remove, &m.Remove}} {
		if len(l.emails) == 0 {
			continue
		}
		ids, err := t.memberIDs(l.emails)
		if err != nil {
			return nil, err
		}
		*l.to = userList(ids)
	}
	return m, nil
}

func userList(ids []string) *hexapi.UserIDList {
	l := &hexapi.UserIDList{}
	for _, id := range ids {
		l.Users = append(l.Users, hexapi.UserRef{ID: id})
	}
	return l
}

func deleteGroup(ctx context.Context, t *Target, tc *reconcile.Typed, _ reconcile.SecretResolver) (string, error) {
	return "", t.c.Groups.Delete(ctx, tc.Before.(*reconcile.GroupState).ID)
}

// readGroups lists the groups but the lease ones, and the members of each
// one the scope asks for. Connections and collections name the groups they
// are shared with, so the list is read whenever they are, groups or not.
func readGroups(ctx context.Context, t *Target, r *reading) error {
	if !r.reads(reconcile.KindGroup) && !r.reads(reconcile.KindConnection) && !r.reads(reconcile.KindCollection) {
		r.skip(reconcile.KindGroup)
		return nil
	}
	groups, err := t.c.Groups.ListAll(ctx)
	if err != nil {
		return fmt.Errorf("reading groups: %w", err)
	}
	groups = withoutLeases(groups)
	if err := duplicateNames("group", groups, groupName, groupIDOf); err != nil {
		return err
	}
	for _, g := range groups {
		r.groupIDs[g.Name] = g.ID
	}
	if !r.reads(reconcile.KindGroup) {
		r.skip(reconcile.KindGroup)
		return nil
	}
	only := r.only(reconcile.KindGroup, len(groups))
	if only != nil {
		groups = slices.DeleteFunc(groups, func(g *hexapi.Group) bool { return !only[g.Name] })
	}
	r.snap.Groups = make([]reconcile.GroupState, 0, len(groups))
	for i, g := range groups {
		gs, err := readMembers(hexapi.WithStep(ctx, i+1, len(groups)), t, r, g)
		if err != nil {
			return err
		}
		r.snap.Groups = append(r.snap.Groups, gs)
	}
	return nil
}

// readMembers reads one group's members.
func readMembers(ctx context.Context, t *Target, r *reading, g *hexapi.Group) (reconcile.GroupState, error) {
	members, err := t.c.Users.ListAll(ctx, g.ID)
	if err != nil {
		return reconcile.GroupState{}, fmt.Errorf("reading the members of group %q: %w", g.Name, err)
	}
	gs := reconcile.GroupState{ID: g.ID, Name: g.Name, Members: []string{}}
	for _, m := range members {
		email := strings.ToLower(m.Email)
		r.userIDs[email] = m.ID
		gs.Members = append(gs.Members, email)
	}
	return gs, nil
}

// listedGroupID is the id of the group called name in the list the last
// read made, when the kept snapshot holds only some groups (a scoped read);
// t.mu is held.
func (t *Target) listedGroupID(name string) (string, bool) {
	if readWhole(t.snap, reconcile.KindGroup) {
		return "", false
	}
	id, ok := t.groupIDs[name]
	return id, ok
}

// groupCost: a create checks the name in the group list, then sends the
// group with at most 100 members and 100 more an edit; an update adds and
// removes at most 100 members an edit; protection costs nothing on Hex.
func groupCost(c reconcile.Change, s *reconcile.Snapshot) map[string]int {
	var before, after []string
	for _, f := range c.Fields {
		if f.Path == "members" {
			before, after = reconcile.StringList(f.Before), reconcile.StringList(f.After)
		}
	}
	switch c.Action {
	case reconcile.ActionCreate:
		return map[string]int{"ListGroups": pages(len(s.Groups), 500), "CreateGroup": 1,
			"EditGroup": ceilDiv(max(0, len(after)-hexapi.MaxMembersPerEdit), hexapi.MaxMembersPerEdit)}
	case reconcile.ActionDelete:
		return map[string]int{"DeleteGroup": 1}
	}
	if onlyFields(c, "protected") {
		return nil
	}
	add, remove := len(reconcile.SetMinus(after, before)), len(reconcile.SetMinus(before, after))
	per := hexapi.MaxMembersPerEdit
	return map[string]int{"EditGroup": max(1, ceilDiv(add, per), ceilDiv(remove, per))}
}
