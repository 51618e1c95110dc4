package reconcile

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/schema"
)

// TestDiffClearsNullableConfig: a setting the target has and the file's
// config leaves out is removed when the connection can have it cleared,
// and left alone otherwise, or when the file gives no config.
func TestDiffClearsNullableConfig(t *testing.T) {
	have := &Snapshot{Connections: []ConnectionState{
		{ID: "c1", Name: "Snow", Type: "snowflake", Config: map[string]any{"account_name": "a", "role": "R", "schema": "S"}},
		{ID: "c2", Name: "Trino", Type: "trino", Config: map[string]any{"hostname": "h", "catalog": "c"}},
		{ID: "c3", Name: "Bare", Type: "snowflake", Config: map[string]any{"role": "R"}},
	}}
	w := &schema.Workspace{Connections: []schema.Connection{
		{Name: "Snow", Type: "snowflake", Config: map[string]any{"account_name": "b", "schema": "S"}},
		{Name: "Trino", Type: "trino", Config: map[string]any{"hostname": "h"}},
		{Name: "Bare"},
	}}
	p := Diff(w, have, Options{})
	if got := ids(p); !cmp.Equal(got, []string{"update connection/Snow"}) {
		t.Fatalf("changes %q, want the snowflake update only", got)
	}
	want := []Field{
		{Path: "config.account_name", Before: "a", After: "b"},
		{Path: "config.role", Before: "R"},
	}
	if d := cmp.Diff(want, change(t, p, "update connection/Snow").Fields); d != "" {
		t.Errorf("fields (-want +got):\n%s", d)
	}
}
