package operation

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hexform/hexform/internal/atomicfile"
	"github.com/hexform/hexform/reconcile"
)

// SavePlan writes the plan file atomically, for ReadPlan and apply. It
// holds no secret values: the plan carries only secret references.
func SavePlan(path string, p *reconcile.Plan) error {
	var buf bytes.Buffer
	if err := reconcile.RenderJSON(&buf, p); err != nil {
		return err
	}
	if err := atomicfile.Write(path, buf.Bytes(), 0o644, nil); err != nil {
		return fmt.Errorf("saving the plan: %w", err)
	}
	return nil
}

// ReadPlan reads a plan file saved by 'plan --out', saying which of the
// ways a file can fail to be a plan this hexform trusts applies, and how to
// get one that is.
func ReadPlan(path string) (*reconcile.Plan, error) {
	again := "make one with 'hexform plan --out " + path + "'"
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, WithHint(fmt.Errorf("cannot read plan file %s: %w", path, errors.Unwrap(err)), again)
	}
	p, err := reconcile.ReadPlanJSON(bytes.NewReader(data))
	var edited *reconcile.PlanEditedError
	var format *reconcile.PlanFormatError
	switch {
	case err == nil:
		return p, nil
	case errors.As(err, &edited) && edited.Recorded != "":
		return nil, WithHint(fmt.Errorf("%s was edited after it was made: it records plan_hash %s, its content hashes to %s", path, edited.Recorded, edited.Content),
			"a plan file is checked, not trusted: make the plan again with 'hexform plan --out "+path+"' and review it")
	case errors.As(err, &format):
		return nil, WithHint(fmt.Errorf("%s has format_version %d; this hexform reads format_version %d", path, format.Version, reconcile.FormatVersion),
			"make the plan again with this hexform: hexform plan --out "+path)
	}
	return nil, WithHint(fmt.Errorf("%s is not a hexform plan file: %w", path, err), again)
}

// fromSaved obtains the plan saved at req.PlanFile for execution: read and
// checked against ExpectPlan before anything is read, then the target
// opened and locked and its state read, and the plan refused when that
// state changed since (a stale plan) or when its recorded fields disagree
// with its changes. Confirmation is decided again from the plan's recorded
// policy inputs and this run's policy, never from the plan file's own
// blocked fields.
func fromSaved(ctx context.Context, req *ApplyRequest) (*planned, error) {
	path := req.PlanFile
	p, err := ReadPlan(path)
	if err != nil {
		return nil, err
	}
	run := &planned{PlanResult: PlanResult{Plan: p}, file: p.SourceFile()}
	if p.Policy != nil && p.Policy.Settings != nil {
		run.settings = p.Policy.Settings.Secrets
	}
	if req.ExpectPlan != "" && req.ExpectPlan != p.Hash() {
		return nil, WithHint(fmt.Errorf("%s has plan hash %s, not the expected %s; nothing was read or applied", path, p.Hash(), req.ExpectPlan),
			"apply the plan that was reviewed, or review this one ('hexform show "+path+"')")
	}
	spec, err := savedTarget(req.Target, p, path)
	if err != nil {
		return nil, err
	}
	if run.Target, err = req.Open(ctx, spec, run.file); err != nil {
		return nil, err
	}
	if name := run.Target.Name(); name != p.Target {
		return nil, WithHint(fmt.Errorf("plan %s was made for %s, not %s", path, p.Target, name), "omit --target to use the plan's own target")
	}
	run.Target.useSavedFileZones(run.file)
	if err := run.lock(true); err != nil {
		return nil, err
	}
	if err := run.checkSaved(ctx, path); err != nil {
		run.release()
		return nil, err
	}
	run.Invariant = req.Policy.check(p, nil, run.Have)
	return run, nil
}

// checkSaved reads the state and refuses the saved plan when the state is
// another one, or changed, since the plan was made, or when the plan's
// recorded fields disagree with its changes.
func (r *planned) checkSaved(ctx context.Context, path string) error {
	p, t := r.Plan, r.Target
	have, err := r.reread(ctx)
	if err != nil {
		return fmt.Errorf("reading %s: %w", t.Name(), err)
	}
	r.Have = have
	again := fmt.Sprintf("plan again with the same workspace file and target (hexform plan -f FILE --target %s --out %s), review it, then apply the new plan", p.Target, path)
	if t.Lineage != nil && p.Lineage != "" && t.Lineage() != p.Lineage {
		return WithHint(fmt.Errorf("stale plan: %s holds another state than the one %s was made from (lineage %s, now %q)", t.Name(), path, p.Lineage, t.Lineage()),
			fmt.Sprintf("plan again against this state (hexform plan -f FILE --target %s --out %s), review it, then apply the new plan", p.Target, path))
	}
	if stale := staleness(p, have); stale != "" {
		return WithHint(fmt.Errorf("stale plan: %s changed since %s was made (%s)", t.Name(), path, stale), again)
	}
	if err := reconcile.VerifySaved(p, t.Capabilities(), have); err != nil {
		return WithHint(fmt.Errorf("refusing %s: %w; nothing was applied", path, err),
			"a plan file is data to check, not to trust: make the plan again with 'hexform plan --out "+path+"' and review it")
	}
	return nil
}

// reread reads the state a saved plan is checked against: on a target
// that can read in part, when the plan fingerprints the state its changes
// touch, only that (ChangeScope of its changes, which its hash covers);
// otherwise everything.
func (r *planned) reread(ctx context.Context) (*reconcile.Snapshot, error) {
	if _, ok := r.Target.scoped(); !ok || r.Plan.Reread == nil {
		return r.Target.ReadState(ctx)
	}
	return r.Target.readScope(ctx, reconcile.ChangeScope(r.Plan.Changes))
}

// staleness says what changed since the plan was made, "" when nothing
// did. A plan that fingerprints the state its changes touch is compared on
// that part alone, of a read that covers it, and refused when the read
// does not cover it; any other plan on its whole fingerprint.
func staleness(p *reconcile.Plan, have *reconcile.Snapshot) string {
	if p.Reread == nil {
		if fp := have.Fingerprint(); fp != p.Fingerprint {
			return staleWhat(p.Fingerprint, p.KindFingerprints, fp, have.KindFingerprints())
		}
		return ""
	}
	now := reconcile.RereadOf(have, reconcile.ChangeScope(p.Changes))
	if now == nil {
		return "the read does not cover what the plan changes, so it cannot be compared"
	}
	if now.Fingerprint == p.Reread.Fingerprint {
		return ""
	}
	return staleWhat(p.Reread.Fingerprint, p.Reread.KindFingerprints, now.Fingerprint, now.KindFingerprints)
}

// staleWhat names the kinds whose state changed since the plan.
func staleWhat(fp string, kinds map[reconcile.Kind]string, nowFP string, now map[reconcile.Kind]string) string {
	if len(kinds) == 0 {
		return "fingerprint " + fp + ", now " + nowFP
	}
	var changed []string
	for _, k := range reconcile.Kinds {
		if now[k] != kinds[k] {
			changed = append(changed, k.Plural())
		}
	}
	if len(changed) == 0 {
		return "revision changed"
	}
	return "changed: " + strings.Join(changed, ", ")
}
