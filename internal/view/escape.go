package view

import (
	"fmt"
	"github.com/hexform/hexform/schema"
	"strings"

	"github.com/hexform/hexform/reconcile"
)

// Every string a workspace file, a target or a server supplies (names,
// emails, descriptions, field paths that contain names, values, warnings,
// error messages) goes through one of the functions below before a renderer
// prints it, chosen by where it lands: a terminal line (reconcile.EscapeText), running
// Markdown text (MarkdownText), an inline code span (MarkdownCode), a line of
// a fenced code block (mdBlockLine with mdFence), or the text of an HTML
// element such as <summary> (mdHTML). Nothing a user writes can then end a
// line, move the cursor, colour the terminal, reorder text, open HTML, a
// link or an image, notify someone, or forge the hidden marker hexform finds
// its own comments by.

// zwj (U+200D ZERO WIDTH JOINER) is put after characters GitHub would
// otherwise turn into mentions, issue references, autolinks or emoji.
const zwj = "\u200d"

// MarkdownText escapes s for GitHub-flavoured Markdown running text, so
// that it reads literally: EscapeText first (one line, nothing invisible),
// then HTML's &, < and > as entities (no raw HTML, no hidden comment), a
// backslash before every character that gives text a meaning inline
// (emphasis, code, links and images, tables, strike-through; an underscore
// inside a word, as in default_role, means nothing and stays), and a zero
// width joiner after @ and # that start a word (no mention, no issue
// reference, no heading), after a colon before a letter, digit or slash (no
// autolink, no emoji) and in "www." (no autolink). An email address keeps
// its @, so GitHub may show it as a mail link to exactly the text shown.
func MarkdownText(s string) string {
	if plainMarkdown(s) {
		return s
	}
	return markdownText(s)
}

func markdownText(s string) string {
	return escapeRunes(s, func(b *strings.Builder, s string, i int, r rune) bool {
		switch r {
		case '\\', '`', '*', '[', ']', '~', '|':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '_':
			if !intraword(s, i) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			return false
		}
		return true
	})
}

// escapeRunes escapes s for Markdown: EscapeText first, then '&', '<' and
// '>' as entities, each rune special writes (reporting true), and a zero
// width joiner after what GitHub would turn into a mention or a link.
func escapeRunes(s string, special func(b *strings.Builder, s string, i int, r rune) bool) string {
	s = reconcile.EscapeText(s)
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case special(&b, s, i, r):
		default:
			b.WriteRune(r)
			breakAfter(&b, s, i, r)
		}
	}
	return b.String()
}

// plainMarkdown reports whether MarkdownText leaves s as it is: printable
// ASCII without a character it escapes or breaks after, and no "www.".
func plainMarkdown(s string) bool {
	if !schema.PlainASCII(s) || strings.ContainsAny(s, "&<>\\`*[]~|_@#:") {
		return false
	}
	for i := 3; i < len(s); i++ {
		if s[i] == '.' && strings.EqualFold(s[i-3:i], "www") {
			return false
		}
	}
	return true
}

// intraword reports whether s[i] has a letter or digit on both sides, where
// an underscore can neither open nor close emphasis.
func intraword(s string, i int) bool {
	return i > 0 && i+1 < len(s) && isAlnum(s[i-1]) && isAlnum(s[i+1])
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// afterWord reports whether s[i] follows a letter, digit or '_'.
func afterWord(s string, i int) bool {
	return i > 0 && (isAlnum(s[i-1]) || s[i-1] == '_')
}

// mdHTML escapes s for the text of an HTML element (a <summary>), where
// HTML, mentions and autolinks are parsed, and Markdown may be: the
// characters Markdown gives a meaning are numeric character references,
// which read the same in HTML and never delimit anything in Markdown.
func mdHTML(s string) string {
	return escapeRunes(s, func(b *strings.Builder, _ string, _ int, r rune) bool {
		switch r {
		case '"':
			b.WriteString("&quot;")
		case '\\', '`', '*', '_', '[', ']', '~', '|':
			fmt.Fprintf(b, "&#%d;", r)
		default:
			return false
		}
		return true
	})
}

// breakAfter writes a zero width joiner after r (at s[i]) when GitHub
// would make r and what follows a mention, a reference, an autolink or an
// emoji. An @ or # right after a word (an email address, a#b) starts no
// mention or reference, and stays as it is.
func breakAfter(b *strings.Builder, s string, i int, r rune) {
	next := byte(0)
	if i+1 < len(s) {
		next = s[i+1]
	}
	alnum := isAlnum(next)
	switch {
	case (r == '@' || r == '#') && !afterWord(s, i):
		b.WriteString(zwj)
	case r == ':' && (alnum || next == '/'):
		b.WriteString(zwj)
	case (r == 'w' || r == 'W') && next == '.' && i >= 2 && strings.EqualFold(s[i-2:i], "ww"):
		b.WriteString(zwj)
	}
}

// MarkdownCode makes s one inline code span that nothing in s can end or
// break: EscapeText makes it one visible line, a hidden-comment opener
// "<!--" is split with a zero width joiner, and the fence is one backtick
// longer than the longest run of backticks in s.
func MarkdownCode(s string) string {
	s = breakComment(reconcile.EscapeText(s))
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// breakComment splits every "<!--" so no HTML comment, and no hexform
// marker, can start in s.
func breakComment(s string) string {
	return strings.ReplaceAll(s, "<!--", "<"+zwj+"!--")
}

// mdBlockLine is s as one line of a fenced code block: one visible line
// that opens no HTML comment. The fence comes from mdFence.
func mdBlockLine(s string) string { return breakComment(reconcile.EscapeText(s)) }

// mdFence is a backtick fence no line of a code block can close: at least
// three backticks, and longer than any run of backticks in lines.
func mdFence(lines []string) string {
	n := 2
	for _, l := range lines {
		n = max(n, longestRun(l, '`'))
	}
	return strings.Repeat("`", n+1)
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
