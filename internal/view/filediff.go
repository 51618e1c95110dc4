package view

import (
	"fmt"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// diffContext is how many unchanged lines a hunk shows around a change.
const diffContext = 3

// diffLine is one line of a line diff: ' ' same, '-' removed, '+' added.
type diffLine struct {
	op   byte
	text string // without its newline
	old  int    // 1-based line number in before (for ' ' and '-')
	new  int    // 1-based line number in after (for ' ' and '+')
}

// UnifiedDiff renders the difference between two texts as a unified diff
// (diff -u), with the file names in its header; "" when they are equal.
// fmt --check prints it for a file that is not formatted.
func UnifiedDiff(before, after, fromName, toName string) string {
	lines := diffLines(before, after)
	var b strings.Builder
	for i := 0; i < len(lines); {
		if lines[i].op == ' ' {
			i++
			continue
		}
		start := max(0, i-diffContext)
		end := i
		for j := i; j < len(lines); j++ {
			if lines[j].op != ' ' {
				end = j
			} else if j-end > 2*diffContext {
				break
			}
		}
		end = min(len(lines), end+diffContext+1)
		if b.Len() == 0 {
			fmt.Fprintf(&b, "--- %s\n+++ %s\n", fromName, toName)
		}
		writeHunk(&b, lines[start:end])
		i = end
	}
	return b.String()
}

func writeHunk(b *strings.Builder, h []diffLine) {
	oldStart, newStart, oldN, newN := 0, 0, 0, 0
	for _, l := range h {
		if l.op != '+' {
			if oldN == 0 {
				oldStart = l.old
			}
			oldN++
		}
		if l.op != '-' {
			if newN == 0 {
				newStart = l.new
			}
			newN++
		}
	}
	if oldN == 0 {
		oldStart = h[0].old - 1
	}
	if newN == 0 {
		newStart = h[0].new - 1
	}
	fmt.Fprintf(b, "@@ -%d,%d +%d,%d @@\n", oldStart, oldN, newStart, newN)
	for _, l := range h {
		fmt.Fprintf(b, "%c%s\n", l.op, l.text)
	}
}

// diffLines compares before and after line by line, numbering each line
// in the old and the new text.
func diffLines(before, after string) []diffLine {
	var out []diffLine
	oldN, newN := 1, 1
	for _, l := range reconcile.LineDiff(before, after) {
		op := l[0]
		out = append(out, diffLine{op: op, text: l[1:], old: oldN, new: newN})
		if op != '+' {
			oldN++
		}
		if op != '-' {
			newN++
		}
	}
	return out
}
