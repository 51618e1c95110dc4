package hextarget

import (
	"context"
	"fmt"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
)

// connectionApplier: Hex can create a data connection of the types it can
// write, and update one (rename included) but not change its type; it
// cannot delete one. Hex has nowhere to keep `protect:`, so "protected" is
// accepted and not sent (see the package documentation).
var connectionApplier = &applier{
	kind: reconcile.KindConnection,
	noun: "data connection",
	read: readConnections,
	actions: map[reconcile.Action]applyFunc{
		reconcile.ActionCreate: createConnection,
		reconcile.ActionUpdate: updateConnection,
		reconcile.ActionRename: updateConnection,
	},
	fields: []string{"name", "description", "config", "secrets", "sharing",
		"schema_refresh", "include_magic", "allow_writeback_cells", "protected"},
	checked:   []string{"type"},
	cost:      connectionCost,
	manualIf:  createsUnwritableType,
	preflight: preflightConnection,
}

// createsUnwritableType: the API reads some connection types it cannot
// create (clickhouse), so such a create is a step in Settings.
func createsUnwritableType(c reconcile.Change) bool {
	if c.Action != reconcile.ActionCreate {
		return false
	}
	tc, err := reconcile.Resolve(&reconcile.Snapshot{}, c)
	if err != nil {
		return false // refused with its reason when applied
	}
	typ := tc.After.(*reconcile.ConnectionState).Type
	return typ != "" && !hexapi.Writable(typ)
}

// preflightConnection builds the request body Apply would send, all but
// the sharing's group ids (a group may be created earlier in the run).
func preflightConnection(tc *reconcile.Typed, secrets reconcile.SecretResolver) error {
	var err error
	if tc.Before == nil {
		_, err = createBody(tc, secrets)
	} else {
		_, err = editBody(tc, secrets)
	}
	return err
}

// sharingOf is the sharing a connection change sends: the workspace's
// levels and the group entries the change's fields set, from After.
func (t *Target) sharingOf(ctx context.Context, tc *reconcile.Typed) (*hexapi.WorkspaceSharing, []hexapi.GroupShare, error) {
	after, s := tc.After.(*reconcile.ConnectionState), sentOf(tc.Change)
	groups, err := t.groupShares(ctx, s, after)
	if err != nil {
		return nil, nil, err
	}
	return workspaceSharing(s, after), groups, nil
}

func createConnection(ctx context.Context, t *Target, tc *reconcile.Typed, secrets reconcile.SecretResolver) (string, error) {
	body, err := createBody(tc, secrets)
	if err == nil {
		err = offsetSchedule(body.SchemaRefreshSchedule, t.clock())
	}
	if err != nil {
		return "", err
	}
	ws, groups, err := t.sharingOf(ctx, tc)
	if err != nil {
		return "", err
	}
	if ws != nil || len(groups) > 0 {
		body.Sharing = &hexapi.ConnectionSharing{Workspace: ws, Groups: groups}
	}
	if err := t.connFree(ctx, body.Name); err != nil {
		return "", err
	}
	d, err := t.c.DataConnections.Create(ctx, body)
	if err != nil {
		return "", err
	}
	return d.ID, nil
}

func updateConnection(ctx context.Context, t *Target, tc *reconcile.Typed, secrets reconcile.SecretResolver) (string, error) {
	edit, err := editBody(tc, secrets)
	if err == nil {
		err = offsetSchedule(edit.SchemaRefreshSchedule, t.clock())
	}
	if err != nil {
		return "", err
	}
	ws, groups, err := t.sharingOf(ctx, tc)
	if err != nil {
		return "", err
	}
	if ws != nil || len(groups) > 0 {
		edit.Sharing = &hexapi.ConnectionSharingEdit{Workspace: ws}
		if len(groups) > 0 {
			edit.Sharing.Groups = &hexapi.GroupShareUpsert{Upsert: groups}
		}
	}
	_, err = t.c.DataConnections.Edit(ctx, tc.Before.(*reconcile.ConnectionState).ID, edit)
	return "", err
}

// workspaceSharing is After's workspace levels when the change sets any of
// them: members and guests as they were read when the change leaves them,
// public only when the change sets it (a read may give query, which no
// request may send); nil when it sets none.
func workspaceSharing(s sent, c *reconcile.ConnectionState) *hexapi.WorkspaceSharing {
	if !s.has("sharing.members", "sharing.guests", "sharing.public") {
		return nil
	}
	ws := &hexapi.WorkspaceSharing{Members: toAccess(c.Sharing.Members), Guests: toAccess(c.Sharing.Guests)}
	if s.has("sharing.public") {
		ws.Public = toAccess(c.Sharing.Public)
	}
	return ws
}

// groupShares is After's level for each group the change sets one for,
// sorted by name, the names resolved to ids (a group without a level has
// none: the API removes it).
func (t *Target) groupShares(ctx context.Context, s sent, c *reconcile.ConnectionState) ([]hexapi.GroupShare, error) {
	var out []hexapi.GroupShare
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
		out = append(out, hexapi.GroupShare{Group: hexapi.GroupShareRef{ID: id}, Access: toAccess(c.Sharing.Groups[name])})
	}
	return out, joined(errs)
}

// connectionCost: a create checks the name in the connection list, then
// creates; an update is one edit, unless it only changes protection.
func connectionCost(c reconcile.Change, s *reconcile.Snapshot) map[string]int {
	if c.Action == reconcile.ActionCreate {
		return map[string]int{"ListDataConnections": pages(len(s.Connections), 100), "CreateDataConnection": 1}
	}
	if onlyFields(c, "protected") {
		return nil
	}
	return map[string]int{"EditDataConnection": 1}
}
