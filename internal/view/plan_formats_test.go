package view

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

// TestPlanFormats: text ends with the hash apply pins when there are
// changes, json is the plan file, markdown the uncut comment.
func TestPlanFormats(t *testing.T) {
	p := reviewPlan(t)
	out := map[string]string{}
	for _, f := range []string{FormatText, FormatJSON, FormatMarkdown} {
		var b bytes.Buffer
		if err := Plan(&b, p, f, false); err != nil {
			t.Fatal(err)
		}
		out[f] = b.String()
	}
	r := renderings(t, p)
	if want := string(r["plan.txt"]) + "\nPlan hash: " + p.Hash() + "\n"; out[FormatText] != want {
		t.Errorf("text ends %q", out[FormatText][len(out[FormatText])-100:])
	}
	if out[FormatMarkdown] != string(r["plan.md"]) {
		t.Error("markdown differs from PlanMarkdown")
	}
	var j bytes.Buffer
	if err := reconcile.RenderJSON(&j, p); err != nil || out[FormatJSON] != j.String() {
		t.Errorf("json differs from the plan file (%v)", err)
	}
	var b bytes.Buffer
	if err := Plan(&b, renderCase(t, "empty"), FormatText, false); err != nil || strings.Contains(b.String(), "Plan hash") {
		t.Errorf("an empty plan shows a hash (%v): %q", err, b.String())
	}
}
