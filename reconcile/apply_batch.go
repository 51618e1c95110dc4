package reconcile

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"
)

// BatchSize is how many changes Apply stages in one batch of a BatchTarget
// before it commits them: the bound on the work a crash can take back.
const BatchSize = 256

// BufferedJournal is a Journal that can take entries without making each
// durable on its own. A batched apply appends its entries and syncs them
// once before each batch is written, so that every change the write holds
// is durably journaled as started first, and once after the batch's
// outcomes: a sync per batch instead of two per change.
type BufferedJournal interface {
	Journal
	// Append records e without syncing it.
	Append(e JournalEntry) error
	// Sync makes every entry appended so far durable.
	Sync() error
}

// appending is a batched run's journal: Record appends.
type appending struct{ BufferedJournal }

func (j appending) Record(e JournalEntry) error { return j.Append(e) }

// batches carries out the plan against a BatchTarget: each change that may
// run is journaled as started and staged in order; every BatchSize staged
// changes, and at the end, the batch is committed and only then are its
// changes recorded as applied. A change whose dependency is staged may run
// in the same batch (the batch holds what it needs), and fails with it if
// the commit fails. Once ctx is cancelled no further change is staged; the
// batch so far is committed.
func (a *applyRun) batches(ctx context.Context, bt BatchTarget, secrets SecretResolver) {
	if bj, ok := a.opts.Journal.(BufferedJournal); ok {
		a.opts.Journal = appending{bj}
		defer a.syncJournal("")
	}
	var b Batch
	var staged []Change
	size := a.opts.BatchSize
	if size <= 0 {
		size = BatchSize
	}
	for _, c := range a.plan.Changes {
		if ctx.Err() != nil {
			a.finish(c, ResultNotStarted, interrupted(ctx))
			continue
		}
		if result, err, run := a.decide(c); !run {
			a.finish(c, result, err)
			continue
		}
		if b == nil {
			var err error
			if b, err = bt.Begin(context.WithoutCancel(ctx), secrets); err != nil {
				a.finish(c, ResultFailed, err)
				b = nil
				continue
			}
		}
		if jerr := a.record(c, ResultStarted, nil); jerr != nil {
			a.journalErrs = append(a.journalErrs, &JournalError{ChangeID: c.ID, Err: jerr})
		}
		if err := safeStage(b, c); err != nil {
			a.finish(c, ResultFailed, err)
			continue
		}
		a.outcome[c.ID] = ResultApplied // for the changes staged after it
		if staged = append(staged, c); len(staged) >= size {
			a.commit(b, staged)
			b, staged = nil, nil
		}
	}
	if b != nil {
		a.commit(b, staged)
	}
}

// commit writes a batch and records the outcome of each change in it.
func (a *applyRun) commit(b Batch, staged []Change) {
	a.syncJournal(staged[0].ID)
	err := safeCommit(b)
	for _, c := range staged {
		if err != nil {
			a.finish(c, ResultFailed, err)
			continue
		}
		a.finish(c, ResultApplied, nil)
	}
	a.syncJournal(staged[len(staged)-1].ID)
}

// syncJournal makes the entries a buffered journal holds durable; a
// failure is reported as a journal error of the change with the id given
// (the run's last change when it is empty).
func (a *applyRun) syncJournal(id string) {
	j, ok := a.opts.Journal.(appending)
	if !ok {
		return
	}
	if err := j.Sync(); err != nil {
		if id == "" && len(a.plan.Changes) > 0 {
			id = a.plan.Changes[len(a.plan.Changes)-1].ID
		}
		a.r.incomplete = true
		a.errs = multierror.Append(a.errs, &JournalError{ChangeID: id, Err: err})
	}
}

// safeStage and safeCommit turn a panic in the target into a failure, as
// safeApply does.
func safeStage(b Batch, c Change) (err error) {
	defer recoverInto(&err, "applying the change")
	return b.Stage(c)
}

func safeCommit(b Batch) (err error) {
	defer recoverInto(&err, "writing the changes")
	return b.Commit()
}

func recoverInto(err *error, doing string) {
	if v := recover(); v != nil {
		msg, _, _ := strings.Cut(fmt.Sprint(v), "\n")
		*err = fmt.Errorf("internal error %s (a bug in hexform): %s", doing, msg)
	}
}
