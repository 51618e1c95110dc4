package main

import (
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
)

// TestHexExportThenPlan: the file export writes plans nothing against the
// workspace it came from, before and after an apply.
func TestHexExportThenPlan(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{})
	ws := r.write("workspace.yaml", e2eWorkspace)
	check := func(when string) {
		t.Helper()
		out := r.write("exported.yaml", "")
		r.mustCode(r.hexform("export", "--out", out, "--workspace", "e2e"), exitOK, "export "+when)
		before := r.sim.Snapshot()
		p := r.plan(out)
		if len(p.Changes) != 0 {
			t.Errorf("%s: the exported file plans %d changes, want none: %v", when, len(p.Changes), modes(p))
		}
		r.mustCode(r.hexform("plan", "-f", out, "--detailed-exitcode"), exitOK, "plan --detailed-exitcode of the export "+when)
		res := r.hexform("apply", "-f", out, "--auto-approve")
		r.mustCode(res, exitOK, "apply of the export "+when)
		if d := workspaceDiff(before, r.sim.Snapshot()); d != "" {
			t.Errorf("%s: applying the export changed the workspace (-before +after):\n%s", when, d)
		}
	}
	check("before the apply")
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing"), exitOK, "apply")
	check("after the apply")
	checkDocumented(t, r.sim)
}
