package reconcile

import (
	"context"
	"fmt"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/schema"
)

// Preflighter is a target that can check a change it would carry out
// without changing anything: that it can build the request (a connection's
// details, a type it can create) from the change and its secrets.
type Preflighter interface {
	Preflight(ctx context.Context, c Change, secrets SecretResolver) error
}

// PreflightError lists what would fail if the plan were applied, found
// before any change was made.
type PreflightError struct {
	Errs *multierror.Error
}

func (e *PreflightError) Error() string {
	return fmt.Sprintf("%d change(s) cannot be applied as planned; nothing was applied:\n  %s", len(e.Errs.Errors), joinErrs(e.Errs.Errors))
}

func (e *PreflightError) Unwrap() error { return e.Errs }

func joinErrs(errs []error) string {
	s := ""
	for i, err := range errs {
		if i > 0 {
			s += "\n  "
		}
		s += EscapeText(err.Error())
	}
	return s
}

// Preflight checks, before Apply makes any change, everything that would
// make a change that is to run fail for reasons known now: every secret it
// sends resolves; every member a group change adds is a user or is invited
// by the plan; and, when t is a Preflighter, that the target can build the
// change's request. A plan that fails is applied not at all, rather than
// in part.
func Preflight(ctx context.Context, p *Plan, have *Snapshot, t Target, secrets SecretResolver) error {
	var errs *multierror.Error
	run := map[string]bool{}
	for _, c := range p.Changes {
		if c.Blocked != nil || c.Mode != ModeAuto {
			continue
		}
		run[c.ID] = true
		resolved := true
		for _, f := range c.Fields {
			if err := resolvable(f, secrets); err != nil {
				errs = multierror.Append(errs, &ChangeError{ChangeID: c.ID, Result: ResultFailed, Err: err})
				resolved = false
			}
		}
		if pf, ok := t.(Preflighter); ok && resolved {
			if err := pf.Preflight(ctx, c, secrets); err != nil {
				errs = multierror.Append(errs, &ChangeError{ChangeID: c.ID, Result: ResultFailed, Err: err})
			}
		}
	}
	for _, nu := range nonUserMembers(p.Changes, have) {
		if run[nu.change.ID] && readsMembers(have) {
			errs = multierror.Append(errs, &ChangeError{ChangeID: nu.change.ID, Result: ResultFailed,
				Err: fmt.Errorf("member %q is not a user of the workspace and this plan does not invite them; list them under users:", nu.member)})
		}
	}
	if errs.ErrorOrNil() == nil {
		return nil
	}
	return &PreflightError{Errs: errs}
}

// resolvable checks that a secret field's reference resolves.
func resolvable(f Field, secrets SecretResolver) error {
	if !f.Sensitive || f.After == nil {
		return nil
	}
	s, _ := f.After.(string)
	ref, ok := schema.ParseSecretRef(s)
	if !ok {
		return fmt.Errorf("field %q: %q is not a secret reference (env:NAME or file:PATH)", f.Path, s)
	}
	if secrets == nil {
		return fmt.Errorf("field %q: no secret resolver", f.Path)
	}
	if _, err := secrets.Resolve(ref); err != nil {
		return fmt.Errorf("field %q: %w", f.Path, err)
	}
	return nil
}

// readsMembers reports whether have holds the users and groups, so that a
// member who is not among its users is really not a user.
func readsMembers(have *Snapshot) bool {
	for _, k := range have.Unreadable {
		if k == KindUser || k == KindGroup {
			return false
		}
	}
	return true
}
