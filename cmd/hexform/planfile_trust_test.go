package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

const trustFiveGroups = `version: 1
workspace: trust
groups:
  - {name: A}
  - {name: B}
  - {name: C}
  - {name: D}
  - {name: E}
`

const trustOneGroup = `version: 1
workspace: trust
settings: {max_delete_count: 1, max_delete_ratio: 0.1}
groups:
  - {name: A}
  - {name: B}
  - {name: C}
`

// trustRig is a file-target workspace holding five groups, and a saved plan
// that deletes two of them (each unconfirmed, and a mass deletion under the
// file's settings though not under the default limits).
type trustRig struct {
	t    *testing.T
	dir  string
	plan string            // path of the saved plan
	hash string            // the hash plan printed for it
	env  map[string]string // the environment hexform sees
}

func newTrustRig(t *testing.T) *trustRig {
	r := &trustRig{t: t, dir: t.TempDir()}
	r.write("workspace.yaml", trustFiveGroups)
	if code, _, errs := r.run("apply", "--auto-approve"); code != exitOK {
		t.Fatalf("setup apply: exit %d\n%s", code, errs)
	}
	r.write("workspace.yaml", trustOneGroup)
	r.plan = filepath.Join(r.dir, "plan.json")
	code, out, errs := r.run("plan", "--out", r.plan)
	if code != exitOK {
		t.Fatalf("plan --out: exit %d\n%s", code, errs)
	}
	_, h, ok := strings.Cut(out, "Plan hash: ")
	if !ok {
		t.Fatalf("plan printed no hash:\n%s", out)
	}
	r.hash = strings.TrimSpace(h)
	return r
}

func (r *trustRig) write(name, body string) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, name), []byte(body), 0o600); err != nil {
		r.t.Fatal(err)
	}
}

// run runs hexform in-process in the rig's directory.
func (r *trustRig) run(args ...string) (code int, stdout, stderr string) {
	r.t.Helper()
	r.t.Chdir(r.dir)
	var out, errs bytes.Buffer
	code = runWithEnv(context.Background(), args, &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(k string) string { return r.env[k] },
	})
	return code, out.String(), errs.String()
}

// edit rewrites the saved plan as an attacker would: change it, then write
// it back with a plan_hash that matches the edited content (the hash is no
// secret, so anyone can recompute it).
func (r *trustRig) edit(f func(p *reconcile.Plan)) {
	r.t.Helper()
	data, err := os.ReadFile(r.plan)
	if err != nil {
		r.t.Fatal(err)
	}
	var p reconcile.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		r.t.Fatal(err)
	}
	f(&p)
	var buf bytes.Buffer
	if err := reconcile.RenderJSON(&buf, &p); err != nil {
		r.t.Fatal(err)
	}
	r.write("plan.json", buf.String())
}

// groupsLeft counts the groups in the file target's state.
func (r *trustRig) groupsLeft() int {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join(r.dir, ".hexform", "state.json"))
	if err != nil {
		r.t.Fatal(err)
	}
	var st struct {
		Groups []json.RawMessage `json:"groups"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		r.t.Fatal(err)
	}
	return len(st.Groups)
}

func unblockAll(p *reconcile.Plan) {
	for i := range p.Changes {
		p.Changes[i].Blocked = nil
	}
}

// TestSavedPlanBlockedIsRecomputed: a plan file whose blocked fields were
// set to null deletes nothing unconfirmed, with or without the original
// hash pinned.
func TestSavedPlanBlockedIsRecomputed(t *testing.T) {
	r := newTrustRig(t)
	r.edit(unblockAll)
	for _, args := range [][]string{
		{"apply", "--auto-approve", r.plan},
		{"apply", "--auto-approve", "--expect-plan", r.hash, r.plan},
	} {
		code, out, errs := r.run(args...)
		if code != exitBlocked {
			t.Errorf("%v: exit %d, want %d (blocked)\n%s%s", args, code, exitBlocked, out, errs)
		}
		if n := r.groupsLeft(); n != 5 {
			t.Fatalf("%v: %d groups left, want 5: unconfirmed deletes were applied", args, n)
		}
	}
}

// TestSavedPlanRiskIsRecomputed: a plan file whose deletes were lowered to
// low risk is refused, naming the change, and changes nothing.
func TestSavedPlanRiskIsRecomputed(t *testing.T) {
	r := newTrustRig(t)
	r.edit(func(p *reconcile.Plan) {
		unblockAll(p)
		for i := range p.Changes {
			p.Changes[i].Risk = reconcile.RiskLow
		}
	})
	code, _, errs := r.run("apply", "--auto-approve", r.plan)
	if code != exitError || !strings.Contains(errs, `"delete group/D" records risk "low", but the change is high risk`) {
		t.Errorf("exit %d, want 1 naming the lowered risk:\n%s", code, errs)
	}
	if n := r.groupsLeft(); n != 5 {
		t.Fatalf("%d groups left, want 5", n)
	}
}

// TestSavedPlanEditedWithoutRehash: an edit that leaves plan_hash as it was
// is refused when the plan is read.
func TestSavedPlanEditedWithoutRehash(t *testing.T) {
	r := newTrustRig(t)
	data, err := os.ReadFile(r.plan)
	if err != nil {
		t.Fatal(err)
	}
	r.write("plan.json", strings.Replace(string(data), `"risk": "high"`, `"risk": "low"`, 1))
	code, _, errs := r.run("apply", "--auto-approve", r.plan)
	if code != exitError || !strings.Contains(errs, "was edited after it was made") {
		t.Errorf("exit %d, want 1 saying the plan was edited:\n%s", code, errs)
	}
}

// TestSavedPlanPolicyIsHashed: confirmations added to the plan file's
// recorded confirm: list change its hash, so --expect-plan refuses it.
func TestSavedPlanPolicyIsHashed(t *testing.T) {
	r := newTrustRig(t)
	r.edit(func(p *reconcile.Plan) {
		for _, c := range p.Changes {
			p.Policy.Confirm = append(p.Policy.Confirm, c.ID)
		}
	})
	code, _, errs := r.run("apply", "--auto-approve", "--expect-plan", r.hash, r.plan)
	if code != exitError || !strings.Contains(errs, "not the expected "+r.hash) {
		t.Errorf("exit %d, want 1 refusing the hash:\n%s", code, errs)
	}
	if n := r.groupsLeft(); n != 5 {
		t.Fatalf("%d groups left, want 5", n)
	}
}

// TestSavedPlanKeepsMassGuard: the file's mass-deletion settings hold for a
// saved plan as for apply -f: --allow-delete alone deletes nothing.
func TestSavedPlanKeepsMassGuard(t *testing.T) {
	r := newTrustRig(t)
	code, out, errs := r.run("apply", "--auto-approve", "--allow-delete", r.plan)
	if code != exitBlocked || !strings.Contains(out, "mass deletion") {
		t.Errorf("exit %d, want 3 with the mass-deletion guard:\n%s%s", code, out, errs)
	}
	if n := r.groupsLeft(); n != 5 {
		t.Fatalf("%d groups left, want 5", n)
	}
	code, _, errs = r.run("apply", "--auto-approve", "--allow-delete", "--force", r.plan)
	if code != exitOK || r.groupsLeft() != 3 {
		t.Errorf("with --force: exit %d, %d groups left, want 0 and 3\n%s", code, r.groupsLeft(), errs)
	}
}

// TestSavedPlanRefusesFixedFlags: flags that a saved plan fixed are refused.
func TestSavedPlanRefusesFixedFlags(t *testing.T) {
	r := newTrustRig(t)
	for _, flag := range [][]string{{"-f", "workspace.yaml"}, {"--ref", "HEAD"}, {"--rotate-secrets"}} {
		args := append(append([]string{"apply", "--auto-approve"}, flag...), r.plan)
		code, _, errs := r.run(args...)
		if code != exitError || !strings.Contains(errs, "cannot be used with a saved plan") {
			t.Errorf("%v: exit %d, want 1 refusing the flag:\n%s", flag, code, errs)
		}
	}
	if n := r.groupsLeft(); n != 5 {
		t.Fatalf("%d groups left, want 5", n)
	}
}

// TestSavedPlanRefusesAnotherLineage: a saved plan applied to another state
// of the same content (a state file replaced by a copy made elsewhere) is
// refused as stale.
func TestSavedPlanRefusesAnotherLineage(t *testing.T) {
	r := newTrustRig(t)
	state := filepath.Join(r.dir, ".hexform", "state.json")
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	doc["lineage"] = "00000000-0000-4000-8000-000000000000"
	out, _ := json.Marshal(doc)
	if err := os.WriteFile(state, out, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := r.run("apply", "--auto-approve", "--allow-delete", "--force", r.plan)
	if code != exitError || !strings.Contains(errs, "holds another state than the one") {
		t.Errorf("exit %d, want 1 refusing another lineage:\n%s", code, errs)
	}
	if n := r.groupsLeft(); n != 5 {
		t.Fatalf("%d groups left, want 5", n)
	}
}

// TestStalePlanNamesKindsInPlural: the stale-plan message names what
// changed in plural, "statuses" and "categories" included.
func TestStalePlanNamesKindsInPlural(t *testing.T) {
	r := &trustRig{t: t, dir: t.TempDir()}
	r.write("workspace.yaml", "version: 1\nworkspace: s\ntags:\n  statuses: [{name: A}]\n  categories: [{name: C}]\n")
	r.plan = filepath.Join(r.dir, "plan.json")
	if code, _, errs := r.run("plan", "--out", r.plan); code != exitOK {
		t.Fatalf("plan: exit %d\n%s", code, errs)
	}
	if code, _, errs := r.run("apply", "--auto-approve"); code != exitOK {
		t.Fatalf("apply: exit %d\n%s", code, errs)
	}
	code, _, errs := r.run("apply", "--auto-approve", r.plan)
	if code != exitError || !strings.Contains(errs, "(changed: statuses, categories)") {
		t.Errorf("exit %d, want 1 naming statuses and categories:\n%s", code, errs)
	}
}

func TestImplicitTarget(t *testing.T) {
	for target, want := range map[string]bool{
		"file:.hexform/state.json":      true,
		"file:/etc/state.json":          false,
		"file:../elsewhere/state.json":  false,
		"hex:https://app.hex.tech":      true,
		"hex:https://eu.hex.tech/":      true,
		"hex:https://acme.hex.tech":     true,
		"hex:http://app.hex.tech":       false,
		"hex:https://app.hex.tech:8443": false,
		"hex:https://hex.tech.evil.com": false,
		"hex:https://evilhex.tech":      false,
		"hex:http://127.0.0.1:8080":     false,
		"https://app.hex.tech":          false,
	} {
		if got := implicitTarget(target); got != want {
			t.Errorf("implicitTarget(%q) = %v, want %v", target, got, want)
		}
	}
}

// TestSavedPlanSourceIsHashed: the workspace file's directory (where
// relative secret files are read and the journal kept) is part of the
// hash, so a plan file pointed at another directory no longer matches the
// reviewed hash.
func TestSavedPlanSourceIsHashed(t *testing.T) {
	r := newTrustRig(t)
	r.edit(func(p *reconcile.Plan) { p.Source = "/etc/ssl/private/workspace.yaml" })
	code, _, errs := r.run("apply", "--auto-approve", "--expect-plan", r.hash, r.plan)
	if code != exitError || !strings.Contains(errs, "not the expected "+r.hash) {
		t.Errorf("exit %d, want 1 refusing the hash:\n%s", code, errs)
	}
}
