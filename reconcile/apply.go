package reconcile

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/go-multierror"
)

// Results of one change, as journaled by Apply.
const (
	ResultApplied      = "applied"
	ResultFailed       = "failed"
	ResultSkipped      = "skipped"
	ResultBlocked      = "blocked"
	ResultManual       = "manual"
	ResultUnverifiable = "unverifiable"
	ResultNotStarted   = "not_started"
	// ResultStarted is journaled just before a change is sent to the target:
	// a started entry with no outcome after it is a change whose process died
	// in flight (the target's state says whether it took effect).
	ResultStarted = "started"
)

// Journal records the outcome of every change Apply considers.
type Journal interface {
	Record(e JournalEntry) error
}

// JournalEntry is one line of the apply journal.
type JournalEntry struct {
	Time   time.Time `json:"time"`
	Change string    `json:"change"`
	Result string    `json:"result"` // one of the Result* constants
	Error  string    `json:"error,omitempty"`
	Commit string    `json:"commit,omitempty"`
	Target string    `json:"target,omitempty"`
}

// ApplyOptions tune Apply. Every field is optional.
type ApplyOptions struct {
	// Journal receives one entry per change.
	Journal Journal
	// Commit is recorded in every journal entry; "" means the plan's Commit.
	Commit string
	// Now stamps journal entries; nil means time.Now.
	Now func() time.Time
	// Progress is called once per change, after its outcome is known.
	Progress func(c Change, result string, err error)
	// Concurrency is how many changes may be in flight at once (0 or 1: one
	// at a time). Only targets whose Apply is safe for concurrent use may get
	// more; see Apply.
	Concurrency int
	// BatchSize is how many changes a BatchTarget writes at once (0:
	// BatchSize; 1: each change on its own).
	BatchSize int
}

// ApplyResult lists the change ids by outcome, in plan order.
type ApplyResult struct {
	Applied, Failed, Skipped, Blocked, Manual, Unverifiable, NotStarted []string
	// Err aggregates (go-multierror) every failed, skipped and not-started
	// change as a *ChangeError naming the change id, and every journal error
	// as a *JournalError. Nil when all of that is empty.
	Err error

	// incomplete: a journal error, or a change skipped for a reason that is
	// neither a blocked change nor a manual step (a malformed plan).
	incomplete bool
}

// ExitCode is apply's exit status: 1 when a change failed, was not started
// or could not be journaled; 3 when the rest is done but changes were blocked
// (or skipped because a change they depend on was blocked or left for a
// manual step); 0 otherwise.
func (r *ApplyResult) ExitCode() int {
	switch {
	case len(r.Failed) > 0 || len(r.NotStarted) > 0 || r.incomplete:
		return 1
	case len(r.Blocked) > 0 || len(r.Skipped) > 0:
		return 3
	}
	return 0
}

// ChangeError is why one change was not applied.
type ChangeError struct {
	ChangeID string
	Result   string // ResultFailed, ResultSkipped or ResultNotStarted
	Err      error
}

func (e *ChangeError) Error() string { return e.ChangeID + ": " + e.Err.Error() }
func (e *ChangeError) Unwrap() error { return e.Err }

// DependencyError is why a change was skipped: a change it depends on did
// not apply.
type DependencyError struct {
	Dependency string
	Result     string // the dependency's outcome; "" when it is not in the plan
}

func (e *DependencyError) Error() string {
	switch e.Result {
	case "":
		return fmt.Sprintf("skipped: depends on %q, which is not in the plan", e.Dependency)
	case ResultSkipped, ResultFailed, ResultBlocked:
		return fmt.Sprintf("skipped: depends on %q, which was %s", e.Dependency, e.Result)
	case ResultNotStarted:
		return fmt.Sprintf("skipped: depends on %q, which has not run yet (check the plan's order)", e.Dependency)
	}
	return fmt.Sprintf("skipped: depends on %q, which is %s: apply again once it is done", e.Dependency, e.Result)
}

// JournalError is a failure to record a change's outcome in the journal.
type JournalError struct {
	ChangeID string
	Err      error
}

func (e *JournalError) Error() string {
	return "journal: recording " + e.ChangeID + ": " + e.Err.Error()
}
func (e *JournalError) Unwrap() error { return e.Err }

// ErrInterrupted is the cause recorded for changes not started because the
// apply was cancelled.
var ErrInterrupted = errors.New("not started: apply interrupted")

// Apply carries out p.Changes in the order given (Diff orders them) against t.
//
// A blocked change is not run; nor is one whose Mode is manual or
// unverifiable. A change that depends on a change that did not apply is
// skipped. A failing change does not stop the run. When ctx is cancelled, the
// change in flight is allowed to finish (it runs with a context that is not
// cancelled) and every later change is recorded as not started. Every
// outcome goes to o.Journal; a journal error is reported in Err and does not
// stop the run. A BatchTarget gets its changes in batches (see BatchSize).
func Apply(ctx context.Context, p *Plan, t Target, secrets SecretResolver, o ApplyOptions) *ApplyResult {
	run := &applyRun{plan: p, target: t, opts: o, outcome: map[string]string{}, hardSkip: map[string]bool{}, r: &ApplyResult{}}
	if bt, ok := t.(BatchTarget); ok {
		run.batches(ctx, bt, secrets)
		run.r.inPlanOrder(p)
		run.r.Err = run.errs.ErrorOrNil()
		return run.r
	}
	for i := 0; i < len(p.Changes); {
		j := run.waveEnd(i)
		run.wave(ctx, p.Changes[i:j], secrets)
		i = j
	}
	run.r.inPlanOrder(p)
	run.r.Err = run.errs.ErrorOrNil()
	return run.r
}

// inPlanOrder sorts every list by the changes' order in the plan (changes
// in flight together finish in any order).
func (r *ApplyResult) inPlanOrder(p *Plan) {
	index := make(map[string]int, len(p.Changes))
	for i, c := range p.Changes {
		index[c.ID] = i
	}
	for _, l := range []*[]string{&r.Applied, &r.Failed, &r.Skipped, &r.Blocked, &r.Manual, &r.Unverifiable, &r.NotStarted} {
		slices.SortStableFunc(*l, func(a, b string) int { return index[a] - index[b] })
	}
}

// finish records a change's outcome: in the result, the journal, progress.
func (a *applyRun) finish(c Change, result string, err error) {
	a.outcome[c.ID] = result
	a.r.add(c.ID, result)
	a.r.incomplete = a.r.incomplete || a.hardSkip[c.ID]
	if err != nil {
		a.errs = multierror.Append(a.errs, &ChangeError{ChangeID: c.ID, Result: result, Err: err})
	}
	if jerr := a.record(c, result, err); jerr != nil {
		a.journalErrs = append(a.journalErrs, &JournalError{ChangeID: c.ID, Err: jerr})
	}
	if len(a.journalErrs) > 0 {
		a.r.incomplete = true
		a.errs = multierror.Append(a.errs, a.journalErrs...)
		a.journalErrs = nil
	}
	if a.opts.Progress != nil {
		a.opts.Progress(c, result, err)
	}
}

type applyRun struct {
	plan    *Plan
	target  Target
	opts    ApplyOptions
	outcome map[string]string // change id -> result so far
	// hardSkip marks skipped changes whose root cause is not a blocked change
	// or a manual step: a dependency missing from the plan or out of order.
	hardSkip map[string]bool
	// journalErrs are failures to journal a change's start.
	journalErrs []error
	errs        *multierror.Error
	r           *ApplyResult
}

// decide says whether a change may run; when not, its outcome and why.
func (a *applyRun) decide(c Change) (result string, err error, run bool) {
	if c.Blocked != nil {
		return ResultBlocked, nil, false
	}
	switch c.Mode {
	case ModeManual:
		return ResultManual, nil, false
	case ModeUnverifiable:
		return ResultUnverifiable, nil, false
	case ModeAuto, "":
	default:
		return ResultFailed, fmt.Errorf("unknown mode %q (want auto, manual or unverifiable)", c.Mode), false
	}
	for _, dep := range c.DependsOn {
		res, seen := a.outcome[dep]
		if !seen && a.inPlan(dep) {
			res = ResultNotStarted
		}
		if res != ResultApplied {
			a.hardSkip[c.ID] = res == "" || res == ResultNotStarted || a.hardSkip[dep]
			return ResultSkipped, &DependencyError{Dependency: dep, Result: res}, false
		}
	}
	return "", nil, true
}

func (a *applyRun) inPlan(id string) bool {
	for _, c := range a.plan.Changes {
		if c.ID == id {
			return true
		}
	}
	return false
}

func (a *applyRun) record(c Change, result string, err error) error {
	if a.opts.Journal == nil {
		return nil
	}
	now := time.Now
	if a.opts.Now != nil {
		now = a.opts.Now
	}
	commit := a.opts.Commit
	if commit == "" {
		commit = a.plan.Commit
	}
	e := JournalEntry{Time: now().UTC(), Change: c.ID, Result: result, Commit: commit, Target: a.target.Name()}
	if err != nil {
		e.Error = err.Error()
	}
	return a.opts.Journal.Record(e)
}

func (r *ApplyResult) add(id, result string) {
	switch result {
	case ResultApplied:
		r.Applied = append(r.Applied, id)
	case ResultFailed:
		r.Failed = append(r.Failed, id)
	case ResultSkipped:
		r.Skipped = append(r.Skipped, id)
	case ResultBlocked:
		r.Blocked = append(r.Blocked, id)
	case ResultManual:
		r.Manual = append(r.Manual, id)
	case ResultUnverifiable:
		r.Unverifiable = append(r.Unverifiable, id)
	case ResultNotStarted:
		r.NotStarted = append(r.NotStarted, id)
	}
}
