package main

import (
	"context"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/hexform/hexform/internal/hexapi"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// TestPlanScopeChangedOnHex: a pull request's plan that changes one
// group's members reads only that group (and the users, Me and the group
// list), says so, and its saved plan applies after reading that part again.
func TestPlanScopeChangedOnHex(t *testing.T) {
	state := sizedState(40, 2, make([]int, 20))
	r := newHexRig(t, hexsim.Config{}, state)
	file := oneMemberAddedOnMain(t, r)

	r.sim.ResetStats()
	res := r.hexform("plan", "-f", file, "--base", "main", "--scope", "changed", "--no-color", "--out", r.dir+"/plan.json")
	r.mustCode(res, exitOK, "plan --scope changed")
	if n := r.sim.Stats().Total; n != 4 {
		t.Errorf("scoped plan made %d requests (%v), want 4: Me, users, groups, one group's members", n, r.sim.Stats().Endpoints)
	}
	want := "scoped to this change: 1 of 20 groups read; connections, collections not read; the scheduled drift run checks the rest"
	if !strings.Contains(res.stdout, want) || !strings.Contains(res.stdout, "group 0003") {
		t.Errorf("plan output lacks the scope note or the change:\n%s", res.stdout)
	}

	r.sim.ResetStats()
	res = r.hexform("apply", r.dir+"/plan.json", "--auto-approve")
	r.mustCode(res, exitOK, "apply PLANFILE")
	// Me, users, groups, one group's members, the edit; and the workspace
	// lease: list the groups, create the lease, list again, delete it.
	if n := r.sim.Stats().Total; n != 5+4 {
		t.Errorf("apply of the saved plan made %d requests (%v), want 9", n, r.sim.Stats().Endpoints)
	}
	if got := r.sim.Snapshot().Groups[3].Members; !strings.Contains(strings.Join(got, ","), "user0009@acme.com") {
		t.Errorf("group 0003 has %q", got)
	}

	res = r.hexform("plan", "-f", file, "--scope", "changed")
	if res.code == exitOK || !strings.Contains(res.stderr, "--scope changed needs --base") {
		t.Errorf("--scope changed without --base: exit %d\n%s", res.code, res.stderr)
	}
}

// TestApplyScopeChangedAtMerge: the merge's apply, computed with the same
// --base and --scope changed as the pull request's plan, is that plan (the
// same hash) even when the workspace drifted elsewhere meanwhile, and
// carries out only that change; the drift is left to the drift run.
func TestApplyScopeChangedAtMerge(t *testing.T) {
	r := newHexRig(t, hexsim.Config{}, sizedState(40, 2, make([]int, 20)))
	file := oneMemberAddedOnMain(t, r)
	reviewed := r.plan(file, "--base", "main", "--scope", "changed")

	// Drift elsewhere: a group made in Hex by hand, which a full plan
	// would delete.
	c, err := hexapi.NewClient(r.url, rigToken)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Groups.Create(context.Background(), "made by hand", nil); err != nil {
		t.Fatal(err)
	}
	if full := r.plan(file); full.Hash() == reviewed.Hash() {
		t.Fatal("the full plan ignores the drift: the check below proves nothing")
	}

	res := r.hexform("apply", "-f", file, "--base", "main", "--scope", "changed", "--auto-approve", "--expect-plan", reviewed.Hash())
	r.mustCode(res, exitOK, "apply --scope changed at merge")
	names := map[string]bool{}
	for _, g := range r.sim.Snapshot().Groups {
		names[g.Name] = true
		if g.Name == "group 0003" && !strings.Contains(strings.Join(g.Members, ","), "user0009@acme.com") {
			t.Errorf("group 0003 has %q", g.Members)
		}
	}
	if !names["made by hand"] {
		t.Error("the scoped apply deleted a group it did not read")
	}
}

// oneMemberAddedOnMain commits the simulator's workspace, exported, on
// main in the rig's directory, and writes beside it the file that adds
// user0009 to group 0003: a pull request's change.
func oneMemberAddedOnMain(t *testing.T, r *hexRig) string {
	t.Helper()
	ws := reconcile.Export(r.sim.Snapshot(), "acme")
	base, err := schema.Marshal(ws)
	if err != nil {
		t.Fatal(err)
	}
	ws.Groups[3].Members = append(ws.Groups[3].Members, "user0009@acme.com")
	head, err := schema.Marshal(ws)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainInitWithOptions(r.dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")}})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	commitFile(t, wt, r.dir, "workspace.yaml", string(base), 1)
	return r.write("workspace.yaml", string(head))
}
