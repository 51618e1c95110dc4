package hextarget

import (
	"context"
	"strings"
	"sync"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
)

// Target is a Hex workspace seen through its API.
type Target struct {
	c *hexapi.Client

	mu       sync.Mutex
	userIDs  map[string]string   // lower-case email -> user id
	groupIDs map[string]string   // group name -> id
	conns    map[string]connInfo // connection name -> what Apply needs
}

// connInfo is what Apply needs to know about an existing connection.
type connInfo struct {
	id, typ   string
	workspace hexapi.WorkspaceSharing
}

// New returns the target for c's workspace.
func New(c *hexapi.Client) *Target { return &Target{c: c} }

// Name is "hex:" and the workspace URL.
func (t *Target) Name() string { return "hex:" + t.c.BaseURL() }

// ConnectionWriteFields are the connection fields the API can update.
var ConnectionWriteFields = []string{"name", "description", "config", "secrets", "sharing",
	"schema_refresh", "include_magic", "allow_writeback_cells", "protected"}

// GroupWriteFields are the group fields the API can update.
var GroupWriteFields = []string{"name", "members", "protected"}

// Capabilities: see the package documentation.
func (t *Target) Capabilities() reconcile.Capabilities {
	return reconcile.Capabilities{
		Read: map[reconcile.Kind]bool{reconcile.KindUser: true, reconcile.KindGroup: true, reconcile.KindConnection: true},
		Write: map[reconcile.Kind]map[reconcile.Action]bool{
			reconcile.KindUser: {reconcile.ActionDeactivate: true},
			reconcile.KindGroup: {reconcile.ActionCreate: true, reconcile.ActionRename: true,
				reconcile.ActionUpdate: true, reconcile.ActionDelete: true},
			reconcile.KindConnection: {reconcile.ActionCreate: true, reconcile.ActionRename: true, reconcile.ActionUpdate: true},
		},
		WriteFields: map[reconcile.Kind][]string{
			reconcile.KindGroup:      GroupWriteFields,
			reconcile.KindConnection: ConnectionWriteFields,
		},
		ManualIf: createsUnwritableType,
	}
}

// createsUnwritableType: the API reads some connection types it cannot
// create (clickhouse), so such a create is a step in Settings.
func createsUnwritableType(c reconcile.Change) bool {
	if c.Kind != reconcile.KindConnection || c.Action != reconcile.ActionCreate {
		return false
	}
	for _, f := range c.Fields {
		if typ, ok := f.After.(string); ok && f.Path == "type" {
			return !hexapi.Writable(typ)
		}
	}
	return false
}

// unreadable are the kinds the API has no read endpoint for.
var unreadable = []reconcile.Kind{reconcile.KindSetting, reconcile.KindDomain, reconcile.KindPackage,
	reconcile.KindStatus, reconcile.KindCategory}

// users maps lower-case emails to ids, listing users when no snapshot was taken.
func (t *Target) users(ctx context.Context) (map[string]string, error) {
	t.mu.Lock()
	m := t.userIDs
	t.mu.Unlock()
	if m != nil {
		return m, nil
	}
	users, err := t.c.Users.ListAll(ctx, "")
	if err != nil {
		return nil, err
	}
	m = map[string]string{}
	for _, u := range users {
		m[strings.ToLower(u.Email)] = u.ID
	}
	t.mu.Lock()
	t.userIDs = m
	t.mu.Unlock()
	return m, nil
}

// groupID finds a group's id by name; an unknown name lists the groups
// again (it may have been created in this run).
func (t *Target) groupID(ctx context.Context, name string) (string, bool, error) {
	t.mu.Lock()
	id, ok := t.groupIDs[name]
	t.mu.Unlock()
	if ok {
		return id, true, nil
	}
	groups, err := t.c.Groups.ListAll(ctx)
	if err != nil {
		return "", false, err
	}
	m := map[string]string{}
	for _, g := range withoutLeases(groups) {
		m[g.Name] = g.ID
	}
	t.mu.Lock()
	t.groupIDs = m
	t.mu.Unlock()
	id, ok = m[name]
	return id, ok, nil
}

func (t *Target) setGroup(oldName, name, id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.groupIDs == nil {
		t.groupIDs = map[string]string{}
	}
	delete(t.groupIDs, oldName)
	if name != "" {
		t.groupIDs[name] = id
	}
}

// conn finds an existing connection by name, listing them when needed.
func (t *Target) conn(ctx context.Context, name string) (connInfo, bool, error) {
	t.mu.Lock()
	ci, ok := t.conns[name]
	t.mu.Unlock()
	if ok {
		return ci, true, nil
	}
	all, err := t.c.DataConnections.ListAll(ctx)
	if err != nil {
		return connInfo{}, false, err
	}
	for _, d := range all {
		if d.Name != name {
			continue
		}
		if d.IsBasic() {
			if d, err = t.c.DataConnections.Get(ctx, d.ID); err != nil {
				return connInfo{}, false, err
			}
		}
		ci = infoOf(d)
		t.setConn("", name, ci)
		return ci, true, nil
	}
	return connInfo{}, false, nil
}

func (t *Target) setConn(oldName, name string, ci connInfo) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.conns == nil {
		t.conns = map[string]connInfo{}
	}
	delete(t.conns, oldName)
	t.conns[name] = ci
}

func infoOf(d *hexapi.DataConnection) connInfo {
	ci := connInfo{id: d.ID, typ: d.Type}
	if d.Sharing != nil && d.Sharing.Workspace != nil {
		ci.workspace = *d.Sharing.Workspace
	}
	return ci
}
