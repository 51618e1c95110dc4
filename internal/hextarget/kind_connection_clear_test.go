package hextarget

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

// TestApplyConnectionClearsNullable: removing a setting the API lets an
// edit clear sends it as null, beside the settings the change sets.
func TestApplyConnectionClearsNullable(t *testing.T) {
	tg, f := snapTarget(t)
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2",
		fld("config.role", "analyst", nil), fld("config.schema", "public", nil), fld("config.warehouse", "wh", "wh2")))
	oneWrite(t, f, "PATCH", "/v1/data-connections/c2",
		`{"connectionDetails":{"snowflake":{"role":null,"schema":null,"warehouse":"wh2"}}}`)
}

// TestEditBodyNullableFields: each type's clearable settings, a secret
// among them, go as null; the others are refused with the reason.
func TestEditBodyNullableFields(t *testing.T) {
	tests := []struct {
		typ    string
		before map[string]any
		refs   map[string]string
		fields []reconcile.Field
		want   string
	}{
		{"athena", map[string]any{"catalog": "c", "workgroup": "w"}, nil,
			[]reconcile.Field{fld("config.catalog", "c", nil), fld("config.workgroup", "w", nil)},
			`{"connectionDetails":{"athena":{"catalog":null,"workgroup":null}}}`},
		{"redshift", nil, map[string]string{"ssl_root_cert": "env:PGPW"},
			[]reconcile.Field{{Path: "secrets.ssl_root_cert", Before: "env:PGPW", Sensitive: true}},
			`{"connectionDetails":{"redshift":{"sslRootCert":null}}}`},
		{"trino", map[string]any{"session_properties": []any{map[string]any{"key": "k", "value": "v"}}}, nil,
			[]reconcile.Field{fld("config.session_properties", []any{map[string]any{"key": "k", "value": "v"}}, nil)},
			`{"connectionDetails":{"trino":{"sessionProperties":null}}}`},
		{"trino", map[string]any{"catalog": "c"}, nil, []reconcile.Field{fld("config.catalog", "c", nil)},
			`field "config.catalog": the Hex API cannot remove a connection setting, only change it`},
		{"redshift", nil, map[string]string{"password": "env:PGPW"},
			[]reconcile.Field{{Path: "secrets.password", Before: "env:PGPW", Sensitive: true}},
			`field "secrets.password": the Hex API cannot remove a connection setting, only change it`},
	}
	for _, tt := range tests {
		before := &reconcile.ConnectionState{ID: "c9", Name: "X", Type: tt.typ, Config: tt.before, SecretRefs: tt.refs}
		c := change(reconcile.ActionUpdate, reconcile.KindConnection, "X", "c9", tt.fields...)
		tc, err := reconcile.Resolve(&reconcile.Snapshot{Connections: []reconcile.ConnectionState{*before}}, c)
		if err != nil {
			t.Fatalf("%s: %v", tt.typ, err)
		}
		edit, err := editBody(tc, secrets)
		if strings.HasPrefix(tt.want, "field") {
			if err == nil || err.Error() != tt.want {
				t.Errorf("%s: err = %v, want %q", tt.typ, err, tt.want)
			}
			continue
		}
		b, _ := json.Marshal(edit)
		if err != nil || string(b) != tt.want {
			t.Errorf("%s: body = %s (%v), want %s", tt.typ, b, err, tt.want)
		}
	}
}

// TestEditLeavesPublicAlone: an edit of the workspace levels that does not
// set public sends none, so a level read back that the API refuses in a
// request (query) is never sent back.
func TestEditLeavesPublicAlone(t *testing.T) {
	f := newFake()
	f.full["c2"].(map[string]any)["sharing"] = map[string]any{
		"workspace": map[string]any{"members": "NONE", "guests": "NONE", "public": "QUERY"}, "groups": []any{}}
	tg := newTarget(t, f)
	if _, err := tg.Snapshot(t.Context()); err != nil {
		t.Fatal(err)
	}
	f.reset()
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("sharing.members", "none", "view_results")))
	oneWrite(t, f, "PATCH", "/v1/data-connections/c2", `{"sharing":{"workspace":{"members":"VIEW_RESULTS","guests":"NONE"}}}`)
	applyOne(t, tg, change(reconcile.ActionUpdate, reconcile.KindConnection, "Snow", "c2", fld("sharing.public", "query", "none")))
	oneWrite(t, f, "PATCH", "/v1/data-connections/c2", `{"sharing":{"workspace":{"members":"VIEW_RESULTS","guests":"NONE","public":"NONE"}}}`)
}
