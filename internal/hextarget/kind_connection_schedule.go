package hextarget

import (
	"fmt"
	"strings"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/schema"
)

// The API's schedule takes a plain timezone string for a daily cadence but
// an ISO 8601 designator (like +08:00) for weekly, monthly and custom ones.
// The file names an IANA zone for all of them, so the request carries that
// zone's UTC offset at the time of the apply for those three, and a read
// maps an offset back to the file's zone when the two agree at that time.

// SetClock sets the clock that picks a zone's offset for a schedule; nil
// means time.Now.
func (t *Target) SetClock(now func() time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.now = now
}

// UseFileZones gives the read the timezones ws's connections' schedules
// name, so a schedule Hex holds as the offset that zone has now reads as
// the zone. Nil forgets them.
func (t *Target) UseFileZones(ws *schema.Workspace) {
	zones := map[string]string{}
	if ws != nil {
		for _, c := range ws.Connections {
			if c.SchemaRefresh != nil && c.SchemaRefresh.Timezone != "" {
				zones[strings.ToLower(c.Name)] = c.SchemaRefresh.Timezone
			}
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fileZones = zones
}

// clock returns the time a schedule's offsets are taken at.
func (t *Target) clock() time.Time {
	t.mu.Lock()
	now := t.now
	t.mu.Unlock()
	if now == nil {
		return time.Now()
	}
	return now()
}

// fileZone returns the zone the file names for connection name's schedule.
func (t *Target) fileZone(name string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.fileZones[strings.ToLower(name)]
}

// offsetSchedule rewrites s's weekly, monthly and custom timezone from an
// IANA name to its UTC offset at at, as the API takes them.
func offsetSchedule(s *hexapi.SchemaRefreshSchedule, at time.Time) error {
	if s == nil {
		return nil
	}
	var tz *string
	switch {
	case s.Weekly != nil:
		tz = &s.Weekly.TimezoneString
	case s.Monthly != nil:
		tz = &s.Monthly.TimezoneString
	case s.Custom != nil:
		tz = &s.Custom.TimezoneString
	default:
		return nil
	}
	off, err := zoneOffset(*tz, at)
	if err != nil {
		return fmt.Errorf("field \"schema_refresh.timezone\": %w", err)
	}
	*tz = off
	return nil
}

// zoneOffset is tz's UTC offset at at as an ISO 8601 designator, e.g.
// +08:00, -03:30, +00:00. An offset stays as it is.
func zoneOffset(tz string, at time.Time) (string, error) {
	if _, ok := parseOffset(tz); ok {
		return tz, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return "", fmt.Errorf("unknown timezone %q", tz)
	}
	_, secs := at.In(loc).Zone()
	return formatOffset(secs), nil
}

func formatOffset(secs int) string {
	sign := '+'
	if secs < 0 {
		sign, secs = '-', -secs
	}
	return fmt.Sprintf("%c%02d:%02d", sign, secs/3600, secs%3600/60)
}

// parseOffset reads an ISO 8601 designator (Z, ±hh, ±hh:mm, ±hhmm) as
// seconds east of UTC.
func parseOffset(s string) (int, bool) {
	if s == "Z" {
		return 0, true
	}
	for _, layout := range []string{"-07:00", "-0700", "-07"} {
		if t, err := time.Parse(layout, s); err == nil && (s[0] == '+' || s[0] == '-') {
			_, secs := t.Zone()
			return secs, true
		}
	}
	return 0, false
}

// zoneForOffset returns the file's zone for a schedule Hex holds as
// offset, when that zone has exactly that offset at at; otherwise the
// offset as read, so a real difference shows in the plan. A file that
// names no zone means UTC.
func zoneForOffset(offset, fileZone string, at time.Time) string {
	got, ok := parseOffset(offset)
	if !ok {
		return offset
	}
	if fileZone == "" {
		fileZone = "UTC"
	}
	loc, err := time.LoadLocation(fileZone)
	if err != nil {
		return offset
	}
	if _, secs := at.In(loc).Zone(); secs != got {
		return offset
	}
	return fileZone
}

// readZone maps a read schedule's offset back to the file's zone (see
// zoneForOffset). A daily schedule's timezone is a plain string and is
// left as it is.
func (t *Target) readZone(name string, r *schema.SchemaRefresh) {
	if r == nil || r.Cadence == "daily" || r.Timezone == "" {
		return
	}
	r.Timezone = zoneForOffset(r.Timezone, t.fileZone(name), t.clock())
}
