package main

import (
	"context"
	"fmt"

	"github.com/hexform/hexform/internal/operation"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
	"github.com/spf13/cobra"
)

// planFlags are shared by plan and apply: what to compare and what confirms.
type planFlags struct {
	file          string
	ref           string
	base          string // --base
	scope         string // --scope
	confirm       []string
	allowDelete   bool
	force         bool
	as            string
	rotateSecrets bool
	target        targetFlags
}

func (f *planFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.StringVarP(&f.file, "file", "f", "workspace.yaml", "workspace file")
	fl.StringVar(&f.ref, "ref", "", "read the workspace file from this git revision instead of the working tree")
	fl.StringArrayVar(&f.confirm, "confirm", nil, "confirm one destructive change by id (repeatable)")
	fl.BoolVar(&f.allowDelete, "allow-delete", false, "confirm every destructive change (mass deletions also need --force)")
	fl.BoolVar(&f.force, "force", false, "with --allow-delete: allow mass deletions over the configured limits")
	fl.StringVar(&f.as, "as", "", "email of the identity applying the plan (file target; Hex uses the token's user)")
	fl.BoolVar(&f.rotateSecrets, "rotate-secrets", false, "send every connection secret again")
	fl.StringVar(&f.base, "base", "", "git revision to compare the workspace file with (e.g. origin/main): shows what the edit itself changes")
	fl.StringVar(&f.scope, "scope", "", "with --base, 'changed': read only what the file's change since --base touches (a pull request's plan, and its apply at merge); the scheduled drift run reads the rest")
	f.target.register(c)
}

// request turns the flags into a plan request whose diagnostics go to
// e's stderr. The workspace file's loader settings come from the
// environment.
func (f *planFlags) request(e *env) (operation.PlanRequest, error) {
	opts, err := loadOptions(e)
	if err != nil {
		return operation.PlanRequest{}, err
	}
	return operation.PlanRequest{
		Source: operation.Source{File: f.file, Ref: f.ref, Base: f.base, Options: opts},
		Policy: f.policy(), RotateSecrets: f.rotateSecrets, Scope: f.scope,
		Target: f.target.named(e), Open: f.target.opener(e), Reporter: &cliReporter{e: e},
	}, nil
}

// policy is what the flags confirm.
func (f *planFlags) policy() operation.Policy {
	return operation.Policy{Confirm: f.confirm, AllowDelete: f.allowDelete, Force: f.force, As: f.as}
}

// compute is the plan the flags ask for, computed as plan does.
func compute(ctx context.Context, e *env, f *planFlags) (*operation.PlanResult, error) {
	req, err := f.request(e)
	if err != nil {
		return nil, err
	}
	return operation.Plan(ctx, req)
}

// cliReporter shows what an operation reports on e's streams.
type cliReporter struct {
	e *env
	// noColor: never colour the plan (apply --no-color).
	noColor bool
}

// Diagnostics prints the workspace file's warnings, then its errors, on
// stderr, each with its position.
func (r *cliReporter) Diagnostics(ds schema.Diagnostics) {
	for _, d := range ds.Warnings() {
		fmt.Fprintln(r.e.stderr, d.String())
	}
	for _, d := range ds.Errors() {
		fmt.Fprintln(r.e.stderr, d.String())
	}
}

// Planned prints the plan apply is about to carry out.
func (r *cliReporter) Planned(p *reconcile.Plan) error {
	return view.PlanText(r.e.stdout, p, view.Options{Color: colorOK(r.e, r.noColor)})
}

// NothingToApply says why apply asks nothing.
func (r *cliReporter) NothingToApply(*reconcile.Plan) {
	view.NothingToApply(r.e.stdout)
}

// Progress prints one change's outcome.
func (r *cliReporter) Progress(c reconcile.Change, result string, err error) {
	printProgress(r.e, c, result, err)
}

// invariantExit turns an invariant violation into exit 1 with hints.
func invariantExit(err error) error { return operation.RefuseInvariant(err) }
