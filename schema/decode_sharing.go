package schema

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

func (d *decoder) sharing(n *yaml.Node, p string) *Sharing {
	s := &Sharing{}
	m, ok := d.mapping(n, p, "sharing", sharingKeys, nil)
	if !ok {
		return s
	}
	if v := m["workspace"]; v != nil {
		s.Workspace = &WorkspaceSharing{}
		if wm, ok := d.mapping(v, p+".workspace", "workspace sharing", wsSharingKeys, nil); ok {
			s.Workspace.Members = d.access(wm["members"], p+".workspace.members", "members", accessLevels)
			s.Workspace.Guests = d.access(wm["guests"], p+".workspace.guests", "guests", accessLevels)
			s.Workspace.Public = d.access(wm["public"], p+".workspace.public", "public", publicAccessLevels)
		}
	}
	if v := m["groups"]; v != nil {
		gm, ok := d.mapping(v, p+".groups", "group sharing", nil, nil)
		if ok {
			s.Groups = map[string]string{}
			for _, g := range sortedKeys(gm) {
				if !d.textKey(join(p+".groups", g), "group name", g, nameText) {
					continue
				}
				if a := d.access(gm[g], join(p+".groups", g), "access", accessLevels); a != nil {
					s.Groups[g] = *a
				}
			}
		}
	}
	return s
}

// access decodes an optional access level.
func (d *decoder) access(n *yaml.Node, p, what string, allowed []string) *string {
	if n == nil {
		return nil
	}
	if s, ok := d.enum(n, p, what, allowed); ok {
		return &s
	}
	return nil
}

func (d *decoder) schemaRefresh(n *yaml.Node, p string) *SchemaRefresh {
	r := &SchemaRefresh{}
	m, ok := d.mapping(n, p, "schema_refresh", refreshKeys, []string{"cadence"})
	if !ok {
		return r
	}
	cadenceOK := false
	if v := m["cadence"]; v != nil {
		r.Cadence, cadenceOK = d.enum(v, p+".cadence", "cadence", cadences)
	}
	r.Enabled = d.optBool(m["enabled"], p+".enabled", "enabled")
	r.Hour = d.optInt(m["hour"], p+".hour", "hour", 0, 23)
	r.Minute = d.optInt(m["minute"], p+".minute", "minute", 0, 59)
	r.Day = d.optInt(m["day"], p+".day", "day", 1, 28)
	if v := m["day_of_week"]; v != nil {
		r.DayOfWeek, _ = d.enum(v, p+".day_of_week", "day_of_week", weekdays)
	}
	if v := m["cron"]; v != nil {
		if s, ok := d.str(v, p+".cron", "cron"); ok {
			r.Cron = s
			if len(strings.Fields(s)) != 5 {
				d.errorf(deref(v), p+".cron", "five fields: minute hour day-of-month month day-of-week, e.g. \"0 6 * * 1-5\"", "cron %q does not have five fields", s)
			}
		}
	}
	if v := m["timezone"]; v != nil {
		if s, ok := d.str(v, p+".timezone", "timezone"); ok {
			r.Timezone = s
			if !validZone(s) {
				d.errorf(deref(v), p+".timezone", "use an IANA name, e.g. UTC or Europe/Berlin, or a fixed UTC offset, e.g. +08:00", "unknown timezone %q", s)
			}
		}
	}
	if cadenceOK {
		d.refreshFieldsFor(n, p, r.Cadence, m)
		d.dstWarning(m["timezone"], r)
	}
	return r
}

// refreshFieldsFor checks the keys a cadence takes and needs.
func (d *decoder) refreshFieldsFor(n *yaml.Node, p, cadence string, m map[string]*yaml.Node) {
	rule := refreshFields[cadence]
	for _, k := range sortedKeys(m) {
		if k == "cadence" || k == "enabled" || contains(rule.allowed, k) {
			continue
		}
		var with []string
		for _, c := range cadences {
			if contains(refreshFields[c].allowed, k) {
				with = append(with, c)
			}
		}
		d.add(d.keyAt(join(p, k)), SeverityError, "", "%s is not used with cadence %s (only with %s)", k, cadence, strings.Join(with, ", "))
	}
	for _, k := range rule.required {
		if m[k] == nil {
			d.errorf(deref(n), join(p, k), fmt.Sprintf("e.g. %s", refreshExample(cadence)), "schema_refresh with cadence %s needs %s", cadence, k)
		}
	}
}

func refreshExample(cadence string) string {
	switch cadence {
	case "weekly":
		return "{cadence: weekly, day_of_week: monday, hour: 6}"
	case "monthly":
		return "{cadence: monthly, day: 1, hour: 6}"
	case "custom":
		return "{cadence: custom, cron: \"0 6 * * 1-5\", timezone: UTC}"
	}
	return "{cadence: daily, hour: 6, timezone: UTC}"
}
