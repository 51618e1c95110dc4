package reconcile

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// batchFake is a BatchTarget recording what it staged and committed.
type batchFake struct {
	commits   [][]string // change ids per commit
	failStage map[string]bool
	failWrite bool
	onStage   func(c Change)
	staged    []string
}

func (f *batchFake) Name() string                                { return "fake:batch" }
func (f *batchFake) Capabilities() Capabilities                  { return AllCapabilities() }
func (f *batchFake) Snapshot(context.Context) (*Snapshot, error) { return &Snapshot{}, nil }
func (f *batchFake) Apply(context.Context, Change, SecretResolver) error {
	return errors.New("Apply called on a batch target")
}
func (f *batchFake) Begin(context.Context, SecretResolver) (Batch, error) {
	f.staged = nil
	return f, nil
}
func (f *batchFake) Stage(c Change) error {
	if f.onStage != nil {
		f.onStage(c)
	}
	if f.failStage[c.ID] {
		return errors.New("refused")
	}
	f.staged = append(f.staged, c.ID)
	return nil
}
func (f *batchFake) Commit() error {
	if f.failWrite {
		return errors.New("disk full")
	}
	f.commits = append(f.commits, f.staged)
	return nil
}

type memJournal struct{ lines []string }

func (j *memJournal) Record(e JournalEntry) error {
	j.lines = append(j.lines, e.Change+"="+e.Result)
	return nil
}

func batchPlan(n int) *Plan {
	p := &Plan{}
	for i := range n {
		name := fmt.Sprintf("g%d", i)
		p.Changes = append(p.Changes, Change{ID: ChangeID(ActionCreate, KindGroup, name), Action: ActionCreate, Kind: KindGroup, Name: name, Mode: ModeAuto})
	}
	return p
}

// Changes are written BatchSize at a time, never one by one, and each is
// journaled as started before its batch is written and applied after.
func TestApplyBatches(t *testing.T) {
	f, j := &batchFake{}, &memJournal{}
	r := Apply(context.Background(), batchPlan(5), f, nil, ApplyOptions{BatchSize: 2, Journal: j})
	if len(r.Applied) != 5 || r.Err != nil {
		t.Fatalf("result %+v", r)
	}
	if got := fmt.Sprint(f.commits); got != "[[create group/g0 create group/g1] [create group/g2 create group/g3] [create group/g4]]" {
		t.Errorf("commits = %s", got)
	}
	if got := strings.Join(j.lines[:4], " "); got != "create group/g0=started create group/g1=started create group/g0=applied create group/g1=applied" {
		t.Errorf("journal = %s", got)
	}
}

// A failed write fails every change of its batch, and the changes that
// depend on them are skipped.
func TestApplyBatchWriteFails(t *testing.T) {
	p := batchPlan(2)
	p.Changes[1].DependsOn = []string{p.Changes[0].ID}
	p.Changes = append(p.Changes, Change{ID: "update group/g0", Action: ActionUpdate, Kind: KindGroup, Name: "g0", Mode: ModeAuto, DependsOn: []string{p.Changes[0].ID}})
	f := &batchFake{failWrite: true}
	r := Apply(context.Background(), p, f, nil, ApplyOptions{BatchSize: 2})
	if len(r.Applied) != 0 || len(r.Failed) != 2 || len(r.Skipped) != 1 || !strings.Contains(r.Err.Error(), "disk full") {
		t.Fatalf("result %+v (%v)", r, r.Err)
	}
}

// A change that fails to stage fails alone; one depending on it is skipped,
// one depending on a staged change runs in the same batch.
func TestApplyBatchStageFails(t *testing.T) {
	p := batchPlan(3)
	p.Changes[1].DependsOn = []string{p.Changes[0].ID}
	p.Changes[2].DependsOn = []string{p.Changes[1].ID}
	f := &batchFake{failStage: map[string]bool{p.Changes[1].ID: true}}
	r := Apply(context.Background(), p, f, nil, ApplyOptions{})
	if fmt.Sprint(r.Applied, r.Failed, r.Skipped) != "[create group/g0] [create group/g1] [create group/g2]" {
		t.Fatalf("result %+v", r)
	}
	if got := fmt.Sprint(f.commits); got != "[[create group/g0]]" {
		t.Errorf("commits = %s", got)
	}
}

// Once the apply is interrupted no change is staged; the ones staged so far
// are written and applied, the rest not started.
func TestApplyBatchInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &batchFake{}
	f.onStage = func(c Change) {
		if c.Name == "g2" {
			cancel()
		}
	}
	r := Apply(ctx, batchPlan(5), f, nil, ApplyOptions{})
	if len(r.Applied) != 3 || len(r.NotStarted) != 2 || r.ExitCode() != 1 {
		t.Fatalf("result %+v", r)
	}
	if got := fmt.Sprint(f.commits); got != "[[create group/g0 create group/g1 create group/g2]]" {
		t.Errorf("commits = %s", got)
	}
}
