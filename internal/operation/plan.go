package operation

import (
	"context"
	"fmt"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// Policy is what a run confirms beyond the workspace file's confirm: list.
type Policy struct {
	// Confirm are ids of destructive changes confirmed one by one.
	Confirm []string
	// AllowDelete confirms every destructive change; mass deletions over
	// the configured limits also need Force.
	AllowDelete, Force bool
	// As is the email of the identity applying ("" for the one the target
	// reports).
	As string
}

// check runs the policy check of p and returns the invariant it breaks, if
// any. want is nil for a saved plan, whose recorded policy inputs are used.
func (pol Policy) check(p *reconcile.Plan, want *schema.Workspace, have *reconcile.Snapshot) error {
	actor := pol.As
	if actor == "" {
		actor = have.Actor
	}
	in := reconcile.Policy{ConfirmFlags: pol.Confirm, AllowDelete: pol.AllowDelete, Force: pol.Force, Actor: actor}
	if want != nil {
		in.Confirm, in.Settings = want.Confirm, want.Settings
	}
	return reconcile.Check(p, want, have, in)
}

// PlanRequest asks for the plan that makes a target match a workspace file.
type PlanRequest struct {
	Source
	Policy
	// RotateSecrets sends every connection secret again.
	RotateSecrets bool
	// Scope is "" for a read of every kind the file manages, or
	// ScopeChanged for one of only what the file's change since Base
	// touches (on a target that can read in part).
	Scope string
	// Target is the target spec the caller named; "" is DefaultTarget.
	Target string
	// Open opens the target.
	Open Opener
	// Reporter receives the file's diagnostics; nil shows nothing.
	Reporter Reporter
}

// PlanResult is a plan with what it was computed from.
type PlanResult struct {
	Want   *schema.Workspace
	Have   *reconcile.Snapshot
	Plan   *reconcile.Plan
	Target *Target
	// Invariant is set when the plan breaks an invariant no flag overrides
	// (a *reconcile.InvariantError; RefuseInvariant says it for a person).
	Invariant error
}

// Plan loads the workspace file, reads the target and computes the plan,
// with the base comparison and the policy check. It changes nothing and
// takes no lock.
func Plan(ctx context.Context, req PlanRequest) (*PlanResult, error) {
	run, err := compute(ctx, &req, false)
	if err != nil {
		return nil, err
	}
	return &run.PlanResult, nil
}

// planned is a computed plan, with the target's lock when one was taken.
type planned struct {
	PlanResult
	unlock func() error
	// file and settings are the workspace file and its secret settings:
	// where secret references are read from.
	file     string
	settings *schema.SecretSettings
	// base is the base revision's file, loaded before a scoped read.
	base *baseRead
	// prepared is Have made ready for the diff while the workspace file
	// was still loading, when the target was read meanwhile.
	prepared *reconcile.Prepared
}

// release drops the target's lock, if one was taken.
func (r *planned) release() {
	if r != nil && r.unlock != nil {
		_ = r.unlock()
		r.unlock = nil
	}
}

// compute is the single code path plan and apply share: load, read the
// target, diff, compare with the base, check the policy. With lock set the
// target stays locked until release, so apply executes against the state it
// planned from.
func compute(ctx context.Context, req *PlanRequest, lock bool) (*planned, error) {
	if req.Reporter == nil {
		req.Reporter = Quiet{}
	}
	run, commit, err := loadAndRead(ctx, req, lock)
	if err != nil {
		return nil, err
	}
	t, want := run.Target, run.Want
	caps := t.Capabilities()
	opts := reconcile.Options{
		Target: t.Name(), Capabilities: &caps, SecretFingerprint: t.Fingerprint, RotateSecrets: req.RotateSecrets,
	}
	var p *reconcile.Plan
	if run.prepared != nil {
		p = reconcile.DiffPrepared(want, run.prepared, opts)
		run.prepared = nil // it serves one plan
	} else {
		p = reconcile.Diff(want, run.Have, opts)
	}
	if t.Notes != nil {
		p.Warnings = append(t.Notes(), p.Warnings...)
	}
	p.Commit = commit
	if t.Lineage != nil {
		p.Lineage = t.Lineage()
	}
	p.Source = req.Source.label()
	run.Plan = p
	run.noteScope(req.Scope != "")
	if req.Base != "" {
		if err := req.Source.compareBase(want, run.Have, p, run.base); err != nil {
			run.release()
			return nil, err
		}
	}
	run.Invariant = req.Policy.check(p, want, run.Have)
	if ce, ok := t.Target.(reconcile.CostEstimator); ok && p.HasChanges() {
		p.ApplyCost = ce.ApplyCost(p)
	}
	run.file = req.File
	if want.Settings != nil {
		run.settings = want.Settings.Secrets
	}
	return run, nil
}

// loadAndRead loads the workspace file and reads the target's state. A local
// target is read while the file is parsed, using the second core; a remote
// one only once the file is valid, so a typo never costs rate-limited calls.
func loadAndRead(ctx context.Context, req *PlanRequest, lock bool) (*planned, string, error) {
	spec := req.Target
	if spec == "" {
		spec = DefaultTarget(req.File)
	}
	t, terr := req.Open(ctx, spec, req.File)
	run := &planned{PlanResult: PlanResult{Target: t}}
	if terr != nil || !t.Local {
		want, commit, err := req.Source.load(req.Reporter)
		if err != nil {
			return nil, "", err
		}
		if terr != nil {
			return nil, "", terr
		}
		run.Want = want
		t.useFileZones(want)
		scope, base, err := req.Source.readScope(want, req.Scope)
		if err != nil {
			return nil, "", err
		}
		run.base = base
		if err := run.read(ctx, lock, scope); err != nil {
			return nil, "", err
		}
		return run, commit, nil
	}
	if err := run.lock(lock); err != nil {
		return nil, "", err
	}
	read := make(chan error, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				read <- fmt.Errorf("internal error reading the state (a bug in hexform): %s", OneLine(fmt.Sprint(v)))
			}
		}()
		err := run.read(ctx, false, reconcile.Scope{})
		if err == nil {
			run.prepared = reconcile.Prepare(run.Have) // while the file loads
		}
		read <- err
	}()
	want, commit, err := req.Source.load(req.Reporter)
	if err == nil && req.Scope != "" {
		_, run.base, err = req.Source.readScope(want, req.Scope)
	}
	if rerr := <-read; err == nil && rerr != nil {
		err = rerr
	}
	if err != nil {
		run.release()
		return nil, "", err
	}
	run.Want = want
	return run, commit, nil
}

// lock takes the target's lock when asked and the target has one.
func (r *planned) lock(lock bool) error {
	if !lock || r.Target.Lock == nil {
		return nil
	}
	var err error
	r.unlock, err = r.Target.Lock()
	return err
}

// read takes the lock (when asked) and reads what scope asks for.
func (r *planned) read(ctx context.Context, lock bool, scope reconcile.Scope) error {
	if err := r.lock(lock); err != nil {
		return err
	}
	var err error
	if r.Have, err = r.Target.readScope(ctx, scope); err != nil {
		r.release()
		return fmt.Errorf("reading %s: %w", r.Target.Name(), err)
	}
	return nil
}
