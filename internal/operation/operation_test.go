package operation

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/filetarget"
	"github.com/hexform/hexform/reconcile"
)

const analysts = "version: 1\nworkspace: demo\ngroups:\n  - {name: Analysts}\n"

const analystsAndFinance = "version: 1\nworkspace: demo\ngroups:\n  - {name: Analysts}\n  - {name: Finance}\n"

var ctx = context.Background()

// changeIDs are the ids of p's changes.
func changeIDs(p *reconcile.Plan) []string {
	var ids []string
	for _, c := range p.Changes {
		ids = append(ids, c.ID)
	}
	return ids
}

// mustApply applies req and fails the test on an error.
func mustApply(t *testing.T, req ApplyRequest) *ApplyResult {
	t.Helper()
	res, err := Apply(ctx, req)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if res.Result == nil || res.Result.Err != nil {
		t.Fatalf("Apply ran nothing or failed: %+v", res.Result)
	}
	return res
}

func TestPlanChangesNothing(t *testing.T) {
	r := newRig(t, analysts)
	res, err := Plan(ctx, r.planRequest())
	if err != nil {
		t.Fatal(err)
	}
	if got := changeIDs(res.Plan); !slices.Equal(got, []string{"create group/Analysts"}) {
		t.Errorf("changes %v, want [create group/Analysts]", got)
	}
	if res.Plan.Target != "file:"+r.state || res.Plan.Source != r.file || res.Invariant != nil {
		t.Errorf("target %q, source %q, invariant %v", res.Plan.Target, res.Plan.Source, res.Invariant)
	}
	if res.Target.Missing == nil || !res.Target.Missing() {
		t.Error("a plan wrote the state file")
	}
	if r.journal() != "" {
		t.Error("a plan wrote the journal")
	}
}

func TestPlanReportsDiagnostics(t *testing.T) {
	r := newRig(t, "version: 1\nworkspace: demo\ngroups:\n  - {name: Analysts, colour: red}\n")
	_, err := Plan(ctx, r.planRequest())
	if err == nil || !strings.Contains(err.Error(), "has 1 error(s); nothing was planned") {
		t.Fatalf("err %v, want the file's error count", err)
	}
	if len(r.rep.diags) != 1 || !strings.Contains(r.rep.diags[0], "workspace.yaml:4:") {
		t.Errorf("diagnostics %q, want one at line 4", r.rep.diags)
	}
	var he *HintError
	if !errors.As(err, &he) || len(he.Hints) != 1 {
		t.Errorf("err %#v, want one hint", err)
	}
}

func TestApplyFromFile(t *testing.T) {
	r := newRig(t, analysts)
	res := mustApply(t, r.applyFile())
	if !slices.Equal(res.Result.Applied, []string{"create group/Analysts"}) {
		t.Errorf("applied %v", res.Result.Applied)
	}
	if got := r.groups(); !slices.Equal(got, []string{"Analysts"}) {
		t.Errorf("state groups %v", got)
	}
	if r.rep.planned != 1 || !slices.Equal(r.rep.progress, []string{"create group/Analysts applied"}) {
		t.Errorf("reported planned %d, progress %v", r.rep.planned, r.rep.progress)
	}
	if !strings.Contains(r.journal(), `"change":"create group/Analysts","result":"applied"`) {
		t.Errorf("journal %q does not record the change", r.journal())
	}
}

func TestApplyFromSavedPlan(t *testing.T) {
	r := newRig(t, analysts)
	path, _ := r.save()
	r.write(analystsAndFinance) // the saved plan, not the file, is applied
	res := mustApply(t, r.applySaved(path))
	if !slices.Equal(res.Result.Applied, []string{"create group/Analysts"}) {
		t.Errorf("applied %v", res.Result.Applied)
	}
	if got := r.groups(); !slices.Equal(got, []string{"Analysts"}) {
		t.Errorf("state groups %v", got)
	}
	if r.rep.planned != 1 || !strings.Contains(r.journal(), `"change":"create group/Analysts","result":"applied"`) {
		t.Errorf("planned %d times, journal %q", r.rep.planned, r.journal())
	}
}

func TestStaleSavedPlanRefused(t *testing.T) {
	r := newRig(t, analysts)
	path, _ := r.save()
	r.write(analystsAndFinance)
	mustApply(t, r.applyFile())
	res, err := Apply(ctx, r.applySaved(path))
	if err == nil || !strings.Contains(err.Error(), "stale plan: file:"+r.state+" changed since "+path+" was made (changed: groups)") {
		t.Fatalf("err %v, want a stale plan naming groups", err)
	}
	if res != nil || r.rep.planned != 1 {
		t.Errorf("result %v, planned %d times: the stale plan reached execution", res, r.rep.planned)
	}
	if strings.Count(r.journal(), "\n") != 4 {
		t.Errorf("journal %q, want the four lines of the apply from the file only", r.journal())
	}
}

func TestSavedPlanWithAnotherHashIsNotRead(t *testing.T) {
	r := newRig(t, analysts)
	path, p := r.save()
	r.opens = 0
	req := r.applySaved(path)
	req.ExpectPlan = "0000"
	_, err := Apply(ctx, req)
	if err == nil || err.Error() != path+" has plan hash "+p.Hash()+", not the expected 0000; nothing was read or applied" {
		t.Fatalf("err %v", err)
	}
	if r.opens != 0 {
		t.Errorf("the target was opened %d times", r.opens)
	}
}

func TestSavedPlanTargetMustBeNamed(t *testing.T) {
	r := newRig(t, analysts)
	path, _ := r.save()
	r.opens = 0
	req := r.applySaved(path)
	req.Target = "" // the plan records an absolute path: not taken on its word
	_, err := Apply(ctx, req)
	if err == nil || !strings.Contains(err.Error(), "which hexform does not go to on a plan file's word") || r.opens != 0 {
		t.Fatalf("err %v after %d opens, want a refusal before opening", err, r.opens)
	}
	req.Target = "file:" + r.dir + "/other.json"
	if _, err = Apply(ctx, req); err == nil || !strings.Contains(err.Error(), "was made for file:"+r.state+", not file:"+r.dir+"/other.json") {
		t.Fatalf("err %v, want the target mismatch", err)
	}
}

// TestLockHeld: apply, from the file or from a saved plan, takes the same
// lock and is refused while another holds it; plan takes none.
func TestLockHeld(t *testing.T) {
	r := newRig(t, analysts)
	path, _ := r.save()
	unlock, err := filetarget.New(r.state, nil).Lock()
	if err != nil {
		t.Fatal(err)
	}
	for name, req := range map[string]ApplyRequest{"file": r.applyFile(), "saved": r.applySaved(path)} {
		res, err := Apply(ctx, req)
		var le *filetarget.LockedError
		if !errors.As(err, &le) || res != nil {
			t.Errorf("%s: result %v, err %v, want a LockedError", name, res, err)
		}
	}
	if _, err := Plan(ctx, r.planRequest()); err != nil {
		t.Errorf("plan under the lock: %v", err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	mustApply(t, r.applySaved(path))
}

// TestFinishUnderTheLock: the outcome is handed over while the target is
// still locked, for both ways of obtaining the plan, and the lock is
// released when Apply returns.
func TestFinishUnderTheLock(t *testing.T) {
	r := newRig(t, analysts)
	path, _ := r.save()
	fromFile := newRig(t, analysts)
	for name, rr := range map[string]*rig{"file": fromFile, "saved": r} {
		req := rr.applyFile()
		if rr == r {
			req = r.applySaved(path)
		}
		finished := errors.New("finished")
		req.Finish = func(_ context.Context, _ *reconcile.Plan, res *reconcile.ApplyResult) error {
			var le *filetarget.LockedError
			if _, err := filetarget.New(rr.state, nil).Lock(); !errors.As(err, &le) {
				t.Errorf("%s: the lock was free in Finish (err %v)", name, err)
			}
			if len(res.Applied) != 1 {
				t.Errorf("%s: Finish got applied %v", name, res.Applied)
			}
			return finished
		}
		if _, err := Apply(ctx, req); !errors.Is(err, finished) {
			t.Errorf("%s: err %v, want Finish's", name, err)
		}
		unlock, err := filetarget.New(rr.state, nil).Lock()
		if err != nil {
			t.Fatalf("%s: the lock outlived Apply: %v", name, err)
		}
		_ = unlock()
	}
}

func TestSavedPlanRequestNamingASource(t *testing.T) {
	r := newRig(t, analysts)
	path, _ := r.save()
	r.opens = 0
	req := r.applySaved(path)
	req.Source = Source{File: r.file, Ref: "main"}
	if _, err := Apply(ctx, req); err == nil || r.opens != 0 {
		t.Errorf("err %v after %d opens, want a refusal", err, r.opens)
	}
}
