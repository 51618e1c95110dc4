package main

import (
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// TestPlanSaysWhatApplyCosts: a Hex plan estimates the requests its apply
// makes, and the apply makes exactly that many, counted by the simulator.
func TestPlanSaysWhatApplyCosts(t *testing.T) {
	r := newHexRig(t, hexsim.Config{}, sizedState(300, 3, make([]int, 12)))
	ws := reconcile.Export(r.sim.Snapshot(), "acme")
	var everyone []string
	for _, u := range ws.Users {
		everyone = append(everyone, u.Email)
	}
	ws.Groups = append(ws.Groups[1:], schema.Group{Name: "All hands", Members: everyone[:250]})
	ws.Groups[2].Members = append(ws.Groups[2].Members, everyone[5])
	ws.Groups[3].Protect = new(bool) // protection has no place on Hex: no request
	*ws.Groups[3].Protect = true
	ws.Confirm = []string{"delete group/group 0000"}
	data, err := schema.Marshal(ws)
	if err != nil {
		t.Fatal(err)
	}
	file := r.write("workspace.yaml", string(data))

	p := r.plan(file)
	c := p.ApplyCost
	if c == nil || c.Limits != "Hex's limits" {
		t.Fatalf("plan has no cost at Hex's limits: %+v", c)
	}
	// The read again, the lease, then: the new group's name checked, created
	// with 100 members and 150 more in two edits; one member added; a delete.
	if c.ByOperation["CreateGroup"] != 1+1 || c.ByOperation["EditGroup"] != 2+1 || c.ByOperation["DeleteGroup"] != 1+1 {
		t.Errorf("cost by operation %v", c.ByOperation)
	}
	text := r.hexform("plan", "-f", file, "--no-color")
	if !strings.Contains(text.stdout, "Applying it costs about ") || !strings.Contains(text.stdout, " at Hex's limits.") {
		t.Errorf("text plan does not say what apply costs:\n%s", text.stdout)
	}

	r.sim.ResetStats()
	r.mustCode(r.hexform("apply", "-f", file, "--auto-approve"), exitOK, "apply")
	st := r.sim.Stats()
	if st.Total != c.Requests {
		t.Errorf("apply made %d requests (%v), the plan said %d (%v)", st.Total, st.Endpoints, c.Requests, c.ByOperation)
	}
}
