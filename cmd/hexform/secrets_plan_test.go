package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/hexform/hexform/reconcile"
)

// refWorkspace is a workspace whose one connection takes its password
// from the variable name.
func refWorkspace(name string) string {
	return `version: 1
workspace: refs
connections:
  - name: PG
    type: postgres
    config: {hostname: db.internal, port: 5432, database: app, username: hex}
    secrets:
      password: {env: ` + name + `}
`
}

// TestPlanShowsSecretReferences: a plan shows where a secret comes from
// (the reference, never the value), and a pull request that points a
// secret at another variable, even one holding the same value, is a
// visible medium-risk change: the new variable could hold anything.
// Text shows "secrets.password: env:PG_PASSWORD (sensitive)", and both
// references when it changed: "env:PG_PASSWORD -> env:PG_OTHER (sensitive)".
func TestPlanShowsSecretReferences(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "workspace.yaml")
	state := filepath.Join(t.TempDir(), "state.json")
	environ := map[string]string{"PG_PASSWORD": "same-value-1234", "PG_OTHER": "same-value-1234"}
	r, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	commitFile(t, wt, dir, "workspace.yaml", refWorkspace("PG_PASSWORD"), 1)
	target := []string{"-f", ws, "--target", "file:" + state, "--no-color"}

	code, out, stderr := runCLI(t, environ, append([]string{"plan"}, target...)...)
	if code != 0 || !strings.Contains(out, "secrets.password: env:PG_PASSWORD (sensitive)") {
		t.Errorf("plan of the create: exit %d, want the reference shown\n%s%s", code, out, stderr)
	}
	if code, out, stderr := runCLI(t, environ, append([]string{"apply", "--auto-approve"}, target...)...); code != 0 {
		t.Fatalf("apply: exit %d\n%s%s", code, out, stderr)
	}

	if err := wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName("feature"), Create: true}); err != nil {
		t.Fatal(err)
	}
	commitFile(t, wt, dir, "workspace.yaml", refWorkspace("PG_OTHER"), 2)
	code, out, stderr = runCLI(t, environ, append([]string{"plan", "--base", "main"}, target...)...)
	if code != 0 || !strings.Contains(out, "secrets.password: env:PG_PASSWORD -> env:PG_OTHER (sensitive)") {
		t.Errorf("plan --base of the changed reference: exit %d, want env:PG_PASSWORD -> env:PG_OTHER shown\n%s%s", code, out, stderr)
	}
	code, out, stderr = runCLI(t, environ, append([]string{"plan", "--base", "main", "-o", "json"}, target...)...)
	if code != 0 {
		t.Fatalf("plan -o json: exit %d\n%s", code, stderr)
	}
	plan := decodeJSONPlan(t, out)
	for what, changes := range map[string][]reconcile.Change{"changes": plan.Changes, "file changes": plan.FileChanges} {
		var found *reconcile.Change
		for i := range changes {
			if changes[i].ID == "update connection/PG" {
				found = &changes[i]
			}
		}
		if found == nil || found.Risk != reconcile.RiskMedium || len(found.Fields) != 1 ||
			found.Fields[0].Before != "env:PG_PASSWORD" || found.Fields[0].After != "env:PG_OTHER" {
			t.Errorf("%s: %+v, want update connection/PG, risk medium, secrets.password env:PG_PASSWORD -> env:PG_OTHER", what, found)
		}
	}
}
