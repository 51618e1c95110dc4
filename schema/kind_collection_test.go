package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const collectionFile = `version: 1
workspace: acme
domains: {allowed: [acme.com]}
users:
  - {email: cfo@acme.com, role: admin}
groups:
  - name: Finance
    previously: [Money]
collections:
  - name: Finance reports
    previously: [Finance]
    description: Month-end reporting
    sharing:
      workspace: {members: member}
      groups: {Finance: manager}
      users: {CFO@acme.com: member, ann@acme.com: none}
    protect: true
`

// TestCollectionDecode reads every key of a collection.
func TestCollectionDecode(t *testing.T) {
	ws, ds := Parse("w.yaml", []byte(collectionFile))
	if ds.HasErrors() || len(ds) != 0 {
		t.Fatalf("Parse:\n%s", short(ds))
	}
	member, desc, yes := CollectionMember, "Month-end reporting", true
	want := []Collection{{
		Name: "Finance reports", Previously: []string{"Finance"}, Description: &desc,
		Sharing: &CollectionSharing{
			Workspace: &CollectionWorkspace{Members: &member},
			Groups:    map[string]string{"Finance": CollectionManager},
			Users:     map[string]string{"CFO@acme.com": CollectionMember, "ann@acme.com": AccessNone},
		},
		Protect: &yes,
		Pos:     Pos{File: "w.yaml", Line: 10, Col: 5},
	}}
	if diff := cmp.Diff(want, ws.Collections); diff != "" {
		t.Errorf("collections (-want +got):\n%s", diff)
	}
	out := roundTrip(t, ws)
	if err := schemaCheck(t, out); err != nil {
		t.Errorf("the JSON Schema refuses what Marshal writes: %v\n%s", err, out)
	}
}

// TestCollectionMarshalOrder: Marshal and Format write a collection's keys
// in canonical order, its sharing maps sorted, after packages.
func TestCollectionMarshalOrder(t *testing.T) {
	messy := `version: 1
workspace: acme
collections:
  - protect: false
    sharing:
      users: {zed@acme.com: member, amy@acme.com: manager}
      groups: {Sales: member, Finance: manager}
      workspace: {members: none}
    description: Z
    name: Zeta
  - {name: Alpha}
packages: []
`
	want := `# yaml-language-server: $schema=https://raw.githubusercontent.com/hexform/hexform/main/schema/workspace.schema.json
version: 1
workspace: acme
packages: []
collections:
  - name: Alpha
  - name: Zeta
    description: Z
    sharing:
      workspace: {members: none}
      groups:
        Finance: manager
        Sales: member
      users:
        amy@acme.com: manager
        zed@acme.com: member
    protect: false
`
	canon, err := Marshal(mustParse(t, []byte(messy)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(canon)); diff != "" {
		t.Errorf("Marshal (-want +got):\n%s", diff)
	}
	out, ds := Format("w.yaml", []byte(messy), Options{})
	if ds != nil {
		t.Fatalf("Format: %v", ds)
	}
	for _, order := range [][]string{{"packages:", "collections:"}, {"name: Alpha", "name: Zeta", "description: Z", "sharing:", "protect:"},
		{"workspace: {members", "groups:", "Finance: manager", "Sales: member", "users:", "amy@", "zed@"}} {
		at := -1
		for _, s := range order {
			i := strings.Index(string(out), s)
			if i <= at {
				t.Errorf("Format: %q is not after %v:\n%s", s, order, out)
			}
			at = i
		}
	}
}

func TestCollectionChecks(t *testing.T) {
	managed := "domains: {allowed: [acme.com]}\nusers: [{email: cfo@acme.com, role: admin}]\ngroups: [{name: Finance, previously: [Money]}]\n"
	coll := func(lines ...string) string {
		return "collections:\n  - name: C\n" + "    " + strings.Join(lines, "\n    ") + "\n"
	}
	runChecks(t, []checkCase{
		{"valid", managed + coll("sharing: {workspace: {members: member}, groups: {Finance: manager}, users: {cfo@acme.com: member, bob@acme.com: none}}"), nil},
		{"unknown level", coll("sharing: {workspace: {members: mamber}}"), []string{
			`5:36: error: members "mamber" is not one of none|member|manager | did you mean "member"?`}},
		{"unknown group level", coll("sharing: {groups: {Finance: edit}}"), []string{
			`5:33: error: access "edit" is not one of none|member|manager | use one of: none, member, manager`}},
		{"undeclared group", managed + coll("sharing: {groups: {Finanse: member}}"), []string{
			`8:24: error: collection "C" is shared with undeclared group "Finanse" | did you mean "Finance"?`}},
		{"renamed group", managed + coll("sharing: {groups: {Money: member}}"), []string{
			`8:24: error: collection "C" is shared with group "Money", which was renamed | the group is now called "Finance"`}},
		{"unknown user", managed + coll("sharing: {users: {cfo@acme.com: member, eve@evil.com: member}}"), []string{
			`8:45: error: collection "C" is shared with "eve@evil.com", who is neither a listed user nor in an allowed domain | add the user under users:`}},
		{"users unmanaged", coll("sharing: {users: {eve@evil.com: manager}}"), []string{
			`5:23: warning: collection "C" is shared with "eve@evil.com", who is not a listed user or in a listed domain`}},
		{"user not an email", coll("sharing: {users: {cfo: member}}"), []string{
			`5:23: error: user "cfo" is not an email address | users are listed by email`}},
		{"user twice", managed + coll("sharing: {users: {cfo@acme.com: member, CFO@acme.com: manager}}"), []string{
			`8:45: error: user "CFO@acme.com" is listed twice (first as "cfo@acme.com") | compared case-insensitively`}},
		{"duplicate names", "collections: [{name: C}, {name: C}]\n", []string{
			`3:26: error: duplicate collection "C" (first at line 3)`}},
		{"unknown key", coll("members: {}"), []string{`5:5: error: unknown key "members" in collection | valid keys: name, previously, description, sharing, protect`}},
		{"unknown sharing key", coll("sharing: {public: member}"), []string{`5:15: error: unknown key "public" in sharing | valid keys: workspace, groups, users`}},
		{"ignore", "ignore: {collections: ['Scratch*']}\n", nil},
	})
}

// TestCollectionSchemaAgrees: the JSON Schema refuses what the loader
// refuses in a collection's shape.
func TestCollectionSchemaAgrees(t *testing.T) {
	for _, bad := range []string{
		"collections: [{name: C, sharing: {workspace: {members: mamber}}}]",
		"collections: [{name: C, sharing: {users: {cfo: member}}}]",
		"collections: [{name: C, sharing: {groups: {Finance: edit}}}]",
		"collections: [{description: no name}]",
	} {
		if err := schemaCheck(t, []byte(base+bad+"\n")); err == nil {
			t.Errorf("the JSON Schema accepts %s", bad)
		}
	}
}
