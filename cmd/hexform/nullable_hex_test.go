package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

// TestHexClearNullableSetting: removing a setting the API lets an edit
// clear (a snowflake role) plans one update, applies it as null, and the
// plan after it is empty.
func TestHexClearNullableSetting(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{})
	withRole := strings.Replace(e2eWorkspace, "username: HEX}", "username: HEX, role: ANALYST}", 1)
	ws := r.write("workspace.yaml", withRole)
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing"), exitOK, "apply")
	if got := warehouseConfig(t, r)["role"]; got != "ANALYST" {
		t.Fatalf("role after apply = %v", got)
	}

	r.write("workspace.yaml", e2eWorkspace)
	p := r.plan(ws)
	var fields []string
	for _, c := range p.Changes {
		if c.Mode == reconcile.ModeAuto {
			for _, f := range c.Fields {
				fields = append(fields, c.ID+": "+f.Path)
			}
		}
	}
	if d := cmp.Diff([]string{"update connection/Warehouse: config.role"}, fields); d != "" {
		t.Fatalf("plan after removing role (-want +got):\n%s", d)
	}
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve"), exitOK, "apply without role")
	if cfg := warehouseConfig(t, r); cfg["role"] != nil || cfg["warehouse"] != "WH" {
		t.Errorf("Warehouse config after clearing role = %v", cfg)
	}
	if got := autoChanges(r.plan(ws)); len(got) != 0 {
		t.Errorf("plan after clearing role: %q", got)
	}
}

func warehouseConfig(t *testing.T, r *hexRig) map[string]any {
	t.Helper()
	for _, c := range r.sim.Snapshot().Connections {
		if c.Name == "Warehouse" {
			return c.Config
		}
	}
	t.Fatal("no Warehouse connection in the simulator")
	return nil
}
