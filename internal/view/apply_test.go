package view

import (
	"bytes"
	"errors"
	"testing"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/reconcile"
)

// TestApplyLinesEscapeNames: an id or a server message cannot print a
// line of its own in apply's progress and outcome.
func TestApplyLinesEscapeNames(t *testing.T) {
	var b bytes.Buffer
	c := reconcile.Change{ID: "create group/x\nApply complete: 9 applied"}
	ApplyProgress(&b, c, reconcile.ResultApplied, nil)
	ApplyProgress(&b, c, reconcile.ResultFailed, errors.New("server said\r\nok"))
	ApplyProgress(&b, c, reconcile.ResultNotStarted, nil)
	ApplyOutcome(&b, &reconcile.ApplyResult{Applied: []string{"a"}, Blocked: []string{"delete group/y\x1b[2K"}})
	want := `create group/x\nApply complete: 9 applied: done
create group/x\nApply complete: 9 applied: failed: server said\r\nok
create group/x\nApply complete: 9 applied: not started

Apply complete: 1 applied, 0 failed, 0 skipped, 1 blocked, 0 manual, 0 not started.
  blocked: delete group/y\x1b[2K (confirm with: - delete group/y\x1b[2K)
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestApplyReportOutcomes: every change of the plan is in the report, the
// ones apply did not reach as not applied, with a failed change's error.
func TestApplyReportOutcomes(t *testing.T) {
	p := &reconcile.Plan{Changes: []reconcile.Change{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
	r := &reconcile.ApplyResult{Applied: []string{"a"}, Failed: []string{"b"},
		Err: multierror.Append(nil, &reconcile.ChangeError{ChangeID: "b", Result: reconcile.ResultFailed, Err: errors.New("boom")})}
	rep := NewApplyReport(p, r, 1, "1 change(s) did not apply")
	got := rep.Changes
	want := []ChangeOutcome{{ID: "a", Outcome: "applied"}, {ID: "b", Outcome: "failed", Error: "boom"}, {ID: "c", Outcome: OutcomeNotApplied}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if rep.Summary.Applied != 1 || rep.Summary.Failed != 1 || rep.ExitCode != 1 {
		t.Errorf("summary %+v, exit %d", rep.Summary, rep.ExitCode)
	}
}
