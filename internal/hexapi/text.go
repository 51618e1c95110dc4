package hexapi

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxServerText bounds each text a server sends back in an error (a
// message, a reason, details, one issue), in bytes once escaped.
const MaxServerText = 512

// maxIssues is how many issues of an error body are kept.
const maxIssues = 10

// serverText makes text from a server fit to print: the token and the
// scrubbers' secrets removed first (so that cutting cannot leave part of a
// secret), then control and invisible characters escaped, then cut to
// MaxServerText bytes.
func (c *Client) serverText(s string) string {
	return boundText(c.redact(s), MaxServerText)
}

// boundText escapes s and cuts it to at most n bytes, on a character
// boundary and never inside an escape, saying how many bytes of s were left
// out: "…(N more bytes)".
func boundText(s string, n int) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		piece := escapeRune(r, s[i:i+size])
		if b.Len()+len(piece) > n {
			fmt.Fprintf(&b, "…(%d more bytes)", len(s)-i)
			return b.String()
		}
		b.WriteString(piece)
		i += size
	}
	return b.String()
}

// escapeRune returns raw (the bytes of r) unchanged when it prints as
// itself, else an escape: control characters (\n, \x1b, \u0085), bytes that
// are not UTF-8 (\xff), and the invisible characters that reorder or hide
// text (bidi controls, zero-width characters, line separators).
func escapeRune(r rune, raw string) string {
	switch {
	case r == utf8.RuneError && len(raw) == 1:
		return fmt.Sprintf(`\x%02x`, raw[0])
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r == '\t':
		return `\t`
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || unicode.Is(unicode.Zl, r) ||
		unicode.Is(unicode.Zp, r) || r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return raw
}
