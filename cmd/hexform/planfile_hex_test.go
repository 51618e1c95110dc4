package main

import (
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
)

// TestHexApplySavedPlan: a plan saved with plan --out against Hex is applied
// later without --target (the plan names its target, "hex:URL"), and a saved
// plan applied after the workspace changed is refused as stale.
func TestHexApplySavedPlan(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{As: "alice@acme.com"})
	ws := r.write("workspace.yaml", e2eWorkspace)
	saved := r.dir + "/saved.json"
	r.mustCode(r.hexform("plan", "-f", ws, "--out", saved), exitOK, "plan --out")

	// --target= leaves the target unset: apply takes the plan's own.
	res := r.hexform("apply", saved, "--auto-approve", "--target=")
	r.mustCode(res, exitBlocked, "apply of the saved plan (Marketing's deletion unconfirmed)")
	if !strings.Contains(res.stdout, "create group/Analytics Engineering: done") {
		t.Errorf("the saved plan's changes were not applied:\n%s", res.stdout)
	}

	stale := r.dir + "/stale.json"
	r.mustCode(r.hexform("plan", "-f", ws, "--out", stale), exitOK, "second plan --out")
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing"), exitOK, "apply")
	res = r.hexform("apply", stale, "--auto-approve", "--target=")
	r.mustCode(res, exitError, "apply of a plan made before the workspace changed")
	if !strings.Contains(res.stderr, "stale plan") || !strings.Contains(res.stderr, "changed: groups") {
		t.Errorf("stale plan not explained:\n%s", res.stderr)
	}
}
