package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
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

	// --target= leaves the target unset: a plan made against a loopback
	// simulator is not applied there on the plan file's word alone.
	res := r.hexform("apply", saved, "--auto-approve", "--target=")
	r.mustCode(res, exitError, "apply of the saved plan without --target")
	if !strings.Contains(res.stderr, "which hexform does not go to on a plan file's word") || r.sim.Stats().Writes != 0 {
		t.Errorf("a plan's loopback target was used without --target (writes %d):\n%s", r.sim.Stats().Writes, res.stderr)
	}
	res = r.hexform("apply", saved, "--auto-approve")
	r.mustCode(res, exitBlocked, "apply of the saved plan (Marketing's deletion unconfirmed)")
	if !strings.Contains(res.stdout, "create group/Analytics Engineering: done") {
		t.Errorf("the saved plan's changes were not applied:\n%s", res.stdout)
	}

	stale := r.dir + "/stale.json"
	r.mustCode(r.hexform("plan", "-f", ws, "--out", stale), exitOK, "second plan --out")
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing"), exitOK, "apply")
	res = r.hexform("apply", stale, "--auto-approve")
	r.mustCode(res, exitError, "apply of a plan made before the workspace changed")
	if !strings.Contains(res.stderr, "stale plan") || !strings.Contains(res.stderr, "changed: groups") {
		t.Errorf("stale plan not explained:\n%s", res.stderr)
	}
}

// TestHexSavedPlanTargetNotTrusted: a plan file whose target was edited to
// another server sends that server nothing, not even the token: without
// --target it is refused, and a hash that is not the expected one is
// refused before any target is opened.
func TestHexSavedPlanTargetNotTrusted(t *testing.T) {
	var hits atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { hits.Add(1) }))
	defer evil.Close()
	r := newE2ERig(t, hexsim.Config{As: "alice@acme.com"})
	ws := r.write("workspace.yaml", e2eWorkspace)
	saved := r.dir + "/saved.json"
	res := r.hexform("plan", "-f", ws, "--out", saved)
	r.mustCode(res, exitOK, "plan --out")
	_, hash, _ := strings.Cut(res.stdout, "Plan hash: ")
	hash = strings.TrimSpace(hash)
	r.write("saved.json", editPlan(t, saved, `"target": "hex:`+r.url+`"`, `"target": "hex:`+evil.URL+`"`))

	res = r.hexform("apply", saved, "--auto-approve", "--target=")
	r.mustCode(res, exitError, "apply of a plan whose target was edited")
	res = r.hexform("apply", saved, "--auto-approve", "--target", evil.URL, "--expect-plan", hash)
	r.mustCode(res, exitError, "apply of an edited plan with the reviewed hash pinned")
	if !strings.Contains(res.stderr, "not the expected "+hash+"; nothing was read or applied") {
		t.Errorf("the hash is not refused first:\n%s", res.stderr)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the edited plan's server got %d requests", n)
	}
}
