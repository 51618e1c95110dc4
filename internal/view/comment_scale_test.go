package view

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// largePlan invites n users and, besides, changes a group, creates a
// connection shared with it, makes a status and deletes another (blocked).
func largePlan(n int) *reconcile.Plan {
	want := &schema.Workspace{Version: 1, Workspace: "big"}
	want.Users = append(want.Users, schema.User{Email: "admin@big.example", Role: schema.RoleAdmin})
	var finance []string
	for i := range n {
		email := fmt.Sprintf("user%05d@big.example", i)
		want.Users = append(want.Users, schema.User{Email: email, Role: schema.RoleEditor})
		if i < 30 {
			finance = append(finance, email)
		}
	}
	want.Groups = []schema.Group{{Name: "Finance", Members: finance}}
	want.Connections = []schema.Connection{{Name: "Warehouse", Type: "postgres", Config: map[string]any{"hostname": "db"},
		Sharing: &schema.Sharing{Groups: map[string]string{"Finance": "query"}}}}
	want.Tags = &schema.Tags{Statuses: []schema.Status{{Name: "New"}}}
	have := &reconcile.Snapshot{
		Users:    []reconcile.UserState{{ID: "u0", Email: "admin@big.example", Role: schema.RoleAdmin, Active: true}},
		Groups:   []reconcile.GroupState{{ID: "g1", Name: "Finance", Members: []string{"admin@big.example"}}},
		Statuses: []reconcile.StatusState{{ID: "s1", Name: "Old"}},
	}
	p := reconcile.Diff(want, have, reconcile.Options{Target: "file:state.json"})
	if err := reconcile.Check(p, want, have, reconcile.Policy{}); err != nil {
		panic(err)
	}
	return p
}

// TestPlanCommentAtScale: a plan of thousands of user creates and a few
// changes of other kinds fits in a comment that still shows every kind,
// the access changes and the blocked change.
func TestPlanCommentAtScale(t *testing.T) {
	p := largePlan(3000)
	if p.Summary.Blocked != 1 {
		t.Fatalf("the test plan has %d blocked changes, want 1", p.Summary.Blocked)
	}
	body, err := PlanComment(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(body) > CommentLimit {
		t.Fatalf("comment is %d bytes, over %d", len(body), CommentLimit)
	}
	kinds, by := changesByKind(p.Changes)
	for _, k := range kinds {
		head := fmt.Sprintf("<details><summary>%s (%d)</summary>\n\n- `", k.Title(), len(by[k]))
		if !strings.Contains(body, head) {
			t.Errorf("the comment shows no %s change", k.Title())
		}
	}
	for _, want := range []string{
		"### Access changes\n",
		"- **+30** can query `connection/Warehouse` via `group/Finance`: ",
		"- **+3000** joins as editor: ",
		"- :no_entry: **blocked** `delete status/Old`",
		"- … and ", " more (the job log has them all)\n",
		"changes are not shown. The full plan is in the job log._\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q", want)
		}
	}
	if strings.Count(body, "<details>") != strings.Count(body, "</details>") {
		t.Error("unbalanced <details>")
	}
}

// TestJobSummaryCapped: the job summary fits GitHub's 1 MiB and keeps
// every kind.
func TestJobSummaryCapped(t *testing.T) {
	p := largePlan(12000)
	full := markdown(p, mdBudget{perKind: -1, risky: -1})
	if len(full) <= JobSummaryLimit {
		t.Fatalf("the test plan's Markdown is %d bytes, not over the %d limit", len(full), JobSummaryLimit)
	}
	s := JobSummary(p)
	if len(s) > JobSummaryLimit {
		t.Fatalf("job summary is %d bytes, over %d", len(s), JobSummaryLimit)
	}
	for _, k := range []string{"Users", "Groups", "Connections", "Statuses"} {
		if !strings.Contains(s, "<details><summary>"+k+" (") {
			t.Errorf("the job summary lacks %s", k)
		}
	}
}
