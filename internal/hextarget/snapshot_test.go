package hextarget

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

func ptr[T any](v T) *T { return &v }

func TestSnapshotMapping(t *testing.T) {
	f := newFake()
	tg := newTarget(t, f)
	snap, err := tg.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := &reconcile.Snapshot{
		Actor: "alice@acme.com",
		Users: []reconcile.UserState{
			{ID: "u1", Email: "alice@acme.com", Role: schema.RoleAdmin, Active: true},
			{ID: "u2", Email: "bob@acme.com", Role: schema.RoleViewer, Active: true},
			{ID: "u3", Email: "carol@acme.com", Role: schema.RoleEditor, Active: true},
			{ID: "u4", Email: "dan@acme.com", Role: schema.RoleGuest, Active: true},
			{ID: "u7", Email: "erin@acme.com", Role: schema.RoleExplorer, Active: true},
			{ID: "u8", Email: "mia@acme.com", Role: schema.RoleManager, Active: true},
		},
		Groups: []reconcile.GroupState{
			{ID: "g1", Name: "Analysts", Members: []string{"alice@acme.com", "bob@acme.com"}},
			{ID: "g2", Name: "Empty", Members: []string{}},
		},
		Connections: []reconcile.ConnectionState{{
			ID: "c2", Name: "Snow", Type: "snowflake",
			Config:  map[string]any{"account_name": "acme-1", "warehouse": "wh", "database": "db", "username": "svc"},
			Secrets: map[string]string{"passphrase": "", "private_key": ""},
			Sharing: reconcile.SharingState{Members: "none", Guests: "none", Public: "none"},
			// Basic in the list: read in full with Get.
			AllowWritebackCells: true,
		}, {
			ID: "c1", Name: "Warehouse", Type: "postgres", Description: "main",
			Config:  map[string]any{"hostname": "db", "port": 5432, "database": "prod", "username": "ro"},
			Secrets: map[string]string{"password": ""},
			Sharing: reconcile.SharingState{Members: "query", Guests: "none", Public: "none",
				Groups: map[string]string{"Analysts": "view_results"}},
			SchemaRefresh: &schema.SchemaRefresh{Cadence: "daily", Hour: ptr(3), Minute: ptr(30), Timezone: "UTC"},
			IncludeMagic:  true,
		}},
		Collections: []reconcile.CollectionState{{ID: "col1", Name: "Finance", Description: "Month-end",
			Sharing: reconcile.CollectionSharing{Members: "none", Groups: map[string]string{"Analysts": "manager"},
				Users: map[string]string{"bob@acme.com": "member", "u-gone": "manager"}}}},
		Domains:    reconcile.DomainState{Allowed: []string{}},
		Packages:   []reconcile.PackageState{},
		Statuses:   []reconcile.StatusState{},
		Categories: []reconcile.CategoryState{},
		Unreadable: []reconcile.Kind{reconcile.KindSetting, reconcile.KindDomain, reconcile.KindPackage, reconcile.KindStatus, reconcile.KindCategory},
	}
	want.Normalize()
	if d := cmp.Diff(want, snap); d != "" {
		t.Errorf("snapshot (-want +got):\n%s", d)
	}
	// 1 Me + 1 users + 1 groups + 2 member lists + 1 connections + 1 Get
	// of the basic one + 1 collections.
	if n := len(f.calls); n != 8 {
		t.Errorf("%d read calls, want 8: %+v", n, f.calls)
	}
	for _, c := range f.calls {
		if c.Path == "/v1/users" && c.Query != "groupId=g1&limit=500" && c.Query != "groupId=g2&limit=500" && c.Query != "limit=500" {
			t.Errorf("users query %q", c.Query)
		}
	}
}

func TestSnapshotWorkspaceTokenHasNoActor(t *testing.T) {
	f := newFake()
	f.me = map[string]any{"org": map[string]any{"id": "o1"}, "token": nil}
	snap, err := newTarget(t, f).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if snap.Actor != "" {
		t.Errorf("Actor = %q, want none for a workspace token", snap.Actor)
	}
}

func TestSnapshotUnknownRole(t *testing.T) {
	f := newFake()
	f.users = append(f.users, user("u9", "zed@acme.com", "OVERLORD"))
	_, err := newTarget(t, f).Snapshot(context.Background())
	// The client refuses a role outside the API's enum before hexform maps it.
	if err == nil || !strings.Contains(err.Error(), `reading users: hex api: GET /v1/users: page 1: values[8].role is "OVERLORD"`) {
		t.Errorf("err = %v", err)
	}
}

func TestNameAndCapabilities(t *testing.T) {
	tg := newTarget(t, newFake())
	if got := tg.Name(); got[:11] != "hex:http://" {
		t.Errorf("Name() = %q", got)
	}
	caps := tg.Capabilities()
	if caps.Read[reconcile.KindDomain] || !caps.Read[reconcile.KindGroup] || !caps.Read[reconcile.KindUser] {
		t.Errorf("Read = %v", caps.Read)
	}
	w := caps.Write
	if !w[reconcile.KindUser][reconcile.ActionDeactivate] || w[reconcile.KindUser][reconcile.ActionCreate] || w[reconcile.KindUser][reconcile.ActionUpdate] {
		t.Errorf("user writes = %v", w[reconcile.KindUser])
	}
	if w[reconcile.KindConnection][reconcile.ActionDelete] || !w[reconcile.KindConnection][reconcile.ActionRename] || !w[reconcile.KindGroup][reconcile.ActionDelete] {
		t.Errorf("writes = %v", w)
	}
	for _, p := range caps.WriteFields[reconcile.KindConnection] {
		if p == "type" || p[len(p)-1] == '.' {
			t.Errorf("connection write field %q", p)
		}
	}
}

func TestSnakeCamel(t *testing.T) {
	for api, key := range map[string]string{"accountName": "account_name", "host": "host", "s3OutputPath": "s3_output_path",
		"jdbcUrl": "jdbc_url", "accessKeyId": "access_key_id", "serviceAccountJsonConfig": "service_account_json_config"} {
		if snake(api) != key || camel(key) != api {
			t.Errorf("snake(%s) = %s, camel(%s) = %s", api, snake(api), key, camel(key))
		}
	}
}

func TestRefreshRoundTrip(t *testing.T) {
	for _, r := range []*schema.SchemaRefresh{
		{Cadence: "hourly"},
		{Cadence: "daily", Enabled: ptr(false), Hour: ptr(4), Minute: ptr(15), Timezone: "UTC"},
		{Cadence: "weekly", Hour: ptr(6), Minute: ptr(0), DayOfWeek: "friday", Timezone: "Europe/Paris"},
		{Cadence: "monthly", Hour: ptr(1), Minute: ptr(2), Day: ptr(28), Timezone: "UTC"},
		{Cadence: "custom", Cron: "0 * * * *", Timezone: "UTC"},
	} {
		api, err := refreshToAPI(r)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(r, refreshFromAPI(api)); d != "" {
			t.Errorf("%s round trip (-want +got):\n%s", r.Cadence, d)
		}
	}
	if _, err := refreshToAPI(&schema.SchemaRefresh{Cadence: "yearly"}); err == nil {
		t.Error("yearly accepted")
	}
}
