package main

import (
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
)

// TestHexApplyChecksBeforeFirstWrite: against Hex, a secret that does not
// resolve stops the apply before its first change: no group is created, no
// user deactivated, nothing half-applied.
func TestHexApplyChecksBeforeFirstWrite(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{As: "alice@acme.com"})
	ws := r.write("workspace.yaml", strings.Replace(e2eWorkspace, "{env: E2E_PG_PASSWORD}", "{env: E2E_UNSET}", 1))
	before := r.sim.Snapshot()
	res := r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing")
	r.mustCode(res, exitError, "apply with a secret unset")
	if !strings.Contains(res.stderr, "create connection/Product Postgres") || !strings.Contains(res.stderr, "env:E2E_UNSET") {
		t.Errorf("stderr does not name the change and its secret:\n%s", res.stderr)
	}
	if strings.Contains(res.stdout, ": done") {
		t.Errorf("changes were applied:\n%s", res.stdout)
	}
	if d := workspaceDiff(before, r.sim.Snapshot()); d != "" {
		t.Errorf("the workspace changed (-before +after):\n%s", d)
	}
}
