package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// runPlanFile carries out a plan saved by 'plan --out', refusing it when the
// workspace changed since (a stale plan).
func (ac *applyCmd) runPlanFile(ctx context.Context, e *env, path string) error {
	if err := ac.checkFlags(); err != nil {
		return err
	}
	p, err := readPlanFile(path)
	if err != nil {
		return err
	}
	tf := ac.target
	if tf.spec == "" {
		tf.spec = p.Target
	}
	t, err := openTarget(ctx, e, tf, ac.file)
	if err != nil {
		return err
	}
	if t.Name() != p.Target {
		return withHint(fmt.Errorf("plan %s was made for %s, not %s", path, p.Target, t.Name()), "omit --target to use the plan's own target")
	}
	if t.lock != nil {
		unlock, err := t.lock()
		if err != nil {
			return err
		}
		defer unlock()
	}
	have, err := t.snapshot(ctx)
	if err != nil {
		return fmt.Errorf("reading %s: %w", t.Name(), err)
	}
	if fp := have.Fingerprint(); fp != p.Fingerprint {
		return withHint(fmt.Errorf("stale plan: %s changed since %s was made (%s)", t.Name(), path, staleWhat(p, have)),
			fmt.Sprintf("plan again with the same workspace file and target (hexform plan -f FILE --target %s --out %s), review it, then apply the new plan", p.Target, path))
	}
	actor := ac.as
	if actor == "" {
		actor = have.Actor
	}
	invariant := reconcile.Check(p, nil, have, reconcile.Policy{
		Confirm: confirmedIn(p), ConfirmFlags: ac.confirm, AllowDelete: ac.allowDelete, Force: ac.force, Actor: actor,
	})
	return ac.execute(ctx, e, p, t, invariant)
}

func readPlanFile(path string) (*reconcile.Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, withHint(fmt.Errorf("cannot read plan file: %w", err), "make one with 'hexform plan --out "+path+"'")
	}
	defer f.Close()
	p, err := reconcile.ReadPlanJSON(f)
	if err != nil {
		return nil, withHint(fmt.Errorf("%s is not a hexform plan file: %w", path, err), "make one with 'hexform plan --out "+path+"'")
	}
	return p, nil
}

// confirmedIn lists the high-risk changes the saved plan did not block:
// they were confirmed when the plan was made.
func confirmedIn(p *reconcile.Plan) []string {
	var ids []string
	for _, c := range p.Changes {
		if c.Risk == reconcile.RiskHigh && c.Blocked == nil {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// staleWhat names the kinds whose state changed since the plan.
func staleWhat(p *reconcile.Plan, have *reconcile.Snapshot) string {
	if len(p.KindFingerprints) == 0 {
		return "fingerprint " + p.Fingerprint + ", now " + have.Fingerprint()
	}
	now := have.KindFingerprints()
	var changed []string
	for _, k := range reconcile.Kinds {
		if now[k] != p.KindFingerprints[k] {
			changed = append(changed, string(k)+"s")
		}
	}
	if len(changed) == 0 {
		return "revision changed"
	}
	return "changed: " + strings.Join(changed, ", ")
}
