package hextarget

import (
	"context"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

var (
	winter = time.Date(2026, time.January, 15, 12, 0, 0, 0, time.UTC)
	summer = time.Date(2026, time.July, 15, 12, 0, 0, 0, time.UTC)
)

func fixed(at time.Time) func() time.Time { return func() time.Time { return at } }

func TestOffsetScheduleSendsDesignatorsButDailyKeepsTheName(t *testing.T) {
	for _, tc := range []struct {
		r    schema.SchemaRefresh
		at   time.Time
		want string
	}{
		{schema.SchemaRefresh{Cadence: "daily", Timezone: "Europe/Berlin"}, summer, "Europe/Berlin"},
		{schema.SchemaRefresh{Cadence: "weekly", DayOfWeek: "monday", Timezone: "Europe/Berlin"}, winter, "+01:00"},
		{schema.SchemaRefresh{Cadence: "weekly", DayOfWeek: "monday", Timezone: "Europe/Berlin"}, summer, "+02:00"},
		{schema.SchemaRefresh{Cadence: "monthly", Timezone: "America/St_Johns"}, winter, "-03:30"},
		{schema.SchemaRefresh{Cadence: "custom", Cron: "0 6 * * *", Timezone: "Asia/Kolkata"}, summer, "+05:30"},
		{schema.SchemaRefresh{Cadence: "custom", Cron: "0 6 * * *"}, summer, "+00:00"},
	} {
		s, err := refreshToAPI(&tc.r)
		if err == nil {
			err = offsetSchedule(s, tc.at)
		}
		if err != nil {
			t.Fatal(err)
		}
		var got string
		switch {
		case s.Daily != nil:
			got = s.Daily.TimezoneString
		case s.Weekly != nil:
			got = s.Weekly.TimezoneString
		case s.Monthly != nil:
			got = s.Monthly.TimezoneString
		case s.Custom != nil:
			got = s.Custom.TimezoneString
		}
		if got != tc.want {
			t.Errorf("%s in %s at %s: timezoneString %q, want %q", tc.r.Cadence, tc.r.Timezone, tc.at.Format(time.DateOnly), got, tc.want)
		}
	}
	if err := offsetSchedule(&hexapi.SchemaRefreshSchedule{Cadence: "WEEKLY", Weekly: &hexapi.ScheduleWeekly{TimezoneString: "Mars/Olympus"}}, winter); err == nil {
		t.Error("an unknown zone converted without an error")
	}
}

func TestZoneForOffsetOnlyWhenTheyAgreeNow(t *testing.T) {
	for _, tc := range []struct {
		offset, zone string
		at           time.Time
		want         string
	}{
		{"+01:00", "Europe/Berlin", winter, "Europe/Berlin"},
		{"+01:00", "Europe/Berlin", summer, "+01:00"}, // an hour off since the clocks changed: shows
		{"+02:00", "Europe/Berlin", summer, "Europe/Berlin"},
		{"+0530", "Asia/Kolkata", winter, "Asia/Kolkata"},
		{"Z", "UTC", winter, "UTC"},
		{"+00:00", "Europe/London", winter, "Europe/London"},
		{"+00:00", "", winter, "UTC"},                             // the file names no zone: UTC
		{"+01:00", "", winter, "+01:00"},                          // nor for an offset that is not UTC's
		{"Europe/Paris", "Europe/Berlin", winter, "Europe/Paris"}, // not an offset
	} {
		if got := zoneForOffset(tc.offset, tc.zone, tc.at); got != tc.want {
			t.Errorf("zoneForOffset(%q, %q, %s) = %q, want %q", tc.offset, tc.zone, tc.at.Format(time.DateOnly), got, tc.want)
		}
	}
}

// weeklyWarehouse makes the fake hold Warehouse's schedule as Hex does:
// weekly, in an offset.
func weeklyWarehouse(f *fakeHex, offset string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range []map[string]any{f.list[0], f.full["c1"].(map[string]any)} {
		c["schemaRefreshSchedule"] = map[string]any{"cadence": "WEEKLY", "enabled": true,
			"weekly": map[string]any{"timezoneString": offset, "hour": 6, "minute": 0, "dayOfWeek": "MONDAY"}}
	}
}

func TestReadMapsAnOffsetToTheFileZoneWhenTheyAgree(t *testing.T) {
	f := newFake()
	weeklyWarehouse(f, "+01:00")
	tg := newTarget(t, f)
	ws := &schema.Workspace{Connections: []schema.Connection{{Name: "warehouse", SchemaRefresh: &schema.SchemaRefresh{Cadence: "weekly", Timezone: "Europe/Berlin"}}}}
	tg.UseFileZones(ws)
	for _, tc := range []struct {
		at   time.Time
		want string
	}{{winter, "Europe/Berlin"}, {summer, "+01:00"}} {
		tg.SetClock(fixed(tc.at))
		snap, err := tg.Snapshot(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := warehouseZone(t, snap); got != tc.want {
			t.Errorf("at %s: read timezone %q, want %q", tc.at.Format(time.DateOnly), got, tc.want)
		}
	}
	tg.UseFileZones(nil)
	tg.SetClock(fixed(winter))
	snap, err := tg.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := warehouseZone(t, snap); got != "+01:00" {
		t.Errorf("without the file's zones: read %q, want the offset as Hex holds it", got)
	}
}

func warehouseZone(t *testing.T, snap *reconcile.Snapshot) string {
	t.Helper()
	for _, c := range snap.Connections {
		if c.Name == "Warehouse" && c.SchemaRefresh != nil {
			return c.SchemaRefresh.Timezone
		}
	}
	t.Fatal("no Warehouse schedule read")
	return ""
}

func TestApplyConnectionEditSendsTheOffsetInForce(t *testing.T) {
	tg, f := snapTarget(t)
	tg.SetClock(fixed(summer))
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "Warehouse", "c1",
		fld("schema_refresh", nil, map[string]any{"cadence": "monthly", "enabled": true, "hour": float64(6), "minute": float64(0),
			"day": float64(1), "timezone": "America/New_York"})))
	oneWrite(t, f, "PATCH", "/v1/data-connections/c1",
		`{"schemaRefreshSchedule":{"cadence":"MONTHLY","enabled":true,"monthly":{"timezoneString":"-04:00","hour":6,"minute":0,"day":1}}}`)
}
