package view

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/hexform/hexform/internal/ghub/ghubtest"
	"github.com/hexform/hexform/reconcile"
)

// payloadPlan puts p in every place a renderer prints a user's string.
func payloadPlan(p string) *reconcile.Plan {
	reason := "needs confirmation (" + p + ")\n  - delete group/" + p
	grp := reconcile.ChangeID(reconcile.ActionDelete, reconcile.KindGroup, p)
	plan := &reconcile.Plan{
		Workspace: "ws " + p, Target: "file:" + p, Source: p + ".yaml", Base: "main " + p,
		Warnings: []string{"warning " + p, p},
		Changes: []reconcile.Change{
			{ID: grp, Action: reconcile.ActionDelete, Kind: reconcile.KindGroup, Name: p, Risk: reconcile.RiskHigh, Mode: reconcile.ModeAuto, Blocked: &reason,
				Fields: []reconcile.Field{{Path: "name", Before: p}}},
			{ID: reconcile.ChangeID(reconcile.ActionRename, reconcile.KindGroup, p), Action: reconcile.ActionRename, Kind: reconcile.KindGroup, Name: p, Risk: reconcile.RiskMedium, Mode: reconcile.ModeAuto,
				Fields: []reconcile.Field{
					{Path: "name", Before: p, After: p + "2"},
					{Path: "members", Before: []string{p}, After: []string{"a@b.example", p + "x"}},
					{Path: "description", Before: p, After: "line one\n" + p + "\nline three " + strings.Repeat("y", 70)},
					{Path: "meta", Before: map[string]any{"k": p}, After: nil},
				},
				DependsOn: []string{grp}},
			{ID: reconcile.ChangeID(reconcile.ActionUpdate, reconcile.KindConnection, p), Action: reconcile.ActionUpdate, Kind: reconcile.KindConnection, Name: p, Risk: reconcile.RiskLow, Mode: reconcile.ModeAuto,
				Fields: []reconcile.Field{{Path: "sharing.groups." + p, Before: "none", After: p}, {Path: "install", Before: nil, After: "pip install " + p}}},
			{ID: reconcile.ChangeID(reconcile.ActionUpdate, reconcile.KindUser, p), Action: reconcile.ActionUpdate, Kind: reconcile.KindUser, Name: p, Risk: reconcile.RiskLow, Mode: reconcile.ModeManual,
				Fields: []reconcile.Field{{Path: "role", Before: p, After: "editor"}}},
			{ID: reconcile.ChangeID(reconcile.ActionCreate, reconcile.KindStatus, p), Action: reconcile.ActionCreate, Kind: reconcile.KindStatus, Name: p, Risk: reconcile.RiskLow, Mode: reconcile.ModeUnverifiable,
				Fields: []reconcile.Field{{Path: "name", After: p}}},
			{ID: "create " + p + "/x", Action: reconcile.ActionCreate, Kind: reconcile.Kind(p), Name: "x", Risk: reconcile.RiskLow, Mode: reconcile.ModeAuto},
		},
	}
	plan.FileChanges = []reconcile.Change{plan.Changes[0], plan.Changes[1], plan.Changes[3]}
	plan.Summarize()
	return plan
}

func TestRenderMarkdownPayloadsCannotForge(t *testing.T) {
	for name, p := range ghubtest.Payloads {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := PlanMarkdown(&b, payloadPlan(p), Options{}); err != nil {
				t.Fatal(err)
			}
			for _, problem := range ghubtest.MarkdownForgeries(b.String(), 1) {
				t.Error(problem)
			}
			if t.Failed() {
				t.Logf("rendering:\n%s", b.String())
			}
		})
	}
}

func TestRenderTextPayloadsCannotForge(t *testing.T) {
	for name, p := range ghubtest.Payloads {
		t.Run(name, func(t *testing.T) {
			for _, color := range []bool{false, true} {
				var b bytes.Buffer
				if err := PlanText(&b, payloadPlan(p), Options{Color: color}); err != nil {
					t.Fatal(err)
				}
				out := b.String()
				if color {
					out = ansiRE.ReplaceAllString(out, "") // hexform's own colours
				}
				for _, problem := range TextForgeries(out) {
					t.Errorf("color %v: %s", color, problem)
				}
				if t.Failed() {
					t.Logf("rendering:\n%s", out)
				}
			}
		})
	}
}

// ansiRE matches the colour sequences RenderText itself writes.
var ansiRE = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// TextForgeries lists what in a terminal rendering a user's string could
// have forged: any control or invisible character but LF, and any line
// starting "Plan:" besides the last.
func TextForgeries(out string) []string {
	var problems []string
	for _, r := range out {
		if r != '\n' && reconcile.EscapeText(string(r)) != string(r) {
			problems = append(problems, "unescaped character "+reconcile.EscapeText(string(r)))
		}
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "Plan:") && i != len(lines)-1 {
			problems = append(problems, "forged summary line "+strconvQuote(l))
		}
	}
	return problems
}

func strconvQuote(s string) string { return formatValue(s) }

func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"plain, words.":          "plain, words.",
		`a <b> & c`:              `a &lt;b&gt; &amp; c`,
		"@org/admins":            "@" + zwj + "org/admins",
		"see #12":                "see #" + zwj + "12",
		"ana@acme.com, a#1":      "ana@acme.com, a#1",
		"(@team) x.@y":           "(@" + zwj + "team) x.@" + zwj + "y",
		"[x](https://e)":         `\[x\](https:` + zwj + `//e)`,
		"www.evil.com":           "www" + zwj + ".evil.com",
		"*b* _i_ `c` ~s~ |t| !i": `\*b\* \_i\_ \` + "`c\\`" + ` \~s\~ \|t\| !i`,
		"default_role (x)":       "default_role (x)",
		"x\r\ny":                 `x\\r\\ny`,
		"note: fine":             "note: fine",
		":warning:":              ":" + zwj + "warning:",
	} {
		if got := MarkdownText(in); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMarkdownTextFastPath: what the fast path passes through is what the
// full escaping would leave unchanged.
func TestMarkdownTextFastPath(t *testing.T) {
	for _, s := range []string{"plain", "a.b.c", "w.w.w.", "sharing.groups.Old team", "end.", "1 to create, 2 (x)"} {
		if !plainMarkdown(s) || markdownText(s) != s {
			t.Errorf("%q: fast path %v, escaped %q", s, plainMarkdown(s), markdownText(s))
		}
	}
	for _, s := range []string{"x www.y", "WWW.y", "a_b", "a@b", "a:b"} {
		if plainMarkdown(s) {
			t.Errorf("plainMarkdown(%q) = true", s)
		}
	}
}
