package reconcile

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// longValue is the length from which a string value is shown as a line diff
// in Markdown rather than inline.
const longValue = 60

// isMultiline reports whether Markdown shows f as a ```diff block: install
// commands, and strings that span lines or are long.
func isMultiline(f Field) bool {
	if f.Sensitive {
		return false
	}
	if f.Path == "install" {
		return true
	}
	for _, v := range []any{f.Before, f.After} {
		if s, ok := v.(string); ok && (strings.Contains(s, "\n") || len(s) > longValue) {
			return true
		}
	}
	return false
}

// multilineText is a value as the lines a line diff compares.
func multilineText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSuffix(x, "\n") + "\n"
	}
	if list := stringList(v); list != nil {
		if len(list) == 0 {
			return ""
		}
		return strings.Join(list, "\n") + "\n"
	}
	return formatValue(v) + "\n"
}

func lineDiff(before, after string) []string { return LineDiff(before, after) }

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
