package view

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

// TestAccessGainInEveryFormat: a plan that adds bob to Finance, which can
// query the Warehouse, says in JSON, text and Markdown that bob gains query
// on the Warehouse via Finance.
func TestAccessGainInEveryFormat(t *testing.T) {
	p := savedPlan(t, filepath.Join(caseDir, "access-review", "plan.json"))
	want := reconcile.AccessChange{User: "bob@reviewed.example", Resource: "connection/Warehouse", Before: "view_results", After: "query", Via: "group/Finance"}
	found := false
	for _, a := range p.Access.Entries() {
		found = found || a == want
	}
	if !found {
		t.Errorf("plan.json access = %+v, lacks %+v", p.Access, want)
	}
	out := renderings(t, p)
	for file, line := range map[string]string{
		"plan.txt": "\nAccess changes\n  +1 becomes admin",
		"plan.md":  "- **+1** can query `connection/Warehouse` via `group/Finance` (was view_results): `bob@reviewed.example`\n",
	} {
		if !strings.Contains(string(out[file]), line) {
			t.Errorf("%s lacks %q:\n%s", file, line, out[file])
		}
	}
	if !strings.Contains(string(out["plan.txt"]), "  +1 can query connection/Warehouse via group/Finance (was view_results): bob@reviewed.example\n") {
		t.Errorf("plan.txt lacks bob's gain:\n%s", out["plan.txt"])
	}
	txt := string(out["plan.txt"])
	if strings.Index(txt, "Access changes") > strings.Index(txt, "\nUsers\n") {
		t.Errorf("the access section must come before the changes:\n%s", txt)
	}
}

// TestAccessLinesCapNames: a line names at most accessNamesMax users and
// says how many more.
func TestAccessLinesCapNames(t *testing.T) {
	p := &reconcile.Plan{Changes: []reconcile.Change{{ID: "update group/G", Action: reconcile.ActionUpdate, Kind: reconcile.KindGroup, Name: "G"}}}
	var entries []reconcile.AccessChange
	for i := range 222 {
		entries = append(entries, reconcile.AccessChange{User: strings.Repeat("u", 1+i%3) + string(rune('a'+i%26)) + "@x.com", Resource: "connection/W", Before: "none", After: "query", Via: "group/G"})
	}
	p.Access = reconcile.GroupAccess(entries)
	var b bytes.Buffer
	if err := PlanText(&b, p, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "+222 can query connection/W via group/G: ") || !strings.Contains(b.String(), " and 212 more\n") {
		t.Errorf("text:\n%s", b.String())
	}
	b.Reset()
	if err := PlanMarkdown(&b, p, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "- **+222** can query `connection/W` via `group/G`: ") || !strings.Contains(b.String(), " and 212 more\n") {
		t.Errorf("markdown:\n%s", b.String())
	}
}
