package main

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hexform/hexform/internal/hexsim"
	"github.com/hexform/hexform/reconcile"
)

// documentedOps are the operations of Hex's API document that hexform may
// call (its operationIds, as hexsim counts them). A request to anything
// else (hexsim's "NotFound") is one the document does not allow.
var documentedOps = []string{
	"Me", "ListUsers", "DeactivateUser",
	"ListGroups", "CreateGroup", "GetGroup", "EditGroup", "DeleteGroup",
	"ListDataConnections", "CreateDataConnection", "GetDataConnection", "EditDataConnection",
	"ListCollections", "CreateCollection", "GetCollection", "EditCollection",
}

// checkDocumented fails the test when the simulator saw a request to an
// operation the API document does not have.
func checkDocumented(t *testing.T, sim *hexsim.Server) {
	t.Helper()
	for op, n := range sim.Stats().Endpoints {
		if !slices.Contains(documentedOps, op) {
			t.Errorf("%d requests to %s, which the API document does not allow", n, op)
		}
	}
}

// collState has a collection to rename whose sharing with carol the file
// does not manage, and one (Attic) the file leaves out.
const collState = `{
  "users": [
    {"email": "alice@acme.com", "role": "admin", "active": true},
    {"email": "bob@acme.com", "role": "editor", "active": true},
    {"email": "carol@acme.com", "role": "editor", "active": true}
  ],
  "groups": [
    {"name": "Finance", "members": ["alice@acme.com"]},
    {"name": "Data", "members": ["bob@acme.com"]}
  ],
  "collections": [
    {"name": "Finance", "description": "Old", "sharing": {"members": "none", "groups": {"Finance": "member"}, "users": {"carol@acme.com": "manager"}}},
    {"name": "Attic", "sharing": {"members": "member"}}
  ]
}`

const collHead = `version: 1
workspace: coll
users:
  - {email: alice@acme.com, role: admin}
  - {email: bob@acme.com, role: editor}
  - {email: carol@acme.com, role: editor}
groups:
  - {name: Finance, members: [alice@acme.com]}
  - {name: Data, members: [bob@acme.com]}
`

const collWorkspace = collHead + `collections:
  - name: Finance reports
    previously: [Finance]
    description: Month-end reporting
    sharing:
      workspace: {members: member}
      groups: {Finance: manager}
  - name: Board
    sharing:
      groups: {Data: member}
      users: {bob@acme.com: manager}
confirm:
  - delete collection/Attic
`

// collRevoked takes bob's access to Board away (the users map is the whole
// list) and leaves Attic alone.
const collRevoked = collHead + `collections:
  - name: Finance reports
    description: Month-end reporting
    sharing:
      workspace: {members: member}
      groups: {Finance: manager}
  - name: Board
    sharing:
      groups: {Data: member}
      users: {}
ignore:
  collections: [Attic]
`

// TestHexCollectionsRoundTrip: collections are created, renamed, described
// and shared through the API, a collection's delete is a manual step, the
// plan after the apply is empty, an entry the file does not manage stays,
// and the export plans nothing; every request is one the document allows.
func TestHexCollectionsRoundTrip(t *testing.T) {
	r := newHexRig(t, hexsim.Config{}, loadState(t, collState))
	ws := r.write("workspace.yaml", collWorkspace)
	want := map[string]reconcile.Mode{
		"rename collection/Finance": reconcile.ModeAuto,
		"create collection/Board":   reconcile.ModeAuto,
		"delete collection/Attic":   reconcile.ModeManual,
	}
	if d := cmp.Diff(want, modes(r.plan(ws))); d != "" {
		t.Fatalf("plan (-want +got):\n%s", d)
	}
	r.mustCode(r.hexform("apply", "-f", ws, "--auto-approve"), exitOK, "apply")
	if d := cmp.Diff(map[string]reconcile.Mode{"delete collection/Attic": reconcile.ModeManual}, modes(r.plan(ws))); d != "" {
		t.Errorf("plan after the apply (-want +got):\n%s", d)
	}
	colls := map[string]reconcile.CollectionState{}
	for _, c := range r.sim.Snapshot().Collections {
		c.ID = ""
		colls[c.Name] = c
	}
	wantColls := map[string]reconcile.CollectionState{
		"Finance reports": {Name: "Finance reports", Description: "Month-end reporting", Sharing: reconcile.CollectionSharing{
			Members: "member", Groups: map[string]string{"Finance": "manager"}, Users: map[string]string{"carol@acme.com": "manager"}}},
		"Board": {Name: "Board", Sharing: reconcile.CollectionSharing{
			Members: "none", Groups: map[string]string{"Data": "member"}, Users: map[string]string{"bob@acme.com": "manager"}}},
		"Attic": {Name: "Attic", Sharing: reconcile.CollectionSharing{Members: "member"}},
	}
	if d := cmp.Diff(wantColls, colls); d != "" {
		t.Errorf("collections after the apply (-want +got):\n%s", d)
	}

	revoked := r.write("revoked.yaml", collRevoked)
	r.mustCode(r.hexform("apply", "-f", revoked, "--auto-approve"), exitOK, "apply taking bob's access away")
	r.mustCode(r.hexform("plan", "-f", revoked, "--detailed-exitcode"), exitOK, "plan after taking bob's access away")
	for _, c := range r.sim.Snapshot().Collections {
		if c.Name == "Board" && len(c.Sharing.Users) != 0 {
			t.Errorf("Board is still shared with %v", c.Sharing.Users)
		}
	}

	out := r.write("exported.yaml", "")
	r.mustCode(r.hexform("export", "--out", out, "--workspace", "coll"), exitOK, "export")
	if p := r.plan(out); len(p.Changes) != 0 {
		t.Errorf("the exported file plans %d changes, want none: %v", len(p.Changes), modes(p))
	}
	r.mustCode(r.hexform("plan", "-f", out, "--detailed-exitcode"), exitOK, "plan --detailed-exitcode of the export")
	checkDocumented(t, r.sim)
}
