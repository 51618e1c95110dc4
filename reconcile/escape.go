package reconcile

import (
	"fmt"
	"github.com/hexform/hexform/schema"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EscapeText shows every character a terminal would act on rather than
// print as a visible escape: control characters (ESC as \x1b, CR as \r, LF
// as \n, tab as \t), bidirectional overrides and other invisible format
// characters (\u202e, \u200b), line and paragraph separators, and bytes that
// are not UTF-8 (\xff). Printable text, spaces included, is unchanged, so the
// result is always one line that shows what the string holds. The engine
// escapes the names and server messages its own errors quote with it, and
// every escaping of the view layer starts from it.
func EscapeText(s string) string {
	if schema.PlainASCII(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r != ' ' && !unicode.IsGraphic(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func escapeRune(r rune) string {
	switch r {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	}
	switch {
	case r < utf8.RuneSelf:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}
