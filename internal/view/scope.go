package view

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// ScopeLine says what a plan from a scoped read did not read and why
// ("scoped to this change: 1 of 300 groups read; connections not read; the
// scheduled drift run checks the rest"); "" for a plan of everything the
// file manages.
func ScopeLine(p *reconcile.Plan) string {
	n := p.Scope
	if n == nil {
		return ""
	}
	var parts []string
	for _, k := range reconcile.Kinds {
		if c, ok := n.Partial[k]; ok {
			parts = append(parts, fmt.Sprintf("%s of %s %s read", thousands(c.Read), thousands(c.Total), k.Plural()))
		}
	}
	var skipped []string
	for _, k := range n.NotRead {
		skipped = append(skipped, k.Plural())
	}
	if len(skipped) > 0 {
		parts = append(parts, strings.Join(skipped, ", ")+" not read")
	}
	reason := n.Reason
	if reason == "" {
		reason = "scoped read"
	}
	return reason + ": " + strings.Join(parts, "; ") + "; the scheduled drift run checks the rest"
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
