package hexsim

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func newPostgres() map[string]any {
	return map[string]any{
		"name": "Analytics", "type": "postgres", "description": "main db",
		"connectionDetails": map[string]any{"postgres": map[string]any{
			"hostname": "pg.acme.com", "port": 5432, "database": "analytics", "username": "hex", "password": pgSecret}},
		"includeMagic": true,
		"sharing": map[string]any{
			"workspace": map[string]any{"members": "QUERY", "guests": "NONE", "public": "NONE"},
			"groups":    []any{map[string]any{"group": map[string]any{"id": "g-analysts"}, "access": "VIEW_RESULTS"}}},
		"schemaRefreshSchedule": map[string]any{"cadence": "DAILY", "enabled": true,
			"daily": map[string]any{"timezoneString": "UTC", "hour": 3, "minute": 0}},
	}
}

func TestCreateDataConnection(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	s, c := newSim(t, Config{StatePath: state}, fixture())
	r := c.do("POST", "/api/v1/data-connections", newPostgres())
	m := r.want(t, 201)
	id, _ := m["id"].(string)
	want := map[string]any{
		"id": id, "name": "Analytics", "type": "postgres", "description": "main db",
		"connectionDetails": map[string]any{"postgres": map[string]any{
			"hostname": "pg.acme.com", "port": 5432.0, "database": "analytics", "username": "hex"}},
		"connectViaSsh": false, "includeMagic": true, "allowWritebackCells": false, "schemaRefreshAccess": "ADMINS",
		"sharing": map[string]any{
			"workspace": map[string]any{"members": "QUERY", "guests": "NONE", "public": "NONE"},
			"groups": []any{map[string]any{"group": map[string]any{"id": "g-analysts", "name": "Analysts"},
				"access": "VIEW_RESULTS"}}},
		"schemaRefreshSchedule": map[string]any{"cadence": "DAILY", "enabled": true,
			"daily": map[string]any{"timezoneString": "UTC", "hour": 3.0, "minute": 0.0}},
	}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("CreateDataConnection (-want +got):\n%s", d)
	}
	got := c.do("GET", "/api/v1/data-connections/"+id, nil).want(t, 200)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("GetDataConnection (-want +got):\n%s", d)
	}
	// Stored as config (snake_case keys) and a fingerprint; never in clear.
	conn := s.Snapshot().Connections[0]
	if conn.Name != "Analytics" || conn.Config["hostname"] != "pg.acme.com" || conn.Config["port"] != 5432 ||
		conn.Secrets["password"] != fingerprint(pgSecret) || conn.Sharing.Groups["Analysts"] != "view_results" {
		t.Errorf("stored connection: %+v", conn)
	}
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), pgSecret) || strings.Contains(string(r.body), pgSecret) {
		t.Error("the secret value was stored or returned in clear")
	}
}

func TestDataConnectionTypes(t *testing.T) {
	s, c := newSim(t, Config{}, nil)
	bodies := []map[string]any{
		{"name": "SF", "type": "snowflake", "connectionDetails": map[string]any{"snowflake": map[string]any{
			"accountName": "acme-1", "warehouse": "WH", "database": "DB", "username": "u", "privateKey": "PK", "passphrase": "PP"}}},
		{"name": "RS", "type": "redshift", "connectionDetails": map[string]any{"redshift": map[string]any{
			"host": "rs", "port": 5439, "database": "d", "username": "u", "password": "pw", "sslRootCert": "CERT"}}},
		{"name": "TR", "type": "trino", "connectionDetails": map[string]any{"trino": map[string]any{
			"hostname": "tr", "port": 8080, "username": "u",
			"sessionProperties": []any{map[string]any{"key": "k", "value": "v"}}}}},
	}
	for _, b := range bodies {
		r := c.do("POST", "/api/v1/data-connections", b)
		r.want(t, 201)
		for _, secret := range []string{"PK", "PP", "pw", "CERT"} {
			if strings.Contains(string(r.body), `"`+secret+`"`) {
				t.Errorf("%s: response contains secret %q: %s", b["name"], secret, r.body)
			}
		}
	}
	st := s.Snapshot()
	sf, rs, tr := st.Connections[1], st.Connections[0], st.Connections[2]
	if sf.Config["account_name"] != "acme-1" || sf.Secrets["private_key"] != fingerprint("PK") || sf.Secrets["passphrase"] == "" {
		t.Errorf("snowflake stored as %+v", sf)
	}
	if rs.Config["host"] != "rs" || rs.Secrets["ssl_root_cert"] != fingerprint("CERT") {
		t.Errorf("redshift stored as %+v", rs)
	}
	if d := cmp.Diff([]any{map[string]any{"key": "k", "value": "v"}}, tr.Config["session_properties"]); d != "" {
		t.Errorf("trino session properties: %s", d)
	}
	// sslRootCert is nullable: null clears it.
	c.do("PATCH", "/api/v1/data-connections/"+rs.ID, map[string]any{
		"connectionDetails": map[string]any{"redshift": map[string]any{"sslRootCert": nil}}}).want(t, 201)
	if _, ok := s.Snapshot().Connections[0].Secrets["ssl_root_cert"]; ok {
		t.Error("sslRootCert: null did not clear the secret")
	}
}

func TestEditDataConnection(t *testing.T) {
	s, c := newSim(t, Config{}, fixture())
	m := c.do("PATCH", "/api/v1/data-connections/c-wh", map[string]any{
		"name":              "Warehouse 2",
		"connectionDetails": map[string]any{"postgres": map[string]any{"port": 5433, "password": "new-pw"}},
		"sharing": map[string]any{"workspace": map[string]any{"members": "VIEW_RESULTS"},
			"groups": map[string]any{"upsert": []any{map[string]any{"group": map[string]any{"id": "g-analysts"}, "access": "NONE"}}}},
		"schemaRefreshAccess": "USERS_WITH_QUERY_ACCESS",
	}).want(t, 201) // sic: EditDataConnection answers 201
	details := m["connectionDetails"].(map[string]any)["postgres"].(map[string]any)
	if m["name"] != "Warehouse 2" || details["port"] != 5433.0 || details["hostname"] != "db.acme.com" ||
		m["schemaRefreshAccess"] != "USERS_WITH_QUERY_ACCESS" {
		t.Errorf("EditDataConnection = %v", m)
	}
	sh := m["sharing"].(map[string]any)
	if sh["workspace"].(map[string]any)["members"] != "VIEW_RESULTS" || len(sh["groups"].([]any)) != 0 {
		t.Errorf("sharing after edit = %v", sh)
	}
	conn := s.Snapshot().Connections[0]
	if conn.Secrets["password"] != fingerprint("new-pw") || conn.Sharing.Guests != "none" {
		t.Errorf("stored after edit: %+v", conn)
	}
	// A schedule, then null clears it.
	c.do("PATCH", "/api/v1/data-connections/c-wh", map[string]any{"schemaRefreshSchedule": map[string]any{
		"cadence": "WEEKLY", "enabled": false, "weekly": map[string]any{"timezoneString": "+02:00", "hour": 1, "minute": 2, "dayOfWeek": "MONDAY"}}}).want(t, 201)
	if sr := s.Snapshot().Connections[0].SchemaRefresh; sr == nil || sr.Cadence != "weekly" || sr.DayOfWeek != "monday" || *sr.Enabled || sr.Timezone != "+02:00" {
		t.Errorf("schedule stored as %+v", sr)
	}
	got := c.do("GET", "/api/v1/data-connections/c-wh", nil).want(t, 200)["schemaRefreshSchedule"]
	want := map[string]any{"cadence": "WEEKLY", "enabled": false,
		"weekly": map[string]any{"timezoneString": "+02:00", "hour": 1.0, "minute": 2.0, "dayOfWeek": "MONDAY"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("schedule read (-want +got):\n%s", d)
	}
	m = c.do("PATCH", "/api/v1/data-connections/c-wh", map[string]any{"schemaRefreshSchedule": nil}).want(t, 201)
	if _, ok := m["schemaRefreshSchedule"]; ok || s.Snapshot().Connections[0].SchemaRefresh != nil {
		t.Errorf("null did not clear the schedule: %v", m["schemaRefreshSchedule"])
	}
}

func TestDataConnectionErrors(t *testing.T) {
	s, c := newSim(t, Config{}, fixture())
	missing := map[string]any{"name": "X", "type": "postgres",
		"connectionDetails": map[string]any{"postgres": map[string]any{"hostname": "h", "port": "5432"}}}
	r := c.do("POST", "/api/v1/data-connections", missing)
	for _, want := range []string{"port must be an integer", "database is required", "username is required", "password is required"} {
		wantTsoa(t, r, 400, want)
	}
	cases := []struct {
		body   any
		detail string
	}{
		{map[string]any{"type": "postgres"}, "name is required"},
		{map[string]any{"name": "X"}, "type is required"},
		{map[string]any{"name": "X", "type": "clickhouse"}, "type must be one of"},
		{map[string]any{"name": "X", "type": "postgres"}, "connectionDetails is required"},
		{map[string]any{"name": "X", "type": "postgres", "connectionDetails": map[string]any{"redshift": map[string]any{}}}, "exactly one key"},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t", "token": "x"}}}, `databricks.token: unknown field`},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "sharing": map[string]any{"groups": []any{
			map[string]any{"group": map[string]any{"id": "g-nope"}, "access": "QUERY"}}}}, `no group "g-nope"`},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "sharing": map[string]any{"workspace": map[string]any{"public": "QUERY"}}}, "public must be one of"},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "schemaRefreshSchedule": map[string]any{"cadence": "DAILY", "enabled": true,
			"daily": map[string]any{"hour": 24}}}, "hour must be from 0 to 23"},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "schemaRefreshSchedule": map[string]any{"cadence": "DAILY", "enabled": true,
			"daily": map[string]any{"hour": 3, "minute": 0}}}, "daily.timezoneString is required"},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "schemaRefreshSchedule": map[string]any{"cadence": "DAILY", "enabled": true,
			"daily": map[string]any{"hour": 3, "minute": 0, "timezoneString": "UTC", "day": 1}}}, `daily: unknown field "day"`},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "schemaRefreshSchedule": map[string]any{"cadence": "WEEKLY", "enabled": true,
			"weekly": map[string]any{"hour": 3, "minute": 0, "timezoneString": "+01:00"}}}, "weekly.dayOfWeek is required"},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "schemaRefreshSchedule": map[string]any{"cadence": "WEEKLY", "enabled": true,
			"weekly": map[string]any{"hour": 3, "minute": 0, "dayOfWeek": "MONDAY", "timezoneString": "Europe/Berlin"}}}, `weekly.timezoneString must be an ISO 8601 timezone designator like +08:00, not "Europe/Berlin"`},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "schemaRefreshSchedule": map[string]any{"cadence": "MONTHLY", "enabled": true,
			"monthly": map[string]any{"hour": 3, "timezoneString": "+01:00", "day": 1}}}, "monthly.minute is required"},
		{map[string]any{"name": "X", "type": "databricks", "connectionDetails": map[string]any{"databricks": map[string]any{
			"jdbcUrl": "j", "accessToken": "t"}}, "schemaRefreshSchedule": map[string]any{"cadence": "CUSTOM", "enabled": true,
			"custom": map[string]any{"timezoneString": "+05:30"}}}, "custom.cron is required"},
	}
	for _, tc := range cases {
		wantTsoa(t, c.do("POST", "/api/v1/data-connections", tc.body), 400, tc.detail)
	}
	wantTsoa(t, c.do("PATCH", "/api/v1/data-connections/c-wh", map[string]any{"type": "redshift"}), 400, "type cannot be changed")
	wantTsoa(t, c.do("PATCH", "/api/v1/data-connections/c-wh", map[string]any{
		"sharing": map[string]any{"groups": []any{}}}), 400, "sharing")
	wantTsoa(t, c.do("PATCH", "/api/v1/data-connections/nope", map[string]any{"name": "Y"}), 404, "not found")
	wantCode(t, c.do("GET", "/api/v1/data-connections/nope", nil), 404, "NOT_FOUND", "nope")
	wantCode(t, c.do("GET", "/api/v1/data-connections?sortBy=TYPE", nil), 400, "BAD_REQUEST", "sortBy")
	if st := s.Snapshot(); len(st.Connections) != 1 || st.Revision != 0 {
		t.Errorf("a rejected request changed the state: %d connections, revision %d", len(st.Connections), st.Revision)
	}
}

func TestListDataConnections(t *testing.T) {
	_, c := newSim(t, Config{}, fixture())
	body := newPostgres()
	c.do("POST", "/api/v1/data-connections", body).want(t, 201)
	vals, after, before := values(t, c.do("GET", "/api/v1/data-connections?limit=1", nil).want(t, 200))
	if names := pluck(vals, "name"); len(names) != 1 || names[0] != "Analytics" || after == "" || before != "" {
		t.Fatalf("first page %v, after %q, before %q", names, after, before)
	}
	vals, after, _ = values(t, c.do("GET", "/api/v1/data-connections?limit=1&after="+after, nil).want(t, 200))
	if names := pluck(vals, "name"); len(names) != 1 || names[0] != "Warehouse" || after != "" {
		t.Fatalf("second page %v, after %q", names, after)
	}
	if _, ok := vals[0]["connectionDetails"].(map[string]any)["postgres"].(map[string]any)["password"]; ok {
		t.Error("a listed connection shows its password field")
	}
}

// CREATED_AT orders by time, sub-second parts included.
func TestListDataConnectionsByCreation(t *testing.T) {
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 1, 0, time.UTC)}
	_, c := newSim(t, Config{Now: clock.Now}, fixture())
	for _, name := range []string{"B", "A"} {
		body := newPostgres()
		body["name"] = name
		c.do("POST", "/api/v1/data-connections", body).want(t, 201)
		clock.Advance(500 * time.Millisecond)
	}
	vals, _, _ := values(t, c.do("GET", "/api/v1/data-connections?sortBy=CREATED_AT", nil).want(t, 200))
	if names := pluck(vals, "name"); !slices.Equal(names, []string{"Warehouse", "B", "A"}) {
		t.Errorf("CREATED_AT ASC = %v", names)
	}
	vals, _, _ = values(t, c.do("GET", "/api/v1/data-connections?sortBy=CREATED_AT&sortDirection=DESC&limit=2", nil).want(t, 200))
	if names := pluck(vals, "name"); !slices.Equal(names, []string{"A", "B"}) {
		t.Errorf("CREATED_AT DESC = %v", names)
	}
}

func TestListBasicConnections(t *testing.T) {
	_, c := newSim(t, Config{BasicInList: []string{"Analytics"}}, fixture())
	id, _ := c.do("POST", "/api/v1/data-connections", newPostgres()).want(t, 201)["id"].(string)
	vals, _, _ := values(t, c.do("GET", "/api/v1/data-connections", nil).want(t, 200))
	var listed map[string]any
	for _, v := range vals {
		if v["name"] == "Analytics" {
			listed = v
		}
	}
	want := map[string]any{"id": id, "name": "Analytics", "type": "postgres", "description": "main db"}
	if d := cmp.Diff(want, listed); d != "" {
		t.Errorf("listed in basic form (-want +got):\n%s", d)
	}
	if got := c.do("GET", "/api/v1/data-connections/"+id, nil).want(t, 200); got["sharing"] == nil {
		t.Errorf("GetDataConnection of a basic-listed connection is not in full: %v", got)
	}
}
