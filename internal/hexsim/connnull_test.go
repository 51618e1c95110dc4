package hexsim

import (
	"testing"

	"github.com/hexform/hexform/schema"
)

// TestEditClearsNullableFields: an edit's null clears exactly the fields
// Hex's API document marks nullable; null for any other is refused.
func TestEditClearsNullableFields(t *testing.T) {
	s, c := newSim(t, Config{}, nil)
	bodies := []map[string]any{
		{"name": "AT", "type": "athena", "connectionDetails": map[string]any{"athena": map[string]any{
			"hostname": "at", "port": 443, "s3OutputPath": "s3://o", "catalog": "cat", "workgroup": "wg",
			"accessKeyId": "AK", "secretAccessKey": "SK"}}},
		{"name": "SF", "type": "snowflake", "connectionDetails": map[string]any{"snowflake": map[string]any{
			"accountName": "acme-1", "warehouse": "WH", "database": "DB", "schema": "S", "role": "R",
			"username": "u", "privateKey": "PK", "passphrase": "PP"}}},
	}
	ids := map[string]string{}
	for _, b := range bodies {
		m := c.do("POST", "/api/v1/data-connections", b).want(t, 201)
		ids[b["type"].(string)] = m["id"].(string)
	}
	refused := []struct{ typ, field string }{{"athena", "hostname"}, {"athena", "secretAccessKey"}, {"snowflake", "warehouse"}}
	for _, r := range refused {
		wantTsoa(t, c.do("PATCH", "/api/v1/data-connections/"+ids[r.typ], map[string]any{
			"connectionDetails": map[string]any{r.typ: map[string]any{r.field: nil}}}), 400, r.field+" must not be null")
	}
	if rev := s.Snapshot().Revision; rev != 2 {
		t.Errorf("a refused null changed the state: revision %d", rev)
	}
	cleared := map[string][]string{"athena": {"catalog", "workgroup"}, "snowflake": {"schema", "role"}}
	for typ, fields := range cleared {
		inner := map[string]any{}
		for _, f := range fields {
			inner[f] = nil
		}
		m := c.do("PATCH", "/api/v1/data-connections/"+ids[typ], map[string]any{
			"connectionDetails": map[string]any{typ: inner}}).want(t, 201)
		got := m["connectionDetails"].(map[string]any)[typ].(map[string]any)
		for _, f := range fields {
			if _, ok := got[f]; ok {
				t.Errorf("%s.%s still read after null: %v", typ, f, got)
			}
		}
		if len(got) == 0 {
			t.Errorf("%s: null cleared every field: %v", typ, got)
		}
	}
	for _, conn := range s.Snapshot().Connections {
		for _, f := range cleared[conn.Type] {
			if _, ok := conn.Config[snake(f)]; ok {
				t.Errorf("%s: %s still stored: %v", conn.Type, f, conn.Config)
			}
		}
	}
}

// TestNullableAgreesWithSchema: the simulator's nullable fields, modelled
// on the API document on their own, are the ones hexform's schema lets a
// file clear.
func TestNullableAgreesWithSchema(t *testing.T) {
	for typ, fields := range connFields {
		for _, f := range fields {
			if want := schema.ConnectionFieldNullable(typ, snake(f.name)); f.nullable != want {
				t.Errorf("%s.%s: nullable %v in the simulator, %v in the schema", typ, f.name, f.nullable, want)
			}
		}
	}
}
