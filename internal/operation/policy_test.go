package operation

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hexform/hexform/reconcile"
)

const deleteFinance = "delete group/Finance"

// financeRig is a state holding Analysts and Finance, and a workspace file
// that keeps only Analysts: its plan deletes Finance.
func financeRig(t *testing.T) *rig {
	r := newRig(t, analystsAndFinance)
	mustApply(t, r.applyFile())
	r.write(analysts)
	return r
}

// TestSavedPlanConfirmationDecidedAgain: a plan saved with a confirmation
// flag carries its change out only when the apply confirms it too.
func TestSavedPlanConfirmationDecidedAgain(t *testing.T) {
	r := financeRig(t)
	req := r.planRequest()
	req.Confirm = []string{deleteFinance}
	res, err := Plan(ctx, req)
	if err != nil || len(res.Plan.Changes) != 1 || res.Plan.Changes[0].Blocked != nil {
		t.Fatalf("plan %v, err %v: want one confirmed deletion", res, err)
	}
	path, _ := r.save() // saved without the flag
	got, err := Apply(ctx, r.applySaved(path))
	if err != nil || got.Result == nil || !slices.Equal(got.Result.Blocked, []string{deleteFinance}) {
		t.Fatalf("unconfirmed apply: %+v, err %v; want the deletion blocked", got, err)
	}
	confirmed := r.applySaved(path)
	confirmed.Confirm = []string{deleteFinance}
	if got := mustApply(t, confirmed); !slices.Equal(got.Result.Applied, []string{deleteFinance}) {
		t.Errorf("confirmed apply: applied %v", got.Result.Applied)
	}
	if groups := r.groups(); !slices.Equal(groups, []string{"Analysts"}) {
		t.Errorf("state groups %v", groups)
	}
}

// TestApplySteps: both ways of obtaining a plan go through the gate, the
// expected hash and approval, in that order, and stop at the first refusal
// with the plan in the result and nothing applied.
func TestApplySteps(t *testing.T) {
	r := newRig(t, analysts)
	path, p := r.save()
	refused := errors.New("refused")
	for name, req := range map[string]ApplyRequest{"file": r.applyFile(), "saved": r.applySaved(path)} {
		var steps []string
		req.Gate = func(context.Context, *reconcile.Plan) error { steps = append(steps, "gate"); return nil }
		req.Approve = func(*reconcile.Plan) error { steps = append(steps, "approve"); return refused }
		res, err := Apply(ctx, req)
		if !errors.Is(err, refused) || res == nil || res.Plan.Hash() != p.Hash() || res.Result != nil {
			t.Errorf("%s: result %+v, err %v: want the plan refused by approval", name, res, err)
		}
		if !slices.Equal(steps, []string{"gate", "approve"}) {
			t.Errorf("%s: steps %v", name, steps)
		}
		req.ExpectPlan = "0000"
		steps = nil
		if _, err := Apply(ctx, req); err == nil || !strings.Contains(err.Error(), "not the expected 0000") || slices.Contains(steps, "approve") {
			t.Errorf("%s: err %v after %v: want the hash refused before approval", name, err, steps)
		}
	}
	if r.journal() != "" || len(r.rep.progress) != 0 {
		t.Errorf("journal %q, progress %v: something was applied", r.journal(), r.rep.progress)
	}
}

// TestInvariantRefused: a plan that breaks an invariant is refused whatever
// the flags; Plan returns the violation, Apply says it with hints.
func TestInvariantRefused(t *testing.T) {
	r := newRig(t, "version: 1\nworkspace: demo\nusers:\n  - {email: ann@example.com, role: admin}\n  - {email: bob@example.com, role: admin}\n")
	mustApply(t, r.applyFile())
	r.write("version: 1\nworkspace: demo\nusers:\n  - {email: ann@example.com, role: admin}\n  - {email: bob@example.com, role: editor}\n")
	req := r.applyFile()
	req.As = "bob@example.com"
	req.Confirm = []string{"update user/bob@example.com"}
	req.AllowDelete, req.Force = true, true
	res, err := Apply(ctx, req)
	var he *HintError
	if err == nil || !strings.Contains(err.Error(), "invariant(s) that no flag overrides; nothing was applied") || !errors.As(err, &he) || len(he.Hints) == 0 {
		t.Fatalf("err %v, want the invariant refusal with hints", err)
	}
	if res == nil || res.Result != nil {
		t.Errorf("result %+v, want the plan and nothing run", res)
	}
	pr, err := Plan(ctx, req.PlanRequest)
	var ie *reconcile.InvariantError
	if err != nil || !errors.As(pr.Invariant, &ie) {
		t.Errorf("plan: err %v, invariant %v", err, pr.Invariant)
	}
}
