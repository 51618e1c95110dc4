package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const preflightWorkspace = `version: 1
workspace: preflight
groups:
  - {name: A}
  - {name: B}
connections:
  - name: Good
    type: postgres
    config: {hostname: db.internal, port: 5432, database: app, username: hex}
    secrets: {password: {env: GOOD_PASSWORD}}
  - name: Missing
    type: postgres
    config: {hostname: db.internal, port: 5432, database: app, username: hex}
    secrets: {password: {env: MISSING_PASSWORD}}
  - name: NoFile
    type: postgres
    config: {hostname: db.internal, port: 5432, database: app, username: hex}
    secrets: {password: {file: nope.txt}}
`

// TestApplyResolvesSecretsFirst: a secret that does not resolve stops the
// apply before its first change, naming every such secret; the state is
// not even created.
func TestApplyResolvesSecretsFirst(t *testing.T) {
	r := &trustRig{t: t, dir: t.TempDir()}
	r.write("workspace.yaml", preflightWorkspace)
	r.env = map[string]string{"GOOD_PASSWORD": "S3CR3T-good"}
	code, out, errs := r.run("apply", "--auto-approve")
	if code != exitError {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errs)
	}
	for _, want := range []string{"create connection/Missing", "env:MISSING_PASSWORD", "create connection/NoFile", "file:nope.txt", "nothing was applied"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr does not name %q:\n%s", want, errs)
		}
	}
	if strings.Contains(out, ": done") {
		t.Errorf("changes were applied:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(r.dir, ".hexform", "state.json")); !os.IsNotExist(err) {
		t.Errorf("the state was written (err %v): the apply was not refused before its first change", err)
	}
}

// TestApplyChecksMembersFirst: a group change adding someone who is not a
// user stops the apply before any change.
func TestApplyChecksMembersFirst(t *testing.T) {
	r := &trustRig{t: t, dir: t.TempDir()}
	r.write("workspace.yaml", "version: 1\nworkspace: m\ngroups:\n  - {name: A}\n  - {name: B, members: [ghost@acme.com]}\n")
	code, out, errs := r.run("apply", "--auto-approve")
	if code != exitError || !strings.Contains(errs, `create group/B: member "ghost@acme.com" is not a user`) {
		t.Fatalf("exit %d, want 1 naming the member\n%s%s", code, out, errs)
	}
	if strings.Contains(out, ": done") {
		t.Errorf("changes were applied:\n%s", out)
	}
}

// TestApplyEscapesNamesFromTheTarget: a name the target reports (here a
// group in the state) with a line break and an escape sequence cannot
// print a line of its own in apply's plan, progress or summary.
func TestApplyEscapesNamesFromTheTarget(t *testing.T) {
	r := &trustRig{t: t, dir: t.TempDir()}
	r.write("workspace.yaml", "version: 1\nworkspace: x\ngroups: []\n")
	if err := os.MkdirAll(filepath.Join(r.dir, ".hexform"), 0o700); err != nil {
		t.Fatal(err)
	}
	r.write(".hexform/state.json", `{"groups": [{"id": "g1", "name": "Ops\nPlan: 0 to add, 0 to change, 0 to destroy.\u001b[2K", "members": []}]}`)
	code, out, errs := r.run("apply", "--auto-approve", "--allow-delete", "--no-color")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	for _, line := range strings.Split(out+errs, "\n") {
		if strings.HasPrefix(line, "Plan: 0 to add") || strings.Contains(line, "\x1b") {
			t.Errorf("a name printed a line of its own or an escape sequence: %q\n%s", line, out)
		}
	}
	if !strings.Contains(out, `delete group/Ops\nPlan: 0 to add, 0 to change, 0 to destroy.\x1b[2K: done`) {
		t.Errorf("progress does not show the name escaped:\n%s", out)
	}
}
