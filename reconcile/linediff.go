package reconcile

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// LineDiff compares two texts line by line (sergi/go-diff) and returns the
// lines of a unified-style diff body: " same", "-removed", "+added", each
// without its newline.
func LineDiff(before, after string) []string {
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(before, after)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var out []string
	for _, d := range diffs {
		prefix := " "
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			prefix = "-"
		case diffmatchpatch.DiffInsert:
			prefix = "+"
		}
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l == "" {
				continue
			}
			out = append(out, prefix+strings.TrimSuffix(l, "\n"))
		}
	}
	return out
}
