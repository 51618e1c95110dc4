package schema

// Field kinds of connection config values.
const (
	FieldString = "string"
	FieldInt    = "integer"
	FieldBool   = "boolean"
	FieldList   = "list" // trino session_properties: a list of {key, value}
)

// ConnectionField is one field of a connection type's details, in the
// snake_case spelling of workspace.yaml (the Hex API spells it in camelCase).
type ConnectionField struct {
	Name     string
	Kind     string // Field* constant; secrets are always strings
	Required bool   // needed to create the connection
	Secret   bool   // write-only: given under secrets: as a reference
	// Nullable: the API's edit body takes null for the field, which clears
	// it; a field that is not cannot be removed from a connection, only
	// changed.
	Nullable bool
}

func cfg(name, kind string, required bool) ConnectionField {
	return ConnectionField{Name: name, Kind: kind, Required: required}
}

func secret(name string, required bool) ConnectionField {
	return ConnectionField{Name: name, Kind: FieldString, Required: required, Secret: true}
}

// clearable marks an optional field the API lets an edit set to null.
func clearable(f ConnectionField) ConnectionField {
	f.Nullable = true
	return f
}

// connectionFields lists each type's connectionDetails fields, as the Hex
// API describes the body of a data connection: the fields it marks
// nullable are clearable.
var connectionFields = map[string][]ConnectionField{
	"athena": {
		cfg("hostname", FieldString, true), cfg("port", FieldInt, true),
		cfg("s3_output_path", FieldString, true), clearable(cfg("catalog", FieldString, false)),
		clearable(cfg("workgroup", FieldString, false)), cfg("access_key_id", FieldString, true),
		secret("secret_access_key", true),
	},
	"bigquery": {
		cfg("project_id", FieldString, true), cfg("enable_storage_api", FieldBool, false),
		cfg("enable_drive_access", FieldBool, false),
		secret("service_account_json_config", true),
	},
	"clickhouse": {
		cfg("hostname", FieldString, true), cfg("port", FieldInt, true),
		cfg("username", FieldString, true),
		secret("password", false),
	},
	"databricks": {
		cfg("jdbc_url", FieldString, true),
		secret("access_token", true),
	},
	"postgres": {
		cfg("hostname", FieldString, true), cfg("port", FieldInt, true),
		cfg("database", FieldString, true), cfg("username", FieldString, true),
		secret("password", true),
	},
	"redshift": {
		cfg("host", FieldString, true), cfg("port", FieldInt, true),
		cfg("database", FieldString, true), cfg("username", FieldString, true),
		secret("password", true), clearable(secret("ssl_root_cert", false)),
	},
	"snowflake": {
		cfg("account_name", FieldString, true), cfg("warehouse", FieldString, true),
		cfg("database", FieldString, true), clearable(cfg("schema", FieldString, false)),
		clearable(cfg("role", FieldString, false)), cfg("username", FieldString, true),
		secret("private_key", true), secret("passphrase", true),
	},
	"trino": {
		cfg("hostname", FieldString, true), cfg("port", FieldInt, true),
		cfg("catalog", FieldString, false), cfg("schema", FieldString, false),
		cfg("username", FieldString, true), clearable(cfg("session_properties", FieldList, false)),
		secret("password", false),
	},
}

// ConnectionFields returns the config and secret fields of a connection
// type, in a fixed order, or nil for an unknown type.
func ConnectionFields(typ string) []ConnectionField {
	return append([]ConnectionField(nil), connectionFields[typ]...)
}

// fieldNames returns the names of typ's fields that are (or are not) secrets.
func fieldNames(typ string, secrets bool) []string {
	var out []string
	for _, f := range connectionFields[typ] {
		if f.Secret == secrets {
			out = append(out, f.Name)
		}
	}
	return out
}

func findField(typ, name string) (ConnectionField, bool) {
	for _, f := range connectionFields[typ] {
		if f.Name == name {
			return f, true
		}
	}
	return ConnectionField{}, false
}

// ConnectionFieldNullable reports whether an edit may clear field (its
// workspace.yaml name) of a connection of type typ by sending null.
func ConnectionFieldNullable(typ, name string) bool {
	f, ok := findField(typ, name)
	return ok && f.Nullable
}
