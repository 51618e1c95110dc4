package hexapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// ConnectionDetails is the API's connectionDetails: an object keyed by the
// connection type, exactly one member set. Write-only (secret) fields are
// sent on create and edit and never come back in reads. On edit every field
// is optional (a partial update of the connection's type), and Null names
// the set type's fields an edit sends as null, which clears them.
type ConnectionDetails struct {
	Athena     *AthenaDetails     `json:"athena,omitempty"`
	BigQuery   *BigQueryDetails   `json:"bigquery,omitempty"`
	ClickHouse *ClickHouseDetails `json:"clickhouse,omitempty"` // read only: the API cannot create it
	Databricks *DatabricksDetails `json:"databricks,omitempty"`
	Postgres   *PostgresDetails   `json:"postgres,omitempty"`
	Redshift   *RedshiftDetails   `json:"redshift,omitempty"`
	Snowflake  *SnowflakeDetails  `json:"snowflake,omitempty"`
	Trino      *TrinoDetails      `json:"trino,omitempty"`
	Null       []string           `json:"-"` // camelCase fields sent as null
}

// MarshalJSON writes the details, with the fields Null names as null in
// the set type's object.
func (d ConnectionDetails) MarshalJSON() ([]byte, error) {
	type plain ConnectionDetails
	data, err := json.Marshal(plain(d))
	if err != nil || len(d.Null) == 0 {
		return data, err
	}
	var outer map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &outer); err != nil || len(outer) != 1 {
		return nil, errors.New("connection details: null fields need exactly one type set")
	}
	for _, inner := range outer {
		for _, f := range d.Null {
			inner[f] = json.RawMessage("null")
		}
	}
	return json.Marshal(outer)
}

// AthenaDetails: SecretAccessKey is write-only.
type AthenaDetails struct {
	Hostname        *string `json:"hostname,omitempty"`
	Port            *int    `json:"port,omitempty"`
	S3OutputPath    *string `json:"s3OutputPath,omitempty"`
	Catalog         *string `json:"catalog,omitempty"`
	Workgroup       *string `json:"workgroup,omitempty"`
	AccessKeyID     *string `json:"accessKeyId,omitempty"`
	SecretAccessKey *string `json:"secretAccessKey,omitempty"`
}

// BigQueryDetails: ServiceAccountJSONConfig is write-only.
type BigQueryDetails struct {
	ProjectID                *string `json:"projectId,omitempty"`
	EnableStorageAPI         *bool   `json:"enableStorageApi,omitempty"`
	EnableDriveAccess        *bool   `json:"enableDriveAccess,omitempty"`
	ServiceAccountJSONConfig *string `json:"serviceAccountJsonConfig,omitempty"`
}

// ClickHouseDetails is read only.
type ClickHouseDetails struct {
	Hostname *string `json:"hostname,omitempty"`
	Port     *int    `json:"port,omitempty"`
	Username *string `json:"username,omitempty"`
}

// DatabricksDetails: AccessToken is write-only.
type DatabricksDetails struct {
	JdbcURL     *string `json:"jdbcUrl,omitempty"`
	AccessToken *string `json:"accessToken,omitempty"`
}

// PostgresDetails: Password is write-only.
type PostgresDetails struct {
	Hostname *string `json:"hostname,omitempty"`
	Port     *int    `json:"port,omitempty"`
	Database *string `json:"database,omitempty"`
	Username *string `json:"username,omitempty"`
	Password *string `json:"password,omitempty"`
}

// RedshiftDetails: Password and SslRootCert are write-only. Note "host".
type RedshiftDetails struct {
	Host        *string `json:"host,omitempty"`
	Port        *int    `json:"port,omitempty"`
	Database    *string `json:"database,omitempty"`
	Username    *string `json:"username,omitempty"`
	Password    *string `json:"password,omitempty"`
	SslRootCert *string `json:"sslRootCert,omitempty"`
}

// SnowflakeDetails (key-pair auth): PrivateKey and Passphrase are write-only.
type SnowflakeDetails struct {
	AccountName *string `json:"accountName,omitempty"`
	Warehouse   *string `json:"warehouse,omitempty"`
	Database    *string `json:"database,omitempty"`
	Schema      *string `json:"schema,omitempty"`
	Role        *string `json:"role,omitempty"`
	Username    *string `json:"username,omitempty"`
	PrivateKey  *string `json:"privateKey,omitempty"`
	Passphrase  *string `json:"passphrase,omitempty"`
}

// TrinoDetails: Password is write-only.
type TrinoDetails struct {
	Hostname          *string           `json:"hostname,omitempty"`
	Port              *int              `json:"port,omitempty"`
	Catalog           *string           `json:"catalog,omitempty"`
	Schema            *string           `json:"schema,omitempty"`
	Username          *string           `json:"username,omitempty"`
	Password          *string           `json:"password,omitempty"`
	SessionProperties []SessionProperty `json:"sessionProperties,omitempty"`
}

// SessionProperty is one Trino session property.
type SessionProperty struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

var detailTypes = map[string]reflect.Type{
	"athena":     reflect.TypeOf(AthenaDetails{}),
	"bigquery":   reflect.TypeOf(BigQueryDetails{}),
	"clickhouse": reflect.TypeOf(ClickHouseDetails{}),
	"databricks": reflect.TypeOf(DatabricksDetails{}),
	"postgres":   reflect.TypeOf(PostgresDetails{}),
	"redshift":   reflect.TypeOf(RedshiftDetails{}),
	"snowflake":  reflect.TypeOf(SnowflakeDetails{}),
	"trino":      reflect.TypeOf(TrinoDetails{}),
}

var secretFields = map[string][]string{
	"athena":     {"secretAccessKey"},
	"bigquery":   {"serviceAccountJsonConfig"},
	"databricks": {"accessToken"},
	"postgres":   {"password"},
	"redshift":   {"password", "sslRootCert"},
	"snowflake":  {"passphrase", "privateKey"},
	"trino":      {"password"},
}

// Writable reports whether the API can create connections of this type
// (clickhouse can only be read).
func Writable(typ string) bool { return detailTypes[typ] != nil && typ != "clickhouse" }

// DetailFields lists a type's connectionDetails fields (camelCase, sorted),
// secret ones included; false for an unknown type.
func DetailFields(typ string) ([]string, bool) {
	t := detailTypes[typ]
	if t == nil {
		return nil, false
	}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		names = append(names, strings.Split(t.Field(i).Tag.Get("json"), ",")[0])
	}
	sort.Strings(names)
	return names, true
}

// SecretFields lists a type's write-only fields (camelCase, sorted).
func SecretFields(typ string) []string { return append([]string(nil), secretFields[typ]...) }

// IsSecretField reports whether field is write-only for typ.
func IsSecretField(typ, field string) bool {
	for _, f := range secretFields[typ] {
		if f == field {
			return true
		}
	}
	return false
}

// Type returns the type whose member is set ("" when none).
func (d *ConnectionDetails) Type() string {
	if d == nil {
		return ""
	}
	typ, _ := d.Fields()
	return typ
}

// Fields returns the set member's type and its fields keyed by their API
// (camelCase) names. Numbers are int, booleans bool, session properties
// []any of map[string]any.
func (d *ConnectionDetails) Fields() (string, map[string]any) {
	if d == nil {
		return "", nil
	}
	data, _ := json.Marshal(d) // plain structs: cannot fail
	var outer map[string]json.RawMessage
	_ = json.Unmarshal(data, &outer)
	for typ, raw := range outer {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var fields map[string]any
		_ = dec.Decode(&fields)
		for k, v := range fields {
			fields[k] = plainNumbers(v)
		}
		return typ, fields
	}
	return "", nil
}

func plainNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = plainNumbers(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = plainNumbers(x[k])
		}
	}
	return v
}

// NewConnectionDetails builds connectionDetails of type typ from fields keyed
// by their API (camelCase) names, refusing unknown fields and wrong types;
// a nil value is a field to send as null.
func NewConnectionDetails(typ string, fields map[string]any) (*ConnectionDetails, error) {
	known, ok := DetailFields(typ)
	if !ok {
		return nil, fmt.Errorf("unknown connection type %q", typ)
	}
	for k := range fields {
		if i := sort.SearchStrings(known, k); i == len(known) || known[i] != k {
			return nil, fmt.Errorf("%s connections have no field %q (known: %s)", typ, k, strings.Join(known, ", "))
		}
	}
	values, null := map[string]any{}, []string{}
	for k, v := range fields {
		if v == nil {
			null = append(null, k)
		} else {
			values[k] = v
		}
	}
	data, err := json.Marshal(map[string]any{typ: values})
	if err != nil {
		return nil, fmt.Errorf("%s connection details: %w", typ, err)
	}
	var d ConnectionDetails
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("%s connection field %q: want %s, got %s", typ, te.Field[strings.LastIndex(te.Field, ".")+1:], te.Type, te.Value)
		}
		return nil, fmt.Errorf("%s connection details: %w", typ, err)
	}
	if len(null) > 0 {
		sort.Strings(null)
		d.Null = null
	}
	return &d, nil
}
