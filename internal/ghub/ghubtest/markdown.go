package ghubtest

import (
	"regexp"
	"strconv"
	"strings"
)

// Payloads are what a pull-request author or a server could put in a name,
// a value or a message to forge what a reviewer reads.
var Payloads = map[string]string{
	"raw html":        `<img src=x onerror=alert(1)>`,
	"fake marker":     `<!-- hexform:plan-0123456789abcdef -->`,
	"mention":         `@org/admins`,
	"backtick break":  "a` **bold** `b",
	"forged line":     "x\r\nPlan: 0 to add",
	"link":            `[click](https://evil)`,
	"ansi overwrite":  "\x1b[2K\rPlan:",
	"bidi override":   "txt\u202egpj.exe",
	"fence breakout":  "one\n```\n**out**",
	"html in summary": `</summary><img src=x>`,
}

// ownTags are the HTML tags and the emphasis the Markdown renderings
// themselves write.
var ownTags = regexp.MustCompile(`</?(details|summary)>|\*\*(blocked|Warning:|Plan: |This plan cannot be applied:)`)

// MarkdownForgeries lists what in a Markdown rendering a user's string
// could have forged; plans is how many "Plan:" summary lines it should hold.
// It reads the text outside code spans and code blocks as GitHub would
// render it: raw HTML, mentions, links, images, emphasis, extra summary
// lines; and anywhere, hidden comments and control characters. (A code
// block shows a multi-line value's lines, each as a line of the value.)
func MarkdownForgeries(md string, plans int) []string {
	var problems []string
	if strings.Contains(md, "<!--") {
		problems = append(problems, "an HTML comment opens")
	}
	if strings.ContainsAny(md, "\x1b\r\u202e") {
		problems = append(problems, "a control character or bidi override is raw")
	}
	text := outsideCode(md)
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " >*-#"), "Plan:") {
			n++
		}
	}
	if n != plans {
		problems = append(problems, "lines starting \"Plan:\": "+strings.Repeat("I", n))
	}
	text = ownTags.ReplaceAllString(text, "")
	for _, bad := range []struct{ re, what string }{
		{`<[a-zA-Z/!?]`, "raw HTML"},
		{`(^|[^\w])@[a-zA-Z0-9]`, "a mention"},
		{`(^|[^\\])\]\(|(^|[^\\])!\[`, "a link or image"},
		{`://|www\.`, "an autolink"},
		{`(^|[^\\])\*\*[a-z]`, "emphasis"},
	} {
		if loc := regexp.MustCompile(bad.re).FindStringIndex(text); loc != nil {
			problems = append(problems, bad.what+" outside code: "+strconv.Quote(text[max(loc[0]-20, 0):min(loc[1]+20, len(text))]))
		}
	}
	return problems
}

// outsideCode is md without its fenced code blocks and inline code spans,
// as CommonMark delimits them (lines starting with a fence of three or more
// backticks, closed by one at least as long; spans closed by a run of
// backticks of the same length on the line).
func outsideCode(md string) string {
	var out strings.Builder
	fence := 0
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimLeft(line, " ")
		run := len(t) - len(strings.TrimLeft(t, "`"))
		if fence > 0 {
			if run >= fence && strings.TrimSpace(t[run:]) == "" {
				fence = 0
			}
			continue
		}
		if run >= 3 && !strings.Contains(t[run:], "`") {
			fence = run
			continue
		}
		out.WriteString(stripSpans(line))
		out.WriteByte('\n')
	}
	return out.String()
}

func stripSpans(line string) string {
	var out strings.Builder
	for i := 0; i < len(line); {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			out.WriteString(line[i : i+2])
			i += 2
		case line[i] == '`':
			n := len(line[i:]) - len(strings.TrimLeft(line[i:], "`"))
			if end := closingRun(line, i+n, n); end >= 0 {
				i = end + n
				continue
			}
			out.WriteString(line[i : i+n])
			i += n
		default:
			out.WriteByte(line[i])
			i++
		}
	}
	return out.String()
}

// closingRun is where a run of exactly n backticks starts at or after from, or -1.
func closingRun(line string, from, n int) int {
	for j := from; j < len(line); {
		if line[j] != '`' {
			j++
			continue
		}
		k := j
		for k < len(line) && line[k] == '`' {
			k++
		}
		if k-j == n {
			return j
		}
		j = k
	}
	return -1
}
