package reconcile

import (
	"fmt"
	"strings"
)

// SavedPlanError reports a saved plan whose recorded fields disagree with
// what hexform computes from its changes: it was edited, or made by a
// hexform that decided differently. Nothing of it may be applied.
type SavedPlanError struct {
	Problems []string
}

func (e *SavedPlanError) Error() string {
	return "the saved plan disagrees with what its changes mean (" + strings.Join(e.Problems, "; ") + ")"
}

// VerifySaved checks a plan read from a file against the target it is to be
// applied to: every change's id must be its action, kind and name; its risk
// what the change itself rates; its mode what the target can do (caps, and
// the kinds have could not read). Blocked is never taken from the file:
// Check decides it again from the recorded policy inputs and the flags.
func VerifySaved(p *Plan, caps Capabilities, have *Snapshot) error {
	unreadable := map[Kind]bool{}
	for _, k := range have.Unreadable {
		unreadable[k] = true
	}
	var problems []string
	seen := map[string]bool{}
	for _, c := range p.Changes {
		problems = append(problems, savedChangeProblems(c, caps, unreadable)...)
		if seen[c.ID] {
			problems = append(problems, fmt.Sprintf("%q appears twice", c.ID))
		}
		seen[c.ID] = true
	}
	if len(problems) == 0 {
		return nil
	}
	if len(problems) > 10 {
		problems = append(problems[:10], fmt.Sprintf("and %d more", len(problems)-10))
	}
	return &SavedPlanError{Problems: problems}
}

func savedChangeProblems(c Change, caps Capabilities, unreadable map[Kind]bool) []string {
	var out []string
	if !c.Kind.Known() {
		return []string{fmt.Sprintf("%q has unknown kind %q", c.ID, c.Kind)}
	}
	switch c.Action {
	case ActionCreate, ActionUpdate, ActionRename, ActionDelete, ActionDeactivate:
	default:
		return []string{fmt.Sprintf("%q has unknown action %q", c.ID, c.Action)}
	}
	if id := ChangeID(c.Action, c.Kind, c.Name); c.ID != id {
		out = append(out, fmt.Sprintf("change %q is really %q", c.ID, id))
	}
	if err := CheckFields(c); err != nil {
		out = append(out, fmt.Sprintf("%q cannot be applied: %v", c.ID, err))
	}
	if r := riskOf(c); c.Risk != r {
		out = append(out, fmt.Sprintf("%q records risk %q, but the change is %s risk", c.ID, c.Risk, r))
	}
	if m := modeFor(c, caps, unreadable); c.Mode != m {
		out = append(out, fmt.Sprintf("%q records mode %q, but the target makes it %s", c.ID, c.Mode, m))
	}
	return out
}
