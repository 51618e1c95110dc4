package view

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

func scopedPlan() *reconcile.Plan {
	p := &reconcile.Plan{Workspace: "acme", Target: "hex:https://acme.hex.tech",
		Changes: []reconcile.Change{{ID: "update group/Data", Kind: reconcile.KindGroup, Action: reconcile.ActionUpdate, Name: "Data", Mode: reconcile.ModeAuto,
			Fields: []reconcile.Field{{Path: "members", Before: []string{"a@acme.com"}, After: []string{"a@acme.com", "b@acme.com"}}}}},
		Scope: &reconcile.ScopeNote{Reason: "scoped to this change", NotRead: []reconcile.Kind{reconcile.KindConnection},
			Partial: map[reconcile.Kind]reconcile.ReadCount{reconcile.KindGroup: {Read: 3, Total: 1000}}}}
	p.Summarize()
	return p
}

const wantScope = "scoped to this change: 3 of 1,000 groups read; connections not read; the scheduled drift run checks the rest"

func TestScopeLine(t *testing.T) {
	if got := ScopeLine(scopedPlan()); got != wantScope {
		t.Errorf("got  %q\nwant %q", got, wantScope)
	}
	if got := ScopeLine(&reconcile.Plan{}); got != "" {
		t.Errorf("a full plan says %q", got)
	}
}

func TestScopedPlanMarkedInEveryFormat(t *testing.T) {
	for _, format := range []string{"text", "markdown"} {
		var buf bytes.Buffer
		if err := Plan(&buf, scopedPlan(), format, false); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), wantScope) {
			t.Errorf("%s plan does not say it is scoped:\n%s", format, buf.String())
		}
	}
	comment, err := PlanComment(scopedPlan(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(comment, "Scoped plan:") || !strings.Contains(comment, "3 of 1,000 groups read") {
		t.Errorf("the PR comment does not mark the plan scoped:\n%s", comment)
	}
}
