package view

import (
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// longValue is the length from which a string value is shown as a line diff
// in Markdown rather than inline.
const longValue = 60

// isMultiline reports whether Markdown shows f as a ```diff block: install
// commands, and strings that span lines or are long.
func isMultiline(f reconcile.Field) bool {
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
	if list := reconcile.StringList(v); list != nil {
		if len(list) == 0 {
			return ""
		}
		return strings.Join(list, "\n") + "\n"
	}
	return formatValue(v) + "\n"
}
