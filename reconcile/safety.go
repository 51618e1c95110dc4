package reconcile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/schema"
)

// Policy is what confirms destructive changes and what the invariants need.
// Confirm and Settings come from the workspace file; a saved plan carries
// them (with the file's protected items and renames) as Plan.Policy.
type Policy struct {
	// Confirm holds the change ids listed under `confirm:` in the YAML.
	Confirm []string
	// ConfirmFlags holds the ids given with --confirm on the command line.
	ConfirmFlags []string
	// AllowDelete (--allow-delete) confirms every high-risk change at once,
	// subject to the mass-deletion guard unless Force is set.
	AllowDelete bool
	Force       bool
	// Actor is the email of the identity applying the plan ("" if unknown).
	Actor string
	// Settings carries min_admins and the mass-deletion thresholds.
	Settings *schema.Settings
}

// Check fills in Blocked on every high-risk change that nobody confirmed,
// adds warnings for confirm entries that match no change, and returns an
// *InvariantError when the plan, carried out in full, would break an
// invariant no flag overrides. It re-summarises the plan.
//
// With want set (or a plan without recorded inputs), Check records want's
// policy inputs, with pol.Confirm and pol.Settings, as p.Policy. With want
// nil and p.Policy set (a saved plan), it decides from p.Policy and the
// flags in pol, whatever the plan's own Blocked fields say.
func Check(p *Plan, want *schema.Workspace, have *Snapshot, pol Policy) error {
	if want != nil || p.Policy == nil {
		p.Policy = RecordPolicy(want, pol.Confirm, pol.Settings)
	}
	in := p.Policy
	pol.Confirm, pol.Settings = in.Confirm, in.Settings
	yaml := setOf(pol.Confirm)
	flags := setOf(pol.ConfirmFlags)
	massBlocked := massGuard(p, have, pol, yaml, flags)
	for i := range p.Changes {
		c := &p.Changes[i]
		c.Blocked = nil
		if c.Risk != RiskHigh {
			continue
		}
		switch {
		case yaml[c.ID] || flags[c.ID]:
		case pol.AllowDelete && massBlocked[c.Kind] != "":
			c.Blocked = strPtr(massBlocked[c.Kind])
		case pol.AllowDelete:
		default:
			c.Blocked = strPtr(fmt.Sprintf("needs confirmation: add %q under confirm: in the workspace file, or pass --confirm %s", "- "+c.ID, shellQuote(c.ID)))
		}
	}
	p.addWarnings(unmatchedConfirms(pol.Confirm, "confirm:", p))
	p.addWarnings(unmatchedConfirms(pol.ConfirmFlags, "--confirm", p))
	p.Summarize()
	return checkInvariants(p, in, have, pol)
}

// addWarnings appends the warnings p does not hold yet (a saved plan is
// checked again at apply time).
func (p *Plan) addWarnings(ws []string) {
	for _, w := range ws {
		if !slices.Contains(p.Warnings, w) {
			p.Warnings = append(p.Warnings, w)
		}
	}
}

// ConfirmLine is the exact line to add under `confirm:` for a change.
func ConfirmLine(id string) string { return "  - " + id }

// massGuard returns, per kind, the reason a blanket --allow-delete may not
// delete that many items without --force ("" when within the limits).
func massGuard(p *Plan, have *Snapshot, pol Policy, yaml, flags map[string]bool) map[Kind]string {
	out := map[Kind]string{}
	if !pol.AllowDelete || pol.Force {
		return out
	}
	ratio := pol.Settings.MaxDeleteRatioOrDefault()
	limit := pol.Settings.MaxDeleteCountOrDefault()
	count := map[Kind]int{}
	for _, c := range p.Changes {
		if c.IsDestructive() && c.Risk == RiskHigh && !yaml[c.ID] && !flags[c.ID] {
			count[c.Kind]++
		}
	}
	for k, n := range count {
		existing := have.Count(k)
		if existing == 0 || n <= limit || float64(n) <= ratio*float64(existing) {
			continue
		}
		out[k] = fmt.Sprintf("mass deletion: --allow-delete would remove %d of %d existing %s (%.0f%%, over the %.0f%% and %d-item limits); add --force, or confirm each id under confirm:",
			n, existing, plural(k), 100*float64(n)/float64(existing), 100*ratio, limit)
	}
	return out
}

func plural(k Kind) string { return k.Plural() }

// unmatchedConfirms warns about confirmed ids that match no change.
func unmatchedConfirms(ids []string, where string, p *Plan) []string {
	var all []string
	have := map[string]bool{}
	for _, c := range p.Changes {
		all = append(all, c.ID)
		have[c.ID] = true
	}
	var out []string
	for _, id := range ids {
		if have[id] {
			continue
		}
		w := fmt.Sprintf("%s entry %q matches no change in this plan (already done or misspelt)", where, id)
		if s := schema.Closest(id, all); s != "" {
			w += fmt.Sprintf("; did you mean %q?", s)
		}
		out = append(out, w)
	}
	return out
}

func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[strings.TrimSpace(x)] = true
	}
	return m
}

func strPtr(s string) *string { return &s }

// shellQuote quotes an id for a shell command line when it needs it.
func shellQuote(s string) string {
	if strings.ContainsAny(s, " '\"$`\\!*?[]{}()<>|&;#~") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
