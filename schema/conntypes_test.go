package schema

import (
	"slices"
	"testing"
)

// TestNullableConnectionFields: exactly the fields Hex's API document marks
// nullable in the connection edit body are clearable.
func TestNullableConnectionFields(t *testing.T) {
	var got []string
	for _, typ := range ConnectionTypes {
		for _, f := range ConnectionFields(typ) {
			if f.Nullable {
				got = append(got, typ+"."+f.Name)
			}
			if f.Nullable != ConnectionFieldNullable(typ, f.Name) {
				t.Errorf("%s.%s: ConnectionFieldNullable disagrees with the field", typ, f.Name)
			}
		}
	}
	want := []string{"athena.catalog", "athena.workgroup", "redshift.ssl_root_cert",
		"snowflake.schema", "snowflake.role", "trino.session_properties"}
	if !slices.Equal(got, want) {
		t.Errorf("nullable fields = %v, want %v", got, want)
	}
	if ConnectionFieldNullable("snowflake", "nope") || ConnectionFieldNullable("nope", "role") {
		t.Error("an unknown field or type is nullable")
	}
}
