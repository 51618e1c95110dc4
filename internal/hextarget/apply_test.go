package hextarget

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

const secretValue = "pg-pa55-VALUE"

// resolver hands out secret values by reference.
type resolver map[string]string

func (r resolver) Resolve(ref schema.SecretRef) (string, error) {
	v, ok := r[ref.String()]
	if !ok {
		return "", errors.New("not set")
	}
	return v, nil
}

var secrets = resolver{"env:PGPW": secretValue}

func snapTarget(t *testing.T) (*Target, *fakeHex) {
	t.Helper()
	f := newFake()
	tg := newTarget(t, f)
	if _, err := tg.Snapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.reset()
	return tg, f
}

func change(a reconcile.Action, k reconcile.Kind, name, id string, fields ...reconcile.Field) reconcile.Change {
	return reconcile.Change{ID: reconcile.ChangeID(a, k, name), Action: a, Kind: k, Name: name, ResourceID: id, Mode: reconcile.ModeAuto, Fields: fields}
}

func fld(path string, before, after any) reconcile.Field {
	return reconcile.Field{Path: path, Before: before, After: after}
}

func applyOne(t *testing.T, tg *Target, c reconcile.Change) {
	t.Helper()
	if err := tg.Apply(context.Background(), c, secrets); err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
}

// oneWrite asserts f saw exactly one write, method and path as given, with body.
func oneWrite(t *testing.T, f *fakeHex, method, path, body string) {
	t.Helper()
	w := f.writes()
	if len(w) != 1 || w[0].Method != method || w[0].Path != path {
		t.Fatalf("writes = %+v, want one %s %s", w, method, path)
	}
	if body != "" {
		jsonEq(t, w[0].Body, body)
	}
	f.reset()
}

func TestApplyGroups(t *testing.T) {
	tg, f := snapTarget(t)
	// Typed values, as computed in this process.
	applyOne(t, tg, change(reconcile.ActionCreate, reconcile.KindGroup, "Data", "",
		fld("name", nil, "Data"), fld("members", nil, []string{"bob@acme.com", "carol@acme.com"}), fld("protected", nil, true)))
	oneWrite(t, f, "POST", "/v1/groups", `{"name":"Data","members":{"users":[{"id":"u2"},{"id":"u3"}]}}`)
	// JSON-decoded values, as read from a plan file.
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindGroup, "Analysts", "g1",
		fld("members", []any{"alice@acme.com", "bob@acme.com"}, []any{"BOB@acme.com", "erin@acme.com"})))
	oneWrite(t, f, "PATCH", "/v1/groups/g1", `{"members":{"add":{"users":[{"id":"u7"}]},"remove":{"users":[{"id":"u1"}]}}}`)
	applyOne(t, tg, change(reconcile.ActionRename, reconcile.KindGroup, "Analysts", "g1", fld("name", "Analysts", "Analytics")))
	oneWrite(t, f, "PATCH", "/v1/groups/g1", `{"name":"Analytics"}`)
	applyOne(t, tg, change(reconcile.ActionDelete, reconcile.KindGroup, "Empty", "g2", fld("name", "Empty", nil)))
	oneWrite(t, f, "DELETE", "/v1/groups/g2", "")
	// Without a resource id the name is looked up; the members are those
	// the update above left.
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindGroup, "Analytics", "",
		fld("members", []string{"bob@acme.com", "erin@acme.com"}, []string{"bob@acme.com", "dan@acme.com", "erin@acme.com"})))
	oneWrite(t, f, "PATCH", "/v1/groups/g1", `{"members":{"add":{"users":[{"id":"u4"}]}}}`)
}

func TestApplyDeactivate(t *testing.T) {
	tg, f := snapTarget(t)
	applyOne(t, tg, change(reconcile.ActionDeactivate, reconcile.KindUser, "bob@acme.com", "u2"))
	oneWrite(t, f, "POST", "/v1/users/u2/deactivate", "")
	applyOne(t, tg, change(reconcile.ActionDeactivate, reconcile.KindUser, "Carol@acme.com", ""))
	oneWrite(t, f, "POST", "/v1/users/u3/deactivate", "")
}

func TestApplyConnectionCreate(t *testing.T) {
	tg, f := snapTarget(t)
	tg.SetClock(fixed(winter)) // a weekly schedule is sent as Berlin's offset then
	c := change(reconcile.ActionCreate, reconcile.KindConnection, "Analytics DB", "",
		fld("name", nil, "Analytics DB"), fld("type", nil, "postgres"), fld("description", nil, "reporting"),
		fld("config.hostname", nil, "pg.internal"), fld("config.port", nil, float64(5432)),
		fld("config.database", nil, "analytics"), fld("config.username", nil, "hex"),
		reconcile.Field{Path: "secrets.password", After: "env:PGPW", Sensitive: true},
		fld("sharing.members", nil, "query"), fld("sharing.public", nil, "view_results"),
		fld("sharing.groups.Analysts", nil, "view_results"),
		fld("schema_refresh", nil, map[string]any{"cadence": "weekly", "enabled": true, "hour": float64(6), "minute": float64(0),
			"day_of_week": "monday", "timezone": "Europe/Berlin"}),
		fld("include_magic", nil, true), fld("allow_writeback_cells", nil, false))
	applyOne(t, tg, c)
	oneWrite(t, f, "POST", "/v1/data-connections", `{"name":"Analytics DB","type":"postgres","description":"reporting",
		"connectionDetails":{"postgres":{"hostname":"pg.internal","port":5432,"database":"analytics","username":"hex","password":"`+secretValue+`"}},
		"includeMagic":true,"allowWritebackCells":false,
		"schemaRefreshSchedule":{"cadence":"WEEKLY","enabled":true,"weekly":{"timezoneString":"+01:00","hour":6,"minute":0,"dayOfWeek":"MONDAY"}},
		"sharing":{"workspace":{"members":"QUERY","guests":"NONE","public":"VIEW_RESULTS"},"groups":[{"group":{"id":"g1"},"access":"VIEW_RESULTS"}]}}`)
}

func TestApplyConnectionSharesGroupCreatedThisRun(t *testing.T) {
	tg, f := snapTarget(t)
	applyOne(t, tg, change(reconcile.ActionCreate, reconcile.KindGroup, "Data", "", fld("name", nil, "Data")))
	f.mu.Lock()
	f.groups = append(f.groups, map[string]any{"id": "g9", "name": "Ops", "createdAt": "t"}) // made elsewhere
	f.mu.Unlock()
	f.reset()
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2",
		fld("sharing.groups.Data", "none", "query"), fld("sharing.groups.Ops", "none", "view_results")))
	w := f.writes()
	if len(w) != 1 {
		t.Fatalf("writes = %+v", w)
	}
	jsonEq(t, w[0].Body, `{"sharing":{"groups":{"upsert":[{"group":{"id":"g-new"},"access":"QUERY"},{"group":{"id":"g9"},"access":"VIEW_RESULTS"}]}}}`)
	if n := len(f.calls); n != 2 || f.calls[0].Path != "/v1/groups" {
		t.Errorf("calls = %+v, want one re-list of groups, then the edit", f.calls)
	}
}

func TestApplyConnectionUpdate(t *testing.T) {
	tg, f := snapTarget(t)
	applyOne(t, tg, change(reconcile.ActionRename, reconcile.KindConnection, "Warehouse", "c1",
		fld("name", "Warehouse", "DWH"), fld("description", "main", "the warehouse"),
		fld("config.port", 5432, 5433),
		reconcile.Field{Path: "secrets.password", Before: "(set)", After: "env:PGPW", Sensitive: true},
		fld("sharing.guests", "none", "view_results"), fld("sharing.groups.Analysts", "view_results", "none"),
		fld("schema_refresh", map[string]any{"cadence": "daily"}, nil),
		fld("include_magic", true, false), fld("protected", false, true)))
	oneWrite(t, f, "PATCH", "/v1/data-connections/c1", `{"name":"DWH","description":"the warehouse",
		"connectionDetails":{"postgres":{"port":5433,"password":"`+secretValue+`"}},"includeMagic":false,
		"schemaRefreshSchedule":null,
		"sharing":{"workspace":{"members":"QUERY","guests":"VIEW_RESULTS"},"groups":{"upsert":[{"group":{"id":"g1"},"access":"NONE"}]}}}`)
	// The new name is known afterwards; the workspace sharing as just set is kept.
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "DWH", "", fld("sharing.public", "none", "view_results")))
	oneWrite(t, f, "PATCH", "/v1/data-connections/c1", `{"sharing":{"workspace":{"members":"QUERY","guests":"VIEW_RESULTS","public":"VIEW_RESULTS"}}}`)
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2",
		fld("config.account_name", "acme-1", "acme-2"), fld("schema_refresh", nil, map[string]any{"cadence": "hourly"})))
	oneWrite(t, f, "PATCH", "/v1/data-connections/c2", `{"connectionDetails":{"snowflake":{"accountName":"acme-2"}},
		"schemaRefreshSchedule":{"cadence":"HOURLY","enabled":true}}`)
}

func TestSecretOnlyInWriteBodies(t *testing.T) {
	tg, f := snapTarget(t)
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "Warehouse", "c1",
		reconcile.Field{Path: "secrets.password", Before: "(set)", After: "env:PGPW", Sensitive: true}))
	bad := change(reconcile.ActionUpdate, reconcile.KindConnection, "Warehouse", "c1",
		reconcile.Field{Path: "secrets.password", After: "env:PGPW", Sensitive: true}, fld("bogus", nil, 1))
	err := tg.Apply(context.Background(), bad, secrets)
	if err == nil || strings.Contains(err.Error(), secretValue) {
		t.Errorf("err = %v", err)
	}
	for _, c := range f.calls {
		has := strings.Contains(c.Body, secretValue) || strings.Contains(c.Path+c.Query, secretValue)
		if has != (c.Method == "PATCH") {
			t.Errorf("%s %s: secret present = %v", c.Method, c.Path, has)
		}
	}
	if len(f.writes()) != 1 {
		t.Errorf("writes = %+v, want the first edit only", f.writes())
	}
}

func TestApplyErrors(t *testing.T) {
	tests := []struct {
		c    reconcile.Change
		want string
	}{
		{change(reconcile.ActionCreate, reconcile.KindUser, "new@acme.com", "", fld("role", nil, "editor")), "the Hex API cannot create a user"},
		{change(reconcile.ActionUpdate, reconcile.KindUser, "bob@acme.com", "u2", fld("role", "viewer", "editor")), "the Hex API cannot update a user"},
		{change(reconcile.ActionDelete, reconcile.KindConnection, "Snow", "c2"), "the Hex API cannot delete a connection"},
		{change(reconcile.ActionCreate, reconcile.KindGroup, "X", "", fld("name", nil, "X"), fld("members", nil, []string{"nobody@acme.com"})),
			"members: not users of the workspace: nobody@acme.com"},
		{change(reconcile.ActionUpdate, reconcile.KindGroup, "Analysts", "g1", fld("colour", nil, "red")), `field "colour": the Hex API cannot change it on a group`},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("type", "snowflake", "postgres")), `field "type": the Hex API cannot change a connection's type`},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("config.warehouse", "wh", nil)), `field "config.warehouse": the Hex API cannot remove`},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("config.password", nil, "x")), `field "config.password": snowflake connections have no such setting (known: account_name,`},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("config.private_key", nil, "x")), `field "config.private_key": private_key is write-only`},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", reconcile.Field{Path: "secrets.warehouse", After: "env:PGPW"}), `field "secrets.warehouse": warehouse is not a secret`},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("sharing.public", "none", "query")), `field "sharing.public": public access is none or view_results`},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("sharing.groups.Ghosts", "none", "query")), `no group named "Ghosts"`},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", reconcile.Field{Path: "secrets.passphrase", After: "env:MISSING"}), "resolving env:MISSING: not set"},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("include_magic", false, "yes")), `field "include_magic": want true or false`},
		{change(reconcile.ActionCreate, reconcile.KindConnection, "CH", "", fld("name", nil, "CH"), fld("type", nil, "clickhouse")), "cannot create clickhouse connections"},
		{change(reconcile.ActionCreate, reconcile.KindConnection, "X", "", fld("name", nil, "X")), "a new data connection needs a type"},
		{change(reconcile.ActionUpdate, reconcile.KindConnection, "Nope", "", fld("description", "", "x")), `connection/Nope not found in the state`},
	}
	for _, tt := range tests {
		tg, f := snapTarget(t)
		err := tg.Apply(context.Background(), tt.c, secrets)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %v: err = %v, want %q", tt.c.ID, tt.c.Fields, err, tt.want)
		}
		if w := f.writes(); len(w) != 0 {
			t.Errorf("%s: writes %+v after an error", tt.c.ID, w)
		}
	}
}
