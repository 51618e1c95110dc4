package reconcile

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// applyPlan builds a plan of auto changes; deps maps a change id to the ids it depends on.
func applyPlan(ids []string, deps map[string][]string) *Plan {
	p := &Plan{FormatVersion: FormatVersion, Commit: "abc123"}
	for _, id := range ids {
		p.Changes = append(p.Changes, Change{ID: id, Mode: ModeAuto, DependsOn: deps[id]})
	}
	return p
}

func journalResults(j *fakeJournal) map[string]string {
	m := map[string]string{}
	for _, e := range j.entries {
		m[e.Change] = e.Result
	}
	return m
}

func TestApplyAllAppliedJournalsEveryChange(t *testing.T) {
	p := applyPlan([]string{"create user/a@x.io", "create group/A"}, map[string][]string{"create group/A": {"create user/a@x.io"}})
	f, j := newFakeTarget(), &fakeJournal{}
	var progress []string
	r := Apply(context.Background(), p, f, nil, ApplyOptions{Journal: j, Now: fakeClock(),
		Progress: func(c Change, result string, err error) { progress = append(progress, c.ID+"="+result) }})
	if r.Err != nil || r.ExitCode() != 0 {
		t.Fatalf("Err = %v, exit %d; want nil, 0", r.Err, r.ExitCode())
	}
	if diff := cmp.Diff([]string{"create user/a@x.io", "create group/A"}, f.applied); diff != "" {
		t.Errorf("applied order (-want +got):\n%s", diff)
	}
	// Each change is journaled as started before the target sees it, then with its outcome.
	want := []JournalEntry{
		{Time: fakeClock()(), Change: "create user/a@x.io", Result: "started", Commit: "abc123", Target: "fake:test"},
		{Time: fakeClock()().Add(1e9), Change: "create user/a@x.io", Result: "applied", Commit: "abc123", Target: "fake:test"},
		{Time: fakeClock()().Add(2e9), Change: "create group/A", Result: "started", Commit: "abc123", Target: "fake:test"},
		{Time: fakeClock()().Add(3e9), Change: "create group/A", Result: "applied", Commit: "abc123", Target: "fake:test"},
	}
	if diff := cmp.Diff(want, j.entries); diff != "" {
		t.Errorf("journal (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"create user/a@x.io=applied", "create group/A=applied"}, progress); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
}

func TestApplyPartialFailureSkipsDependentsTransitively(t *testing.T) {
	ids := []string{"create user/a@x.io", "create group/A", "create group/B", "update group/A", "create connection/C", "delete package/old"}
	deps := map[string][]string{
		"update group/A":      {"create group/A"},
		"create connection/C": {"update group/A"},
	}
	f, j := newFakeTarget("create group/A", "delete package/old"), &fakeJournal{}
	r := Apply(context.Background(), applyPlan(ids, deps), f, nil, ApplyOptions{Journal: j, Commit: "override", Now: fakeClock()})

	got := map[string][]string{"applied": r.Applied, "failed": r.Failed, "skipped": r.Skipped}
	want := map[string][]string{
		"applied": {"create user/a@x.io", "create group/B"},
		"failed":  {"create group/A", "delete package/old"},
		"skipped": {"update group/A", "create connection/C"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(r.Applied, f.applied); diff != "" {
		t.Errorf("target saw (-result +target):\n%s", diff)
	}
	if r.ExitCode() != 1 {
		t.Errorf("exit = %d, want 1", r.ExitCode())
	}
	msg := r.Err.Error()
	for _, s := range []string{
		`create group/A: fake target refuses "create group/A"`,
		`delete package/old: fake target refuses`,
		`update group/A: skipped: depends on "create group/A", which was failed`,
		`create connection/C: skipped: depends on "update group/A", which was skipped`,
	} {
		if !strings.Contains(msg, s) {
			t.Errorf("Err lacks %q:\n%s", s, msg)
		}
	}
	var de *DependencyError
	if !errors.As(r.Err, &de) || de.Dependency != "create group/A" {
		t.Errorf("errors.As DependencyError = %+v", de)
	}
	for _, e := range j.entries {
		if e.Commit != "override" {
			t.Errorf("journal commit = %q, want the option's", e.Commit)
		}
		if (e.Result == ResultFailed || e.Result == ResultSkipped) == (e.Error == "") {
			t.Errorf("journal entry %+v: error set iff failed or skipped", e)
		}
	}
	if got := journalResults(j)["create connection/C"]; got != ResultSkipped {
		t.Errorf("journal result for transitive skip = %q", got)
	}
}

func TestApplyBlockedManualUnverifiable(t *testing.T) {
	reason := "needs confirmation"
	p := &Plan{Changes: []Change{
		{ID: "update user/a@x.io", Mode: ModeManual},
		{ID: "create domain/x.io", Mode: ModeUnverifiable},
		{ID: "create group/G", Mode: ModeAuto},
		{ID: "update group/G", Mode: ModeAuto, DependsOn: []string{"update user/a@x.io"}},
		{ID: "delete group/Old", Mode: ModeAuto, Blocked: &reason},
		{ID: "delete connection/C", Mode: ModeAuto, DependsOn: []string{"delete group/Old"}},
	}}
	f, j := newFakeTarget(), &fakeJournal{}
	r := Apply(context.Background(), p, f, nil, ApplyOptions{Journal: j})
	want := map[string]string{
		"update user/a@x.io":  ResultManual,
		"create domain/x.io":  ResultUnverifiable,
		"create group/G":      ResultApplied,
		"update group/G":      ResultSkipped,
		"delete group/Old":    ResultBlocked,
		"delete connection/C": ResultSkipped,
	}
	if diff := cmp.Diff(want, journalResults(j)); diff != "" {
		t.Errorf("journal results (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"create group/G"}, f.applied); diff != "" {
		t.Errorf("target saw (-want +got):\n%s", diff)
	}
	if r.ExitCode() != 3 {
		t.Errorf("exit = %d, want 3 (done except blocked)", r.ExitCode())
	}
	if len(r.Manual) != 1 || len(r.Unverifiable) != 1 || len(r.Blocked) != 1 {
		t.Errorf("result = %+v", r)
	}
	if !strings.Contains(r.Err.Error(), `depends on "update user/a@x.io", which is manual: apply again once it is done`) {
		t.Errorf("Err = %v", r.Err)
	}
}

func TestApplyOnlyManualExitsZero(t *testing.T) {
	p := &Plan{Changes: []Change{{ID: "update user/a@x.io", Mode: ModeManual}}}
	r := Apply(context.Background(), p, newFakeTarget(), nil, ApplyOptions{})
	if r.ExitCode() != 0 || r.Err != nil {
		t.Errorf("exit %d, Err %v; want 0, nil", r.ExitCode(), r.Err)
	}
}

func TestApplyCancelFinishesInFlightChange(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ids := []string{"create group/A", "create group/B", "create group/C", "create group/D"}
	f, j := newFakeTarget(), &fakeJournal{}
	f.onApply = func(c Change) {
		if c.ID == "create group/B" {
			cancel()
		}
	}
	r := Apply(ctx, applyPlan(ids, nil), f, nil, ApplyOptions{Journal: j})
	if diff := cmp.Diff([]string{"create group/A", "create group/B"}, r.Applied); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"create group/C", "create group/D"}, r.NotStarted); diff != "" {
		t.Errorf("not started (-want +got):\n%s", diff)
	}
	for i, err := range f.ctxErrs {
		if err != nil {
			t.Errorf("change %d ran with a cancelled context: %v", i, err)
		}
	}
	if r.ExitCode() != 1 || !errors.Is(r.Err, ErrInterrupted) || !errors.Is(r.Err, context.Canceled) {
		t.Errorf("exit %d, Err %v", r.ExitCode(), r.Err)
	}
	if got := journalResults(j)["create group/D"]; got != ResultNotStarted {
		t.Errorf("journal result = %q, want not_started", got)
	}
}

func TestApplyJournalErrorDoesNotStop(t *testing.T) {
	j := &fakeJournal{failOn: map[string]bool{"create group/A": true}}
	f := newFakeTarget()
	r := Apply(context.Background(), applyPlan([]string{"create group/A", "create group/B"}, nil), f, nil, ApplyOptions{Journal: j})
	if len(f.applied) != 2 || len(j.entries) != 2 { // B started and applied; A failed to journal twice
		t.Fatalf("applied %v, journaled %v", f.applied, j.entries)
	}
	var je *JournalError
	if !errors.As(r.Err, &je) || je.ChangeID != "create group/A" {
		t.Errorf("Err = %v, want a JournalError naming the change", r.Err)
	}
	if r.ExitCode() != 1 {
		t.Errorf("exit = %d, want 1", r.ExitCode())
	}
}

func TestApplyMalformedPlans(t *testing.T) {
	p := &Plan{Changes: []Change{
		{ID: "update group/A", Mode: ModeAuto, DependsOn: []string{"create group/A"}},
		{ID: "create group/A", Mode: ModeAuto},
		{ID: "update group/B", Mode: ModeAuto, DependsOn: []string{"create group/Nowhere"}},
		{ID: "update group/C", Mode: "sometimes"},
	}}
	r := Apply(context.Background(), p, newFakeTarget(), nil, ApplyOptions{})
	if diff := cmp.Diff([]string{"update group/A", "update group/B"}, r.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"update group/C"}, r.Failed); diff != "" {
		t.Errorf("failed (-want +got):\n%s", diff)
	}
	for _, s := range []string{"which has not run yet (check the plan's order)", "which is not in the plan", `unknown mode "sometimes"`} {
		if !strings.Contains(r.Err.Error(), s) {
			t.Errorf("Err lacks %q:\n%v", s, r.Err)
		}
	}
	p.Changes = p.Changes[:3]
	if r := Apply(context.Background(), p, newFakeTarget(), nil, ApplyOptions{}); r.ExitCode() != 1 {
		t.Errorf("exit = %d for a plan with broken dependencies, want 1", r.ExitCode())
	}
}

// TestApplyPanicIsAFailedChange: a panic in a target's Apply fails that
// change (exit 1) instead of ending the process, at any concurrency.
func TestApplyPanicIsAFailedChange(t *testing.T) {
	for _, conc := range []int{1, 4} {
		p := applyPlan([]string{"create group/A", "create group/B"}, nil)
		f := newFakeTarget()
		f.onApply = func(c Change) {
			if c.ID == "create group/A" {
				panic("boom\nsecond line")
			}
		}
		r := Apply(context.Background(), p, f, nil, ApplyOptions{Concurrency: conc})
		if r.ExitCode() != 1 || len(r.Failed) != 1 || r.Failed[0] != "create group/A" {
			t.Fatalf("concurrency %d: exit %d, failed %v; want 1 and [create group/A]", conc, r.ExitCode(), r.Failed)
		}
		if r.Err == nil || !strings.Contains(r.Err.Error(), "internal error applying the change (a bug in hexform): boom") || strings.Contains(r.Err.Error(), "second line") {
			t.Errorf("concurrency %d: error %v does not say, in one line, that it was a bug", conc, r.Err)
		}
		if diff := cmp.Diff([]string{"create group/B"}, f.applied); diff != "" {
			t.Errorf("concurrency %d: applied (-want +got):\n%s", conc, diff)
		}
	}
}
