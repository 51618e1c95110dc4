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

// TestExportLeavesQueryPublicOut: a public level read back as query, which
// a file cannot give, is left out of the export (not managed), and the
// exported file loads and plans nothing.
func TestExportLeavesQueryPublicOut(t *testing.T) {
	pw := map[string]string{"password": "fp"}
	s := &Snapshot{Users: []UserState{{ID: "u", Email: "a@acme.com", Role: schema.RoleAdmin, Active: true}}, Connections: []ConnectionState{
		{ID: "c1", Name: "Open", Type: "postgres", Config: map[string]any{"hostname": "h", "port": 5432, "database": "d", "username": "u"}, Secrets: pw,
			Sharing: SharingState{Members: "query", Guests: "none", Public: "query"}},
		{ID: "c2", Name: "Shown", Type: "postgres", Config: map[string]any{"hostname": "h", "port": 5432, "database": "d", "username": "u"}, Secrets: pw,
			Sharing: SharingState{Members: "none", Guests: "none", Public: "view_results"}},
	}}
	data, err := schema.Marshal(Export(s, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	ws, ds := schema.Parse("exported.yaml", data)
	if ds.HasErrors() {
		t.Fatalf("the exported file does not load: %v\n%s", ds.Err(), data)
	}
	if pub := ws.Connections[0].Sharing.Workspace.Public; pub != nil {
		t.Errorf("Open: public exported as %q", *pub)
	}
	if pub := ws.Connections[1].Sharing.Workspace.Public; pub == nil || *pub != "view_results" {
		t.Errorf("Shown: public exported as %v", pub)
	}
	if p := Diff(ws, s, Options{}); p.HasChanges() {
		t.Errorf("planning the export plans %q", ids(p))
	}
}
