package operation

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/hexform/hexform/internal/journal"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// ApplyRequest asks to carry out a plan: the one computed now from the
// workspace file (PlanRequest), or, with PlanFile, a plan saved by
// 'plan --out'. Either way, once the plan is obtained it goes through the
// same steps: the policy check, the gate, the expected hash, the secrets'
// preflight, approval, the journal and the execution, under the lock taken
// before the state was read.
type ApplyRequest struct {
	// PlanRequest says how to compute the plan; with PlanFile, its Source
	// and RotateSecrets are unused (the plan fixed them), while its Policy,
	// Target, Open and Reporter still apply.
	PlanRequest
	// PlanFile is the path of a saved plan to carry out instead.
	PlanFile string
	// ExpectPlan, when set, is the hash the plan must have.
	ExpectPlan string
	// Gate, when set, is called with the plan once the policy check passed;
	// an error refuses it (a review that must have approved this plan).
	Gate func(ctx context.Context, p *reconcile.Plan) error
	// Approve, when set, asks whether to apply; an error refuses.
	Approve func(p *reconcile.Plan) error
	// Resolver returns the secret resolver for the workspace file and its
	// secret settings (nil: the defaults). It is called once the target is
	// open.
	Resolver func(workspaceFile string, settings *schema.SecretSettings) reconcile.SecretResolver
	// Journal is the journal file; "" is .hexform/journal.jsonl next to the
	// workspace file.
	Journal string
	// Scrub, when set, passes every text of a journal entry through it.
	Scrub func(string) string
	// Parallelism is how many changes of one kind may be in flight at once
	// on targets that allow it (below 1: one).
	Parallelism int
	// BatchSize is how many changes a target that batches (the file
	// target) writes at once (0: reconcile.BatchSize).
	BatchSize int
	// Finish, when set, is called with the outcome once the changes ran,
	// while the target is still locked; its error is Apply's.
	Finish func(ctx context.Context, p *reconcile.Plan, r *reconcile.ApplyResult) error
}

// ApplyResult is what Apply did.
type ApplyResult struct {
	// Plan is the plan Apply checked, set once there was one, even when
	// Apply refused it (then Result is nil).
	Plan *reconcile.Plan
	// Result is the outcome of every change, nil when nothing ran (the plan
	// was refused, or it had no changes).
	Result *reconcile.ApplyResult
}

// Apply obtains the plan (computed now, or saved) and carries it out. The
// result is nil when no plan was obtained; otherwise it holds the plan,
// whatever the error.
func Apply(ctx context.Context, req ApplyRequest) (*ApplyResult, error) {
	if req.Reporter == nil {
		req.Reporter = Quiet{}
	}
	var run *planned
	var err error
	switch {
	case req.PlanFile != "" && (req.Source != Source{} || req.RotateSecrets):
		return nil, errors.New("a saved plan fixed its workspace file and secrets: a request to apply one cannot name them")
	case req.PlanFile != "":
		run, err = fromSaved(ctx, &req)
	default:
		run, err = compute(ctx, &req.PlanRequest, true)
	}
	if err != nil {
		return nil, err
	}
	defer run.release()
	return execute(ctx, &req, run)
}

// execute checks, asks, journals and applies a plan obtained either way.
func execute(ctx context.Context, req *ApplyRequest, run *planned) (*ApplyResult, error) {
	p, t := run.Plan, run.Target
	out := &ApplyResult{Plan: p}
	if err := req.Reporter.Planned(p); err != nil {
		return out, err
	}
	if run.Invariant != nil {
		return out, RefuseInvariant(run.Invariant)
	}
	if req.Gate != nil {
		if err := req.Gate(ctx, p); err != nil {
			return out, err
		}
	}
	if req.ExpectPlan != "" && req.ExpectPlan != p.Hash() {
		return out, WithHint(fmt.Errorf("the plan's hash is %s, not the expected %s; nothing was applied", p.Hash(), req.ExpectPlan),
			"the workspace file or the workspace changed since that plan; review the plan above and run plan again")
	}
	if !p.HasChanges() {
		return out, nil
	}
	var resolver reconcile.SecretResolver
	if req.Resolver != nil {
		resolver = req.Resolver(run.file, run.settings)
	}
	if err := reconcile.Preflight(ctx, p, run.Have, t.Target, resolver); err != nil {
		return out, WithHint(err, "fix what is named above and apply again; the workspace is as it was")
	}
	if Runnable(p) == 0 {
		req.Reporter.NothingToApply(p)
	} else if req.Approve != nil {
		if err := req.Approve(p); err != nil {
			return out, err
		}
	}
	j, err := openJournal(req, run.file)
	if err != nil {
		return out, err
	}
	defer j.Close()
	out.Result = reconcile.Apply(ctx, p, t.Target, resolver, reconcile.ApplyOptions{
		Journal: j, Commit: p.Commit, Concurrency: concurrency(t, req.Parallelism), BatchSize: req.BatchSize, Progress: req.Reporter.Progress,
	})
	if req.Finish != nil {
		return out, req.Finish(ctx, p, out.Result)
	}
	return out, nil
}

// openJournal opens the request's journal, by default next to the
// workspace file.
func openJournal(req *ApplyRequest, workspaceFile string) (*journal.Writer, error) {
	path := req.Journal
	if path == "" {
		path = filepath.Join(filepath.Dir(workspaceFile), ".hexform", "journal.jsonl")
	}
	var opts []journal.Option
	if req.Scrub != nil {
		opts = append(opts, journal.WithScrubber(req.Scrub))
	}
	return journal.Open(path, opts...)
}

// concurrency is how many changes may be in flight against t.
func concurrency(t *Target, parallelism int) int {
	if !t.Concurrent || parallelism < 1 {
		return 1
	}
	return parallelism
}

// Runnable counts the changes Apply would carry out: neither blocked nor
// left for a manual step or unverifiable.
func Runnable(p *reconcile.Plan) int {
	n := 0
	for _, c := range p.Changes {
		if c.Blocked == nil && c.Mode == reconcile.ModeAuto {
			n++
		}
	}
	return n
}
