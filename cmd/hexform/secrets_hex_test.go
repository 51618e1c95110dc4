package main

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

// TestHexRotateSecrets: secrets are write-only on Hex. Once applied they
// never show as a change again, until --rotate-secrets, whose plan names
// every secret field it would send and whose apply sends the current values.
func TestHexRotateSecrets(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{})
	ws := r.write("workspace.yaml", e2eWorkspace)
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing"), exitOK, "apply")
	if got := autoChanges(r.plan(ws)); len(got) != 0 {
		t.Fatalf("after apply: %q", got)
	}

	r.setSecret("E2E_SF_PASS", "sf-passphrase-rotated")
	if got := autoChanges(r.plan(ws)); len(got) != 0 {
		t.Errorf("a new secret value planned %q without --rotate-secrets (Hex cannot compare secrets)", got)
	}
	p := r.plan(ws, "--rotate-secrets")
	got := map[string][]string{}
	for _, c := range p.Changes {
		if c.Mode != reconcile.ModeAuto {
			continue
		}
		for _, f := range c.Fields {
			if !f.Sensitive {
				t.Errorf("%s: --rotate-secrets also changes %s", c.ID, f.Path)
			}
			got[c.ID] = append(got[c.ID], f.Path)
		}
	}
	for _, paths := range got {
		slices.Sort(paths)
	}
	want := map[string][]string{
		"update connection/Product Postgres": {"secrets.password"},
		"update connection/Warehouse":        {"secrets.passphrase", "secrets.private_key"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plan --rotate-secrets (-want +got):\n%s", diff)
	}

	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve", "--rotate-secrets"), exitOK, "apply --rotate-secrets")
	hash := func(s string) string { return fmt.Sprintf("sha256:%x", sha256.Sum256([]byte(s))) }
	for _, c := range r.sim.Snapshot().Connections {
		if c.Name == "Warehouse" {
			want := map[string]string{"passphrase": hash("sf-passphrase-rotated"), "private_key": hash("sf-private-key-value")}
			if diff := cmp.Diff(want, c.Secrets); diff != "" {
				t.Errorf("Warehouse secrets after rotation (-want +got):\n%s", diff)
			}
		}
	}
	if got := autoChanges(r.plan(ws)); len(got) != 0 {
		t.Errorf("after rotation: %q", got)
	}
}
