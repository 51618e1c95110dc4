package reconcile

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// bufJournal is a BufferedJournal logging each entry and sync with the
// number of commits the target had made by then.
type bufJournal struct {
	f        *batchFake
	log      []string
	failSync bool
}

func (j *bufJournal) Record(e JournalEntry) error {
	j.log = append(j.log, fmt.Sprintf("record %s=%s", e.Change, e.Result))
	return nil
}

func (j *bufJournal) Append(e JournalEntry) error {
	j.log = append(j.log, fmt.Sprintf("%s=%s@%d", strings.TrimPrefix(e.Change, "create group/"), e.Result, len(j.f.commits)))
	return nil
}

func (j *bufJournal) Sync() error {
	j.log = append(j.log, fmt.Sprintf("sync@%d", len(j.f.commits)))
	if j.failSync {
		return errors.New("disk gone")
	}
	return nil
}

// A batched apply syncs a buffered journal once before each write (after
// every change in it is journaled as started) and once after the batch's
// outcomes, never once per entry.
func TestApplyBatchSyncsJournalPerBatch(t *testing.T) {
	f := &batchFake{}
	j := &bufJournal{f: f}
	r := Apply(context.Background(), batchPlan(3), f, nil, ApplyOptions{BatchSize: 2, Journal: j})
	if len(r.Applied) != 3 || r.Err != nil {
		t.Fatalf("result %+v (%v)", r, r.Err)
	}
	want := "g0=started@0 g1=started@0 sync@0 g0=applied@1 g1=applied@1 sync@1 " +
		"g2=started@1 sync@1 g2=applied@2 sync@2 sync@2"
	if got := strings.Join(j.log, " "); got != want {
		t.Errorf("journal:\n got %s\nwant %s", got, want)
	}
}

// A journal that cannot sync is reported as a journal error; the changes
// are applied all the same, as when a journal entry cannot be recorded.
func TestApplyBatchJournalSyncFails(t *testing.T) {
	f := &batchFake{}
	r := Apply(context.Background(), batchPlan(3), f, nil, ApplyOptions{BatchSize: 2, Journal: &bufJournal{f: f, failSync: true}})
	var je *JournalError
	if len(r.Applied) != 3 || !errors.As(r.Err, &je) || !strings.Contains(r.Err.Error(), "disk gone") || !r.incomplete {
		t.Fatalf("result %+v (%v)", r, r.Err)
	}
}
