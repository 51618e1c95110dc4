package view

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hexform/hexform/reconcile"
)

// PlanMarkdown writes the plan for a pull-request comment: a heading, the
// summary line and a table of counts by kind, warnings and unmanaged
// sections, the access changes, the high-risk and blocked changes, every
// change in a <details> block per kind (multi-line values as ```diff
// blocks), and checklists of the manual and unverifiable changes.
//
// With o.MaxBytes > 0 the output never exceeds o.MaxBytes bytes. A longer
// plan keeps its summary, its access changes and its blocked and high-risk
// changes, and shows the same number of changes of each kind, as many as
// fit, each kind's list ending "… and N more": no kind disappears. It ends
// with a note saying how many changes were left out and that the full plan
// is in the job log.
func PlanMarkdown(w io.Writer, p *reconcile.Plan, o Options) error {
	out := markdown(p, mdBudget{perKind: -1, risky: -1})
	if o.MaxBytes > 0 && len(out) > o.MaxBytes {
		out = fitMarkdown(p, o.MaxBytes)
	}
	_, err := io.WriteString(w, out)
	return err
}

// mdBudget bounds what markdown writes; a negative count means no bound.
type mdBudget struct {
	perKind int // changes of each kind in the details, and items of each checklist
	risky   int // blocked and high-risk entries
}

// fitMarkdown renders as much as fits in max bytes: first every high-risk
// entry with as many changes of each kind as fit, then, when not even one
// change of each kind fits beside them, as many high-risk entries as fit.
func fitMarkdown(p *reconcile.Plan, max int) string {
	largest := 0
	kinds, by := changesByKind(p.Changes)
	for _, k := range kinds {
		largest = maxInt(largest, len(by[k]))
	}
	for _, mode := range []reconcile.Mode{reconcile.ModeManual, reconcile.ModeUnverifiable} {
		largest = maxInt(largest, len(checklist(p, mode)))
	}
	if best := fitCount(largest, max, func(n int) string { return markdown(p, mdBudget{perKind: n, risky: -1}) }); best != "" {
		return best
	}
	if best := fitCount(len(highRisk(p)), max, func(n int) string { return markdown(p, mdBudget{perKind: 0, risky: n}) }); best != "" {
		return best
	}
	s := fmt.Sprintf("**Plan: %s.**\n\n%s", p.Summary, cutNote(len(p.Changes), len(p.Changes)))
	if len(s) <= max {
		return s
	}
	return truncateUTF8(cutNote(len(p.Changes), len(p.Changes)), max)
}

// fitCount is render(n) for the largest n in [0, most] whose rendering
// fits in max bytes, or "" when none does.
func fitCount(most, max int, render func(n int) string) string {
	best := ""
	lo, hi := 0, most
	for lo <= hi {
		mid := (lo + hi) / 2
		if s := render(mid); len(s) <= max {
			best, lo = s, mid+1
		} else {
			hi = mid - 1
		}
	}
	return best
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func cutNote(left, total int) string {
	return fmt.Sprintf("---\n_This comment is cut to fit: %d of %d changes are not shown. The full plan is in the job log._\n", left, total)
}

func truncateUTF8(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = s[:max]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// markdown renders p within budget b.
func markdown(p *reconcile.Plan, b mdBudget) string {
	m := &mdWriter{budget: b}
	m.head(p)
	if !p.HasChanges() {
		return m.b.String()
	}
	m.access(p)
	m.highRisk(p)
	m.details(p)
	m.checklist(checklist(p, reconcile.ModeManual), "Do in Settings", "The target cannot make these changes; do them in the admin panel.")
	m.checklist(checklist(p, reconcile.ModeUnverifiable), "Check by hand", "The target cannot read these kinds; check them in the admin panel.")
	if m.cut {
		m.printf("\n%s", cutNote(len(p.Changes)-m.shown, len(p.Changes)))
	}
	return m.b.String()
}

type mdWriter struct {
	b      strings.Builder
	budget mdBudget
	shown  int  // changes written in the details
	cut    bool // something was left out
}

func (m *mdWriter) printf(format string, args ...any) { fmt.Fprintf(&m.b, format, args...) }

// within reports whether item i (from 0) of a list bounded by limit is
// written, noting a cut when it is not.
func (m *mdWriter) within(i, limit int) bool {
	if limit >= 0 && i >= limit {
		m.cut = true
		return false
	}
	return true
}

func (m *mdWriter) head(p *reconcile.Plan) {
	m.printf("## hexform plan for %s\n\n", MarkdownCode(orUnnamed(p.Workspace)))
	if s := ScopeLine(p); s != "" {
		m.printf("> **Scoped plan:** %s.\n\n", MarkdownText(s))
	}
	if !p.HasChanges() {
		for _, w := range p.Warnings {
			m.printf("> **Warning:** %s\n\n", MarkdownText(w))
		}
		m.printf("%s\n", MarkdownText(emptyPlanLine(p)))
		if p.Base != "" {
			m.printf("\n")
			m.fileChanges(p)
		}
		return
	}
	m.printf("**Plan: %s.**\n\nTarget: %s · plan hash %s\n\n", p.Summary, MarkdownCode(orUnnamed(p.Target)), MarkdownCode(p.Hash()))
	if c := p.ApplyCost; c != nil {
		m.printf("%s\n\n", MarkdownText(ApplyCostLine(c)))
	}
	m.printf("| Kind | Create | Update | Delete |\n| :--- | ---: | ---: | ---: |\n")
	kinds, by := changesByKind(p.Changes)
	for _, k := range kinds {
		sub := reconcile.Plan{Changes: by[k]}
		sub.Summarize()
		m.printf("| %s | %d | %d | %d |\n", MarkdownText(k.Title()), sub.Summary.Create, sub.Summary.Update, sub.Summary.Delete)
	}
	m.printf("\n")
	m.fileChanges(p)
	for _, w := range p.Warnings {
		m.printf("> **Warning:** %s\n\n", MarkdownText(w))
	}
	if len(p.Unmanaged) > 0 {
		names := make([]string, len(p.Unmanaged))
		for i, k := range p.Unmanaged {
			names[i] = MarkdownCode(k.Section())
		}
		m.printf("Unmanaged (not in the workspace file, left as they are): %s.\n\n", strings.Join(names, ", "))
	}
}

// highRisk lists the blocked and high-risk changes, blocked first.
func highRisk(p *reconcile.Plan) []reconcile.Change {
	var blocked, high []reconcile.Change
	for _, c := range p.Changes {
		switch {
		case c.Blocked != nil:
			blocked = append(blocked, c)
		case c.Risk == reconcile.RiskHigh:
			high = append(high, c)
		}
	}
	return append(blocked, high...)
}

func (m *mdWriter) highRisk(p *reconcile.Plan) {
	list := highRisk(p)
	if len(list) == 0 {
		return
	}
	m.printf("### High risk and blocked\n\n")
	for i, c := range list {
		if !m.within(i, m.budget.risky) {
			m.printf("- … and %d more (the job log has them all)\n\n", len(list)-i)
			return
		}
		if c.Blocked == nil {
			m.printf("- :warning: %s (%s risk)\n", MarkdownCode(c.ID), MarkdownText(string(c.Risk)))
			continue
		}
		m.printf("- :no_entry: **blocked** %s (%s risk)\n\n", MarkdownCode(c.ID), MarkdownText(string(c.Risk)))
		m.block("  ", "text", blockedLines(c))
		m.printf("\n")
	}
	if ids := blockedIDs(p); len(ids) > 0 && len(ids) <= mdFileChangesMax {
		m.printf("\nTo confirm every blocked change, add to the workspace file (reviewers see exactly what is confirmed):\n\n")
		lines := []string{"confirm:"}
		for _, id := range ids {
			lines = append(lines, reconcile.ConfirmLine(id))
		}
		m.block("", "yaml", lines)
	}
	m.printf("\n")
}

func (m *mdWriter) details(p *reconcile.Plan) {
	kinds, by := changesByKind(p.Changes)
	for _, k := range kinds {
		m.printf("<details><summary>%s (%d)</summary>\n\n", mdHTML(k.Title()), len(by[k]))
		for i, c := range by[k] {
			if !m.within(i, m.budget.perKind) {
				m.printf("- … and %d more (the job log has them all)\n", len(by[k])-i)
				break
			}
			m.change(c)
			m.shown++
		}
		m.printf("\n</details>\n\n")
	}
}

func (m *mdWriter) change(c reconcile.Change) {
	head := MarkdownCode(symbol(c.Action) + " " + c.ID)
	if to := renamedTo(c); to != "" {
		head += " to " + MarkdownCode(to)
	}
	if notes := changeNotes(c); len(notes) > 0 {
		head += " (" + MarkdownText(strings.Join(notes, ", ")) + ")"
	}
	if c.Blocked != nil {
		head += " **blocked**"
	}
	m.printf("- %s\n", head)
	for _, f := range c.Fields {
		m.field(f)
	}
	if len(c.DependsOn) > 0 {
		deps := make([]string, len(c.DependsOn))
		for i, d := range c.DependsOn {
			deps[i] = MarkdownCode(d)
		}
		m.printf("  - after %s\n", strings.Join(deps, ", "))
	}
}

func (m *mdWriter) field(f reconcile.Field) {
	switch {
	case f.Sensitive:
		m.printf("  - %s: %s\n", MarkdownText(f.Path), sensitiveWith(f, MarkdownCode))
	case isMembers(f):
		before, after := reconcile.StringList(f.Before), reconcile.StringList(f.After)
		var parts []string
		if rm := reconcile.SetMinus(before, after); len(rm) > 0 {
			parts = append(parts, "removed "+mdCodes(rm))
		}
		if add := reconcile.SetMinus(after, before); len(add) > 0 {
			parts = append(parts, "added "+mdCodes(add))
		}
		m.printf("  - %s: %s\n", MarkdownText(f.Path), strings.Join(parts, "; "))
	case isMultiline(f):
		m.printf("  - %s:\n\n", MarkdownText(f.Path))
		m.block("    ", "diff", reconcile.LineDiff(multilineText(f.Before), multilineText(f.After)))
		m.printf("\n")
	case f.Before == nil:
		m.printf("  - %s: %s\n", MarkdownText(f.Path), MarkdownCode(formatValue(f.After)))
	case f.After == nil:
		m.printf("  - %s: %s\n", MarkdownText(f.Path), MarkdownCode(formatValue(f.Before)))
	default:
		m.printf("  - %s: %s → %s\n", MarkdownText(f.Path), MarkdownCode(formatValue(f.Before)), MarkdownCode(formatValue(f.After)))
	}
}

func (m *mdWriter) checklist(cs []reconcile.Change, title, intro string) {
	if len(cs) == 0 {
		return
	}
	m.printf("### %s\n\n%s\n\n", title, intro)
	for i, c := range cs {
		if !m.within(i, m.budget.perKind) {
			m.printf("- … and %d more (the job log has them all)\n\n", len(cs)-i)
			return
		}
		m.printf("- [ ] %s\n", MarkdownCode(checklistItem(c)))
	}
	m.printf("\n")
}

func mdCodes(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = MarkdownCode(s)
	}
	return strings.Join(out, ", ")
}

// block writes lines as a fenced code block of language lang, each line
// prefixed with indent: every line escaped to one visible line, and a fence
// no line can close.
func (m *mdWriter) block(indent, lang string, lines []string) {
	esc := make([]string, len(lines))
	for i, l := range lines {
		esc[i] = mdBlockLine(l)
	}
	fence := mdFence(esc)
	m.printf("%s%s%s\n", indent, fence, lang)
	for _, l := range esc {
		m.printf("%s%s\n", indent, l)
	}
	m.printf("%s%s\n", indent, fence)
}

// mdFileChangesMax bounds the file-change list and the ready-to-paste
// confirm block, so the plan itself keeps the room in a size-limited comment.
const mdFileChangesMax = 50

// fileChanges lists what the edit to the workspace file does (plan --base).
func (m *mdWriter) fileChanges(p *reconcile.Plan) {
	if p.Base == "" {
		return
	}
	if len(p.FileChanges) == 0 {
		m.printf("The workspace file is unchanged since %s.\n\n", MarkdownCode(p.Base))
		return
	}
	m.printf("<details><summary>This pull request's changes to the workspace file (since `%s`): %d</summary>\n\n", mdHTML(p.Base), len(p.FileChanges))
	for i, c := range p.FileChanges {
		if i == mdFileChangesMax {
			m.printf("- … and %d more (the job log has them all)\n", len(p.FileChanges)-i)
			break
		}
		m.printf("- `%s` %s\n", symbol(c.Action), MarkdownText(checklistItem(c)))
	}
	m.printf("\n</details>\n\n")
}
