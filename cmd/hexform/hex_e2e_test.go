package main

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

// e2eState is the workspace hexsim starts from (ids are handed out by hexsim).
const e2eState = `{
  "users": [
    {"email": "alice@acme.com", "name": "Alice", "role": "admin", "active": true},
    {"email": "bob@acme.com", "role": "editor", "active": true},
    {"email": "carol@acme.com", "role": "editor", "active": true},
    {"email": "dan@acme.com", "role": "viewer", "active": true},
    {"email": "eve@gone.example", "role": "editor", "active": true},
    {"email": "gina@acme.com", "role": "viewer", "active": true},
    {"email": "ivan@contractor.example", "role": "editor", "active": true},
    {"email": "olga@acme.com", "role": "editor", "active": false}
  ],
  "groups": [
    {"name": "DS Team", "members": ["alice@acme.com", "carol@acme.com"]},
    {"name": "Marketing", "members": ["gina@acme.com"]},
    {"name": "scim-engineering", "members": ["bob@acme.com"]}
  ],
  "connections": [
    {"name": "Legacy Redshift", "type": "redshift",
     "config": {"host": "rs.acme.internal", "port": 5439, "database": "dw", "username": "hex"},
     "secrets": {"password": "sha256:00"},
     "sharing": {"members": "query", "guests": "none", "public": "none"}},
    {"name": "Warehouse", "type": "snowflake",
     "config": {"account_name": "acme", "warehouse": "WH", "database": "ANALYTICS", "username": "HEX"},
     "secrets": {"passphrase": "sha256:11", "private_key": "sha256:22"},
     "sharing": {"members": "query", "guests": "none", "public": "none", "groups": {"DS Team": "query"}}}
  ]
}`

// e2eWorkspace exercises everything the Hex target can do, and some of what
// it cannot: bob's role change and frank's invitation are manual, deleting
// Legacy Redshift is manual (no API), domains, packages and tags are
// unverifiable. Deleting Marketing is left unconfirmed on purpose.
const e2eWorkspace = `version: 1
workspace: e2e
domains:
  allowed: [acme.com]
  default_role: viewer
users:
  - {email: alice@acme.com, name: Alice, role: admin}
  - {email: bob@acme.com, role: admin}
  - {email: carol@acme.com, role: editor}
  - {email: dan@acme.com, role: viewer}
  - {email: frank@partner.example, role: guest}
groups:
  - name: Data Science
    previously: [DS Team]
    members: [alice@acme.com, dan@acme.com]
  - name: Analytics Engineering
    members: [bob@acme.com, dan@acme.com]
` + e2eConnections + `packages:
  - {name: analytics-utils, repository: acme/analytics-utils, ref: {tag: v1.4.2}}
tags:
  statuses: [{name: Production, endorsed: true}]
  categories: [{name: Internal}]
ignore:
  users: ["*@contractor.example"]
  groups: ["scim-*"]
confirm:
  - deactivate user/eve@gone.example
  - delete connection/Legacy Redshift
`

// e2eConnections is the connections section both workspaces share.
const e2eConnections = `connections:
  - name: Warehouse
    type: snowflake
    config: {account_name: acme, warehouse: WH, database: ANALYTICS, username: HEX}
    secrets:
      private_key: {env: E2E_SF_KEY}
      passphrase: {env: E2E_SF_PASS}
    sharing:
      workspace: {members: query, guests: none, public: none}
      groups: {Data Science: query, Analytics Engineering: view_results}
  - name: Product Postgres
    type: postgres
    config: {hostname: db.acme.internal, port: 5432, database: product, username: hex_reader}
    secrets:
      password: {env: E2E_PG_PASSWORD}
    sharing:
      workspace: {members: view_results, guests: none, public: none}
      groups: {Analytics Engineering: query}
`

// e2eSettled is e2eWorkspace after the manual steps are given up: only what
// the Hex target can read, as the workspace stands after the apply.
const e2eSettled = `version: 1
workspace: e2e
users:
  - {email: alice@acme.com, name: Alice, role: admin}
  - {email: bob@acme.com, role: editor}
  - {email: carol@acme.com, role: editor}
  - {email: dan@acme.com, role: viewer}
  - {email: gina@acme.com, role: viewer}
groups:
  - {name: Data Science, members: [alice@acme.com, dan@acme.com]}
  - {name: Analytics Engineering, members: [bob@acme.com, dan@acme.com]}
` + e2eConnections + `ignore:
  users: ["*@contractor.example"]
  groups: ["scim-*"]
  connections: ["Legacy *"]
`

// e2eManual are the changes the Hex target can read but not make, and the
// kinds it cannot read: they stay in every plan until done in Settings.
var e2eManual = map[string]reconcile.Mode{
	"update user/bob@acme.com":          reconcile.ModeManual,
	"create user/frank@partner.example": reconcile.ModeManual,
	"delete connection/Legacy Redshift": reconcile.ModeManual,
	"update setting/default_role":       reconcile.ModeUnverifiable,
	"create domain/acme.com":            reconcile.ModeUnverifiable,
	"create package/analytics-utils":    reconcile.ModeUnverifiable,
	"create status/Production":          reconcile.ModeUnverifiable,
	"create category/Internal":          reconcile.ModeUnverifiable,
}

// e2eAuto are the changes the Hex target carries out.
var e2eAuto = []string{
	"create connection/Product Postgres",
	"create group/Analytics Engineering",
	"deactivate user/eve@gone.example",
	"delete group/Marketing",
	"rename group/DS Team",
	"update connection/Warehouse",
}

func newE2ERig(t *testing.T, cfg hexsim.Config) *hexRig {
	r := newHexRig(t, cfg, loadState(t, e2eState))
	r.setSecret("E2E_SF_KEY", "sf-private-key-value")
	r.setSecret("E2E_SF_PASS", "sf-passphrase-value")
	r.setSecret("E2E_PG_PASSWORD", "pg-password-value")
	return r
}

// TestHexPlanApplyPlan: plan, apply, and the plan again has nothing the
// target can do; manual and unverifiable changes are listed, never tried.
// The same with an admin's personal token and with a workspace token (Me
// names no user).
func TestHexPlanApplyPlan(t *testing.T) {
	for name, cfg := range map[string]hexsim.Config{
		"personal token":  {As: "alice@acme.com"},
		"workspace token": {WorkspaceToken: true},
	} {
		t.Run(name, func(t *testing.T) { testPlanApplyPlan(t, newE2ERig(t, cfg)) })
	}
}

func testPlanApplyPlan(t *testing.T, r *hexRig) {
	ws := r.write("workspace.yaml", e2eWorkspace)

	p := r.plan(ws)
	want := map[string]reconcile.Mode{}
	for id, m := range e2eManual {
		want[id] = m
	}
	for _, id := range e2eAuto {
		want[id] = reconcile.ModeAuto
	}
	if diff := cmp.Diff(want, modes(p)); diff != "" {
		t.Fatalf("first plan's changes and modes (-want +got):\n%s", diff)
	}
	r.mustCode(r.hexform("plan", "-f", ws, "--detailed-exitcode"), exitChanges, "plan --detailed-exitcode")

	// Marketing's deletion is not confirmed: everything else is applied, exit 3.
	res := r.hexform("apply", "-f", ws, "--auto-approve")
	r.mustCode(res, exitBlocked, "apply without confirming the deletion")
	if !strings.Contains(res.stdout, "blocked: delete group/Marketing") {
		t.Errorf("apply does not name the blocked change:\n%s", res.stdout)
	}
	if got := autoChanges(r.plan(ws)); !slices.Equal(got, []string{"delete group/Marketing"}) {
		t.Errorf("after the first apply, auto changes = %q, want only the blocked deletion", got)
	}

	res = r.hexform("apply", "-f", ws, "--auto-approve", "--confirm", "delete group/Marketing")
	r.mustCode(res, exitOK, "apply with the deletion confirmed")

	p = r.plan(ws)
	if got := autoChanges(p); len(got) != 0 {
		t.Errorf("plan after apply still has changes the target can make: %q", got)
	}
	if diff := cmp.Diff(e2eManual, modes(p)); diff != "" {
		t.Errorf("plan after apply: manual and unverifiable changes (-want +got):\n%s", diff)
	}
	checkE2EState(t, r.sim.Snapshot())

	// Applying again writes nothing, and the manual items do not fail it.
	before := r.sim.Snapshot()
	res = r.hexform("apply", "-f", ws, "--auto-approve")
	r.mustCode(res, exitOK, "second apply")
	if !strings.Contains(res.stdout, "Nothing can be applied") {
		t.Errorf("second apply does not say nothing can be applied:\n%s", res.stdout)
	}
	if d := workspaceDiff(before, r.sim.Snapshot()); d != "" {
		t.Errorf("second apply changed the workspace (-before +after):\n%s", d)
	}

	// Without the manual and unverifiable items, the plan is empty.
	settled := r.write("settled.yaml", e2eSettled)
	res = r.hexform("plan", "-f", settled, "--detailed-exitcode")
	r.mustCode(res, exitOK, "plan --detailed-exitcode of the settled workspace")
	checkDocumented(t, r.sim)
}

// checkE2EState checks the simulator's workspace after the apply.
func checkE2EState(t *testing.T, s *reconcile.Snapshot) {
	t.Helper()
	groups := map[string][]string{}
	for _, g := range s.Groups {
		groups[g.Name] = g.Members
	}
	wantGroups := map[string][]string{
		"Data Science":          {"alice@acme.com", "dan@acme.com"},
		"Analytics Engineering": {"bob@acme.com", "dan@acme.com"},
		"scim-engineering":      {"bob@acme.com"},
	}
	if diff := cmp.Diff(wantGroups, groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	users := map[string]string{}
	for _, u := range s.Users {
		users[u.Email] = fmt.Sprintf("%s active=%v", u.Role, u.Active)
	}
	wantUsers := map[string]string{
		"alice@acme.com": "admin active=true", "bob@acme.com": "editor active=true",
		"carol@acme.com": "editor active=true", "dan@acme.com": "viewer active=true",
		"eve@gone.example": "editor active=false", "gina@acme.com": "viewer active=true",
		"ivan@contractor.example": "editor active=true", "olga@acme.com": "editor active=false",
	}
	if diff := cmp.Diff(wantUsers, users); diff != "" {
		t.Errorf("users: roles are manual and nobody is invited (-want +got):\n%s", diff)
	}
	conns := map[string]reconcile.ConnectionState{}
	for _, c := range s.Connections {
		conns[c.Name] = c
	}
	if len(conns) != 3 || conns["Legacy Redshift"].Type != "redshift" {
		t.Errorf("connections = %v, want Legacy Redshift (never deleted), Product Postgres, Warehouse", conns)
	}
	wantSharing := map[string]reconcile.SharingState{
		"Warehouse": {Members: "query", Guests: "none", Public: "none",
			Groups: map[string]string{"Data Science": "query", "Analytics Engineering": "view_results"}},
		"Product Postgres": {Members: "view_results", Guests: "none", Public: "none",
			Groups: map[string]string{"Analytics Engineering": "query"}},
	}
	for name, want := range wantSharing {
		if diff := cmp.Diff(want, conns[name].Sharing); diff != "" {
			t.Errorf("%s sharing (-want +got):\n%s", name, diff)
		}
	}
	// Secrets: sent on create, not on update (no --rotate-secrets).
	pg := fmt.Sprintf("sha256:%x", sha256.Sum256([]byte("pg-password-value")))
	if got := conns["Product Postgres"].Secrets["password"]; got != pg {
		t.Errorf("Product Postgres password = %q, want the hash of the env value", got)
	}
	if diff := cmp.Diff(map[string]string{"passphrase": "sha256:11", "private_key": "sha256:22"}, conns["Warehouse"].Secrets); diff != "" {
		t.Errorf("Warehouse secrets were sent on an update without --rotate-secrets (-want +got):\n%s", diff)
	}
}

// TestHexNeverDeactivatesTheToken: with a personal token, Me names the user
// applying, and no confirmation lets a plan deactivate it.
func TestHexNeverDeactivatesTheToken(t *testing.T) {
	r := newE2ERig(t, hexsim.Config{As: "eve@gone.example"})
	ws := r.write("workspace.yaml", e2eWorkspace)
	before := r.sim.Snapshot()
	res := r.hexform("apply", "-f", ws, "--auto-approve", "--allow-delete")
	r.mustCode(res, exitError, "apply deactivating the token's own user")
	if !strings.Contains(res.stderr, "invariant") || !strings.Contains(res.stderr, "eve@gone.example") {
		t.Errorf("stderr does not explain the invariant:\n%s", res.stderr)
	}
	if d := workspaceDiff(before, r.sim.Snapshot()); d != "" {
		t.Errorf("an invariant violation changed the workspace (-before +after):\n%s", d)
	}
}
