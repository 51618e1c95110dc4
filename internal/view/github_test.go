package view

import (
	"errors"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/reconcile"
)

func TestCommitStatus(t *testing.T) {
	p := reviewPlan(t)
	for _, tc := range []struct {
		plan      *reconcile.Plan
		invariant error
		state     string
		desc      string
	}{
		{&reconcile.Plan{}, nil, "success", "no changes"},
		{p, nil, "failure", "3 to create, 6 to update, 5 to delete, 4 blocked, 3 manual, 3 unverifiable"},
		{&reconcile.Plan{Summary: reconcile.Summary{Create: 2}}, errors.New("x"), "failure", "breaks an invariant: 2 to create"},
	} {
		state, desc := CommitStatus(tc.plan, tc.invariant)
		if state != tc.state || desc != tc.desc {
			t.Errorf("CommitStatus = %q, %q; want %q, %q", state, desc, tc.state, tc.desc)
		}
	}
}

// TestPlanComment: a plan that can be applied records its hash for apply
// after the merge; one that breaks an invariant says why and records none.
func TestPlanComment(t *testing.T) {
	p := reviewPlan(t)
	body, err := PlanComment(p, nil)
	if err != nil || !strings.HasPrefix(body, ghub.PlanHashLine(p.Hash())+"\n## hexform plan for ") {
		t.Errorf("comment without its hash line (%v):\n%.200s", err, body)
	}
	body, err = PlanComment(p, errors.New("a <b> breaks"))
	if err != nil || !strings.HasPrefix(body, "> [!CAUTION]\n> **This plan cannot be applied:** a &lt;b&gt; breaks\n\n## hexform plan") {
		t.Errorf("invariant comment (%v):\n%.200s", err, body)
	}
	if strings.Contains(body, ghub.PlanHashLine(p.Hash())) {
		t.Error("a plan that cannot be applied records a hash to apply")
	}
}

// TestApplyCommentFits: an apply of many changes is cut under the comment
// limit, with its <details> closed and a note.
func TestApplyCommentFits(t *testing.T) {
	p := &reconcile.Plan{Workspace: "acme", Changes: []reconcile.Change{{ID: "create user/a"}}}
	r := &reconcile.ApplyResult{}
	for i := 0; i < 5000; i++ {
		r.Applied = append(r.Applied, "create user/someone-with-a-long-address@acme.example")
	}
	out := ApplyComment(p, ghub.Env{SHA: "0123456789abcdef"}, "sha256:abc", r)
	if len(out) > CommentLimit || !strings.HasSuffix(out, "_This comment is cut to fit; the job log has the whole outcome._\n") {
		t.Errorf("%d bytes, ends %q", len(out), out[len(out)-80:])
	}
	if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
		t.Error("unbalanced <details>")
	}
}
