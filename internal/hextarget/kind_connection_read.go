package hextarget

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// readConnections lists the data connections, getting those the list
// gives in their basic form one by one; of a scoped read, only those the
// scope names.
func readConnections(ctx context.Context, t *Target, r *reading) error {
	if !r.reads(reconcile.KindConnection) {
		r.skip(reconcile.KindConnection)
		return nil
	}
	list, err := t.c.DataConnections.ListAll(ctx)
	if err != nil {
		return fmt.Errorf("reading data connections: %w", err)
	}
	if err := duplicateNames("data connection", list, connName, connIDOf); err != nil {
		return err
	}
	if only := r.only(reconcile.KindConnection, len(list)); only != nil {
		list = slices.DeleteFunc(list, func(d *hexapi.DataConnection) bool { return !only[d.Name] })
	}
	groupNames := map[string]string{}
	for name, id := range r.groupIDs {
		groupNames[id] = name
	}
	r.snap.Connections = make([]reconcile.ConnectionState, 0, len(list))
	for _, d := range list {
		if d.IsBasic() {
			name := d.Name
			if d, err = t.c.DataConnections.Get(ctx, d.ID); err != nil {
				return fmt.Errorf("reading data connection %q: %w", name, err)
			}
		}
		cs := connectionState(d, groupNames)
		t.readZone(cs.Name, cs.SchemaRefresh)
		r.snap.Connections = append(r.snap.Connections, cs)
	}
	return nil
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
