package hexapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestConnectionDetailsFields(t *testing.T) {
	var d ConnectionDetails
	raw := `{"trino":{"hostname":"h","port":8080,"catalog":"c","schema":"s","username":"u","sessionProperties":[{"key":"k","value":"v"}]}}`
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		t.Fatal(err)
	}
	typ, f := d.Fields()
	want := map[string]any{"hostname": "h", "port": 8080, "catalog": "c", "schema": "s", "username": "u",
		"sessionProperties": []any{map[string]any{"key": "k", "value": "v"}}}
	if typ != "trino" || !reflect.DeepEqual(f, want) {
		t.Errorf("Fields() = %q %#v", typ, f)
	}
	back, err := NewConnectionDetails(typ, f)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*back, d) {
		t.Errorf("round trip = %+v, want %+v", back.Trino, d.Trino)
	}
	if (*ConnectionDetails)(nil).Type() != "" || d.Type() != "trino" {
		t.Error("Type()")
	}
}

func TestNewConnectionDetailsErrors(t *testing.T) {
	tests := []struct {
		typ    string
		fields map[string]any
		want   string
	}{
		{"postgres", map[string]any{"hostName": "x"}, `postgres connections have no field "hostName"`},
		{"postgres", map[string]any{"port": "five"}, `postgres connection field "port": want int, got string`},
		{"oracle", nil, `unknown connection type "oracle"`},
	}
	for _, tt := range tests {
		_, err := NewConnectionDetails(tt.typ, tt.fields)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewConnectionDetails(%s, %v) = %v, want %q", tt.typ, tt.fields, err, tt.want)
		}
	}
	d, err := NewConnectionDetails("redshift", map[string]any{"host": "h", "port": 5439.0, "password": "pw"})
	if err != nil || *d.Redshift.Port != 5439 || *d.Redshift.Password != "pw" {
		t.Errorf("float port: %v %+v", err, d)
	}
}

func TestSecretAndWritable(t *testing.T) {
	if !IsSecretField("snowflake", "privateKey") || IsSecretField("snowflake", "username") {
		t.Error("IsSecretField")
	}
	if Writable("clickhouse") || !Writable("postgres") || Writable("oracle") {
		t.Error("Writable")
	}
	f, ok := DetailFields("redshift")
	if !ok || strings.Join(f, ",") != "database,host,password,port,sslRootCert,username" {
		t.Errorf("DetailFields(redshift) = %v", f)
	}
}

func TestEditMarshalNullSchedule(t *testing.T) {
	name := "X"
	b, err := json.Marshal(&DataConnectionEdit{Name: &name, ClearSchemaRefreshSchedule: true})
	if err != nil || string(b) != `{"name":"X","schemaRefreshSchedule":null}` {
		t.Errorf("clear = %s %v", b, err)
	}
	b, _ = json.Marshal(&DataConnectionEdit{Name: &name})
	if string(b) != `{"name":"X"}` {
		t.Errorf("plain = %s", b)
	}
}

func TestBasicConnectionDecodes(t *testing.T) {
	var p listEnvelope[*DataConnection]
	raw := `{"values":[{"id":"a","name":"A","type":"postgres"},{"id":"b","name":"B","type":"postgres","connectionDetails":null,
	"connectViaSsh":false,"includeMagic":true,"allowWritebackCells":false,"schemaRefreshAccess":"ADMINS",
	"sharing":{"workspace":{"members":"QUERY","guests":"NONE","public":"NONE"},"groups":[{"group":{"id":"g","name":"G"},"access":"QUERY"}]}}],
	"pagination":{"after":null,"before":null}}`
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		t.Fatal(err)
	}
	if !p.Values[0].IsBasic() || p.Values[1].IsBasic() || p.Values[1].Sharing.Groups[0].Group.Name != "G" || string(p.Pagination.After) != "null" {
		t.Errorf("decoded %+v", p)
	}
}

func TestDetailsNullFields(t *testing.T) {
	d, err := NewConnectionDetails("snowflake", map[string]any{"role": nil, "warehouse": "wh"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(&DataConnectionEdit{ConnectionDetails: d})
	if err != nil || string(b) != `{"connectionDetails":{"snowflake":{"role":null,"warehouse":"wh"}}}` {
		t.Errorf("edit = %s %v", b, err)
	}
	d, _ = NewConnectionDetails("trino", map[string]any{"sessionProperties": nil})
	if b, err = json.Marshal(d); err != nil || string(b) != `{"trino":{"sessionProperties":null}}` {
		t.Errorf("only null = %s %v", b, err)
	}
	if _, err := NewConnectionDetails("snowflake", map[string]any{"bogus": nil}); err == nil {
		t.Error("an unknown null field is accepted")
	}
}
