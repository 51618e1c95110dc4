package reconcile

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The groups' JSON is the entries, in the review's order: a resource's
// users by email across its groups; it reads back as the same groups.
func TestAccessGroupsJSON(t *testing.T) {
	entries := []AccessChange{
		{User: "a@x.com", Resource: ResourceRole, Before: "none", After: "viewer", Via: "create user/a@x.com"},
		{User: "b@x.com", Resource: ResourceRole, Before: "editor", After: "none", Via: "deactivate user/b@x.com"},
		{User: "a@x.com", Resource: "connection/W", Before: "none", After: "view_results", Via: "workspace members"},
		{User: "b@x.com", Resource: "connection/W", Before: "query", After: "none", Via: "group/F"},
		{User: "c@x.com", Resource: "connection/W", Before: "none", After: "view_results", Via: "workspace members"},
		{User: "d@x.com", Resource: "connection/W", Before: "query", After: "none", Via: "group/F"},
		{User: "a@x.com", Resource: "connection/Z", Before: "none", After: "query", Via: "group/F"},
	}
	g := GroupAccess(entries)
	if len(g) != 5 || g.Len() != len(entries) {
		t.Fatalf("groups %+v", g)
	}
	if d := cmp.Diff(entries, g.Entries()); d != "" {
		t.Errorf("entries (-want +got):\n%s", d)
	}
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	flat, _ := json.Marshal(entries)
	if string(b) != string(flat) {
		t.Errorf("JSON\n%s\nwant\n%s", b, flat)
	}
	var back AccessGroups
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(g, back); d != "" {
		t.Errorf("read back (-want +got):\n%s", d)
	}
}

// Reading refuses an entry with a key it does not have, and a resource
// whose entries are not together.
func TestAccessGroupsRefuse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`[{"user":"a@x.com","resource":"role","before":"none","after":"viewer","via":"x","extra":1}]`, "unknown field"},
		{`[{"user":"a@x.com","resource":"connection/W","before":"none","after":"query","via":"x"},` +
			`{"user":"a@x.com","resource":"connection/Z","before":"none","after":"query","via":"x"},` +
			`{"user":"b@x.com","resource":"connection/W","before":"none","after":"query","via":"x"}]`, "not together"},
	} {
		var g AccessGroups
		if err := json.Unmarshal([]byte(tc.in), &g); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.in, err, tc.want)
		}
	}
}
