package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
	"github.com/spf13/cobra"
)

// planFlags are shared by plan and apply: what to compare and what confirms.
type planFlags struct {
	file          string
	ref           string
	base          string // plan --base
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
	f.target.register(c)
}

// computed is everything one plan computation produced.
type computed struct {
	want   *schema.Workspace
	have   *reconcile.Snapshot
	plan   *reconcile.Plan
	target *openedTarget
	unlock func() error
	// invariant is set when the plan breaks an invariant no flag overrides.
	invariant error
}

// release drops the target's lock, if one was taken.
func (c *computed) release() {
	if c != nil && c.unlock != nil {
		_ = c.unlock()
		c.unlock = nil
	}
}

// compute is the single code path plan and apply share: load, read the
// target, diff, check safety. With lock set the target stays locked until
// release, so apply executes against the state it planned from.
func compute(ctx context.Context, e *env, f *planFlags, lock bool) (*computed, error) {
	out, commit, err := loadAndRead(ctx, e, f, lock)
	if err != nil {
		return nil, err
	}
	t, want := out.target, out.want
	caps := t.Capabilities()
	out.plan = reconcile.Diff(want, out.have, reconcile.Options{
		Target: t.Name(), Capabilities: &caps, SecretFingerprint: t.fingerprint, RotateSecrets: f.rotateSecrets,
	})
	if t.notes != nil {
		out.plan.Warnings = append(t.notes(), out.plan.Warnings...)
	}
	out.plan.Commit = commit
	if t.lineage != nil {
		out.plan.Lineage = t.lineage()
	}
	out.plan.Source = f.file
	if f.ref != "" {
		out.plan.Source = f.file + "@" + f.ref
	}
	if f.base != "" {
		if err := compareBase(e, f.file, f.base, want, out.have, out.plan); err != nil {
			out.release()
			return nil, err
		}
	}
	actor := f.as
	if actor == "" {
		actor = out.have.Actor
	}
	out.invariant = reconcile.Check(out.plan, want, out.have, reconcile.Policy{
		Confirm: want.Confirm, ConfirmFlags: f.confirm, AllowDelete: f.allowDelete, Force: f.force,
		Actor: actor, Settings: want.Settings,
	})
	return out, nil
}

// loadAndRead loads the workspace file and reads the target's state. A local
// target is read while the file is parsed, using the second core; a remote
// one only once the file is valid, so a typo never costs rate-limited calls.
func loadAndRead(ctx context.Context, e *env, f *planFlags, lock bool) (*computed, string, error) {
	t, terr := openTarget(ctx, e, f.target, f.file)
	out := &computed{target: t}
	if terr != nil || !t.local {
		want, commit, err := loadWorkspace(e, f.file, f.ref)
		if err != nil {
			return nil, "", err
		}
		if terr != nil {
			return nil, "", terr
		}
		out.want = want
		if err := out.read(ctx, lock); err != nil {
			return nil, "", err
		}
		return out, commit, nil
	}
	if err := out.lockTarget(lock); err != nil {
		return nil, "", err
	}
	read := make(chan error, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				read <- fmt.Errorf("internal error reading the state (a bug in hexform): %s", oneLine(fmt.Sprint(v)))
			}
		}()
		read <- out.read(ctx, false)
	}()
	want, commit, err := loadWorkspace(e, f.file, f.ref)
	if rerr := <-read; err == nil && rerr != nil {
		err = rerr
	}
	if err != nil {
		out.release()
		return nil, "", err
	}
	out.want = want
	return out, commit, nil
}

func (c *computed) lockTarget(lock bool) error {
	if !lock || c.target.lock == nil {
		return nil
	}
	var err error
	c.unlock, err = c.target.lock()
	return err
}

// read takes the lock (when asked) and reads the snapshot.
func (c *computed) read(ctx context.Context, lock bool) error {
	if err := c.lockTarget(lock); err != nil {
		return err
	}
	var err error
	if c.have, err = c.target.snapshot(ctx); err != nil {
		c.release()
		return fmt.Errorf("reading %s: %w", c.target.Name(), err)
	}
	return nil
}

// invariantExit turns an invariant violation into exit 1 with hints.
func invariantExit(err error) error {
	var ie *reconcile.InvariantError
	if !errors.As(err, &ie) {
		return err
	}
	hints := make([]string, 0, len(ie.Violations))
	for _, v := range ie.Violations {
		hints = append(hints, fmt.Sprintf("%s: %s", v.Invariant, v.Message))
	}
	return withHint(fmt.Errorf("the plan breaks %d invariant(s) that no flag overrides; nothing was applied", len(ie.Violations)), hints...)
}
