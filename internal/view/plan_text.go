package view

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// ANSI colours of the text rendering.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// PlanText writes the plan for a terminal, Terraform-like: blocked changes
// first with their reason, then the changes grouped by kind (+ create,
// ~ update, > rename, - delete or deactivate) with their field-level changes,
// the checklists of manual and unverifiable changes, the unmanaged sections,
// warnings, and a summary line. An empty plan is one line. Every name,
// value and message is printed through EscapeText, so none can end a line,
// move the cursor or colour the terminal.
func PlanText(w io.Writer, p *reconcile.Plan, o Options) error {
	bw := bufio.NewWriter(w)
	t := &textWriter{w: bw, color: o.Color}
	t.plan(p)
	return bw.Flush()
}

type textWriter struct {
	w     *bufio.Writer
	color bool
}

func (t *textWriter) paint(color, s string) string {
	if !t.color || s == "" {
		return s
	}
	return color + s + ansiReset
}

func (t *textWriter) line(format string, args ...any) {
	fmt.Fprintf(t.w, format+"\n", args...)
}

func (t *textWriter) plan(p *reconcile.Plan) {
	t.fileChanges(p)
	for _, warn := range p.Warnings {
		t.line("%s %s", t.paint(ansiYellow, "warning:"), reconcile.EscapeText(warn))
	}
	if s := ScopeLine(p); s != "" {
		t.line("%s %s", t.paint(ansiCyan, "scoped plan:"), reconcile.EscapeText(s))
	}
	if !p.HasChanges() {
		t.line("%s", reconcile.EscapeText(emptyPlanLine(p)))
		return
	}
	if len(p.Warnings) > 0 {
		t.line("")
	}
	t.line("hexform will make these changes to workspace %s (%s):", reconcile.EscapeText(orUnnamed(p.Workspace)), reconcile.EscapeText(orUnnamed(p.Target)))
	var blocked, rest []reconcile.Change
	for _, c := range p.Changes {
		if c.Blocked != nil {
			blocked = append(blocked, c)
		} else {
			rest = append(rest, c)
		}
	}
	t.access(p)
	t.blocked(blocked)
	kinds, by := changesByKind(rest)
	for _, k := range kinds {
		t.line("")
		t.line("%s", t.paint(ansiBold, reconcile.EscapeText(k.Title())))
		for _, c := range by[k] {
			t.change(c)
		}
	}
	t.checklist(checklist(p, reconcile.ModeManual), "Do in Settings (the target cannot make these changes):")
	t.checklist(checklist(p, reconcile.ModeUnverifiable), "Check by hand (the target cannot read these kinds):")
	if len(p.Unmanaged) > 0 {
		names := make([]string, len(p.Unmanaged))
		for i, k := range p.Unmanaged {
			names[i] = reconcile.EscapeText(k.Section())
		}
		t.line("")
		t.line("Unmanaged (not in the workspace file, left as they are): %s", strings.Join(names, ", "))
	}
	t.line("")
	t.line("Plan: %s.", p.Summary)
	if c := p.ApplyCost; c != nil {
		t.line("%s", ApplyCostLine(c))
	}
}

// blocked prints the blocked changes, then the confirm: block that
// confirms them all.
func (t *textWriter) blocked(blocked []reconcile.Change) {
	if len(blocked) == 0 {
		return
	}
	t.line("")
	t.line("%s", t.paint(ansiBold+ansiRed, "Blocked: these need confirmation and will not be applied"))
	for _, c := range blocked {
		t.change(c)
	}
	t.line("")
	t.line("  To confirm them all, add to the workspace file:")
	t.line("    confirm:")
	for _, c := range blocked {
		t.line("    %s", reconcile.EscapeText(reconcile.ConfirmLine(c.ID)))
	}
}

func orUnnamed(s string) string {
	if s == "" {
		return "(unnamed)"
	}
	return s
}

func (t *textWriter) symbol(a reconcile.Action) string {
	s := symbol(a)
	switch a {
	case reconcile.ActionCreate:
		return t.paint(ansiGreen, s)
	case reconcile.ActionUpdate:
		return t.paint(ansiYellow, s)
	case reconcile.ActionRename:
		return t.paint(ansiCyan, s)
	}
	return t.paint(ansiRed, s)
}

func (t *textWriter) change(c reconcile.Change) {
	head := "  " + t.symbol(c.Action) + " " + reconcile.EscapeText(c.ID)
	if to := renamedTo(c); to != "" {
		head += " -> " + strconv.Quote(to)
	}
	if notes := changeNotes(c); len(notes) > 0 {
		head += "  (" + reconcile.EscapeText(strings.Join(notes, ", ")) + ")"
	}
	t.line("%s", head)
	if c.Blocked != nil {
		for i, l := range blockedLines(c) {
			if i == 0 {
				t.line("      %s %s", t.paint(ansiRed, "blocked:"), reconcile.EscapeText(l))
			} else {
				t.line("               %s", reconcile.EscapeText(l))
			}
		}
	}
	for _, f := range c.Fields {
		t.field(f)
	}
	if len(c.DependsOn) > 0 {
		t.line("      after: %s", reconcile.EscapeText(strings.Join(c.DependsOn, "; ")))
	}
}

func (t *textWriter) field(f reconcile.Field) {
	path := reconcile.EscapeText(f.Path)
	switch {
	case f.Sensitive:
		t.line("      %s: %s", path, reconcile.EscapeText(sensitiveValue(f)))
	case isMembers(f):
		t.line("      %s:", path)
		before, after := reconcile.StringList(f.Before), reconcile.StringList(f.After)
		for _, m := range reconcile.SetMinus(before, after) {
			t.line("        %s %s", t.paint(ansiRed, "-"), strconv.Quote(m))
		}
		for _, m := range reconcile.SetMinus(after, before) {
			t.line("        %s %s", t.paint(ansiGreen, "+"), strconv.Quote(m))
		}
	case f.Before == nil:
		t.line("      %s: %s", path, formatValue(f.After))
	case f.After == nil:
		t.line("      %s: %s", path, formatValue(f.Before))
	default:
		t.line("      %s: %s -> %s", path, formatValue(f.Before), formatValue(f.After))
	}
}

func (t *textWriter) checklist(cs []reconcile.Change, title string) {
	if len(cs) == 0 {
		return
	}
	t.line("")
	t.line("%s", title)
	for _, c := range cs {
		t.line("  [ ] %s", reconcile.EscapeText(checklistItem(c)))
	}
}

// checklistItem is a change's id followed by what to set, for checklists.
func checklistItem(c reconcile.Change) string {
	if c.IsDestructive() || len(c.Fields) == 0 {
		return c.ID
	}
	parts := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		parts[i] = fieldSummary(f)
	}
	return c.ID + ": " + strings.Join(parts, "; ")
}

// fieldSummary is one field's change in a few words, for checklists.
func fieldSummary(f reconcile.Field) string {
	switch {
	case f.Sensitive:
		return f.Path + " " + sensitiveValue(f)
	case isMembers(f):
		var parts []string
		for _, m := range reconcile.SetMinus(reconcile.StringList(f.Before), reconcile.StringList(f.After)) {
			parts = append(parts, "-"+m)
		}
		for _, m := range reconcile.SetMinus(reconcile.StringList(f.After), reconcile.StringList(f.Before)) {
			parts = append(parts, "+"+m)
		}
		return f.Path + " " + strings.Join(parts, " ")
	case f.Before == nil:
		return f.Path + " " + formatValue(f.After)
	case f.After == nil:
		return f.Path + " " + formatValue(f.Before)
	}
	return f.Path + " " + formatValue(f.Before) + " -> " + formatValue(f.After)
}

// fileChanges prints what the edit to the workspace file does (plan --base).
func (t *textWriter) fileChanges(p *reconcile.Plan) {
	if p.Base == "" {
		return
	}
	if len(p.FileChanges) == 0 {
		t.line("The workspace file is unchanged since %s.", reconcile.EscapeText(p.Base))
		t.line("")
		return
	}
	t.line("The workspace file's changes since %s:", reconcile.EscapeText(p.Base))
	for _, c := range p.FileChanges {
		t.line("  %s %s", t.symbol(c.Action), reconcile.EscapeText(checklistItem(c)))
	}
	t.line("")
}
