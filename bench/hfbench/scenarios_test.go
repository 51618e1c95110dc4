package main

import (
	"testing"

	"github.com/hexform/hexform/internal/gen"
)

// TestScenarioCounts: on a small workspace, the request counts of each
// scenario, and the pull request plan within the API's minimum plus the
// user pages that map members to ids.
func TestScenarioCounts(t *testing.T) {
	g, err := gen.Generate(gen.Size{Users: 600, Groups: 30, Memberships: 900, Connections: 3}, 1)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := scenarios(g.Current)
	if err != nil {
		t.Fatal(err)
	}
	groups := len(g.Current.Groups)
	want := map[string]int{
		"full plan":                          1 + 2 + 1 + groups + 1 + 1, // Me, 2 user pages, groups, members, connections, collections
		"plan of a connections-only file":    3,                          // Me, groups, connections
		"pull request plan, --scope changed": 1 + 2 + 1 + 1,              // Me, users, groups, one group's members
		"apply of that saved plan":           1 + 2 + 1 + 1 + 1,          // the same, and the edit
	}
	for _, r := range runs {
		if r.stats.Total != want[r.name] {
			t.Errorf("%s: %d requests (%v), want %d", r.name, r.stats.Total, r.stats.Endpoints, want[r.name])
		}
		if r.stats.Total < r.minimum {
			t.Errorf("%s: %d requests, under the minimum %d: the minimum is wrong", r.name, r.stats.Total, r.minimum)
		}
	}
	if runs[0].changes != 0 || runs[2].changes != 1 {
		t.Errorf("the full plan has %d changes (want 0), the pull request plan %d (want 1)", runs[0].changes, runs[2].changes)
	}
}
