package reconcile

import (
	"context"
	"fmt"
	"strings"
)

// BatchSize is how many changes Apply stages in one batch of a BatchTarget
// before it commits them: the bound on the work a crash can take back.
const BatchSize = 256

// batches carries out the plan against a BatchTarget: each change that may
// run is journaled as started and staged in order; every BatchSize staged
// changes, and at the end, the batch is committed and only then are its
// changes recorded as applied. A change whose dependency is staged may run
// in the same batch (the batch holds what it needs), and fails with it if
// the commit fails. Once ctx is cancelled no further change is staged; the
// batch so far is committed.
func (a *applyRun) batches(ctx context.Context, bt BatchTarget, secrets SecretResolver) {
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
	err := safeCommit(b)
	for _, c := range staged {
		if err != nil {
			a.finish(c, ResultFailed, err)
			continue
		}
		a.finish(c, ResultApplied, nil)
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
