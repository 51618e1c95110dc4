package schema

import "testing"

// conn returns a connections section with one item made of the given lines
// (each indented under the item).
func conn(lines ...string) string {
	s := "connections:\n  - name: C\n"
	for _, l := range lines {
		s += "    " + l + "\n"
	}
	return s
}

const pgConfig = "config: {hostname: h, port: 5432, database: d, username: u}"
const pgSecrets = "secrets: {password: {env: PGPASSWORD}}"

func TestConnectionTypeChecks(t *testing.T) {
	runChecks(t, []checkCase{
		{"postgres", conn("type: postgres", pgConfig, pgSecrets), nil},
		{"snowflake", conn("type: snowflake", "config: {account_name: a, warehouse: w, database: d, username: u, schema: s, role: r}",
			"secrets: {private_key: {env: SF_KEY}, passphrase: {file: secrets/sf}}"), nil},
		{"redshift", conn("type: redshift", "config: {host: h, port: 5439, database: d, username: u}", "secrets: {password: {env: P}, ssl_root_cert: {file: ca.pem}}"), nil},
		{"bigquery", conn("type: bigquery", "config: {project_id: p, enable_storage_api: true}", "secrets: {service_account_json_config: {file: sa.json}}"), nil},
		{"athena", conn("type: athena", "config: {hostname: h, port: 443, s3_output_path: 's3://b/p', access_key_id: AK}", "secrets: {secret_access_key: {env: AWS_SECRET}}"), nil},
		{"databricks", conn("type: databricks", "config: {jdbc_url: 'jdbc:x'}", "secrets: {access_token: {env: DBX}}"), nil},
		{"trino", conn("type: trino", "config: {hostname: h, port: 8080, username: u, session_properties: [{key: k, value: v}]}"), nil},
		{"clickhouse", conn("type: clickhouse", "config: {hostname: h, port: 9000, username: u}"), nil},
		{"unknown type", conn("type: postgress", "config: {}"), []string{
			`5:11: error: connection type "postgress" is not one of athena|bigquery|clickhouse|databricks|postgres|redshift|snowflake|trino | did you mean "postgres"?`}},
		{"missing type and config", "connections: [{name: C}]\n", []string{`3:15: error: connection is missing "config"`, `3:15: error: connection is missing "type"`}},
		{"missing config fields", conn("type: postgres", "config: {hostname: h}", pgSecrets), []string{
			`6:13: error: config of a postgres connection is missing "database"`, `6:13: error: config of a postgres connection is missing "port"`,
			`6:13: error: config of a postgres connection is missing "username"`}},
		{"redshift spells it host", conn("type: redshift", "config: {hostname: h, port: 5439, database: d, username: u}", pgSecrets), []string{
			`6:13: error: config of a redshift connection is missing "host"`,
			`6:14: error: unknown config key "hostname" for a redshift connection | did you mean "host"?`}},
		{"unknown config key", conn("type: postgres", "config: {hostname: h, port: 5432, database: d, username: u, sslmode: require}", pgSecrets), []string{
			`6:65: error: unknown config key "sslmode" for a postgres connection | postgres connections take: hostname, port, database, username`}},
		{"secret in config", conn("type: postgres", "config: {hostname: h, port: 5432, database: d, username: u, password: x}"), []string{
			`6:65: error: password is a secret of postgres connections and may not be written in config | password: {env: C_PASSWORD}`}},
		{"literal secret", conn("type: postgres", pgConfig, "secrets: {password: hunter2}"), []string{
			`7:25: error: secret password is written as a literal value; secrets are references, never values | password: {env: C_PASSWORD}`}},
		{"missing secret", conn("type: snowflake", "config: {account_name: a, warehouse: w, database: d, username: u}", "secrets: {private_key: {env: K}}"), []string{
			`4:5: error: snowflake connection "C" is missing secret "passphrase" | passphrase: {env: C_PASSPHRASE}`}},
		{"config field under secrets", conn("type: postgres", pgConfig, "secrets: {password: {env: P}, hostname: {env: H}}"), []string{
			`7:35: error: hostname is not a secret of postgres connections | move it under config`}},
		{"unknown secret", conn("type: postgres", pgConfig, "secrets: {password: {env: P}, passwd: {env: H}}"), []string{
			`7:35: error: unknown secret "passwd" for a postgres connection | did you mean "password"?`}},
		{"secret with env and file", conn("type: postgres", pgConfig, "secrets: {password: {env: P, file: f}}"), []string{
			`7:25: error: secret password must give exactly one of env, file`}},
		{"secret env name", conn("type: postgres", pgConfig, "secrets: {password: {env: 'MY-PASS'}}"), []string{
			`7:31: error: env of secret password is not an environment variable name`}},
		{"port range and type", conn("type: postgres", "config: {hostname: h, port: 70000, database: d, username: '5432'}", pgSecrets), []string{
			`6:33: error: port must be between 1 and 65535, not 70000`}},
		{"port as string", conn("type: postgres", "config: {hostname: h, port: '5432', database: d, username: u}", pgSecrets), []string{
			`6:33: error: port must be a whole number, not a string`}},
		{"bool field", conn("type: bigquery", "config: {project_id: p, enable_drive_access: 'yes'}", "secrets: {service_account_json_config: {file: sa.json}}"), []string{
			`6:50: error: enable_drive_access must be true or false, not a string`}},
		{"session properties", conn("type: trino", "config: {hostname: h, port: 8080, username: u, session_properties: [{key: k}]}"), []string{
			`6:73: error: session property is missing "value"`}},
		{"flags", conn("type: postgres", pgConfig, pgSecrets, "include_magic: 1", "protect: yes"), []string{
			`8:20: error: include_magic must be true or false`, `9:14: error: protect must be true or false`}},
	})
}

func TestSharingChecks(t *testing.T) {
	groups := "groups: [{name: Data Science, previously: [DS Team]}]\n"
	runChecks(t, []checkCase{
		{"valid", groups + conn("type: postgres", pgConfig, pgSecrets,
			"sharing: {workspace: {members: query, guests: none, public: view_results}, groups: {Data Science: view_results}}"), nil},
		{"bad access", conn("type: postgres", pgConfig, pgSecrets, "sharing: {workspace: {members: read, public: query}}"), []string{
			`8:36: error: members "read" is not one of none|query|view_results`, `8:50: error: public "query" is not one of none|view_results`}},
		{"undeclared group", groups + conn("type: postgres", pgConfig, pgSecrets, "sharing: {groups: {Data Scince: query}}"), []string{
			`9:24: error: connection "C" is shared with undeclared group "Data Scince" | did you mean "Data Science"?`}},
		{"renamed group", groups + conn("type: postgres", pgConfig, pgSecrets, "sharing: {groups: {DS Team: query}}"), []string{
			`9:24: error: connection "C" is shared with group "DS Team", which was renamed | the group is now called "Data Science"`}},
		{"groups unmanaged", conn("type: postgres", pgConfig, pgSecrets, "sharing: {groups: {Finance: query}}"), []string{
			`8:24: warning: connection "C" is shared with group "Finance", which is not declared`}},
		{"unknown sharing key", conn("type: postgres", pgConfig, pgSecrets, "sharing: {users: {}}"), []string{
			`8:15: error: unknown key "users" in sharing`}},
	})
}

func TestSchemaRefreshChecks(t *testing.T) {
	c := func(r string) string { return conn("type: postgres", pgConfig, pgSecrets, "schema_refresh: "+r) }
	runChecks(t, []checkCase{
		{"hourly", c("{cadence: hourly, enabled: false}"), nil},
		{"daily", c("{cadence: daily, hour: 23, minute: 59, timezone: America/New_York}"), nil},
		{"weekly", c("{cadence: weekly, day_of_week: sunday, hour: 0}"), nil},
		{"monthly", c("{cadence: monthly, day: 28, hour: 0}"), nil},
		{"custom", c("{cadence: custom, cron: '0 6 * * 1-5', timezone: UTC}"), nil},
		{"ranges", c("{cadence: monthly, hour: 24, minute: 60, day: 29}"), []string{
			`8:46: error: hour must be between 0 and 23, not 24`, `8:58: error: minute must be between 0 and 59, not 60`,
			`8:67: error: day must be between 1 and 28, not 29`}},
		{"weekday", c("{cadence: weekly, day_of_week: Monday, hour: 1}"), []string{
			`8:52: error: day_of_week "Monday" is not one of sunday|monday|tuesday|wednesday|thursday|friday|saturday | did you mean "monday"?`}},
		{"cadence", c("{cadence: daly, hour: 1}"), []string{`8:31: error: cadence "daly" is not one of hourly|daily|weekly|monthly|custom | did you mean "daily"?`}},
		{"needs", c("{cadence: weekly, hour: 1}"), []string{`8:21: error: schema_refresh with cadence weekly needs day_of_week`}},
		{"not used", c("{cadence: hourly, hour: 1}"), []string{`8:39: error: hour is not used with cadence hourly (only with daily, weekly, monthly)`}},
		{"cron fields", c("{cadence: custom, cron: '0 6 * *'}"), []string{`8:45: error: cron "0 6 * *" does not have five fields`}},
		{"timezone", c("{cadence: daily, hour: 1, timezone: Mars/Olympus}"), []string{`8:57: error: unknown timezone "Mars/Olympus"`}},
		{"missing cadence", c("{hour: 1}"), []string{`8:21: error: schema_refresh is missing "cadence"`}},
		{"offset", c("{cadence: weekly, day_of_week: monday, hour: 6, timezone: '+05:30'}"), nil},
		{"daily keeps its zone", c("{cadence: daily, hour: 6, timezone: Europe/Berlin}"), nil},
		{"no daylight saving", c("{cadence: monthly, day: 1, hour: 6, timezone: Asia/Kolkata}"), nil},
		{"daylight saving", c("{cadence: weekly, day_of_week: monday, hour: 6, timezone: Europe/Berlin}"), []string{
			`8:79: warning: Hex's API takes a fixed UTC offset for a weekly schedule, so one in Europe/Berlin runs an hour off once its clocks change | hexform sends the offset in force when it applies (+01:00 or +02:00): apply again after the clocks change, or use a zone without daylight saving time, e.g. UTC`}},
	})
}
