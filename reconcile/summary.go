package reconcile

import (
	"fmt"
	"strings"
)

// Summarize recomputes p.Summary from p.Changes. Renames count as updates,
// deactivations as deletes.
func (p *Plan) Summarize() {
	var s Summary
	for _, c := range p.Changes {
		switch c.Action {
		case ActionCreate:
			s.Create++
		case ActionUpdate, ActionRename:
			s.Update++
		case ActionDelete, ActionDeactivate:
			s.Delete++
		}
		if c.Blocked != nil {
			s.Blocked++
		}
		switch c.Mode {
		case ModeManual:
			s.Manual++
		case ModeUnverifiable:
			s.Unverifiable++
		}
	}
	p.Summary = s
}

// HasChanges reports whether the plan changes anything.
func (p *Plan) HasChanges() bool { return len(p.Changes) > 0 }

// String is the summary in words: "2 to create, 1 to update, 1 to delete",
// followed by ", 1 blocked", ", 2 manual", ", 1 unverifiable" when not zero.
func (s Summary) String() string { return s.words(false) }

// Brief is the summary's counts that are not zero ("2 to create, 1
// blocked"), or "no changes": a commit status's description.
func (s Summary) Brief() string {
	if out := s.words(true); out != "" {
		return out
	}
	return "no changes"
}

// words lists the counts in words, the first three even when zero unless
// omitZero is set.
func (s Summary) words(omitZero bool) string {
	var parts []string
	for i, x := range []struct {
		n    int
		word string
	}{{s.Create, "to create"}, {s.Update, "to update"}, {s.Delete, "to delete"},
		{s.Blocked, "blocked"}, {s.Manual, "manual"}, {s.Unverifiable, "unverifiable"}} {
		if x.n > 0 || (i < 3 && !omitZero) {
			parts = append(parts, fmt.Sprintf("%d %s", x.n, x.word))
		}
	}
	return strings.Join(parts, ", ")
}
