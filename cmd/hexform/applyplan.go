package main

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/hexform/hexform/reconcile"
	"github.com/spf13/pflag"
)

// planFixedFlags are the flags whose meaning a saved plan already fixed:
// apply PLANFILE refuses them rather than silently ignoring them.
var planFixedFlags = []string{"file", "ref", "base", "rotate-secrets"}

// runPlanFile carries out a plan saved by 'plan --out', refusing it when the
// workspace changed since (a stale plan), when its recorded fields disagree
// with its changes, or when a flag would change what it fixed. Confirmation
// is decided again from the plan's recorded policy inputs and this run's
// flags, never from the plan file's own blocked fields.
func (ac *applyCmd) runPlanFile(ctx context.Context, e *env, fl *pflag.FlagSet, path string) error {
	if err := ac.checkFlags(); err != nil {
		return err
	}
	if err := refuseFixedFlags(fl, path); err != nil {
		return err
	}
	p, err := readSavedPlan(path)
	if err != nil {
		return err
	}
	ac.file = p.SourceFile()
	if p.Policy != nil && p.Policy.Settings != nil {
		ac.secretSettings = p.Policy.Settings.Secrets
	}
	if ac.expectPlan != "" && ac.expectPlan != p.Hash() {
		return withHint(fmt.Errorf("%s has plan hash %s, not the expected %s; nothing was read or applied", path, p.Hash(), ac.expectPlan),
			"apply the plan that was reviewed, or review this one ('hexform show "+path+"')")
	}
	tf, err := ac.planTarget(e, p, path)
	if err != nil {
		return err
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
	if t.lineage != nil && p.Lineage != "" && t.lineage() != p.Lineage {
		return withHint(fmt.Errorf("stale plan: %s holds another state than the one %s was made from (lineage %s, now %q)", t.Name(), path, p.Lineage, t.lineage()),
			fmt.Sprintf("plan again against this state (hexform plan -f FILE --target %s --out %s), review it, then apply the new plan", p.Target, path))
	}
	if fp := have.Fingerprint(); fp != p.Fingerprint {
		return withHint(fmt.Errorf("stale plan: %s changed since %s was made (%s)", t.Name(), path, staleWhat(p, have)),
			fmt.Sprintf("plan again with the same workspace file and target (hexform plan -f FILE --target %s --out %s), review it, then apply the new plan", p.Target, path))
	}
	if err := reconcile.VerifySaved(p, t.Capabilities(), have); err != nil {
		return withHint(fmt.Errorf("refusing %s: %w; nothing was applied", path, err),
			"a plan file is data to check, not to trust: make the plan again with 'hexform plan --out "+path+"' and review it")
	}
	actor := ac.as
	if actor == "" {
		actor = have.Actor
	}
	invariant := reconcile.Check(p, nil, have, reconcile.Policy{
		ConfirmFlags: ac.confirm, AllowDelete: ac.allowDelete, Force: ac.force, Actor: actor,
	})
	return ac.execute(ctx, e, p, have, t, invariant)
}

// refuseFixedFlags refuses the flags whose meaning the saved plan fixed.
func refuseFixedFlags(fl *pflag.FlagSet, path string) error {
	for _, name := range planFixedFlags {
		if f := fl.Lookup(name); f != nil && f.Changed {
			return withHint(fmt.Errorf("--%s cannot be used with a saved plan: the plan already fixed it", name),
				"apply the plan as it was made (hexform apply "+path+"), or plan again with the new value and apply that plan")
		}
	}
	return nil
}

// planTarget is where a saved plan is applied: --target or $HEXFORM_TARGET
// when given (they must then name the plan's own target), else the plan's
// target when hexform may go there on the plan file's word alone: a state
// file below the working directory, or a Hex workspace at an https
// hex.tech host. Anything else (another host, a loopback simulator, a path
// outside) must be named by --target, so an edited plan file can never send
// the API token to a server, or write a state file, nobody chose.
func (ac *applyCmd) planTarget(e *env, p *reconcile.Plan, path string) (targetFlags, error) {
	tf := ac.target
	if tf.spec == "" {
		tf.spec = e.getenv("HEXFORM_TARGET")
	}
	if tf.spec != "" {
		return tf, nil
	}
	if !implicitTarget(p.Target) {
		spec := strings.TrimPrefix(p.Target, "hex:")
		return tf, withHint(fmt.Errorf("%s was made for %s, which hexform does not go to on a plan file's word; nothing was read or applied", path, p.Target),
			"if that is the workspace you mean, say so: hexform apply --target "+spec+" "+path)
	}
	tf.spec = p.Target
	return tf, nil
}

// implicitTarget reports whether a plan's recorded target may be used
// without --target: file:PATH with PATH local to the working directory, or
// hex:https://HOST with HOST hex.tech or below it, on the default port.
func implicitTarget(target string) bool {
	if path, ok := strings.CutPrefix(target, "file:"); ok {
		return filepath.IsLocal(path)
	}
	raw, ok := strings.CutPrefix(target, "hex:")
	if !ok {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Port() != "" || u.User != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return host == "hex.tech" || strings.HasSuffix(host, ".hex.tech")
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
			changed = append(changed, k.Plural())
		}
	}
	if len(changed) == 0 {
		return "revision changed"
	}
	return "changed: " + strings.Join(changed, ", ")
}
