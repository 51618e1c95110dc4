package reconcile

import "testing"

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"plain name":        "plain name",
		"é ünïcode 名前":      "é ünïcode 名前",
		"a\nb\r\tc":         `a\nb\r\tc`,
		"\x1b[2K\rPlan:":    `\x1b[2K\rPlan:`,
		"txt\u202egpj":      `txt\u202egpj`,
		"zero\u200bwidth":   `zero\u200bwidth`,
		"sep\u2028x\u0085y": `sep\u2028x\u0085y`,
		"bad\xffutf8":       `bad\xffutf8`,
		"del\x7f":           `del\x7f`,
		"tag\U000E0041":     `tag\U000e0041`,
	} {
		if got := EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
	}
}
