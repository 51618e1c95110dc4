package main

import (
	"strings"
	"testing"
	"time"

	"github.com/hexform/hexform/internal/hexsim"
)

// scheduleWorkspace gives Warehouse a weekly schedule and Product Postgres
// a custom one, both in zones Hex's API takes only as a fixed offset.
const scheduleWorkspace = `version: 1
workspace: e2e
connections:
  - name: Warehouse
    type: snowflake
    description: DESCRIPTION
    config: {account_name: acme, warehouse: WH, database: ANALYTICS, username: HEX}
    secrets:
      private_key: {env: E2E_SF_KEY}
      passphrase: {env: E2E_SF_PASS}
    sharing:
      workspace: {members: query, guests: none, public: none}
      groups: {DS Team: query}
    schema_refresh: {cadence: weekly, day_of_week: monday, hour: 6, timezone: Europe/Berlin}
  - name: Product Postgres
    type: postgres
    config: {hostname: db.acme.internal, port: 5432, database: product, username: hex_reader}
    secrets:
      password: {env: E2E_PG_PASSWORD}
    schema_refresh: {cadence: custom, cron: "0 6 * * 1-5", timezone: America/New_York}
ignore:
  connections: ["Legacy *"]
`

// TestHexScheduleOffsetsRoundTrip: weekly and custom schedules reach Hex as
// the zones' offsets now, and read back as the file's zones, so the plan
// after the apply is empty, and a saved plan made then is not stale.
func TestHexScheduleOffsetsRoundTrip(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{As: "alice@acme.com"})
	ws := r.write("workspace.yaml", strings.Replace(scheduleWorkspace, "DESCRIPTION", "main", 1))
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve"), exitOK, "apply")
	for name, zone := range map[string]string{"Warehouse": "Europe/Berlin", "Product Postgres": "America/New_York"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		want := time.Now().In(loc).Format("-07:00")
		found := false
		for _, c := range r.sim.Snapshot().Connections {
			if c.Name == name {
				found = true
				if c.SchemaRefresh == nil || c.SchemaRefresh.Timezone != want {
					t.Errorf("%s's schedule is held as %+v, want timezone %s", name, c.SchemaRefresh, want)
				}
			}
		}
		if !found {
			t.Errorf("%s was not created", name)
		}
	}
	if p := r.plan(ws); len(p.Changes) != 0 {
		t.Errorf("the plan after the apply has changes: %v", modes(p))
	}
	ws = r.write("workspace.yaml", strings.Replace(scheduleWorkspace, "DESCRIPTION", "main warehouse", 1))
	saved := r.dir + "/saved.json"
	r.mustCode(r.hexform("plan", "-f", ws, "--out", saved), exitOK, "plan --out")
	r.mustCode(r.hexform("apply", saved, "--auto-approve"), exitOK, "apply of the saved plan")
	if p := r.plan(ws); len(p.Changes) != 0 {
		t.Errorf("the plan after the saved plan's apply has changes: %v", modes(p))
	}
}
