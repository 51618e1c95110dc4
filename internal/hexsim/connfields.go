package hexsim

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/hexform/hexform/reconcile"
)

type fieldKind int

const (
	kString fieldKind = iota
	kNumber           // an integer, e.g. port
	kBool
	kPairs // [{key, value}]
)

// field is one connectionDetails field of a connection type.
type field struct {
	name     string // the API's camelCase name
	kind     fieldKind
	secret   bool // write-only: never returned, stored as a fingerprint
	required bool // on create
	nullable bool
}

func str(name string, required bool) field { return field{name: name, required: required} }
func num(name string) field                { return field{name: name, kind: kNumber, required: true} }
func nullable(name string) field           { return field{name: name, nullable: true} }
func secret(name string, required bool) field {
	return field{name: name, secret: true, required: required}
}

// connFields lists each type's connectionDetails fields, as the Hex API
// describes the body of a data connection: a nullable field takes null,
// which clears it.
var connFields = map[string][]field{
	"athena": {str("hostname", true), num("port"), str("s3OutputPath", true), nullable("catalog"),
		nullable("workgroup"), str("accessKeyId", true), secret("secretAccessKey", true)},
	"bigquery": {str("projectId", true), {name: "enableStorageApi", kind: kBool},
		{name: "enableDriveAccess", kind: kBool}, secret("serviceAccountJsonConfig", true)},
	"databricks": {str("jdbcUrl", true), secret("accessToken", true)},
	"postgres": {str("hostname", true), num("port"), str("database", true), str("username", true),
		secret("password", true)},
	"redshift": {str("host", true), num("port"), str("database", true), str("username", true),
		secret("password", true), {name: "sslRootCert", secret: true, nullable: true}},
	"snowflake": {str("accountName", true), str("warehouse", true), str("database", true), nullable("schema"),
		nullable("role"), str("username", true), secret("privateKey", true), secret("passphrase", true)},
	"trino": {str("hostname", true), num("port"), str("catalog", false), str("schema", false),
		str("username", true), secret("password", false), {name: "sessionProperties", kind: kPairs, nullable: true}},
	"clickhouse": {str("hostname", false), {name: "port", kind: kNumber}, str("username", false)},
}

// createTypes are the types the API can create (clickhouse is read-only).
var createTypes = []string{"athena", "bigquery", "databricks", "postgres", "redshift", "snowflake", "trino"}

// snake turns an API field name into its config key: accountName -> account_name.
func snake(name string) string {
	var b strings.Builder
	for _, r := range name {
		if unicode.IsUpper(r) {
			b.WriteByte('_')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// camel turns a config key into the API's field name: account_name -> accountName.
func camel(key string) string {
	parts := strings.Split(key, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// detailsUpdate is a validated connectionDetails: config values to set or
// remove, secret fingerprints to set or remove.
type detailsUpdate struct {
	set          map[string]any
	unset        []string
	secrets      map[string]string
	clearSecrets []string
}

// parseDetails validates connectionDetails for typ; on create every required
// field must be present, on edit every field is optional.
func parseDetails(typ string, raw map[string]json.RawMessage, create bool, issues *[]string) *detailsUpdate {
	if raw == nil {
		if create {
			*issues = append(*issues, "connectionDetails is required")
		}
		return nil
	}
	if _, ok := raw[typ]; !ok || len(raw) != 1 {
		*issues = append(*issues, fmt.Sprintf("connectionDetails must have exactly one key, %q (the connection's type)", typ))
		return nil
	}
	path := "connectionDetails." + typ
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(raw[typ], &inner); err != nil || inner == nil {
		*issues = append(*issues, path+" must be an object")
		return nil
	}
	u := &detailsUpdate{set: map[string]any{}, secrets: map[string]string{}}
	for _, name := range slices.Sorted(maps.Keys(inner)) {
		i := slices.IndexFunc(connFields[typ], func(f field) bool { return f.name == name })
		if i < 0 {
			*issues = append(*issues, fmt.Sprintf("%s.%s: unknown field", path, name))
			continue
		}
		u.add(connFields[typ][i], inner[name], path+"."+name, issues)
	}
	for _, f := range connFields[typ] {
		if _, ok := inner[f.name]; create && f.required && !ok {
			*issues = append(*issues, fmt.Sprintf("%s.%s is required", path, f.name))
		}
	}
	return u
}

// add validates one field's value and records it.
func (u *detailsUpdate) add(f field, raw json.RawMessage, path string, issues *[]string) {
	key := snake(f.name)
	if string(raw) == "null" {
		switch {
		case !f.nullable:
			*issues = append(*issues, path+" must not be null")
		case f.secret:
			u.clearSecrets = append(u.clearSecrets, key)
		default:
			u.unset = append(u.unset, key)
		}
		return
	}
	v, problem := decodeValue(f.kind, raw)
	switch {
	case problem != "":
		*issues = append(*issues, path+" "+problem)
	case f.secret:
		u.secrets[key] = fingerprint(v.(string))
	default:
		u.set[key] = v
	}
}

// decodeValue decodes a field value of kind k; problem is "" when it is valid.
func decodeValue(k fieldKind, raw json.RawMessage) (v any, problem string) {
	switch k {
	case kNumber:
		var f float64
		if json.Unmarshal(raw, &f) != nil || f != math.Trunc(f) {
			return nil, "must be an integer"
		}
		return int(f), ""
	case kBool:
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			return nil, "must be a boolean"
		}
		return b, ""
	case kPairs:
		var pairs []struct {
			Key   *string `json:"key"`
			Value *string `json:"value"`
		}
		if decodeStrict(raw, &pairs) != nil {
			return nil, "must be an array of {key, value} strings"
		}
		out := []any{}
		for _, p := range pairs {
			if p.Key == nil || p.Value == nil {
				return nil, "must be an array of {key, value} strings"
			}
			out = append(out, map[string]any{"key": *p.Key, "value": *p.Value})
		}
		return out, ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return nil, "must be a string"
	}
	return s, ""
}

// apply writes the update into a connection.
func (u *detailsUpdate) apply(c *reconcile.ConnectionState) {
	if u == nil {
		return
	}
	if c.Config == nil && len(u.set) > 0 {
		c.Config = map[string]any{}
	}
	maps.Copy(c.Config, u.set)
	for _, k := range u.unset {
		delete(c.Config, k)
	}
	if c.Secrets == nil && len(u.secrets) > 0 {
		c.Secrets = map[string]string{}
	}
	maps.Copy(c.Secrets, u.secrets)
	for _, k := range u.clearSecrets {
		delete(c.Secrets, k)
	}
}

// readableDetails is the connectionDetails a read returns: no secret field.
func readableDetails(c *reconcile.ConnectionState) map[string]map[string]any {
	inner := map[string]any{}
	fields, known := connFields[c.Type]
	for _, f := range fields {
		if v, ok := c.Config[snake(f.name)]; ok && !f.secret {
			inner[f.name] = cloneAny(v)
		}
	}
	if !known {
		for k, v := range c.Config {
			inner[camel(k)] = cloneAny(v)
		}
	}
	return map[string]map[string]any{c.Type: inner}
}
