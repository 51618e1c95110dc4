package view

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// Options tune the text and Markdown renderings of a plan.
type Options struct {
	// Color adds ANSI colours to the text rendering (a terminal, NO_COLOR unset).
	Color bool
	// MaxBytes caps the Markdown rendering (a PR comment); 0 means unlimited.
	// A longer plan is cut at a change boundary and ends with a note.
	MaxBytes int
}

// sensitiveText marks a secret field in every rendering.
const sensitiveText = "(sensitive)"

// sensitiveValue is what a rendering shows of a secret field: where its
// value comes from, never the value. "env:PG_PASSWORD (sensitive)" for a
// secret set for the first time; "env:A -> env:B (sensitive)" when it is to
// come from another reference; "(set) -> env:A (sensitive)" when it is sent
// again from the same one; "(removed) (sensitive)" when it is cleared.
// Unescaped: each rendering escapes it for where it is printed.
func sensitiveValue(f reconcile.Field) string {
	return sensitiveWith(f, func(s string) string { return s })
}

// sensitiveWith is sensitiveValue with each reference passed through quote
// (a Markdown code span, say).
func sensitiveWith(f reconcile.Field, quote func(string) string) string {
	after, _ := f.After.(string)
	if f.After == nil {
		after = "(removed)"
	} else if after != reconcile.SecretSet {
		after = quote(after)
	}
	if before, ok := f.Before.(string); ok && before != "" {
		if before != reconcile.SecretSet {
			before = quote(before)
		}
		return before + " -> " + after + " " + sensitiveText
	}
	return after + " " + sensitiveText
}

// symbol is the Terraform-like mark of an action.
func symbol(a reconcile.Action) string {
	switch a {
	case reconcile.ActionCreate:
		return "+"
	case reconcile.ActionUpdate:
		return "~"
	case reconcile.ActionRename:
		return ">"
	}
	return "-"
}

// changesByKind groups changes by kind, in Kinds order, keeping plan order.
func changesByKind(cs []reconcile.Change) ([]reconcile.Kind, map[reconcile.Kind][]reconcile.Change) {
	by := map[reconcile.Kind][]reconcile.Change{}
	for _, c := range cs {
		by[c.Kind] = append(by[c.Kind], c)
	}
	var kinds []reconcile.Kind
	for _, k := range reconcile.Kinds {
		if len(by[k]) > 0 {
			kinds = append(kinds, k)
		}
	}
	var unknown []reconcile.Kind
	for k := range by {
		if !slices.Contains(reconcile.Kinds, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	return append(kinds, unknown...), by
}

// formatValue renders a field value on one line: strings quoted (control and
// invisible characters escaped), nil as (none).
func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		return strconv.Quote(x)
	case []string:
		q := make([]string, len(x))
		for i, s := range x {
			q[i] = strconv.Quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case []any:
		q := make([]string, len(x))
		for i, e := range x {
			q[i] = formatValue(e)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "(unprintable)"
	}
	return reconcile.EscapeText(string(b)) // JSON leaves bidi and other invisible characters raw
}

// isMembers reports whether f is a set-like list best shown as additions and removals.
func isMembers(f reconcile.Field) bool {
	return f.Path == "members" && f.Before != nil && f.After != nil && !f.Sensitive
}

// changeNotes lists the risk and mode remarks shown after a change's id.
func changeNotes(c reconcile.Change) []string {
	var notes []string
	if c.Risk == reconcile.RiskHigh || c.Risk == reconcile.RiskMedium {
		notes = append(notes, string(c.Risk)+" risk")
	}
	if c.Mode == reconcile.ModeManual || c.Mode == reconcile.ModeUnverifiable {
		notes = append(notes, string(c.Mode))
	}
	return notes
}

// renamedTo is the new name of a rename, or "".
func renamedTo(c reconcile.Change) string {
	if c.Action != reconcile.ActionRename {
		return ""
	}
	for _, f := range c.Fields {
		if f.Path == "name" {
			if s, ok := f.After.(string); ok {
				return s
			}
		}
	}
	return ""
}

// emptyPlanLine is the one line an empty plan renders as.
func emptyPlanLine(p *reconcile.Plan) string {
	file := p.Source
	if file == "" {
		file = "workspace.yaml"
	}
	if p.Workspace == "" {
		return "No changes. The workspace matches " + file + "."
	}
	return "No changes. Workspace " + p.Workspace + " matches " + file + "."
}

// checklist returns the changes the target cannot carry out, by mode.
func checklist(p *reconcile.Plan, m reconcile.Mode) []reconcile.Change {
	var out []reconcile.Change
	for _, c := range p.Changes {
		if c.Mode == m {
			out = append(out, c)
		}
	}
	return out
}

// blockedLines is why c is blocked, one line per line of the reason. The
// change's id and name are escaped first, so a line break in a name stays
// one line showing "\n" rather than a line of its own.
func blockedLines(c reconcile.Change) []string {
	if c.Blocked == nil {
		return nil
	}
	reason := *c.Blocked
	for _, s := range []string{c.ID, c.Name} {
		if s != "" && s != reconcile.EscapeText(s) {
			reason = strings.ReplaceAll(reason, s, reconcile.EscapeText(s))
		}
	}
	return strings.Split(reason, "\n")
}

// blockedIDs lists the ids of the blocked changes, in plan order.
func blockedIDs(p *reconcile.Plan) []string {
	var ids []string
	for _, c := range p.Changes {
		if c.Blocked != nil {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// ApplyCostLine says what applying the plan would cost: "Applying it costs
// about 412 requests, about 9 minutes at Hex's limits."
func ApplyCostLine(c *reconcile.ApplyCost) string {
	return fmt.Sprintf("Applying it costs about %s, about %s at %s.", Plural(c.Requests, "request"), aboutDuration(c.Seconds), c.Limits)
}

// aboutDuration rounds seconds for a reader: "40 seconds", "9 minutes",
// "2 hours 5 minutes".
func aboutDuration(seconds int) string {
	switch {
	case seconds < 90:
		return Plural(max(seconds, 1), "second")
	case seconds < 2*3600:
		return Plural((seconds+30)/60, "minute")
	}
	m := (seconds + 30) / 60
	return Plural(m/60, "hour") + " " + Plural(m%60, "minute")
}
