package schema

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// textKind says which characters a string field may hold and how long it
// may be. Names identify items in plans, change ids and the Hex UI, so they
// are one line of visible text in Unicode's composed form (NFC): a hidden
// or reordering character, or a decomposed accent, would make two names
// that look the same differ, or make a reviewed line mean something else
// than it shows. A description is free text: it may hold line breaks, tabs
// and the joiners emoji and several scripts need, but nothing else that is
// invisible or reorders the text. A connection config value or a secret's
// file path is one line of visible text too, in whatever form it has
// outside the file.
type textKind struct {
	max       int  // most runes
	multiline bool // may hold LF and tab, and the joiners U+200C and U+200D
	anyForm   bool // need not be NFC: a value that must match something outside the file
}

// Lengths, in runes. Hex documents none; these are far above any real name
// and keep a hostile file from carrying megabyte names into every plan.
const (
	MaxNameLen        = 200  // workspace, group, connection, package, status, category, user names; previously entries; ref names
	MaxEmailLen       = 254  // the longest address SMTP carries
	MaxPatternLen     = 200  // ignore patterns
	MaxConfirmLen     = 300  // "<verb> <kind>/<name>"
	MaxDescriptionLen = 2000 // connection and category descriptions
	MaxValueLen       = 4096 // connection config values and secret file paths
)

// MaxIgnoreGlobs is how many patterns with wildcards one kind under
// ignore: may hold; each is tried against every item of its kind. Patterns
// without wildcards are names, looked up directly, and not limited.
const MaxIgnoreGlobs = 100

var (
	nameText        = textKind{max: MaxNameLen}
	emailText       = textKind{max: MaxEmailLen}
	patternText     = textKind{max: MaxPatternLen}
	confirmText     = textKind{max: MaxConfirmLen}
	descriptionText = textKind{max: MaxDescriptionLen, multiline: true}
	valueText       = textKind{max: MaxValueLen, anyForm: true}
)

// runeNames names the characters text checks refuse by name.
var runeNames = map[rune]string{
	0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED",
	0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
	0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER", 0xAD: "SOFT HYPHEN",
	0x061C: "ARABIC LETTER MARK", 0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
	0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER", 0x2061: "FUNCTION APPLICATION", 0x2062: "INVISIBLE TIMES", 0x2063: "INVISIBLE SEPARATOR", 0x2064: "INVISIBLE PLUS",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
	0xFEFF: "ZERO WIDTH NO-BREAK SPACE", 0xFFFD: "REPLACEMENT CHARACTER",
}

// describeRune renders r as "U+202E RIGHT-TO-LEFT OVERRIDE", or "U+0301"
// when it has no name here.
func describeRune(r rune) string {
	if name, ok := runeNames[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, name)
	}
	return fmt.Sprintf("U+%04X", r)
}

// isBidi reports the characters that change the order text is displayed in.
func isBidi(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// textProblem returns what is wrong with s for a field of kind k, and how
// to fix it; "" when nothing is.
func textProblem(s string, k textKind) (problem, hint string) {
	if len(s) <= k.max && PlainASCII(s) {
		return "", "" // the common case, without decoding runes
	}
	if n := utf8.RuneCountInString(s); n > k.max {
		return fmt.Sprintf("is %d characters long, more than the %d allowed", n, k.max), "shorten it"
	}
	at := 0
	for _, r := range s {
		at++
		switch {
		case k.multiline && (r == '\n' || r == '\t'):
		case k.multiline && (r == 0x200C || r == 0x200D):
		case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
			return fmt.Sprintf("holds a line break, %s, at character %d", describeRune(r), at), "write it on one line"
		case r == 0x1B || r == 0x9B:
			return fmt.Sprintf("holds a terminal escape sequence, %s, at character %d", describeRune(r), at),
				"remove it: escape sequences can rewrite what a terminal shows"
		case isBidi(r):
			return fmt.Sprintf("holds a bidirectional control, %s, at character %d", describeRune(r), at),
				"remove it: it changes the order the text is displayed in, so what a reviewer reads is not what is applied"
		case unicode.Is(unicode.Cc, r) || r == utf8.RuneError:
			return fmt.Sprintf("holds a control character, %s, at character %d", describeRune(r), at), "remove it"
		case unicode.Is(unicode.Cf, r) || r == 0x180E:
			return fmt.Sprintf("holds an invisible character, %s, at character %d", describeRune(r), at),
				"remove it: two names that look the same would be different names"
		}
	}
	if !k.anyForm && !norm.NFC.IsNormalString(s) {
		return "is not in Unicode's composed form (NFC)" + firstDecomposed(s),
			fmt.Sprintf("write it composed, as %q: some editors and file systems save accents as separate characters", norm.NFC.String(s))
	}
	return "", ""
}

// PlainASCII reports whether s holds only printable ASCII and spaces: text
// that needs no escaping anywhere hexform prints it.
func PlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			return false
		}
	}
	return true
}

// firstDecomposed names the first character of s that NFC would change:
// a combining mark, or the first character past the normalised prefix.
func firstDecomposed(s string) string {
	n := norm.NFC.QuickSpanString(s)
	at := utf8.RuneCountInString(s[:n])
	for _, r := range s[n:] {
		at++
		if unicode.Is(unicode.M, r) || !norm.NFC.IsNormalString(string(r)) {
			return fmt.Sprintf(": %s at character %d", describeRune(r), at)
		}
	}
	return ""
}

// text checks the string s decoded from n for a field of kind k, reporting
// at n. It returns whether s passed.
func (d *decoder) text(n *yaml.Node, path, what, s string, k textKind) bool {
	problem, hint := textProblem(s, k)
	if problem == "" {
		return true
	}
	d.errorf(deref(n), path, hint, "%s %s %s", what, quoteShort(s), problem)
	return false
}

// textKey is text for a mapping key recorded at path.
func (d *decoder) textKey(path, what, s string, k textKind) bool {
	problem, hint := textProblem(s, k)
	if problem == "" {
		return true
	}
	d.add(d.keyAt(path), SeverityError, hint, "%s %s %s", what, quoteShort(s), problem)
	d.bad[path] = true
	return false
}

// quoteShort quotes s and cuts it to its first 40 characters, so a
// megabyte value does not fill the terminal.
func quoteShort(s string) string {
	const keep = 40
	n := 0
	for i := range s {
		if n == keep {
			return quote(s[:i]) + "..."
		}
		n++
	}
	return quote(s)
}

// quote is %q with every non-ASCII character written out when it is not a
// letter, mark, number, punctuation or symbol a reader can see.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && unicode.IsPrint(r):
			b.WriteRune(r)
		case r >= 0x80 && unicode.IsPrint(r) && !unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
