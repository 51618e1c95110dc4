package hextarget

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// collectionApplier: Hex can create a collection, rename it, change its
// description and its sharing, but not delete one (there is no endpoint):
// a delete is a step in Hex. Sharing goes as an upsert of the entries the
// change touches only, so entries the file does not manage are never sent.
// Hex has nowhere to keep `protect:`, so "protected" is accepted and not
// sent (see the package documentation).
var collectionApplier = &applier{
	kind: reconcile.KindCollection,
	noun: "collection",
	read: readCollections,
	actions: map[reconcile.Action]applyFunc{
		reconcile.ActionCreate: createCollection,
		reconcile.ActionUpdate: updateCollection,
		reconcile.ActionRename: updateCollection,
	},
	fields: []string{"name", "description", "sharing", "protected"},
	cost:   collectionCost,
}

// toCollectionAccess maps a schema collection level (none, member,
// manager; "" is none) to the API's: the same word in upper case. The API
// declares the levels as plain strings without listing them, so the
// spelling is an assumption the simulator shares.
func toCollectionAccess(level string) string {
	if level == "" {
		level = schema.AccessNone
	}
	return strings.ToUpper(level)
}

// fromCollectionAccess maps an API level to the schema's, refusing one
// hexform does not know rather than guessing what it grants.
func fromCollectionAccess(access string) (string, error) {
	level := strings.ToLower(access)
	if !slices.Contains(schema.CollectionLevels, level) {
		return "", fmt.Errorf("access %q is not a collection level hexform knows (%s)", access, strings.Join(upperAll(schema.CollectionLevels), ", "))
	}
	return level, nil
}

func upperAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToUpper(s)
	}
	return out
}

func createCollection(ctx context.Context, t *Target, tc *reconcile.Typed, _ reconcile.SecretResolver) (string, error) {
	c, s := tc.After.(*reconcile.CollectionState), sentOf(tc.Change)
	body := &hexapi.CollectionCreate{Name: c.Name}
	if s.has("description") {
		body.Description = &c.Description
	}
	sharing, err := t.collectionShares(ctx, s, c)
	if err != nil {
		return "", err
	}
	body.Sharing = sharing
	if err := t.collectionFree(ctx, c.Name); err != nil {
		return "", err
	}
	created, err := t.c.Collections.Create(ctx, body)
	if err != nil {
		return "", err
	}
	return created.ID, nil
}

func updateCollection(ctx context.Context, t *Target, tc *reconcile.Typed, _ reconcile.SecretResolver) (string, error) {
	c, s := tc.After.(*reconcile.CollectionState), sentOf(tc.Change)
	edit := &hexapi.CollectionEdit{}
	if s.has("name") {
		edit.Name = &c.Name
	}
	if s.has("description") {
		edit.Description = &c.Description
	}
	upsert, err := t.collectionShares(ctx, s, c)
	if err != nil {
		return "", err
	}
	if upsert != nil {
		edit.Sharing = &hexapi.CollectionSharingEdit{Upsert: upsert}
	}
	if edit.Name == nil && edit.Description == nil && edit.Sharing == nil {
		return "", nil // "protected" only: nothing Hex holds
	}
	_, err = t.c.Collections.Edit(ctx, tc.Before.(*reconcile.CollectionState).ID, edit)
	return "", err
}

// collectionShares is After's level for each sharing entry the change
// sets, and only those, as the API's sharing (nil when there are none):
// group names and user emails resolved to ids, and an entry without a
// level sent as NONE, which takes the access away.
func (t *Target) collectionShares(ctx context.Context, s sent, c *reconcile.CollectionState) (*hexapi.CollectionSharing, error) {
	out := &hexapi.CollectionSharing{}
	if s.has("sharing.members") {
		out.Workspace = &hexapi.CollectionWorkspace{Members: toCollectionAccess(c.Sharing.Members)}
	}
	var errs *multierror.Error
	for _, name := range s.under("sharing.groups") {
		id, ok, err := t.groupID(ctx, name)
		if err != nil {
			return nil, err
		}
		if !ok {
			errs = multierror.Append(errs, fmt.Errorf("field %q: no group named %q in the workspace", "sharing.groups."+name, name))
			continue
		}
		out.Groups = append(out.Groups, hexapi.CollectionShare{ID: id, Access: toCollectionAccess(c.Sharing.Groups[name])})
	}
	for _, email := range s.under("sharing.users") {
		ids, err := t.memberIDs([]string{email})
		if err != nil {
			errs = multierror.Append(errs, fmt.Errorf("field %q: %w", "sharing.users."+email, err))
			continue
		}
		out.Users = append(out.Users, hexapi.CollectionShare{ID: ids[0], Access: toCollectionAccess(c.Sharing.Users[strings.ToLower(email)])})
	}
	if err := joined(errs); err != nil {
		return nil, err
	}
	if out.Workspace == nil && out.Groups == nil && out.Users == nil {
		return nil, nil
	}
	return out, nil
}

// collectionFree lists the collections afresh, right before a create, and
// fails when one already has the name.
func (t *Target) collectionFree(ctx context.Context, name string) error {
	all, err := t.c.Collections.ListAll(ctx)
	if err != nil {
		return fmt.Errorf("looking up collection %q before creating it: %w", name, err)
	}
	for _, c := range all {
		if c.Name == name {
			return &TakenError{Kind: "collection", Name: name, ID: c.ID}
		}
	}
	return nil
}

// readCollections lists the collections and maps their sharing's ids to
// the names the file uses: user ids to emails and group ids to names, as
// the users and groups read before gave them. An id the reading does not
// know stands for itself, so that a change can still take its access away.
// Of a scoped read, only the collections the scope names are kept.
func readCollections(ctx context.Context, t *Target, r *reading) error {
	if !r.reads(reconcile.KindCollection) {
		r.skip(reconcile.KindCollection)
		return nil
	}
	list, err := t.c.Collections.ListAll(ctx)
	if err != nil {
		return fmt.Errorf("reading collections: %w", err)
	}
	if err := duplicateNames("collection", list, collName, collIDOf); err != nil {
		return err
	}
	if only := r.only(reconcile.KindCollection, len(list)); only != nil {
		list = slices.DeleteFunc(list, func(c *hexapi.Collection) bool { return !only[c.Name] })
	}
	emails, groups := invert(r.userIDs), invert(r.groupIDs)
	r.snap.Collections = make([]reconcile.CollectionState, 0, len(list))
	for _, c := range list {
		cs, err := collectionState(c, emails, groups)
		if err != nil {
			return fmt.Errorf("reading collection %q: %w", c.Name, err)
		}
		for _, u := range c.Sharing.Users {
			if _, ok := emails[u.ID]; !ok {
				r.userIDs[u.ID] = u.ID
			}
		}
		r.snap.Collections = append(r.snap.Collections, cs)
	}
	return nil
}

// collectionState maps an API collection to the state's form.
func collectionState(c *hexapi.Collection, emails, groups map[string]string) (reconcile.CollectionState, error) {
	cs := reconcile.CollectionState{ID: c.ID, Name: c.Name, Sharing: reconcile.CollectionSharing{Members: schema.AccessNone}}
	if c.Description != nil {
		cs.Description = *c.Description
	}
	var errs *multierror.Error
	if w := c.Sharing.Workspace; w != nil && w.Members != "" {
		level, err := fromCollectionAccess(w.Members)
		if err != nil {
			errs = multierror.Append(errs, fmt.Errorf("sharing.workspace.members: %w", err))
		}
		cs.Sharing.Members = level
	}
	for _, l := range []struct {
		field   string
		entries []hexapi.CollectionShare
		names   map[string]string
		to      *map[string]string
	}{{"users", c.Sharing.Users, emails, &cs.Sharing.Users}, {"groups", c.Sharing.Groups, groups, &cs.Sharing.Groups}} {
		for i, e := range l.entries {
			level, err := fromCollectionAccess(e.Access)
			if err != nil {
				errs = multierror.Append(errs, fmt.Errorf("sharing.%s[%d]: %w", l.field, i, err))
				continue
			}
			key, ok := l.names[e.ID]
			if !ok {
				key = e.ID
			}
			if *l.to == nil {
				*l.to = map[string]string{}
			}
			(*l.to)[key] = level
		}
	}
	return cs, joined(errs)
}

// invert maps values to keys.
func invert(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

func collName(c *hexapi.Collection) string { return c.Name }
func collIDOf(c *hexapi.Collection) string { return c.ID }

// collectionCost: a create checks the name in the collection list, then
// creates; an update is one edit, unless it only changes protection.
func collectionCost(c reconcile.Change, s *reconcile.Snapshot) map[string]int {
	if c.Action == reconcile.ActionCreate {
		return map[string]int{"ListCollections": pages(len(s.Collections), 100), "CreateCollection": 1}
	}
	if onlyFields(c, "protected") {
		return nil
	}
	return map[string]int{"EditCollection": 1}
}
