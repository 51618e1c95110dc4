package hextarget

import (
	"testing"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

func TestClickhouseCreateIsManual(t *testing.T) {
	caps := New(nil).Capabilities()
	have := &reconcile.Snapshot{Unreadable: unreadable}
	want := &schema.Workspace{Connections: []schema.Connection{
		{Name: "CH", Type: "clickhouse", Config: map[string]any{"hostname": "ch", "port": 9000, "username": "u"}},
		{Name: "PG", Type: "postgres", Config: map[string]any{"hostname": "pg", "port": 5432, "database": "d", "username": "u"}},
	}}
	p := reconcile.Diff(want, have, reconcile.Options{Capabilities: &caps})
	modes := map[string]reconcile.Mode{}
	for _, c := range p.Changes {
		modes[c.ID] = c.Mode
	}
	if modes["create connection/CH"] != reconcile.ModeManual || modes["create connection/PG"] != reconcile.ModeAuto {
		t.Fatalf("modes = %v, want clickhouse manual and postgres auto", modes)
	}
}
