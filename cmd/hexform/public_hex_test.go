package main

import (
	"os"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
)

// TestHexPublicReadAsQuery: a connection whose public level reads back as
// query (which no request may set) exports without it, the export plans
// nothing, and an edit of its other workspace levels never sends it back.
func TestHexPublicReadAsQuery(t *testing.T) {
	state := strings.Replace(e2eState, `"public": "none", "groups": {"DS Team": "query"}`, `"public": "query", "groups": {"DS Team": "query"}`, 1)
	if state == e2eState {
		t.Fatal("the state has no Warehouse sharing to change")
	}
	r := newHexRig(t, hexsim.Config{}, loadState(t, state))
	r.setSecret("E2E_SF_KEY", "sf-private-key-value")
	r.setSecret("E2E_SF_PASS", "sf-passphrase-value")
	r.setSecret("E2E_PG_PASSWORD", "pg-password-value")

	out := r.write("exported.yaml", "")
	r.mustCode(r.hexform("export", "--out", out, "--workspace", "e2e"), exitOK, "export")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "public: query") {
		t.Errorf("the export writes a public level the schema refuses:\n%s", data)
	}
	if p := r.plan(out); len(p.Changes) != 0 {
		t.Errorf("the export plans %d changes, want none: %v", len(p.Changes), modes(p))
	}

	noPublic := strings.Replace(e2eWorkspace, "workspace: {members: query, guests: none, public: none}",
		"workspace: {members: view_results, guests: none}", 1)
	ws := r.write("workspace.yaml", noPublic)
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing"), exitOK, "apply")
	for _, c := range r.sim.Snapshot().Connections {
		if c.Name == "Warehouse" && (c.Sharing.Members != "view_results" || c.Sharing.Public != "query") {
			t.Errorf("Warehouse sharing after the apply = %+v", c.Sharing)
		}
	}
	if got := autoChanges(r.plan(ws)); len(got) != 0 {
		t.Errorf("plan after the apply: %q", got)
	}
	checkDocumented(t, r.sim)
}
