package hextarget

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
)

func (t *Target) createConnection(ctx context.Context, c reconcile.Change, secrets reconcile.SecretResolver) error {
	body, cf, err := createBody(c, secrets)
	if err != nil {
		return err
	}
	name := body.Name
	ws := mergeWorkspace(hexapi.WorkspaceSharing{Members: hexapi.AccessNone, Guests: hexapi.AccessNone, Public: hexapi.AccessNone}, cf.workspace)
	groups, err := t.groupShares(ctx, cf.groups)
	if err != nil {
		return err
	}
	if len(cf.workspace) > 0 || len(groups) > 0 {
		body.Sharing = &hexapi.ConnectionSharing{Groups: groups}
		if len(cf.workspace) > 0 {
			body.Sharing.Workspace = &ws
		}
	}
	if err := t.connFree(ctx, name); err != nil {
		return err
	}
	d, err := t.c.DataConnections.Create(ctx, body)
	if err != nil {
		return err
	}
	ci := infoOf(d)
	if d.Sharing == nil {
		ci.workspace = ws
	}
	t.setConn("", name, ci)
	return nil
}

// createBody builds a create's request body, all but its sharing (which
// needs the groups' ids), from the change and its secrets alone.
func createBody(c reconcile.Change, secrets reconcile.SecretResolver) (*hexapi.DataConnectionCreate, *connFields, error) {
	cf, err := parseConnFields(c, secrets)
	if err != nil {
		return nil, nil, err
	}
	name := c.Name
	if cf.name != nil {
		name = *cf.name
	}
	if cf.typ == nil {
		return nil, nil, fmt.Errorf("field \"type\": a new data connection needs a type")
	}
	typ := *cf.typ
	if _, known := hexapi.DetailFields(typ); known && !hexapi.Writable(typ) {
		return nil, nil, fmt.Errorf("field \"type\": the Hex API cannot create %s connections: create it in Settings", typ)
	}
	if len(cf.removed) > 0 {
		return nil, nil, fmt.Errorf("fields %s: a new connection needs values", strings.Join(cf.removed, ", "))
	}
	details, err := cf.connectionDetails(typ)
	if err != nil {
		return nil, nil, err
	}
	body := &hexapi.DataConnectionCreate{Name: name, Type: typ, Description: cf.desc, ConnectionDetails: details,
		IncludeMagic: cf.includeMagic, AllowWritebackCells: cf.allowWriteback}
	if cf.refresh != nil {
		if body.SchemaRefreshSchedule, err = refreshToAPI(cf.refresh); err != nil {
			return nil, nil, fmt.Errorf("field \"schema_refresh\": %w", err)
		}
	}
	return body, cf, nil
}

func (t *Target) updateConnection(ctx context.Context, c reconcile.Change, secrets reconcile.SecretResolver) error {
	ci, err := t.existingConn(ctx, c)
	if err != nil {
		return err
	}
	edit, cf, err := editBody(c, secrets, ci.typ)
	if err != nil {
		return err
	}
	ws := mergeWorkspace(ci.workspace, cf.workspace)
	if err := t.editSharing(ctx, edit, cf, ws); err != nil {
		return err
	}
	if _, err := t.c.DataConnections.Edit(ctx, ci.id, edit); err != nil {
		return err
	}
	ci.workspace = ws
	name := c.Name
	if cf.name != nil {
		name = *cf.name
	}
	t.setConn(c.Name, name, ci)
	return nil
}

func (t *Target) editSharing(ctx context.Context, edit *hexapi.DataConnectionEdit, cf *connFields, ws hexapi.WorkspaceSharing) error {
	groups, err := t.groupShares(ctx, cf.groups)
	if err != nil {
		return err
	}
	if len(cf.workspace) == 0 && len(groups) == 0 {
		return nil
	}
	edit.Sharing = &hexapi.ConnectionSharingEdit{}
	if len(cf.workspace) > 0 {
		edit.Sharing.Workspace = &ws // the whole object: unchanged levels as read
	}
	if len(groups) > 0 {
		edit.Sharing.Groups = &hexapi.GroupShareUpsert{Upsert: groups}
	}
	return nil
}

// existingConn finds the connection a change is about.
func (t *Target) existingConn(ctx context.Context, c reconcile.Change) (connInfo, error) {
	ci, ok, err := t.conn(ctx, c.Name)
	if err != nil {
		return connInfo{}, err
	}
	if ok && (c.ResourceID == "" || c.ResourceID == ci.id) {
		return ci, nil
	}
	if c.ResourceID == "" {
		return connInfo{}, fmt.Errorf("no data connection named %q in the workspace", c.Name)
	}
	d, err := t.c.DataConnections.Get(ctx, c.ResourceID)
	if err != nil {
		return connInfo{}, err
	}
	return infoOf(d), nil
}

// mergeWorkspace overlays the changed levels on the current ones.
func mergeWorkspace(cur hexapi.WorkspaceSharing, set map[string]string) hexapi.WorkspaceSharing {
	for k, v := range set {
		switch k {
		case "members":
			cur.Members = v
		case "guests":
			cur.Guests = v
		case "public":
			cur.Public = v
		}
	}
	for _, p := range []*string{&cur.Members, &cur.Guests, &cur.Public} {
		if *p == "" {
			*p = hexapi.AccessNone
		}
	}
	return cur
}

// groupShares resolves group names to ids, sorted by name.
func (t *Target) groupShares(ctx context.Context, levels map[string]string) ([]hexapi.GroupShare, error) {
	var out []hexapi.GroupShare
	var errs *multierror.Error
	for _, name := range sortedKeys(levels) {
		id, ok, err := t.groupID(ctx, name)
		if err != nil {
			return nil, err
		}
		if !ok {
			errs = multierror.Append(errs, fmt.Errorf("field %q: no group named %q in the workspace", "sharing.groups."+name, name))
			continue
		}
		out = append(out, hexapi.GroupShare{Group: hexapi.GroupShareRef{ID: id}, Access: levels[name]})
	}
	return out, joined(errs)
}

// editBody builds an edit's request body, all but its sharing, from the
// change, its secrets and the connection's type.
func editBody(c reconcile.Change, secrets reconcile.SecretResolver, typ string) (*hexapi.DataConnectionEdit, *connFields, error) {
	cf, err := parseConnFields(c, secrets)
	if err != nil {
		return nil, nil, err
	}
	var errs *multierror.Error
	if cf.typ != nil && *cf.typ != typ {
		errs = multierror.Append(errs, fmt.Errorf("field \"type\": the Hex API cannot change a connection's type (%s to %s): create a new connection instead", typ, *cf.typ))
	}
	for _, p := range cf.removed {
		errs = multierror.Append(errs, fmt.Errorf("field %q: the Hex API cannot remove a connection setting, only change it", p))
	}
	if err := joined(errs); err != nil {
		return nil, nil, err
	}
	edit := &hexapi.DataConnectionEdit{Name: cf.name, Description: cf.desc,
		IncludeMagic: cf.includeMagic, AllowWritebackCells: cf.allowWriteback}
	if len(cf.details) > 0 {
		if edit.ConnectionDetails, err = cf.connectionDetails(typ); err != nil {
			return nil, nil, err
		}
	}
	if cf.refreshSet {
		if cf.refresh == nil {
			edit.ClearSchemaRefreshSchedule = true
		} else if edit.SchemaRefreshSchedule, err = refreshToAPI(cf.refresh); err != nil {
			return nil, nil, fmt.Errorf("field \"schema_refresh\": %w", err)
		}
	}
	return edit, cf, nil
}
