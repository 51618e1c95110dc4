package schema

import "strings"

// fieldDocs describes each connection config and secret field, in Markdown;
// a secret's text is completed with how to give it.
var fieldDocs = map[string]string{
	"hostname":                    "Host name of the server.",
	"host":                        "Host name of the cluster.",
	"port":                        "Port of the server, 1 to 65535.",
	"username":                    "User name the connection logs in as.",
	"database":                    "Database to connect to.",
	"catalog":                     "Default catalog.",
	"schema":                      "Default schema.",
	"role":                        "Snowflake role to use.",
	"warehouse":                   "Snowflake warehouse to run queries on.",
	"account_name":                "Snowflake account name.",
	"s3_output_path":              "S3 path where Athena writes query results, e.g. `s3://bucket/prefix/`.",
	"workgroup":                   "Athena workgroup.",
	"access_key_id":               "AWS access key id (not secret; the secret key goes under `secrets`).",
	"project_id":                  "Google Cloud project id.",
	"enable_storage_api":          "Read results through the BigQuery Storage API.",
	"enable_drive_access":         "Allow queries of tables backed by Google Drive.",
	"jdbc_url":                    "JDBC URL of the Databricks SQL warehouse or cluster.",
	"session_properties":          "Trino session properties, as `{key, value}` pairs.",
	"password":                    "The password",
	"secret_access_key":           "AWS secret access key",
	"service_account_json_config": "The service account's JSON key",
	"access_token":                "Databricks personal access token",
	"ssl_root_cert":               "Root certificate for TLS",
	"private_key":                 "Private key for key-pair authentication",
	"passphrase":                  "Passphrase of the private key",
}

// connectionDefs adds the connection, its per-type config and secrets, and
// the definitions they use.
func connectionDefs(defs obj) {
	connectionPartDefs(defs)
	var rules []any
	for _, typ := range ConnectionTypes {
		cfgProps, secProps := obj{}, obj{}
		var cfgReq, secReq []string
		for _, f := range connectionFields[typ] {
			if f.Secret {
				secProps[f.Name] = refDoc("secret_ref", fieldDocs[f.Name]+", by reference: `{env: NAME}` or `{file: PATH}`.")
				if f.Required {
					secReq = append(secReq, f.Name)
				}
				continue
			}
			cfgProps[f.Name] = described(fieldSchema(f), fieldDocs[f.Name])
			if f.Required {
				cfgReq = append(cfgReq, f.Name)
			}
		}
		secrets, verb := fieldNames(typ, true), " go"
		if len(secrets) == 1 {
			verb = " goes"
		}
		cfgMsg := "config of a " + typ + " connection takes " + englishList(fieldNames(typ, false), "and") +
			"; " + englishList(secrets, "and") + verb + " under secrets, as {env: NAME} or {file: PATH}"
		secMsg := "secrets of a " + typ + " connection are " + englishList(secrets, "and") +
			", each as {env: NAME} or {file: PATH}"
		defs["config_"+typ] = withError(object("Settings of a connection of type "+typ+".", cfgProps, cfgReq...), cfgMsg)
		defs["secrets_"+typ] = withError(object("Secrets of a connection of type "+typ+", by reference.", secProps, secReq...), secMsg)
		then := obj{"properties": obj{"config": ref("config_" + typ), "secrets": ref("secrets_" + typ)}}
		if len(secReq) > 0 {
			then["required"] = []string{"secrets"}
		}
		rules = append(rules, obj{"if": obj{"properties": obj{"type": obj{"const": typ}}, "required": []string{"type"}}, "then": then})
	}
	c := object("", obj{
		"name": refDoc("name", "The connection's name in Hex."), "previously": refDoc("names", "Former names: a rename, not a delete and a create."),
		"type": withError(described(stringEnum(ConnectionTypes...), "The database: `"+strings.Join(ConnectionTypes, "`, `")+"`."),
			"type is one of "+englishList(ConnectionTypes, "or")),
		"description":           described(obj{"type": "string", "maxLength": MaxDescriptionLen}, "What the connection is for."),
		"config":                described(obj{"type": "object"}, "Connection settings; the keys depend on `type`. Secrets go under `secrets`."),
		"secrets":               described(obj{"type": "object"}, "Secret settings by reference: `{env: NAME}` or `{file: PATH}`, never the value."),
		"sharing":               refDoc("sharing", "Who may use the connection. Absent: unmanaged."),
		"schema_refresh":        refDoc("schema_refresh", "When Hex refreshes the connection's schema. Absent: unmanaged."),
		"include_magic":         boolean("Let Magic use this connection."),
		"allow_writeback_cells": boolean("Allow writeback cells."),
		"protect":               protectDoc("connection"),
	}, "name", "type", "config")
	c["allOf"] = rules
	defs["connection"] = c
}

func fieldSchema(f ConnectionField) obj {
	switch {
	case f.Name == "port":
		return intRange(1, 65535)
	case f.Kind == FieldInt:
		return obj{"type": "integer", "minimum": 0, "maximum": int(^uint32(0) >> 1)}
	case f.Kind == FieldBool:
		return obj{"type": "boolean"}
	case f.Kind == FieldList:
		return obj{"type": "array", "items": object("", obj{
			"key":   described(obj{"type": "string"}, "Property name."),
			"value": described(obj{"type": "string"}, "Property value."),
		}, "key", "value")}
	}
	return obj{"type": "string", "minLength": 1}
}

func sharingDef() obj {
	return object("Who may use the connection.", obj{
		"workspace": described(object("", obj{
			"members": refDoc("access", "What workspace members may do: `none`, `query` or `view_results`."),
			"guests":  refDoc("access", "What guests may do: `none`, `query` or `view_results`."),
			"public":  refDoc("public_access", "What the public may do: `none` or `view_results`."),
		}), "Workspace-wide sharing. Absent: unmanaged."),
		"groups": described(obj{"type": "object", "additionalProperties": ref("access")},
			"Group name: access (`none`, `query` or `view_results`). Absent: unmanaged."),
	})
}

func schemaRefreshDef() obj {
	r := object("The connection's schema refresh schedule.", obj{
		"cadence":     described(stringEnum(cadences...), "`hourly`, `daily`, `weekly`, `monthly` or `custom` (a cron expression)."),
		"enabled":     boolean("Whether the schedule runs."),
		"hour":        described(intRange(0, 23), "Hour of the day, 0 to 23 (daily, weekly, monthly)."),
		"minute":      described(intRange(0, 59), "Minute of the hour, 0 to 59 (daily, weekly, monthly)."),
		"day_of_week": described(stringEnum(weekdays...), "Day of the week, `sunday` to `saturday` (weekly)."),
		"day":         described(intRange(1, 28), "Day of the month, 1 to 28 (monthly)."),
		"cron":        described(obj{"type": "string", "pattern": `^\s*\S+(?:\s+\S+){4}\s*$`}, "A five-field cron expression (custom)."),
		"timezone":    described(obj{"type": "string", "minLength": 1}, "An IANA timezone, e.g. `UTC` or `Europe/Paris`, or a fixed UTC offset (ISO 8601), e.g. `+08:00`. Hex takes an offset for weekly, monthly and custom schedules: hexform sends the zone's offset when it applies."),
	}, "cadence")
	var rules []any
	for _, c := range cadences {
		rule := refreshFields[c]
		then := obj{}
		forbidden := obj{}
		for _, k := range refreshKeys {
			if k != "cadence" && k != "enabled" && !contains(rule.allowed, k) {
				forbidden[k] = false
			}
		}
		if len(forbidden) > 0 {
			then["properties"] = forbidden
		}
		if len(rule.required) > 0 {
			then["required"] = rule.required
		}
		rules = append(rules, obj{"if": obj{"properties": obj{"cadence": obj{"const": c}}, "required": []string{"cadence"}}, "then": then})
	}
	r["allOf"] = rules
	return r
}

// connectionPartDefs adds the definitions a connection's parts use:
// access levels, secret references, sharing and the schema refresh.
func connectionPartDefs(defs obj) {
	defs["access"] = withError(stringEnum(accessLevels...), "access is none, query or view_results")
	defs["public_access"] = withError(stringEnum(publicAccessLevels...), "public access is none or view_results")
	defs["secret_ref"] = described(exactlyOneOf(obj{
		"env":  described(obj{"type": "string", "pattern": envPattern}, "Read the secret from this environment variable."),
		"file": described(obj{"type": "string", "minLength": 1}, "Read the secret from this file; a relative path is relative to the workspace file."),
	}, secretRefMsg), "A reference to a secret, never its value: `{env: NAME}` or `{file: PATH}`.")
	defs["sharing"] = sharingDef()
	defs["schema_refresh"] = schemaRefreshDef()
}
