package operation

import (
	"context"
	"fmt"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// ScopeChanged is PlanRequest.Scope for a plan that reads only what the
// workspace file's own change since Base touches.
const ScopeChanged = "changed"

// ScopeReason is what a scoped plan says about why it read what it read.
const ScopeReason = "scoped to this change"

// scoped reports whether the target can read part of its state.
func (t *Target) scoped() (reconcile.ScopedReader, bool) {
	sr, ok := t.Target.(reconcile.ScopedReader)
	return sr, ok
}

// readScope reads what scope asks for from a target that can read in part,
// everything from one that cannot; then runs ReadDone.
func (t *Target) readScope(ctx context.Context, scope reconcile.Scope) (*reconcile.Snapshot, error) {
	sr, ok := t.scoped()
	if !ok || scope.Whole() {
		return t.ReadState(ctx)
	}
	s, err := sr.SnapshotScope(ctx, scope)
	if t.ReadDone != nil {
		t.ReadDone()
	}
	return s, err
}

// baseRead is the workspace file at the base revision, loaded before the
// target is read when the read is scoped to the change since it.
type baseRead struct {
	ws     *schema.Workspace
	commit string
	diff   *reconcile.Plan // Diff(want, FromWorkspace(ws))
}

// readScope is the scope of the plan's read: the kinds the file manages,
// and with Scope "changed" only what the change since Base touches. It
// loads the base for the latter (and keeps it for compareBase).
func (s Source) readScope(want *schema.Workspace, scope string) (reconcile.Scope, *baseRead, error) {
	switch scope {
	case "":
		return reconcile.FileScope(want), nil, nil
	case ScopeChanged:
	default:
		return reconcile.Scope{}, nil, WithHint(fmt.Errorf("unknown scope %q", scope), "use --scope changed (with --base REV), or leave --scope out for a full read")
	}
	if s.Base == "" {
		return reconcile.Scope{}, nil, WithHint(fmt.Errorf("--scope changed needs --base: the change is what the file changed since the base revision"),
			"add --base REV (the branch the pull request merges into), or leave --scope out for a full read")
	}
	b := &baseRead{}
	var err error
	if b.ws, b.commit, err = s.loadBase(); err != nil {
		return reconcile.Scope{}, nil, err
	}
	from := reconcile.FromWorkspace(b.ws)
	b.diff = fileDiff(want, from)
	return reconcile.EditScope(want, b.ws, b.diff), b, nil
}

// fileDiff is what the edit to the workspace file does, per resource.
func fileDiff(want *schema.Workspace, base *reconcile.Snapshot) *reconcile.Plan {
	return reconcile.Diff(want, base, reconcile.Options{
		Target: "workspace file",
		// References, not values: a changed reference is a change to the file.
		SecretFingerprint: func(ref schema.SecretRef) (string, bool) { return ref.String(), true },
	})
}

// noteScope records on a plan from a scoped read why it was scoped, and,
// for a target that can read in part, the fingerprint of the state its
// changes touch, so apply reads again only that.
func (r *planned) noteScope(scoped bool) {
	p := r.Plan
	if p.Scope != nil && scoped {
		p.Scope.Reason = ScopeReason
	}
	if _, ok := r.Target.scoped(); ok {
		p.Reread = reconcile.RereadOf(r.Have, reconcile.ChangeScope(p.Changes))
	}
}
