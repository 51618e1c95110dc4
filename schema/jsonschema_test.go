package schema

import (
	"bytes"
	"encoding/json"
	goldenfile "github.com/hexform/hexform/internal/golden"
	"os"
	"testing"
)

var update = goldenfile.Update

// TestJSONSchemaFile keeps the committed schema/workspace.schema.json (the
// file the examples' $schema comment points at) equal to JSONSchema().
func TestJSONSchemaFile(t *testing.T) {
	const golden = "workspace.schema.json"
	if *update {
		if err := os.WriteFile(golden, JSONSchema(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./schema -update)", err)
	}
	if !bytes.Equal(JSONSchema(), want) {
		t.Errorf("%s is stale: run go test ./schema -update", golden)
	}
	var v map[string]any
	if err := json.Unmarshal(want, &v); err != nil || v["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("schema is not a draft 2020-12 JSON document: %v", err)
	}
	if _, err := strictCompiled(); err != nil {
		t.Errorf("schema does not compile: %v", err)
	}
}

// agreement is the table proving the JSON Schema and the loader agree: each
// document is accepted by both or refused by both.
var agreement = []struct {
	name string
	yaml string
	ok   bool
}{
	{"minimal", base, true},
	{"full", doc(
		"version: 1", "workspace: acme",
		"settings: {min_admins: 1, max_delete_ratio: 0.5, max_delete_count: 10, secrets: {env: [K, 'PG_*'], files: [secrets/]}}",
		"domains: {allowed: [acme.com], default_role: Member}",
		"users: [{email: a@acme.com, role: Admin, name: A}, {email: b@acme.com, role: author}]",
		"groups: [{name: G, previously: [Old], members: [a@acme.com], protect: true}]",
		"connections:",
		"  - {name: S, type: snowflake, description: d, include_magic: true, allow_writeback_cells: false, protect: true,",
		"     config: {account_name: a, warehouse: w, database: d, username: u},",
		"     secrets: {private_key: {env: K}, passphrase: {file: secrets/p}},",
		"     sharing: {workspace: {members: query, guests: none, public: none}, groups: {G: query}},",
		"     schema_refresh: {cadence: monthly, day: 1, hour: 3, minute: 0, enabled: true, timezone: UTC}}",
		"  - {name: T, type: trino, config: {hostname: h, port: 1, username: u, session_properties: [{key: a, value: b}]}}",
		"packages: [{name: p, repository: a/b, ref: {commit: 3F9C2A1B7D4E5F60718293A4B5C6D7E8F9012345}, install: []}]",
		"tags: {statuses: [{name: S, endorsed: false}], categories: [{name: C, description: d}]}",
		"ignore: {users: ['*@x.example'], statuses: ['a?']}",
		"confirm: [delete group/Old Name]",
	), true},
	{"branch pin is only a warning", base + "packages: [{name: p, repository: a/b, ref: {branch: main}}]\n", true},
	{"missing version", "workspace: acme\n", false},
	{"version 2", "version: 2\nworkspace: acme\n", false},
	{"missing workspace", "version: 1\n", false},
	{"unknown top key", base + "user: []\n", false},
	{"duplicate key", base + "workspace: b\n", false},
	{"null section", base + "groups:\n", false},
	{"workspace number", "version: 1\nworkspace: 12\n", false},
	{"negative min_admins", base + "settings: {min_admins: -1}\n", false},
	{"ratio zero", base + "settings: {max_delete_ratio: 0}\n", false},
	{"domains without allowed", base + "domains: {default_role: viewer}\n", false},
	{"bad domain", base + "domains: {allowed: [acme]}\n", false},
	{"default_role admin", base + "domains: {allowed: [acme.com], default_role: ADMIN}\n", false},
	{"unknown role", base + "users: [{email: a@acme.com, role: root}]\n", false},
	{"bad email", base + "users: [{email: a.acme.com, role: admin}]\n", false},
	{"user unknown key", base + "users: [{email: a@acme.com, role: admin, team: x}]\n", false},
	{"group member not email", base + "groups: [{name: G, members: [bob]}]\n", false},
	{"group name empty", base + "groups: [{name: ''}]\n", false},
	{"protect string", base + "groups: [{name: G, protect: 'true'}]\n", false},
	{"connection type", base + "connections: [{name: C, type: mysql, config: {}}]\n", false},
	{"connection without config", base + "connections: [{name: C, type: clickhouse}]\n", false},
	{"config missing field", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1}}]\n", false},
	{"config unknown field", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u, tls: true}}]\n", false},
	{"secret in config", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u, password: p}}]\n", false},
	{"literal secret", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}, secrets: {password: p}}]\n", false},
	{"missing required secret", base + "connections: [{name: C, type: databricks, config: {jdbc_url: j}}]\n", false},
	{"secret env and file", base + "connections: [{name: C, type: databricks, config: {jdbc_url: j}, secrets: {access_token: {env: A, file: f}}}]\n", false},
	{"port out of range", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 0, username: u}}]\n", false},
	{"public query", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}, sharing: {workspace: {public: query}}}]\n", false},
	{"weekly without day", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}, schema_refresh: {cadence: weekly, hour: 1}}]\n", false},
	{"hourly with hour", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}, schema_refresh: {cadence: hourly, hour: 1}}]\n", false},
	{"minute 60", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}, schema_refresh: {cadence: daily, hour: 1, minute: 60}}]\n", false},
	{"cron four fields", base + "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}, schema_refresh: {cadence: custom, cron: '* * * *'}}]\n", false},
	{"repository", base + "packages: [{name: p, repository: a, ref: {tag: v1}}]\n", false},
	{"commit", base + "packages: [{name: p, repository: a/b, ref: {commit: abc}}]\n", false},
	{"two refs", base + "packages: [{name: p, repository: a/b, ref: {tag: v1, branch: main}}]\n", false},
	{"empty ref", base + "packages: [{name: p, repository: a/b, ref: {}}]\n", false},
	{"ignore kind", base + "ignore: {user: [a]}\n", false},
	{"ignore empty pattern", base + "ignore: {users: ['']}\n", false},
	{"confirm form", base + "confirm: [delete groups/x]\n", false},
	{"status endorsed string", base + "tags: {statuses: [{name: S, endorsed: 'yes'}]}\n", false},
	{"settings.secrets key", base + "settings: {secrets: {vars: [A]}}\n", false},
	{"settings.secrets.env string", base + "settings: {secrets: {env: A}}\n", false},
}

func TestSchemaAgreesWithLoader(t *testing.T) {
	for _, tc := range agreement {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Parse("w.yaml", []byte(tc.yaml))
			schemaErr := strictCheck(t, []byte(tc.yaml))
			if loaderOK := !ds.HasErrors(); loaderOK != tc.ok {
				t.Errorf("loader ok = %v, want %v:\n%s", loaderOK, tc.ok, short(ds))
			}
			if schemaOK := schemaErr == nil; schemaOK != tc.ok {
				t.Errorf("JSON Schema ok = %v, want %v: %v", schemaOK, tc.ok, schemaErr)
			}
		})
	}
}

// TestLoaderOnlyChecks documents what a JSON Schema cannot express: these
// documents pass the schema, and only the loader refuses them.
func TestLoaderOnlyChecks(t *testing.T) {
	cases := map[string]string{
		"duplicate users, any case": "users: [{email: a@acme.com, role: admin}, {email: A@acme.com, role: admin}]\n",
		"fewer admins than min":     "users: [{email: a@acme.com, role: viewer}]\n",
		"member nowhere":            "domains: {allowed: [acme.com]}\nusers: [{email: a@acme.com, role: admin}]\ngroups: [{name: G, members: [z@x.example]}]\n",
		"previously collides":       "groups: [{name: A}, {name: B, previously: [A]}]\n",
		"undeclared sharing group":  "groups: []\nconnections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}, sharing: {groups: {X: query}}}]\n",
		"unknown timezone":          "connections: [{name: C, type: clickhouse, config: {hostname: h, port: 1, username: u}, schema_refresh: {cadence: daily, hour: 1, timezone: Mars/Base}}]\n",
		"bad glob":                  "ignore: {groups: ['[']}\n",
	}
	for name, y := range cases {
		t.Run(name, func(t *testing.T) {
			if err := strictCheck(t, []byte(base+y)); err != nil {
				t.Errorf("JSON Schema refuses it (then move the case to the agreement table): %v", err)
			}
			if _, ds := Parse("w.yaml", []byte(base+y)); !ds.HasErrors() {
				t.Errorf("loader accepts it")
			}
		})
	}
}
