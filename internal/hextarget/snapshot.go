package hextarget

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

var roles = map[string]schema.Role{
	hexapi.RoleAdmin:    schema.RoleAdmin,
	hexapi.RoleManager:  schema.RoleManager,
	hexapi.RoleEditor:   schema.RoleEditor,
	hexapi.RoleExplorer: schema.RoleExplorer,
	hexapi.RoleMember:   schema.RoleViewer,
	hexapi.RoleGuest:    schema.RoleGuest,
}

// Snapshot reads users, groups with members and connections, and keeps a
// copy for Apply, with the user ids group members map to.
func (t *Target) Snapshot(ctx context.Context) (*reconcile.Snapshot, error) {
	me, err := t.c.Users.Me(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the token's identity: %w", err)
	}
	snap := &reconcile.Snapshot{Unreadable: append([]reconcile.Kind(nil), unreadable...), Actor: strings.ToLower(me.Email)}
	userIDs := map[string]string{}
	if snap.Users, err = t.readUsers(ctx, userIDs); err != nil {
		return nil, err
	}
	groupIDs := map[string]string{}
	if snap.Groups, err = t.readGroups(ctx, userIDs, groupIDs); err != nil {
		return nil, err
	}
	if snap.Connections, err = t.readConnections(ctx, groupIDs); err != nil {
		return nil, err
	}
	snap.Normalize()
	kept := reconcile.CloneSnapshot(snap)
	t.mu.Lock()
	t.userIDs, t.snap = userIDs, kept
	t.mu.Unlock()
	return snap, nil
}

func (t *Target) readUsers(ctx context.Context, ids map[string]string) ([]reconcile.UserState, error) {
	users, err := t.c.Users.ListAll(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("reading users: %w", err)
	}
	var out []reconcile.UserState
	for _, u := range users {
		email := strings.ToLower(u.Email)
		ids[email] = u.ID
		if u.Role == hexapi.RoleEmbeddedUser || u.Role == hexapi.RoleAnonymous {
			continue
		}
		role, ok := roles[u.Role]
		if !ok {
			return nil, fmt.Errorf("reading users: %s has role %q, which hexform does not know", email, u.Role)
		}
		us := reconcile.UserState{ID: u.ID, Email: email, Role: role, Active: true}
		if u.Name != nil {
			us.Name = *u.Name
		}
		out = append(out, us)
	}
	return out, nil
}

func (t *Target) readGroups(ctx context.Context, userIDs, ids map[string]string) ([]reconcile.GroupState, error) {
	groups, err := t.c.Groups.ListAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading groups: %w", err)
	}
	groups = withoutLeases(groups)
	if err := duplicateNames("group", groups, groupName, groupIDOf); err != nil {
		return nil, err
	}
	out := make([]reconcile.GroupState, 0, len(groups))
	for i, g := range groups {
		ids[g.Name] = g.ID
		members, err := t.c.Users.ListAll(hexapi.WithStep(ctx, i+1, len(groups)), g.ID)
		if err != nil {
			return nil, fmt.Errorf("reading the members of group %q: %w", g.Name, err)
		}
		gs := reconcile.GroupState{ID: g.ID, Name: g.Name, Members: []string{}}
		for _, m := range members {
			email := strings.ToLower(m.Email)
			userIDs[email] = m.ID
			gs.Members = append(gs.Members, email)
		}
		out = append(out, gs)
	}
	return out, nil
}

func (t *Target) readConnections(ctx context.Context, groupIDs map[string]string) ([]reconcile.ConnectionState, error) {
	list, err := t.c.DataConnections.ListAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading data connections: %w", err)
	}
	if err := duplicateNames("data connection", list, connName, connIDOf); err != nil {
		return nil, err
	}
	groupNames := map[string]string{}
	for name, id := range groupIDs {
		groupNames[id] = name
	}
	out := make([]reconcile.ConnectionState, 0, len(list))
	for _, d := range list {
		if d.IsBasic() {
			name := d.Name
			if d, err = t.c.DataConnections.Get(ctx, d.ID); err != nil {
				return nil, fmt.Errorf("reading data connection %q: %w", name, err)
			}
		}
		out = append(out, connectionState(d, groupNames))
	}
	return out, nil
}

// connectionState maps a full API connection to the state's form.
func connectionState(d *hexapi.DataConnection, groupNames map[string]string) reconcile.ConnectionState {
	cs := reconcile.ConnectionState{ID: d.ID, Name: d.Name, Type: d.Type,
		IncludeMagic: d.IncludeMagic, AllowWritebackCells: d.AllowWritebackCells}
	if d.Description != nil {
		cs.Description = *d.Description
	}
	if _, fields := d.ConnectionDetails.Fields(); len(fields) > 0 {
		cs.Config = map[string]any{}
		for k, v := range fields {
			if !hexapi.IsSecretField(d.Type, k) {
				cs.Config[snake(k)] = v
			}
		}
	}
	if secrets := hexapi.SecretFields(d.Type); len(secrets) > 0 {
		cs.Secrets = map[string]string{}
		for _, k := range secrets {
			cs.Secrets[snake(k)] = "" // set, value unknown
		}
	}
	if sh := d.Sharing; sh != nil {
		if ws := sh.Workspace; ws != nil {
			cs.Sharing = reconcile.SharingState{Members: fromAccess(ws.Members), Guests: fromAccess(ws.Guests), Public: fromAccess(ws.Public)}
		}
		for _, g := range sh.Groups {
			name := g.Group.Name
			if name == "" {
				name = groupNames[g.Group.ID]
			}
			if name == "" {
				name = g.Group.ID
			}
			if cs.Sharing.Groups == nil {
				cs.Sharing.Groups = map[string]string{}
			}
			cs.Sharing.Groups[name] = fromAccess(g.Access)
		}
	}
	cs.SchemaRefresh = refreshFromAPI(d.SchemaRefreshSchedule)
	return cs
}

// refreshFromAPI maps a schedule to the schema's form. An enabled schedule
// has Enabled nil: the schema's default, so a file that leaves it out does
// not differ.
func refreshFromAPI(s *hexapi.SchemaRefreshSchedule) *schema.SchemaRefresh {
	if s == nil {
		return nil
	}
	r := &schema.SchemaRefresh{Cadence: strings.ToLower(s.Cadence)}
	if !s.Enabled {
		off := false
		r.Enabled = &off // nil means enabled, as in the schema
	}
	at := func(tz string, h, m int) {
		r.Timezone, r.Hour, r.Minute = tz, &h, &m
	}
	switch {
	case s.Daily != nil && r.Cadence == "daily":
		at(s.Daily.TimezoneString, s.Daily.Hour, s.Daily.Minute)
	case s.Weekly != nil && r.Cadence == "weekly":
		at(s.Weekly.TimezoneString, s.Weekly.Hour, s.Weekly.Minute)
		r.DayOfWeek = strings.ToLower(s.Weekly.DayOfWeek)
	case s.Monthly != nil && r.Cadence == "monthly":
		at(s.Monthly.TimezoneString, s.Monthly.Hour, s.Monthly.Minute)
		day := s.Monthly.Day
		r.Day = &day
	case s.Custom != nil && r.Cadence == "custom":
		r.Timezone, r.Cron = s.Custom.TimezoneString, s.Custom.Cron
	}
	return r
}

// refreshToAPI maps a schema schedule to the API's form.
func refreshToAPI(r *schema.SchemaRefresh) (*hexapi.SchemaRefreshSchedule, error) {
	s := &hexapi.SchemaRefreshSchedule{Cadence: strings.ToUpper(r.Cadence), Enabled: r.Enabled == nil || *r.Enabled}
	tz := r.Timezone
	if tz == "" {
		tz = "UTC"
	}
	h, m := intOr(r.Hour), intOr(r.Minute)
	switch r.Cadence {
	case "hourly":
	case "daily":
		s.Daily = &hexapi.ScheduleDaily{TimezoneString: tz, Hour: h, Minute: m}
	case "weekly":
		s.Weekly = &hexapi.ScheduleWeekly{TimezoneString: tz, Hour: h, Minute: m, DayOfWeek: strings.ToUpper(r.DayOfWeek)}
	case "monthly":
		s.Monthly = &hexapi.ScheduleMonth{TimezoneString: tz, Hour: h, Minute: m, Day: intOr(r.Day)}
	case "custom":
		s.Custom = &hexapi.ScheduleCustom{TimezoneString: tz, Cron: r.Cron}
	default:
		return nil, fmt.Errorf("cadence %q is not one of hourly, daily, weekly, monthly, custom", r.Cadence)
	}
	return s, nil
}

func intOr(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
