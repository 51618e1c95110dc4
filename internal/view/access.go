package view

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// accessNamesMax is how many users one access line names before "and N more".
const accessNamesMax = 10

// accessLine is one line of the "Access changes" section: the users whose
// access to one resource changes the same way, by the same path.
type accessLine struct {
	resource string // "connection/Warehouse", or reconcile.ResourceRole
	gain     bool
	before   string
	after    string
	via      string
	users    []string
}

// sign is "+N" or "-N".
func (l accessLine) sign() string {
	if l.gain {
		return fmt.Sprintf("+%d", len(l.users))
	}
	return fmt.Sprintf("-%d", len(l.users))
}

// words says what happens, in parts a rendering quotes as it needs: the
// text before the resource, after it and the closing remark. A role line
// has no resource: "becomes admin", "(was editor)".
func (l accessLine) words() (lead, remark string) {
	if l.resource == reconcile.ResourceRole {
		switch {
		case l.before == reconcile.AccessNone:
			return "joins as " + l.after, ""
		case l.after == reconcile.AccessNone:
			return "leaves the workspace", "(was " + l.before + ")"
		case l.gain:
			return "becomes " + l.after, "(was " + l.before + ")"
		}
		return "stops being " + l.before, "(now " + l.after + ")"
	}
	if l.gain {
		if l.before != reconcile.AccessNone {
			remark = "(was " + l.before + ")"
		}
		if l.after == "query" {
			return "can query", remark
		}
		return "get " + l.after + " on", remark
	}
	if l.after != reconcile.AccessNone {
		remark = "(now " + l.after + ")"
	}
	if l.before == "query" {
		return "can no longer query", remark
	}
	return "lose " + l.before + " on", remark
}

// shownUsers is the users a line names, and how many it leaves out.
func (l accessLine) shownUsers() ([]string, int) {
	if len(l.users) <= accessNamesMax {
		return l.users, 0
	}
	return l.users[:accessNamesMax], len(l.users) - accessNamesMax
}

// accessLines are the plan's access groups as lines, in the plan's
// resource order: gains first, then losses, each by level and path. The
// role changes of users with the same roles before and after make one
// line (each is a group of its own: its path is the user's change).
func accessLines(p *reconcile.Plan) []accessLine {
	type key struct{ resource, before, after, via string } // the levels decide gain
	order := map[string]int{}                              // resource -> its place in the plan
	by := map[key]*accessLine{}
	var keys []key
	for _, g := range p.Access {
		if _, ok := order[g.Resource]; !ok {
			order[g.Resource] = len(order)
		}
		via := g.Via
		if g.Resource == reconcile.ResourceRole {
			via = ""
		}
		k := key{g.Resource, g.Before, g.After, via}
		l := by[k]
		if l == nil {
			l = &accessLine{resource: g.Resource, gain: g.Gain(), before: g.Before, after: g.After, via: via}
			by[k], keys = l, append(keys, k)
		}
		if l.users == nil {
			l.users = g.Users // most lines are one group: no copy
		} else {
			l.users = append(slices.Clip(l.users), g.Users...)
		}
	}
	slices.SortStableFunc(keys, func(a, b key) int {
		return cmp.Or(
			cmp.Compare(order[a.resource], order[b.resource]),
			cmpBool(!by[a].gain, !by[b].gain),
			cmp.Compare(a.after, b.after), cmp.Compare(a.before, b.before), cmp.Compare(a.via, b.via))
	})
	out := make([]accessLine, len(keys))
	for i, k := range keys {
		out[i] = *by[k]
	}
	return out
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// hasAccessSection reports whether the plan has an access section to show.
func hasAccessSection(p *reconcile.Plan) bool {
	return len(p.Access) > 0 || len(p.AccessNotComputed) > 0
}

// seatLine is the seat counts per role: "guest 1, editor 2 -> 1, admin 0 ->
// 1" (arrow is "->" or "→"), leaving out roles no one holds before or after.
func seatLine(seats []reconcile.SeatCount, arrow string) string {
	var parts []string
	for _, s := range seats {
		switch {
		case s.Before == 0 && s.After == 0:
		case s.Before == s.After:
			parts = append(parts, fmt.Sprintf("%s %d", s.Role, s.Before))
		default:
			parts = append(parts, fmt.Sprintf("%s %d %s %d", s.Role, s.Before, arrow, s.After))
		}
	}
	return strings.Join(parts, ", ")
}

// access prints the "Access changes" section.
func (t *textWriter) access(p *reconcile.Plan) {
	if !hasAccessSection(p) {
		return
	}
	t.line("")
	t.line("%s", t.paint(ansiBold, "Access changes"))
	for _, l := range accessLines(p) {
		lead, remark := l.words()
		s := l.sign() + " " + lead
		if l.resource != reconcile.ResourceRole {
			s += " " + l.resource
		}
		if l.via != "" {
			s += " via " + l.via
		}
		if remark != "" {
			s += " " + remark
		}
		users, more := l.shownUsers()
		s += ": " + strings.Join(users, ", ")
		if more > 0 {
			s += fmt.Sprintf(" and %d more", more)
		}
		color := ansiGreen
		if !l.gain {
			color = ansiRed
		}
		t.line("  %s", t.paint(color, reconcile.EscapeText(s)))
	}
	if len(p.Seats) > 0 {
		t.line("  Seats by role (active users, before -> after): %s", seatLine(p.Seats, "->"))
	}
	for _, n := range p.AccessNotComputed {
		t.line("  %s %s", t.paint(ansiYellow, "not computed:"), reconcile.EscapeText(n))
	}
}

// accessMax bounds the lines of the Markdown access section, so a plan
// that shares many resources with many single users keeps its room.
const accessMax = 50

// access writes the "Access changes" section.
func (m *mdWriter) access(p *reconcile.Plan) {
	if !hasAccessSection(p) {
		return
	}
	m.printf("### Access changes\n\n")
	lines := accessLines(p)
	for i, l := range lines {
		if i == accessMax {
			m.printf("- … and %d more lines (the JSON plan has every entry)\n", len(lines)-i)
			break
		}
		lead, remark := l.words()
		s := "- **" + l.sign() + "** " + MarkdownText(lead)
		if l.resource != reconcile.ResourceRole {
			s += " " + MarkdownCode(l.resource)
		}
		if l.via != "" {
			s += " via " + MarkdownCode(l.via)
		}
		if remark != "" {
			s += " " + MarkdownText(remark)
		}
		users, more := l.shownUsers()
		s += ": " + mdCodes(users)
		if more > 0 {
			s += fmt.Sprintf(" and %d more", more)
		}
		m.printf("%s\n", s)
	}
	if len(p.Seats) > 0 {
		m.printf("\nSeats by role (active users, before → after): %s\n", MarkdownText(seatLine(p.Seats, "→")))
	}
	for i, n := range p.AccessNotComputed {
		if i == 0 {
			m.printf("\n")
		}
		m.printf("> **Not computed:** %s\n", MarkdownText(n))
	}
	m.printf("\n")
}
