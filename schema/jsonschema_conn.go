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

// connectionDefs adds the connection and its per-type config and secrets.
func connectionDefs(defs obj) {
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
